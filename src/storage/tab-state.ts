/**
 * Tabs where the user switched highlighting off. Session storage: it outlives the background
 * service worker and reloads of the tab, and is forgotten when the browser closes.
 *
 * Pages cannot read session storage, nor know their tab's id, so a page asks the background whether
 * its tab is off, and must wait for the answer before it highlights. Most of the time no tab is off,
 * and the background may be asleep (it stops after 30 s idle): `TABS_OFF_KEY` in local storage, read
 * with the settings, says whether any tab is off at all, so pages ask only then.
 */
import { storage } from 'wxt/utils/storage';
import { oneAtATime } from '../core/one-at-a-time';

const DISABLED_TABS_KEY = 'session:disabledTabs' as const;

/**
 * True while some tab is switched off. Raised before a tab's switch is stored and lowered only
 * after the last one is back on, so a page never reads `false` while its own tab is off.
 */
export const TABS_OFF_KEY = 'local:tabsOff' as const;

async function readDisabledTabs(): Promise<number[]> {
  const stored = await storage.getItem<unknown>(DISABLED_TABS_KEY);
  return Array.isArray(stored) ? stored.filter((id): id is number => Number.isInteger(id)) : [];
}

// Two tabs switched at once must not each write a list without the other.
const inTurn = oneAtATime();

export async function isTabDisabled(tabId: number): Promise<boolean> {
  return (await readDisabledTabs()).includes(tabId);
}

export function setTabDisabled(tabId: number, disabled: boolean): Promise<void> {
  return inTurn(() => writeTabDisabled(tabId, disabled));
}

/**
 * Switches a tab the other way (the keyboard shortcut) and says whether it is off now. Read and
 * written in one turn: two quick presses switch it off and on again, not off twice.
 */
export function toggleTabDisabled(tabId: number): Promise<boolean> {
  return inTurn(async () => {
    const disabled = !(await readDisabledTabs()).includes(tabId);
    await writeTabDisabled(tabId, disabled);
    return disabled;
  });
}

async function writeTabDisabled(tabId: number, disabled: boolean): Promise<void> {
  const before = await readDisabledTabs();
  if (before.includes(tabId) === disabled) return;
  const after = disabled ? [...before, tabId] : before.filter((id) => id !== tabId);
  // Every frame listening to local storage hears each write: the flag is written only when it flips.
  if (before.length === 0) await storage.setItem<boolean>(TABS_OFF_KEY, true);
  await storage.setItem<number[]>(DISABLED_TABS_KEY, after);
  if (after.length === 0) await storage.setItem<boolean>(TABS_OFF_KEY, false);
}

export async function forgetTab(tabId: number): Promise<void> {
  await setTabDisabled(tabId, false);
}

/** Sets `TABS_OFF_KEY` from the stored tabs: at browser start and after an update the list is empty. */
export function syncTabsOff(): Promise<void> {
  return inTurn(async () => {
    const anyOff = (await readDisabledTabs()).length > 0;
    if ((await storage.getItem<unknown>(TABS_OFF_KEY)) !== anyOff) await storage.setItem<boolean>(TABS_OFF_KEY, anyOff);
  });
}
