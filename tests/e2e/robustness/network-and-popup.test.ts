/**
 * Gloss never breaks a page, 14: zero network requests. While a fixture app, a plain story and a
 * corpus page are browsed (scan, hover cards, pin one), the requests with Gloss must be exactly the
 * requests without it, the fixture server must receive nothing from the extension, and the
 * extension's own targets (its service worker above all, which Playwright's `request` events do not
 * cover) must make no request, watched through the DevTools Network domain, but for the toolbar
 * icons that `action.setIcon` reads from the extension's own files.
 *
 * And the popup, opened for a tab where content scripts cannot run, says plainly that Gloss can't
 * read the page.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { dismissCards, openPopup, tabIdOf, waitForScan } from '../support/helpers';
import {
  pointOfText,
  recordExtensionNetwork,
  sleep,
  useBrowsers,
  type ExtensionNetworkRecorder,
} from './support';

const CORPUS_PAGE = '03-nd-russia-brittle-pillars-hmeimim.html';

const browsers = useBrowsers({ gloss: { debuggingPort: true } });

function describeRequest(request: Request): string {
  return `${request.method()} ${request.resourceType()} ${request.url()}`;
}

/** Records every request of a browser context (pages and frames). */
function recordRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (request) => seen.push(describeRequest(request)));
  return seen;
}

interface Visit {
  url: string;
  /** A term to rest the pointer on (the card opens with Gloss; nothing happens without). */
  hover: { selector: string; needle: string };
}

/** The same browsing, with or without Gloss: load, wait, rest the pointer on a term, click, Escape. */
async function browse(page: Page, visits: Visit[], withGloss: boolean): Promise<void> {
  for (const visit of visits) {
    await page.goto(visit.url);
    if (withGloss) await waitForScan(browsers.gloss.serviceWorker, await tabIdOf(browsers.gloss.serviceWorker, page));
    else await sleep(300);
    const { x, y } = await pointOfText(page, visit.hover.selector, visit.hover.needle);
    await page.mouse.move(x - 2, y);
    await page.mouse.move(x, y);
    await sleep(900);
    if (withGloss) {
      // Pin the open card by clicking into it, then close it.
      const dialog = page.locator('gloss-card [role="dialog"]').first();
      await dialog.click({ position: { x: 6, y: 6 } });
      await dismissCards(page);
    }
  }
}

describe('network requests while browsing', () => {
  let recorder: ExtensionNetworkRecorder;
  let withGloss: string[];
  let without: string[];

  beforeAll(async () => {
    recorder = await recordExtensionNetwork(browsers.gloss);
    withGloss = recordRequests(browsers.gloss.context);
    without = recordRequests(browsers.baseline.context);
    const visits: Visit[] = [
      { url: browsers.fixtures.url('preact-app.html'), hover: { selector: '#status', needle: 'Tartus' } },
      { url: browsers.fixtures.url('story.html'), hover: { selector: '#envoy', needle: 'Mikhail Bogdanov' } },
      { url: browsers.fixtures.corpusUrl(CORPUS_PAGE), hover: { selector: 'body', needle: 'Hmeimim' } },
    ];
    const [pageWith, pageWithout] = await Promise.all([browsers.gloss.context.newPage(), browsers.baseline.context.newPage()]);
    await Promise.all([browse(pageWith, visits, true), browse(pageWithout, visits, false)]);
    await sleep(500);
  });

  afterAll(async () => {
    await recorder?.stop();
  });

  it('the pages make exactly the requests they make without Gloss', () => {
    expect(withGloss.length).toBeGreaterThan(3);
    expect([...withGloss].sort()).toEqual([...without].sort());
    expect(withGloss.filter((entry) => entry.includes('chrome-extension://'))).toEqual([]);
  });

  it('the local server receives nothing from the extension', () => {
    const fromExtension = browsers.fixtures.received.filter((request) => /chrome-extension:/.test(`${request.origin} ${request.referer}`));
    expect(fromExtension).toEqual([]);
  });

  it('the extension itself (service worker, pages) makes no request beyond reading its toolbar icons', async () => {
    expect(recorder.watched.some((target) => target.startsWith('service_worker '))).toBe(true);
    const ownPackage = `chrome-extension://${browsers.gloss.extensionId}/`;
    // action.setIcon reads the button's pictures from the extension's own files: nothing leaves the browser.
    const isToolbarIcon = (url: string) => url.startsWith(ownPackage) && /^icon\/(off\/)?(16|32)\.png$/.test(url.slice(ownPackage.length));
    expect(recorder.attempts.map((attempt) => attempt.url).filter((url) => !isToolbarIcon(url))).toEqual([]);
    // The recorder does see the service worker's requests: a request to its own package shows up.
    const probe = `${ownPackage}manifest.json?robustness-probe`;
    await browsers.gloss.serviceWorker.evaluate(() => fetch('/manifest.json?robustness-probe').then((response) => response.status));
    await expect.poll(() => recorder.attempts.map((attempt) => attempt.url).filter((url) => !isToolbarIcon(url)), { timeout: 5_000 }).toEqual([probe]);
  });
});

describe('the popup on pages Gloss cannot read', () => {
  const UNREADABLE = /Gloss can’t read this page/;

  for (const [what, url] of [
    ['a browser page (chrome://version)', () => 'chrome://version/'],
    ['the extension’s own options page in a tab', () => `chrome-extension://${browsers.gloss.extensionId}/options.html`],
  ] as const) {
    it(`says plainly that Gloss can't read ${what}`, async () => {
      const tab = await browsers.gloss.context.newPage();
      await tab.goto(url());
      const tabId = await tabIdOf(browsers.gloss.serviceWorker, tab);
      const popup = await openPopup(browsers.gloss.context, browsers.gloss.extensionId, tabId);
      await popup.getByText(UNREADABLE).waitFor({ timeout: 8_000 });
      expect(await popup.getByText(UNREADABLE).isVisible()).toBe(true);
      await popup.close();
      await tab.close();
    });
  }
});
