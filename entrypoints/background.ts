import type { Browser } from 'wxt/browser';
import { CONTENT_SCRIPT_FILES, FRAME_CHECK_FILE, isLazyScript, LAZY_SCRIPT_FILES } from '@/src/content/lazy-scripts';
import { backgroundMessenger, contentMessenger, type PageState } from '@/src/messaging/protocol';
import { badgeFor } from '@/src/ui/badge';
import { withEntityHidden } from '@/src/core/settings';
import { refreshCompiledPacks } from '@/src/storage/compile-packs';
import { loadSettings, updateSettings } from '@/src/storage/settings';
import { forgetTab, isTabDisabled, setTabDisabled, syncTabsOff } from '@/src/storage/tab-state';
import { importedPackInUse, loadUserPacks, watchUserPacks } from '@/src/storage/user-packs';

async function showBadge(tabId: number, state: PageState): Promise<void> {
  const { text, color, title } = badgeFor(state);
  const action = browser.action ?? browser.browserAction;
  await Promise.all([
    action.setBadgeText({ tabId, text }),
    action.setBadgeBackgroundColor({ tabId, color }),
    action.setTitle({ tabId, title }),
  ]);
}

async function switchTab(tabId: number, disabled: boolean): Promise<void> {
  await setTabDisabled(tabId, disabled);
  // Every frame of the tab switches (no frameId); the badge follows the top frame's answer.
  await contentMessenger.sendMessage('setTabEnabled', !disabled, tabId).catch(() => undefined);
  const state = await contentMessenger.sendMessage('getPageState', undefined, { tabId, frameId: 0 }).catch(() => undefined);
  if (state) await showBadge(tabId, state);
}

function readerUrl(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return browser.runtime.getURL(`/reader.html${search ? `?${search}` : ''}`);
}

/** The sender's frame, for a script run there; top documents have the content script from the manifest. */
function frameTarget(sender: Browser.runtime.MessageSender): { tabId: number; frameIds: number[] } {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || !frameId) throw new Error('Gloss: only a frame inside a tab starts the content script this way');
  return { tabId, frameIds: [frameId] };
}

async function startContentScript(target: { tabId: number; frameIds: number[] }): Promise<void> {
  // Styles first, so the first highlights are drawn styled. Unlike the manifest's, they restyle the
  // frame when they arrive: a frame's restyle, and only in frames that may mention the story.
  await browser.scripting.insertCSS({ target, files: [CONTENT_SCRIPT_FILES.style] });
  await browser.scripting.executeScript({ target, files: [CONTENT_SCRIPT_FILES.script] });
}

/** Read once per worker, and again after each change: every frame with text asks. */
let importedPacksInUseRead: Promise<boolean> | null = null;

function importedPacksInUse(): Promise<boolean> {
  // Unreadable packs count as in use: the content script then starts unchecked, as it would with them.
  importedPacksInUseRead ??= loadUserPacks().then(importedPackInUse, () => true);
  return importedPacksInUseRead;
}

export default defineBackground(() => {
  backgroundMessenger.onMessage('reportPageState', async ({ data, sender }) => {
    // Frames inside the page report too; the badge speaks for the page itself.
    if (sender.tab?.id !== undefined && (sender.frameId ?? 0) === 0) await showBadge(sender.tab.id, data);
  });
  backgroundMessenger.onMessage('getTabDisabled', ({ sender }) =>
    sender.tab?.id !== undefined ? isTabDisabled(sender.tab.id) : false,
  );
  backgroundMessenger.onMessage('openReader', async ({ data, sender }) => {
    await browser.tabs.create({
      url: readerUrl({ fact: data.factId, entity: data.entityId }),
      ...(sender.tab?.id !== undefined ? { openerTabId: sender.tab.id, index: sender.tab.index + 1 } : {}),
    });
  });
  backgroundMessenger.onMessage('loadLazyScript', async ({ data: name, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('Gloss: a content-script part was asked for outside a tab');
    if (!isLazyScript(name)) throw new Error(`Gloss: no content-script part is called ${String(name)}`);
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [LAZY_SCRIPT_FILES[name]] });
  });
  backgroundMessenger.onMessage('frameHasText', async ({ sender }) => {
    const target = frameTarget(sender);
    if (await importedPacksInUse()) await startContentScript(target);
    else await browser.scripting.executeScript({ target, files: [FRAME_CHECK_FILE] });
  });
  backgroundMessenger.onMessage('startInFrame', ({ sender }) => startContentScript(frameTarget(sender)));
  backgroundMessenger.onMessage('setTabDisabled', ({ data }) => switchTab(data.tabId, data.disabled));
  // Pages carry no settings schema: the background reads and writes settings for them.
  backgroundMessenger.onMessage('readSettings', () => loadSettings());
  backgroundMessenger.onMessage('hideEntityOnSite', async ({ data }) => {
    await updateSettings((current) => withEntityHidden(current, data.site, data.entityId, true));
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
    const tabId = tab?.id;
    if (tabId === undefined) return;
    if (command === 'toggle-highlights') await switchTab(tabId, !(await isTabDisabled(tabId)));
    if (command === 'open-card') await contentMessenger.sendMessage('openCardAtSelection', undefined, tabId).catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

  // Imported packs compiled once here for every page (src/storage/compiled-packs.ts): whenever the
  // stored packs change, after an update of Gloss (whose compiler may differ), at browser start in
  // case a refresh was cut short, and when a page finds them made by another build.
  const refresh = () => void refreshCompiledPacks().catch((error: unknown) => console.warn('Gloss: could not compile the imported packs', error));
  watchUserPacks(() => {
    importedPacksInUseRead = null;
    refresh();
  });
  backgroundMessenger.onMessage('compilePacks', () => refreshCompiledPacks());
  const atStartOrUpdate = () => {
    refresh();
    // Session storage starts empty with the browser and after an update; pages read the flag in local storage.
    void syncTabsOff().catch((error: unknown) => console.warn('Gloss: could not store whether tabs are switched off', error));
  };
  browser.runtime.onInstalled.addListener(atStartOrUpdate);
  browser.runtime.onStartup.addListener(atStartOrUpdate);
});
