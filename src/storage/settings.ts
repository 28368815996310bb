/**
 * Settings in extension storage. Kept in `local` (not `sync`): Gloss sends nothing anywhere, and
 * sync storage would upload the user's site list to the browser vendor.
 */
import { storage } from 'wxt/utils/storage';
import { readSettings, type Settings } from '@/src/core/settings';

const SETTINGS_KEY = 'local:settings' as const;

export async function loadSettings(): Promise<Settings> {
  const { settings, repairs } = readSettings(await storage.getItem<unknown>(SETTINGS_KEY));
  if (repairs.length > 0) console.warn('Gloss: settings repaired:', repairs.join('; '));
  return settings;
}

export async function saveSettings(settings: Settings): Promise<void> {
  await storage.setItem<Settings>(SETTINGS_KEY, settings);
}

/** Reads, changes and writes the settings in one step. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings());
  await saveSettings(next);
  return next;
}

/** Calls `onChange` with the repaired settings whenever they change; returns the unsubscribe function. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return storage.watch<unknown>(SETTINGS_KEY, (stored) => onChange(readSettings(stored).settings));
}
