/**
 * Settings in extension storage. Kept in `local` (not `sync`): Gloss sends nothing anywhere, and
 * sync storage would upload the user's site list to the browser vendor.
 */
import { storage } from 'wxt/utils/storage';
import { canStoreTermHidden, readSettings, withTermHidden, type Settings, type SettingsChange } from '@/src/core/settings';
import { SETTINGS_KEY } from './page-settings';
import { storedValueUpdater } from './in-turn';

/** The settings in a stored value, repaired where needed (and the repairs logged). */
function settingsFromStored(stored: unknown): Settings {
  const { settings, repairs } = readSettings(stored);
  if (repairs.length > 0) console.warn('Gloss: settings repaired:', repairs.join('; '));
  return settings;
}

export async function loadSettings(): Promise<Settings> {
  return settingsFromStored(await storage.getItem<unknown>(SETTINGS_KEY));
}

export async function saveSettings(settings: Settings): Promise<void> {
  await storage.setItem<Settings>(SETTINGS_KEY, settings);
}

/**
 * Reads, changes and writes the settings in one step, one change after another; returns what was
 * written. Changes made at once (switches clicked in quick succession; every page's "Not this", which
 * the background writes, while the popup or the options page writes too) must not each write
 * settings without the other's change.
 */
export const updateSettings: (change: SettingsChange) => Promise<Settings> = storedValueUpdater('settings', loadSettings, saveSettings);

/**
 * A page's "Not this" (`hidden`) or its undo, which the background writes for pages. A site or a
 * term stored settings cannot hold (see `canStoreTermHidden`) is refused and nothing is written;
 * returns whether the change was stored.
 */
export async function setTermHiddenOnSite(site: string, term: string, hidden: boolean): Promise<boolean> {
  if (!canStoreTermHidden(site, term) || typeof hidden !== 'boolean') return false;
  await updateSettings((current) => withTermHidden(current, site, term, hidden));
  return true;
}

/** Calls `onChange` with the repaired settings whenever they change; returns the unsubscribe function. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return storage.watch<unknown>(SETTINGS_KEY, (stored) => onChange(readSettings(stored).settings));
}
