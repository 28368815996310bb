import { render } from 'preact';
import '@/src/ui/shared/base.css';
import '@/src/ui/options/options.css';
import { OptionsPage } from '@/src/ui/options/OptionsPage';

const root = document.getElementById('app');
if (root) render(<OptionsPage />, root);
