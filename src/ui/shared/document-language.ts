import { browser } from 'wxt/browser';
import { t } from '@/src/ui/i18n';
import { pageLanguage, textDirection } from './locales';

function browserUiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    // No i18n API (tests): the English catalogue answers, and so English it is.
    return undefined;
  }
}

/**
 * Sets `<html lang dir>` of an extension page to the language its text is shown in, so screen
 * readers pronounce it right, hyphenation works and the browser offers no translation.
 */
export function applyDocumentLanguage(root: HTMLElement = document.documentElement): string {
  const lang = pageLanguage(browserUiLanguage(), t('catalogueLanguage'));
  root.lang = lang;
  root.dir = textDirection(lang);
  return lang;
}
