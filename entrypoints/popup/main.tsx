import { render } from 'preact';
import '@/src/ui/shared/base.css';
import '@/src/ui/popup/popup.css';
import { t } from '@/src/ui/i18n';
import { Popup } from '@/src/ui/popup/Popup';
import { applyDocumentLanguage } from '@/src/ui/shared/document-language';

applyDocumentLanguage();
document.title = t('extensionName');
const root = document.getElementById('app');
if (root) render(<Popup />, root);
