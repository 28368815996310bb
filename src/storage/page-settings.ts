/**
 * Settings as a page takes them, without the schema library (see settings-base.ts). The options page
 * and the popup write settings in the form `readSettings` gives, so a page uses the stored value as
 * it is when `isCanonicalSettings` says so; anything else (an older or newer format, a value changed
 * by hand) it has the background read, with the schema.
 */
import { watchLocal } from './page-storage';
import { defaultSettings, isCanonicalSettings, type Settings } from '../core/settings-base';

export const SETTINGS_KEY = 'local:settings' as const;

export async function pageSettingsFrom(stored: unknown, readInBackground: () => Promise<Settings>): Promise<Settings> {
  if (stored === undefined || stored === null) return defaultSettings();
  if (isCanonicalSettings(stored)) return stored;
  try {
    return await readInBackground();
  } catch (error) {
    console.warn('Gloss: the stored settings could not be read; using the defaults', error);
    return defaultSettings();
  }
}

/**
 * Calls `onChange` with the settings each time they are stored; returns the unsubscribe function.
 * A value the background has to read can arrive after a later one: only the latest is passed on.
 */
export function watchPageSettings(readInBackground: () => Promise<Settings>, onChange: (settings: Settings) => void): () => void {
  let latest = 0;
  return watchLocal(SETTINGS_KEY, async (stored) => {
    const change = ++latest;
    const settings = await pageSettingsFrom(stored, readInBackground);
    if (change === latest) onChange(settings);
  });
}
