import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '@/src/core/settings';
import { loadSettings, watchSettings } from '@/src/storage/settings';

export interface SettingsSource {
  loadSettings: () => Promise<Settings>;
  watchSettings: (onChange: (settings: Settings) => void) => () => void;
}

const storageSource: SettingsSource = { loadSettings, watchSettings };

/**
 * The current settings, kept live with changes made elsewhere (popup, options, other windows).
 * Undefined until first loaded. The setter lets a page show its own change before storage echoes it.
 */
export function useSettings(
  source: SettingsSource = storageSource,
): [Settings | undefined, (settings: Settings) => void] {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    let active = true;
    let watched = false;
    const unwatch = source.watchSettings((next) => {
      watched = true;
      if (active) setSettings(next);
    });
    source
      .loadSettings()
      .then((loaded) => {
        // A change seen by the watcher is newer than what this first read returned.
        if (active && !watched) setSettings(loaded);
      })
      .catch((error: unknown) => console.warn('Gloss: could not load settings', error));
    return () => {
      active = false;
      unwatch();
    };
  }, [source]);
  return [settings, setSettings];
}
