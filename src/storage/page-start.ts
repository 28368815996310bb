/**
 * What a page needs from storage before it can highlight, read in one request: every content
 * script of every frame waits on it, and each storage request is a round trip to the browser.
 */
import { storage } from 'wxt/utils/storage';
import { COMPILED_PACKS_KEY } from './compiled-packs';
import { SETTINGS_KEY } from './page-settings';

/** Both as stored, unchecked: see `pageSettingsFrom` and `pagePacksFrom`. */
export interface PageStart {
  settings: unknown;
  compiledPacks: unknown;
}

export async function loadPageStart(): Promise<PageStart> {
  const [settings, compiledPacks] = await storage.getItems([SETTINGS_KEY, COMPILED_PACKS_KEY]);
  return { settings: settings?.value, compiledPacks: compiledPacks?.value };
}
