import type { Settings } from '@/src/core/settings';
import { loadSettings, watchSettings } from '@/src/storage/settings';
import { useWatchedValue } from './use-watched-value';

export interface SettingsSource {
  loadSettings: () => Promise<Settings>;
  watchSettings: (onChange: (settings: Settings) => void) => () => void;
}

const storageSource: SettingsSource = { loadSettings, watchSettings };

/**
 * The current settings, kept live with changes made elsewhere (popup, options, other windows).
 * Undefined until first loaded. The setter lets a page show its own change before storage echoes it.
 */
export function useSettings(source: SettingsSource = storageSource): [Settings | undefined, (settings: Settings) => void] {
  return useWatchedValue(source.loadSettings, source.watchSettings, 'settings');
}
