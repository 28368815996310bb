import { frameTarget, ImportedPacksInUse, runLazyScript, startContentScript, startInFrameWithText, startInOpenTabs } from '@/src/background/frames';
import { showBadge, siteOfSenderTab, switchTab, toggleTab } from '@/src/background/tabs';
import { backgroundMessenger, contentMessenger } from '@/src/messaging/protocol';
import { refreshCompiledPacks } from '@/src/storage/compile-packs';
import { loadSettings, setTermHiddenOnSite } from '@/src/storage/settings';
import { forgetTab, isTabDisabled, syncTabsOff } from '@/src/storage/tab-state';
import { watchUserPacks } from '@/src/storage/user-packs';
import { readerPath } from '@/src/ui/reader/reader-url';

export default defineBackground({
  // Firefox (MV2): an event page that unloads when idle, as Chromium's service worker does; every
  // listener is added at the top of main, so the browser wakes it for them.
  persistent: false,
  main,
});

function main(): void {
  const importedPacksInUse = new ImportedPacksInUse();

  backgroundMessenger.onMessage('reportPageState', async ({ data, sender }) => {
    // Frames inside the page report too; the badge speaks for the page itself.
    if (sender.tab?.id !== undefined && (sender.frameId ?? 0) === 0) await showBadge(sender.tab.id, data);
  });
  backgroundMessenger.onMessage('getTabDisabled', ({ sender }) =>
    sender.tab?.id !== undefined ? isTabDisabled(sender.tab.id) : false,
  );
  backgroundMessenger.onMessage('openReader', async ({ data, sender }) => {
    await browser.tabs.create({
      url: browser.runtime.getURL(readerPath(data)),
      ...(sender.tab?.id !== undefined ? { openerTabId: sender.tab.id, index: sender.tab.index + 1 } : {}),
    });
  });
  backgroundMessenger.onMessage('loadLazyScript', ({ data: name, sender }) => runLazyScript(sender, name));
  backgroundMessenger.onMessage('frameHasText', ({ sender }) => startInFrameWithText(sender, importedPacksInUse));
  backgroundMessenger.onMessage('startInFrame', ({ sender }) => startContentScript(frameTarget(sender)));
  backgroundMessenger.onMessage('setTabDisabled', ({ data }) => switchTab(data.tabId, data.disabled));
  // Pages carry no settings schema: the background reads and writes settings for them.
  backgroundMessenger.onMessage('readSettings', () => loadSettings());
  backgroundMessenger.onMessage('setTermHiddenOnSite', ({ data }) => setTermHiddenOnSite(data.site, data.term, data.hidden));
  backgroundMessenger.onMessage('siteOfTab', ({ sender }) => siteOfSenderTab(sender));

  browser.commands.onCommand.addListener(async (command, tab) => {
    const tabId = tab?.id;
    if (tabId === undefined) return;
    if (command === 'toggle-highlights') await toggleTab(tabId);
    if (command === 'open-card') await contentMessenger.sendMessage('openCardAtSelection', undefined, tabId).catch(() => undefined);
  });
  browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));

  // Imported packs compiled once here for every page (src/storage/compiled-packs.ts): whenever the
  // stored packs change, after an update of Gloss (whose compiler may differ), at browser start in
  // case a refresh was cut short, and when a page finds them made by another build.
  const refresh = () => void refreshCompiledPacks().catch((error: unknown) => console.warn('Gloss: could not compile the imported packs', error));
  watchUserPacks(() => {
    importedPacksInUse.forget();
    refresh();
  });
  backgroundMessenger.onMessage('compilePacks', () => refreshCompiledPacks());
  const atStartOrUpdate = () => {
    refresh();
    // Session storage starts empty with the browser and after an update; pages read the flag in local storage.
    void syncTabsOff().catch((error: unknown) => console.warn('Gloss: could not store whether tabs are switched off', error));
  };
  browser.runtime.onInstalled.addListener(({ reason }) => {
    atStartOrUpdate();
    if (!import.meta.env.FIREFOX && (reason === 'install' || reason === 'update')) {
      void startInOpenTabs().catch((error: unknown) => console.warn('Gloss: could not start in the open tabs', error));
    }
  });
  browser.runtime.onStartup.addListener(atStartOrUpdate);
}
