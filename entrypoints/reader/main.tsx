import { render } from 'preact';
import '@/src/ui/shared/base.css';
import '@/src/ui/reader/reader.css';
import { Reader } from '@/src/ui/reader/Reader';
import { applyDocumentLanguage } from '@/src/ui/shared/document-language';

// The reader sets the document title itself, from what it shows.
applyDocumentLanguage();
const root = document.getElementById('app');
if (root) render(<Reader />, root);
