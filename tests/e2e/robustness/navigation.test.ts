/**
 * Gloss never breaks a page, 11 to 13: navigation and the extension's own life cycle. A
 * single-page app that swaps its content with history.pushState and popstate; a page restored from
 * the back/forward cache (Playwright turns the cache off by default: this browser keeps it); and
 * the extension reloading (an update) under an open page, then the page reloading.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { cardDialog, dismissCards, pageStateOf, pollUntil, tabIdOf, waitForScan } from '../support/helpers';
import {
  cardHostCount,
  extraProblems,
  GLOSS_SETTLE_MS,
  glossHighlights,
  highlightedTermsIn,
  hoverForCard,
  openBoth,
  openWithGloss,
  pointOfText,
  serializeDom,
  sleep,
  useBrowsers,
  type RegisteredHighlight,
  type Side,
} from './support';

const browsers = useBrowsers({ gloss: { backForwardCache: true, allowReload: true }, baseline: { backForwardCache: true } });

const summary = (highlights: RegisteredHighlight[]) =>
  highlights.map((highlight) => `${highlight.nearestId}:${highlight.text}${highlight.connected ? '' : ' (removed text)'}`).sort();

describe('history API navigation (pushState / popstate)', () => {
  let withGloss: Side;
  let without: Side;

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'history.html');
  });

  afterAll(async () => {
    await Promise.all([withGloss?.page.close(), without?.page.close()]);
  });

  async function navigate(action: (page: Page) => Promise<unknown>): Promise<RegisteredHighlight[]> {
    await Promise.all([action(withGloss.page), action(without.page)]);
    await sleep(GLOSS_SETTLE_MS);
    return glossHighlights(withGloss.page);
  }

  it('highlights the new content and drops the old highlights on each navigation', async () => {
    expect(summary(await glossHighlights(withGloss.page))).toEqual(['bases-text:Khmeimim Airbase', 'bases-text:Tartus']);

    const envoy = await navigate((page) => page.click('a[data-story="envoy"]'));
    expect(withGloss.page.url()).toMatch(/\?story=envoy$/);
    expect(envoy.filter((highlight) => !highlight.connected), 'highlights left over removed text').toEqual([]);
    expect(highlightedTermsIn(envoy, 'envoy-text')).toEqual(['HTS', 'Mikhail Bogdanov']);
    expect(envoy.some((highlight) => highlight.nearestId === 'bases-text')).toBe(false);

    // "US" takes its sense from the story's world: the envoy view, gone now, no longer gives it.
    const weather = await navigate((page) => page.click('a[data-story="weather"]'));
    expect(weather).toEqual([]);

    const back = await navigate((page) => page.goBack());
    expect(withGloss.page.url()).toMatch(/\?story=envoy$/);
    expect(summary(back)).toEqual(['envoy-text:HTS', 'envoy-text:Mikhail Bogdanov']);

    const backAgain = await navigate((page) => page.goBack());
    expect(summary(backAgain)).toEqual(['bases-text:Khmeimim Airbase', 'bases-text:Tartus']);
  });

  it('counts only what the current view mentions', async () => {
    await navigate((page) => page.goForward());
    const state = await waitForScan(browsers.gloss.serviceWorker, await tabIdOf(browsers.gloss.serviceWorker, withGloss.page));
    const ids = state.entities.map((entry) => entry.entityId);
    expect(ids).toContain('mikhail-bogdanov');
    expect(ids).not.toContain('khmeimim-airbase');
  });

  it('leaves the same DOM and no new errors, and the card opens on the new view', async () => {
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
    const dialog = await hoverForCard(withGloss.page, '#envoy-text', 'Mikhail Bogdanov', 'Mikhail Bogdanov');
    expect(await dialog.isVisible()).toBe(true);
  });
});

describe('the back/forward cache', () => {
  let side: Side;
  let before: string[];

  const restoredFromCache = async (page: Page) => {
    const shows = await pollUntil(
      () => page.evaluate(() => (window as unknown as { __pageshows?: boolean[] }).__pageshows ?? []),
      (list) => list.length > 1,
      { timeout: 5_000, message: 'no pageshow after going back' },
    );
    return shows.at(-1) === true;
  };

  async function awayAndBack(page: Page): Promise<boolean> {
    await page.click('#elsewhere-link');
    await page.waitForURL(/elsewhere\.html$/);
    await page.locator('#elsewhere-text').waitFor();
    // A page restored from the cache fires pageshow, not load.
    await page.goBack({ waitUntil: 'commit' });
    return restoredFromCache(page);
  }

  beforeAll(async () => {
    side = await openWithGloss(browsers.gloss, browsers.fixtures.url('story.html'));
    before = summary(await glossHighlights(side.page));
    await hoverForCard(side.page, '#lede', 'Tartus', 'Tartus');
    await dismissCards(side.page);
  });

  afterAll(async () => {
    await side?.page.close();
  });

  it('comes back from the cache with its highlights, once, and no errors', async () => {
    expect(before.length).toBeGreaterThan(3);
    const worker = browsers.gloss.serviceWorker;
    const tabId = await tabIdOf(worker, side.page);
    const found = String((await waitForScan(worker, tabId)).entities.length);
    const badge = () => worker.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
    for (let round = 0; round < 2; round++) {
      const fromCache = await awayAndBack(side.page);
      expect(fromCache, 'the page was not restored from the back/forward cache').toBe(true);
      expect(summary(await glossHighlights(side.page))).toEqual(before);
      // The browser cleared the tab's badge on leaving; the restored page shows its count again.
      await pollUntil(badge, (text) => text === found, { timeout: 5_000, message: `the badge did not show ${found} again after the restore` });
    }
    expect(side.problems.fromExtensions()).toEqual([]);
    expect(side.problems.texts()).toEqual([]);
  });

  it('has one card host and one card after the restore', async () => {
    expect(await cardHostCount(side.page)).toBeLessThanOrEqual(1);
    const dialog = await hoverForCard(side.page, '#envoy', 'Mikhail Bogdanov', 'Mikhail Bogdanov');
    expect(await dialog.isVisible()).toBe(true);
    expect(await cardHostCount(side.page)).toBe(1);
    expect(await cardDialog(side.page).count()).toBe(1);
    await dismissCards(side.page);
  });

  it('still follows the restored page’s changes and answers the popup', async () => {
    await side.page.click('#add');
    await pollUntil(() => glossHighlights(side.page), (list) => list.some((highlight) => highlight.nearestId === 'update-1'), {
      timeout: 5_000,
      message: 'new text after the restore was not highlighted',
    });
    const state = await pageStateOf(browsers.gloss.serviceWorker, await tabIdOf(browsers.gloss.serviceWorker, side.page));
    expect(state?.status).toBe('on');
    expect(state?.entities.map((entry) => entry.entityId)).toEqual(expect.arrayContaining(['tartus', 'mikhail-bogdanov']));
  });
});

describe('the extension reloading (an update) under an open page', () => {
  let side: Side;
  let before: string[];
  let worker: Worker;

  beforeAll(async () => {
    side = await openWithGloss(browsers.gloss, browsers.fixtures.url('story.html'));
    before = summary(await glossHighlights(side.page));
    await hoverForCard(side.page, '#lede', 'Tartus', 'Tartus');
    await dismissCards(side.page);
    const oldWorker = browsers.gloss.serviceWorker;
    const closed = new Promise<void>((resolve) => oldWorker.once('close', () => resolve()));
    // The reloaded extension's worker starts at once (runtime.onInstalled, reason "update").
    const started = browsers.gloss.context.waitForEvent('serviceworker', { predicate: (candidate) => candidate !== oldWorker, timeout: 15_000 });
    await oldWorker.evaluate(() => {
      setTimeout(() => chrome.runtime.reload(), 20);
    });
    await Promise.race([closed, sleep(10_000).then(() => Promise.reject(new Error('the extension did not unload')))]);
    worker = await started;
    expect(new URL(worker.url()).host).toBe(browsers.gloss.extensionId);
    // The new version starts in the open tab by itself (Chromium runs the manifest's scripts only in pages loaded later).
    await waitForScan(worker, await tabIdOf(worker, side.page));
    await sleep(GLOSS_SETTLE_MS);
  });

  afterAll(async () => {
    await side?.page.close();
  });

  it('the new version reads the open page at once: the same highlights, and the popup can read it', async () => {
    expect(summary(await glossHighlights(side.page))).toEqual(before);
    const state = await pageStateOf(worker, await tabIdOf(worker, side.page));
    expect(state?.status).toBe('on');
    expect(state?.entities.map((entry) => entry.entityId)).toEqual(expect.arrayContaining(['tartus', 'mikhail-bogdanov']));
  });

  it('the old content script steps aside: one card, from the new version, and the page keeps working', async () => {
    // Pointer and page activity reach the orphaned script too, which must notice and stop quietly.
    await side.page.mouse.move(2, 2);
    const dialog = await hoverForCard(side.page, '#envoy', 'Mikhail Bogdanov', 'Mikhail Bogdanov');
    expect(await dialog.isVisible()).toBe(true);
    expect(await cardHostCount(side.page)).toBe(1);
    await dismissCards(side.page);
    await side.page.click('#add');
    await side.page.locator('#update-1').waitFor();
    expect(await side.page.locator('#update-1').textContent()).toBe('Update 1: a ship left Tartus for Libya.');
    await pollUntil(
      async () => summary(await glossHighlights(side.page)),
      (now) => now.length > before.length,
      { timeout: 5_000, message: 'the text the page added was not highlighted' },
    );
    expect(summary(await glossHighlights(side.page))).toEqual(expect.arrayContaining(['update-1:Tartus', ...before]));
    expect(side.problems.problems.filter((problem) => problem.world === 'main')).toEqual([]);
  });

  // The orphaned script's own teardown must not throw ("Extension context invalidated") either.
  it('the old content script adds no error when the extension reloads', async () => {
    expect(side.problems.problems.map((problem) => problem.detail)).toEqual([]);
  });

  it('after the page reloads, the new content script highlights it once, with one card and no errors', async () => {
    const problemsBefore = side.problems.problems.length;
    await side.page.reload();
    await waitForScan(worker, await tabIdOf(worker, side.page));
    await sleep(GLOSS_SETTLE_MS);
    expect(summary(await glossHighlights(side.page))).toEqual(before);
    const dialog = await hoverForCard(side.page, '#lede', 'Khmeimim Airbase', 'Khmeimim Airbase');
    expect(await dialog.isVisible()).toBe(true);
    expect(await cardHostCount(side.page)).toBe(1);
    expect(side.problems.problems.slice(problemsBefore)).toEqual([]);
  });
});
