/**
 * Tabs where the user switched highlighting off. Session storage: it outlives the background
 * service worker and reloads of the tab, and is forgotten when the browser closes.
 */
import { storage } from 'wxt/utils/storage';

const DISABLED_TABS_KEY = 'session:disabledTabs' as const;

async function readDisabledTabs(): Promise<number[]> {
  const stored = await storage.getItem<unknown>(DISABLED_TABS_KEY);
  return Array.isArray(stored) ? stored.filter((id): id is number => Number.isInteger(id)) : [];
}

export async function isTabDisabled(tabId: number): Promise<boolean> {
  return (await readDisabledTabs()).includes(tabId);
}

export async function setTabDisabled(tabId: number, disabled: boolean): Promise<void> {
  const others = (await readDisabledTabs()).filter((id) => id !== tabId);
  await storage.setItem<number[]>(DISABLED_TABS_KEY, disabled ? [...others, tabId] : others);
}

export async function forgetTab(tabId: number): Promise<void> {
  await setTabDisabled(tabId, false);
}
