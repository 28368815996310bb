/**
 * What a page needs from storage before it can highlight, read in one request: every content
 * script of every frame waits on it, and each storage request is a round trip to the browser.
 */
import { readLocal } from './page-storage';
import { COMPILED_PACKS_KEY } from './compiled-packs';
import { SETTINGS_KEY } from './page-settings';
import { TABS_OFF_KEY } from './tab-state';

export interface PageStart {
  /** As stored, unchecked: see `pageSettingsFrom` and `pagePacksFrom`. */
  settings: unknown;
  compiledPacks: unknown;
  /** Whether the page must ask the background if its tab is switched off (see tab-state.ts). */
  mayBeTabOff: boolean;
}

export async function loadPageStart(): Promise<PageStart> {
  const [settings, compiledPacks, tabsOff] = await readLocal([SETTINGS_KEY, COMPILED_PACKS_KEY, TABS_OFF_KEY]);
  // Not yet written (just installed): ask, as before the flag existed.
  return { settings, compiledPacks, mayBeTabOff: tabsOff !== false };
}
