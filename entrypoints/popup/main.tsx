import { render } from 'preact';
import '@/src/ui/shared/base.css';
import '@/src/ui/popup/popup.css';
import { Popup } from '@/src/ui/popup/Popup';

const root = document.getElementById('app');
if (root) render(<Popup />, root);
