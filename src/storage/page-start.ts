/**
 * What a page needs from storage before it can highlight, read in one request: every content
 * script of every frame waits on it, and each storage request is a round trip to the browser.
 */
import { storage } from 'wxt/utils/storage';
import type { Settings } from '@/src/core/settings';
import { COMPILED_PACKS_KEY, compiledImportsFromStored, type CompiledImport } from './compiled-packs';
import { SETTINGS_KEY, settingsFromStored } from './settings';
import { USER_PACKS_KEY, userPacksFromStored, type UserPacks } from './user-packs';

export interface PageStart {
  settings: Settings;
  userPacks: UserPacks;
  /** Imported packs compiled ahead by the background (see compiled-packs.ts). */
  compiled: ReadonlyMap<string, CompiledImport>;
}

export async function loadPageStart(): Promise<PageStart> {
  const [settings, userPacks, compiled] = await storage.getItems([SETTINGS_KEY, USER_PACKS_KEY, COMPILED_PACKS_KEY]);
  return {
    settings: settingsFromStored(settings?.value),
    userPacks: userPacksFromStored(userPacks?.value),
    compiled: compiledImportsFromStored(compiled?.value),
  };
}
