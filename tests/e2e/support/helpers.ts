/** Helpers shared by the e2e tests: tab ids, the popup, Gloss's page state, marks and cards. */
import type { BrowserContext, Locator, Page, Worker } from 'playwright-core';
import type { PageState } from '../../../src/messaging/protocol';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../../src/core/settings';
import { launchWithExtension, type GlossBrowser, type LaunchOptions } from './browser';
import { blockExternalRequests, startStaticServer, type StaticServer } from './server';

export interface GlossSession extends GlossBrowser {
  server: StaticServer;
}

export interface SessionOptions extends LaunchOptions {
  /**
   * Settings to store before any page opens (over the defaults). The tests that check the
   * `<mark class="gloss-mark">` DOM contract pass `{ highlightEngine: 'mark' }`: the default
   * engine ('auto') draws with the CSS Custom Highlight API in Chromium, which adds no elements.
   */
  settings?: Partial<Settings>;
}

/** Starts the static server and a browser with Gloss, kept off the network. */
export async function startSession(options: SessionOptions = {}): Promise<GlossSession> {
  const { settings, ...launchOptions } = options;
  const server = await startStaticServer();
  let browser: GlossBrowser | undefined;
  try {
    browser = await launchWithExtension(launchOptions);
    await blockExternalRequests(browser.context);
    if (settings) await seedSettings(browser.serviceWorker, settings);
    const opened = browser;
    return {
      ...opened,
      server,
      async close() {
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

/** Where Gloss keeps its settings: WXT's `local:settings` is chrome.storage.local's `settings`. */
export const SETTINGS_STORAGE_KEY = 'settings';

/** Stores Gloss's settings (defaults plus `overrides`); open pages pick them up live. */
export async function seedSettings(serviceWorker: Worker, overrides: Partial<Settings>): Promise<Settings> {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...overrides, version: SETTINGS_VERSION };
  await serviceWorker.evaluate(
    async ({ key, value }) => {
      await chrome.storage.local.set({ [key]: value });
    },
    { key: SETTINGS_STORAGE_KEY, value: settings },
  );
  return settings;
}

/**
 * The `chrome.tabs` id of a tab, looked up in the extension's service worker.
 *
 * Gloss has no `tabs` permission, so the extension cannot read tab URLs: given a `Page`, the page
 * is brought to the front and the active tab of the last focused window is taken (the tests run one
 * browser at a time). Given a URL, it is matched against tab URLs, which only works when the
 * extension can see them.
 */
export async function tabIdOf(serviceWorker: Worker, target: Page | string): Promise<number> {
  const url = typeof target === 'string' ? target : target.url();
  const byUrl = await serviceWorker.evaluate(async (wanted: string) => {
    const strip = (value: string) => value.split('#')[0];
    const tabs = await chrome.tabs.query({});
    const exact = tabs.find((tab) => tab.url === wanted || tab.pendingUrl === wanted);
    const loose = tabs.find((tab) => strip(tab.url ?? tab.pendingUrl ?? '') === strip(wanted));
    return {
      id: (exact ?? loose)?.id ?? null,
      seen: tabs.map((tab) => `${tab.id}: ${tab.url ?? tab.pendingUrl ?? '(URL hidden)'}`),
    };
  }, url);
  if (byUrl.id !== null) return byUrl.id;
  if (typeof target === 'string') {
    throw new Error(
      `No tab the extension can see shows ${url} (tabs: ${byUrl.seen.join(', ') || 'none'}). ` +
        'Without the tabs permission tab URLs are hidden: pass the Page instead of its URL.',
    );
  }
  await target.bringToFront();
  const active = await serviceWorker.evaluate(async () => {
    const tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tabs.map((tab) => tab.id ?? null);
  });
  const [id] = active;
  if (active.length !== 1 || typeof id !== 'number') {
    throw new Error(`Could not tell which tab shows ${url}: active tabs ${JSON.stringify(active)}`);
  }
  return id;
}

/**
 * Opens Gloss's details page on chrome://extensions, where a reader changes its site access or file
 * access, finds the control `selector` names (`what`, for the error if Chromium renamed it) and runs
 * `change` on it; the page closes after.
 */
export async function onExtensionDetails<T>(
  session: GlossSession,
  selector: string,
  what: string,
  change: (control: Locator, details: Page) => Promise<T>,
): Promise<T> {
  const details = await session.context.newPage();
  try {
    await details.goto(`chrome://extensions/?id=${session.extensionId}`);
    const control = details.locator(selector);
    await control.waitFor({ timeout: 10_000 }).catch(() => {
      throw new Error(`No ${what} (${selector}) on chrome://extensions: has Chromium renamed it?`);
    });
    return await change(control, details);
  } finally {
    await details.close();
  }
}

/** Opens the extension's popup page for `tabId` as an ordinary tab (the popup reads `?tab=`). */
export async function openPopup(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/** One of the popup's switches ("Highlight on this site", "… in this tab", "… everywhere"). */
export function popupSwitch(popup: Page, name: string): Locator {
  return popup.getByRole('switch', { name, exact: true });
}

/** Turns a popup switch on or off, as the reader clicks it, and waits until it shows the new state. */
export async function setPopupSwitch(popup: Page, name: string, on: boolean): Promise<void> {
  const control = popupSwitch(popup, name);
  // A background tab gets few animation frames, which slows Playwright's actionability checks.
  await popup.bringToFront();
  if ((await control.isChecked()) !== on) await control.click();
  await pollUntil(() => control.isChecked(), (checked) => checked === on, { timeout: 5_000, message: `the switch "${name}" did not turn ${on ? 'on' : 'off'}` });
}

/**
 * Asks the tab's content script for its state, the way the popup does (the `getPageState` message
 * of src/messaging/protocol.ts, in @webext-core/messaging's envelope). Undefined while no content
 * script answers.
 */
export async function pageStateOf(serviceWorker: Worker, tabId: number): Promise<PageState | undefined> {
  return serviceWorker.evaluate(async (id: number) => {
    const message = { id: Date.now(), type: 'getPageState', data: undefined, timestamp: Date.now() };
    const reply = await new Promise<unknown>((resolve) => {
      chrome.tabs.sendMessage(id, message, { frameId: 0 }, (response: unknown) => {
        // Reading lastError marks it handled ("Receiving end does not exist" before the script loads).
        resolve(chrome.runtime.lastError ? undefined : response);
      });
    });
    if (reply && typeof reply === 'object' && 'res' in reply) return (reply as { res: PageState }).res;
    return undefined;
  }, tabId);
}

/**
 * What the background does for the "Open the card" keyboard command (Alt+Shift+K), which a test
 * cannot press: the command's message to every frame of the tab.
 */
export async function sendOpenCardCommand(serviceWorker: Worker, tabId: number): Promise<void> {
  await serviceWorker.evaluate(async (id: number) => {
    const message = { id: Date.now(), type: 'openCardAtSelection', data: undefined, timestamp: Date.now() };
    await new Promise<void>((resolve) => {
      chrome.tabs.sendMessage(id, message, () => {
        void chrome.runtime.lastError;
        resolve();
      });
    });
  }, tabId);
}

/**
 * Calls `probe` every `interval` ms until `done(value)` holds, and returns that value; throws
 * `message` (with the last value) after `timeout` ms. Unlike expect.poll it also works in hooks.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeout = 10_000, interval = 100, message = 'condition not met' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() >= deadline) {
      throw new Error(`${message} within ${timeout} ms (last value: ${JSON.stringify(value)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Waits until the tab's content script reports that its first full scan has finished. */
export async function waitForScan(serviceWorker: Worker, tabId: number, timeout = 15_000): Promise<PageState> {
  const state = await pollUntil(
    () => pageStateOf(serviceWorker, tabId),
    (value) => value?.scanning === false,
    { timeout, message: `Gloss did not report a finished scan of tab ${tabId}` },
  );
  return state!;
}

export interface MarkInfo {
  text: string;
  entity: string | null;
  category: string | null;
}

/** Every Gloss mark on the page (optionally inside `within`), in document order. */
export async function marksOn(page: Page, within = 'body'): Promise<MarkInfo[]> {
  return page.locator(within).first().evaluate((root) =>
    Array.from(root.querySelectorAll('mark.gloss-mark'), (mark) => ({
      text: mark.textContent ?? '',
      entity: mark.getAttribute('data-gloss-entity'),
      category: mark.getAttribute('data-gloss-category'),
    })),
  );
}

/** Waits until the page has `mark.gloss-mark` elements and their number has not changed for `quietMs`. */
export async function waitForStableMarks(page: Page, { quietMs = 400, timeout = 15_000 } = {}): Promise<number> {
  let last = -1;
  let since = Date.now();
  await pollUntil(
    async () => {
      const count = await page.locator('mark.gloss-mark').count();
      if (count !== last) {
        last = count;
        since = Date.now();
      }
      return count;
    },
    (count) => count > 0 && Date.now() - since >= quietMs,
    { timeout, message: 'Gloss marks did not appear (or kept changing)' },
  );
  return last;
}

/** The first mark of an entity inside `within`. */
export function markOf(page: Page, entityId: string, within = 'body'): Locator {
  return page.locator(`${within} mark.gloss-mark[data-gloss-entity="${entityId}"]`).first();
}

/** The hover card's dialog (inside the open shadow root of `<gloss-card>`). */
export function cardDialog(page: Page, name?: string): Locator {
  return name === undefined
    ? page.locator('gloss-card [role="dialog"]')
    : page.getByRole('dialog', { name, exact: true });
}

/** Closes any open card (Escape, pointer to a blank corner) and waits until none is visible. */
/**
 * What the clipboard holds, as a reader pasting it would get it: pasted (Ctrl/Cmd+V) into a field
 * added to `page` for the purpose and removed again.
 */
export async function pastedText(page: Page): Promise<string> {
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('textarea'), { id: 'gloss-test-paste' })));
  try {
    const field = page.locator('#gloss-test-paste');
    await field.focus();
    await page.keyboard.press('ControlOrMeta+V');
    return await field.inputValue();
  } finally {
    await page.evaluate(() => document.getElementById('gloss-test-paste')?.remove());
  }
}

export async function dismissCards(page: Page): Promise<void> {
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await cardDialog(page).first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(async () => {
    // A pinned card may need a second Escape once focus has moved into it.
    await page.keyboard.press('Escape');
    await cardDialog(page).first().waitFor({ state: 'hidden', timeout: 5_000 });
  });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Whether two rectangles overlap by more than `tolerance` pixels in both directions. */
export function overlaps(a: Box, b: Box, tolerance = 0.5): boolean {
  const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return dx > tolerance && dy > tolerance;
}

export interface MarkAt {
  /** Whether the text occurs at all. */
  found: boolean;
  /** The entity of the mark around the occurrence's first character, or null if it is not marked. */
  entity: string | null;
  category: string | null;
  /** The text of that mark. */
  markText: string | null;
}

/**
 * Which mark (if any) covers the `nth` occurrence (0-based) of `needle` in the text of the first
 * element matching `selector`. Looks at the occurrence's first character, so `markAt(page, '#p',
 * 'HTS’s')` tells whether the "HTS" of "HTS’s" is marked.
 */
export async function markAt(page: Page, selector: string, needle: string, nth = 0): Promise<MarkAt> {
  return page.locator(selector).first().evaluate(
    (root, { needle, nth }) => {
      const none = { found: false, entity: null, category: null, markText: null };
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node as Text);
        text += (node as Text).data;
      }
      let index = -1;
      for (let i = 0; i <= nth; i++) {
        index = text.indexOf(needle, index + 1);
        if (index < 0) return none;
      }
      let offset = 0;
      for (const node of nodes) {
        if (index < offset + node.data.length) {
          const mark = node.parentElement?.closest('mark.gloss-mark') ?? null;
          return {
            found: true,
            entity: mark?.getAttribute('data-gloss-entity') ?? null,
            category: mark?.getAttribute('data-gloss-category') ?? null,
            markText: mark?.textContent ?? null,
          };
        }
        offset += node.data.length;
      }
      return none;
    },
    { needle, nth },
  );
}

/**
 * Samples every animation frame for `durationMs` whether a card dialog is visible; returns whether
 * it ever was and whether it always was.
 */
export async function sampleCardVisibility(page: Page, durationMs: number): Promise<{ ever: boolean; always: boolean }> {
  return page.evaluate(async (duration: number) => {
    const visible = () => {
      for (const host of Array.from(document.querySelectorAll('gloss-card'))) {
        for (const dialog of Array.from(host.shadowRoot?.querySelectorAll<HTMLElement>('[role="dialog"]') ?? [])) {
          const box = dialog.getBoundingClientRect();
          const style = getComputedStyle(dialog);
          if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0) {
            return true;
          }
        }
      }
      return false;
    };
    let ever = false;
    let always = true;
    const end = performance.now() + duration;
    do {
      const now = visible();
      ever ||= now;
      always &&= now;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    } while (performance.now() < end);
    return { ever, always };
  }, durationMs);
}

declare global {
  interface Window {
    __glossBefore?: PageSnapshot;
  }
}

export interface PageSnapshot {
  bodyText: string;
  /** innerHTML of each element id asked for. */
  html: Record<string, string>;
  /** Number of child nodes of each element id, after normalize() on a clone. */
  normalizedChildCount: Record<string, number>;
}

/** Runs in the page: the snapshot of the body's text and of the given elements. Self-contained, as it is sent as source. */
function takeSnapshot(elementIds: string[]): PageSnapshot {
  const html: Record<string, string> = {};
  const normalizedChildCount: Record<string, number> = {};
  for (const id of elementIds) {
    const element = document.getElementById(id);
    if (!element) continue;
    html[id] = element.innerHTML;
    const clone = element.cloneNode(true);
    clone.normalize();
    normalizedChildCount[id] = clone.childNodes.length;
  }
  return { bodyText: document.body.innerText, html, normalizedChildCount };
}

/** Runs in the page: takes the snapshot once the document is parsed, before any content script can run. */
function snapshotWhenParsed(snapshot: typeof takeSnapshot, elementIds: string[]): void {
  const capture = () => {
    if (window.__glossBefore || document.readyState === 'loading') return;
    window.__glossBefore = snapshot(elementIds);
  };
  document.addEventListener('readystatechange', capture);
}

/**
 * Records, in the page's own world and before any content script can run (at readyState
 * "interactive"), `document.body.innerText` and the innerHTML of the given element ids. Read it
 * back with `snapshotBeforeGloss(page)`. Call before `page.goto`.
 */
export async function captureBeforeGloss(page: Page, ids: string[]): Promise<void> {
  await page.addInitScript({ content: `(${snapshotWhenParsed.toString()})(${takeSnapshot.toString()}, ${JSON.stringify(ids)});` });
}

/** The same snapshot taken now, for comparison with the one `captureBeforeGloss` took. */
export async function snapshotNow(page: Page, ids: string[]): Promise<PageSnapshot> {
  return page.evaluate(takeSnapshot, ids);
}

/** The snapshot `captureBeforeGloss` took. */
export async function snapshotBeforeGloss(page: Page): Promise<PageSnapshot> {
  const snapshot = await page.evaluate(() => window.__glossBefore ?? null);
  if (!snapshot) throw new Error('No pre-Gloss snapshot: call captureBeforeGloss(page, ids) before page.goto');
  return snapshot;
}
