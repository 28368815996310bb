/**
 * Everything the popup does outside itself, behind one interface so the popup can be rendered in
 * tests with fakes and in the extension with the real browser APIs.
 */
import { browser } from 'wxt/browser';
import type { Settings, SettingsChange } from '@/src/core/settings';
import { isPageUrl } from '@/src/content/page-matches';
import { backgroundMessenger, contentMessenger, type OpenReaderRequest, type PageState } from '@/src/messaging/protocol';
import { loadSettings, updateSettings, watchSettings } from '@/src/storage/settings';
import { isTabDisabled } from '@/src/storage/tab-state';
import { readerPath } from '@/src/ui/reader/reader-url';
import { readsEverySite } from '@/src/ui/shared/site-access';

export interface PopupServices {
  /** The tab the popup acts on; undefined when there is none. */
  resolveTabId(): Promise<number | undefined>;
  /**
   * False when Gloss cannot run in the tab's page, so there is no point asking it: a browser page, or
   * any page whose address the browser keeps from Gloss (it has no access there). True when unsure.
   */
  mayRunIn(tabId: number): Promise<boolean>;
  /**
   * Whether the browser lets Gloss read every web site. False once the reader limited its site
   * access (Chrome's "On click" and "On specific sites"): a page the popup cannot read may then be an
   * ordinary site Gloss was not allowed on, not only a browser page.
   */
  readsEverySite(): Promise<boolean>;
  /**
   * Whether Gloss may read pages opened from files on the computer (a saved article): in Chrome only
   * with "Allow access to file URLs" on its details page, off by default. Firefox has no such switch.
   */
  readsFiles(): Promise<boolean>;
  /** The page's state from its content script; rejects or resolves undefined when none runs there. */
  getPageState(tabId: number): Promise<PageState | undefined>;
  /** Scrolls the page to the entity's next occurrence; false when there is none. */
  revealEntity(tabId: number, entityId: string): Promise<boolean>;
  isTabDisabled(tabId: number): Promise<boolean>;
  setTabDisabled(tabId: number, disabled: boolean): Promise<void>;
  loadSettings(): Promise<Settings>;
  updateSettings(change: SettingsChange): Promise<Settings>;
  watchSettings(onChange: (settings: Settings) => void): () => void;
  /** Calls `onLoaded` each time a page finishes loading in the tab (a reload, a link followed); returns a stop function. */
  watchTabLoads(tabId: number, onLoaded: () => void): () => void;
  openReader(request: OpenReaderRequest): Promise<void>;
  openOptions(): Promise<void>;
  /** The keys the reader has for opening a term's card (they can change them); undefined when none are set. */
  openCardShortcut(): Promise<string | undefined>;
  closePopup(): void;
}

/**
 * The popup normally acts on the active tab of its window. When popup.html is opened as an ordinary
 * page with `?tab=<id>` (the end-to-end tests do this, since a real toolbar popup cannot be driven
 * from automation), it acts on that tab instead.
 */
export async function resolvePopupTabId(search: string = location.search): Promise<number | undefined> {
  const requested = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The manifest's command for a term's card (wxt.config.ts). */
const OPEN_CARD_COMMAND = 'open-card';

export const browserPopupServices: PopupServices = {
  resolveTabId: () => resolvePopupTabId(),
  async mayRunIn(tabId) {
    // Without the "tabs" permission a tab's address is given only where Gloss has host access.
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (!tab) return true;
    return tab.url !== undefined && isPageUrl(tab.url);
  },
  readsEverySite,
  // Firefox's answer is always false, yet it runs content scripts in files.
  readsFiles: () => (import.meta.env.FIREFOX ? Promise.resolve(true) : browser.extension.isAllowedFileSchemeAccess()),
  // The top frame answers for the page; frames inside it run Gloss on their own text.
  getPageState: (tabId) => contentMessenger.sendMessage('getPageState', undefined, { tabId, frameId: 0 }),
  revealEntity: (tabId, entityId) => contentMessenger.sendMessage('revealEntity', entityId, { tabId, frameId: 0 }),
  isTabDisabled,
  setTabDisabled: (tabId, disabled) => backgroundMessenger.sendMessage('setTabDisabled', { tabId, disabled }),
  loadSettings,
  updateSettings,
  watchSettings,
  watchTabLoads(tabId, onLoaded) {
    // Heard without the "tabs" permission: only the URL and title are withheld.
    const listener = (updatedTabId: number, change: { status?: string }) => {
      if (updatedTabId === tabId && change.status === 'complete') onLoaded();
    };
    browser.tabs.onUpdated.addListener(listener);
    return () => browser.tabs.onUpdated.removeListener(listener);
  },
  async openReader(request) {
    try {
      await backgroundMessenger.sendMessage('openReader', request);
    } catch (error) {
      // The background should always answer; if it cannot, opening the page here still works.
      console.warn('Gloss: background did not open the reader; opening it from the popup', error);
      await browser.tabs.create({ url: browser.runtime.getURL(readerPath(request)) });
    }
  },
  async openOptions() {
    await browser.runtime.openOptionsPage();
  },
  async openCardShortcut() {
    const commands = await browser.commands.getAll();
    return commands.find((command) => command.name === OPEN_CARD_COMMAND)?.shortcut || undefined;
  },
  closePopup: () => window.close(),
};
