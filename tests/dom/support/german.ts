/** browser.i18n.getMessage as Chrome answers it for a German browser, from the German catalogue. */
import german from '@/public/_locales/de/messages.json';
import { formatMessage, type CatalogueEntry } from '@/src/ui/i18n';

export function germanMessage(key: string, substitutions?: string | string[]): string {
  const entry = (german as Record<string, CatalogueEntry | undefined>)[key];
  return entry ? formatMessage(entry, substitutions === undefined ? [] : [substitutions].flat()) : '';
}
