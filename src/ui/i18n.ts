/**
 * UI text through browser.i18n (the browser picks the user's language from public/_locales).
 * Keys are typed from the English catalogue, which is also the fallback where the API gives
 * nothing (unit tests, a key missing from a translation).
 */
import { browser } from 'wxt/browser';
import english from '@/public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

export interface CatalogueEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** A catalogue message with its placeholders filled in, as browser.i18n.getMessage does. */
export function formatMessage(entry: CatalogueEntry, substitutions: readonly string[]): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, placeholder]) => [
      name.toLowerCase(),
      substitutions[Number(placeholder.content.replace('$', '')) - 1] ?? '',
    ]),
  );
  // One pass, with a function: substituted values are never read as patterns ("$&", "$$").
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name: string | undefined) =>
    name === undefined ? '$' : (placeholders.get(name.toLowerCase()) ?? whole),
  );
}

export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const values = substitutions.map(String);
  let translated = '';
  try {
    translated = browser.i18n.getMessage(key, values);
  } catch {
    // No i18n API here (tests): the English catalogue answers.
  }
  return translated || formatMessage(english[key], values);
}
