/**
 * Gloss never breaks a page, 14: a page prerendered for a link the reader may follow (speculation
 * rules, which news sites use). Chromium runs content scripts in the unseen page; Gloss highlights
 * it ahead, so it shows ready, and once the reader follows the link the toolbar badge counts it like
 * a page loaded as usual (the prerendered page's reports came from another frame than the tab's and
 * were set aside, and the badge stayed empty).
 *
 * Playwright turns prerendering off (every page it drives fails with PrerenderingDisabledByDevTools),
 * so this file drives Chromium with puppeteer-core, as the Firefox smoke test drives Firefox.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';
import { builtExtensionDir, CHROMIUM_ARGS, findChromium, loadExtensionArgs } from '../support/browser';
import { pollUntil } from '../support/helpers';
import { sleep, startFixtureServers, type FixtureServers } from './support';

let browser: Browser;
let worker: WebWorker;
let fixtures: FixtureServers;
let profileDir: string;

beforeAll(async () => {
  fixtures = await startFixtureServers();
  profileDir = await mkdtemp(path.join(os.tmpdir(), 'gloss-prerender-'));
  const extension = builtExtensionDir();
  browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    userDataDir: profileDir,
    pipe: true,
    enableExtensions: true,
    args: [...loadExtensionArgs(extension), ...CHROMIUM_ARGS],
  });
  const target = await browser.waitForTarget((candidate) => candidate.type() === 'service_worker' && candidate.url().startsWith('chrome-extension://'));
  const found = await target.worker();
  if (!found) throw new Error("Gloss's service worker did not start");
  worker = found;
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

/** The tab showing `url` (the extension sees tab URLs of the pages it may read). */
async function tabIdShowing(url: string): Promise<number> {
  return pollUntil(
    () => worker.evaluate(async (wanted: string) => (await chrome.tabs.query({})).find((tab) => tab.url === wanted)?.id ?? -1, url),
    (id) => id >= 0,
    { timeout: 5_000, message: `no tab shows ${url}` },
  );
}

async function badgeOf(tabId: number): Promise<{ text: string; title: string }> {
  return worker.evaluate(
    async (id: number) => ({ text: await chrome.action.getBadgeText({ tabId: id }), title: await chrome.action.getTitle({ tabId: id }) }),
    tabId,
  );
}

describe('a page prerendered for a link', () => {
  it('is highlighted when the reader follows the link, and the badge counts it as for a page loaded as usual', async () => {
    const storyUrl = fixtures.url('story.html');

    // The story loaded as usual: what the badge says of it.
    const direct = await browser.newPage();
    await direct.goto(storyUrl);
    const directTab = await tabIdShowing(storyUrl);
    const expected = await pollUntil(() => badgeOf(directTab), (badge) => badge.text !== '', { timeout: 10_000, message: 'no badge on the story loaded as usual' });
    await direct.close();

    const page = await browser.newPage();
    const startUrl = fixtures.url('prerender-start.html');
    await page.goto(startUrl);
    // A DevTools session on the page would say when the prerender is ready, but any such session turns prerendering off.
    const prerenderFetched = async () => fixtures.received.some((request) => request.url === storyUrl && request.secPurpose.includes('prerender'));
    await pollUntil(prerenderFetched, Boolean, { timeout: 10_000, message: 'Chromium did not prerender the story' });
    // Time for Gloss to read the unseen story, whose reports the badge must not show.
    await sleep(1_000);
    const tabId = await tabIdShowing(startUrl);
    expect((await badgeOf(tabId)).text, 'the start page names nobody').toBe('');

    await page.click('#story-link');
    await page.waitForFunction(() => location.pathname.endsWith('/story.html'), { timeout: 10_000 });
    const activatedAfter = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & { activationStart?: number }).activationStart ?? 0);
    expect(activatedAfter, 'the story was loaded, not shown from a prerender').toBeGreaterThan(0);
    const highlighted = await page.evaluate(() => [...CSS.highlights].filter(([name]) => name.startsWith('gloss-')).reduce((sum, [, highlight]) => sum + highlight.size, 0));
    expect(highlighted).toBeGreaterThan(0);

    await pollUntil(() => badgeOf(tabId), (badge) => badge.text === expected.text && badge.title === expected.title, {
      timeout: 5_000,
      message: `the badge did not say "${expected.text}" (${expected.title}) for the prerendered story`,
    });
  });
});
