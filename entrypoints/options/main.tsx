import { render } from 'preact';
import '@/src/ui/shared/base.css';
import '@/src/ui/options/options.css';
import { t } from '@/src/ui/i18n';
import { OptionsPage } from '@/src/ui/options/OptionsPage';
import { applyDocumentLanguage } from '@/src/ui/shared/document-language';

applyDocumentLanguage();
document.title = t('optionsDocumentTitle');
const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
