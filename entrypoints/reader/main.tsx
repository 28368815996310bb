import { render } from 'preact';
import '@/src/ui/shared/base.css';
import '@/src/ui/reader/reader.css';
import { Reader } from '@/src/ui/reader/Reader';

const root = document.getElementById('app');
if (root) render(<Reader />, root);
