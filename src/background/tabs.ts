/** The toolbar button's badge and the per-tab switch, as the background keeps them. */
import { browser } from 'wxt/browser';
import { contentMessenger, type PageState } from '@/src/messaging/protocol';
import { setTabDisabled, toggleTabDisabled } from '@/src/storage/tab-state';
import { siteKey } from '@/src/core/settings-base';
import { badgeFor } from '@/src/ui/badge';

export async function showBadge(tabId: number, state: PageState): Promise<void> {
  const { text, color, title, icon } = badgeFor(state);
  const action = browser.action ?? browser.browserAction;
  await Promise.all([
    action.setBadgeText({ tabId, text }),
    action.setBadgeBackgroundColor({ tabId, color }),
    action.setTitle({ tabId, title }),
    // Optional: a browser without it still shows the badge; the grey picture is extra.
    action.setIcon?.({ tabId, path: icon }),
  ]);
}

export async function switchTab(tabId: number, disabled: boolean): Promise<void> {
  await setTabDisabled(tabId, disabled);
  await tellTab(tabId, disabled);
}

/** Switches a tab the other way (the keyboard shortcut). */
export async function toggleTab(tabId: number): Promise<void> {
  await tellTab(tabId, await toggleTabDisabled(tabId));
}

async function tellTab(tabId: number, disabled: boolean): Promise<void> {
  // Every frame of the tab switches (no frameId); the badge follows the top frame's answer.
  await contentMessenger.sendMessage('setTabEnabled', !disabled, tabId).catch(() => undefined);
  const state = await contentMessenger.sendMessage('getPageState', undefined, { tabId, frameId: 0 }).catch(() => undefined);
  if (state) await showBadge(tabId, state);
}

/**
 * The site key of the page shown in a message's tab, for a frame in it that cannot read it (see
 * src/content/site-around.ts). Undefined where the browser hides the tab's address from Gloss (a
 * site the reader did not let it read) or the address has no site (a file).
 */
export function siteOfSenderTab(sender: { tab?: { url?: string } }): string | undefined {
  return (sender.tab?.url ? siteKey(sender.tab.url) : '') || undefined;
}
