/**
 * Pages that change after load: appended paragraphs, a live feed, text rewritten in place, an SPA
 * swapping its article via history.pushState; and a page with nothing to mark. The fixtures' own
 * scripts run here (they are served without the no-scripts CSP).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import {
  captureBeforeGloss,
  markAt,
  snapshotBeforeGloss,
  snapshotNow,
  startSession,
  tabIdOf,
  waitForScan,
  type GlossSession,
} from './support/helpers';

let session: GlossSession;

beforeAll(async () => {
  session = await startSession({ settings: { highlightEngine: 'mark' } });
});

afterAll(async () => {
  await session?.close();
});

async function openDynamic(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.server.fixtureUrl('dynamic.html'));
  await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, page));
  return page;
}

describe('pages that change after load', () => {
  it('marks a paragraph added after the first scan', async () => {
    const page = await openDynamic();
    await page.locator('#add-update').click();
    await page.locator('#update-1 mark.gloss-mark').first().waitFor({ timeout: 5_000 });
    expect((await markAt(page, '#update-1', 'Tartus')).entity).toMatch(/tartus/);
    expect((await markAt(page, '#update-1', 'Libya')).entity).not.toBeNull();
    // The page's own script still works after Gloss has changed the DOM.
    await page.locator('#add-update').click();
    await page.locator('#update-2 mark.gloss-mark').first().waitFor({ timeout: 5_000 });
    await page.close();
  });

  it('keeps up with a live feed', async () => {
    const page = await openDynamic();
    await page.locator('#start-feed').click();
    for (const id of ['update-1', 'update-2', 'update-3']) {
      await page.locator(`#${id} mark.gloss-mark`).first().waitFor({ timeout: 5_000 });
    }
    // Each paragraph is marked once per mention, not again on every mutation.
    expect(await page.locator('#feed mark.gloss-mark mark').count()).toBe(0);
    expect(await page.locator('#update-1 mark.gloss-mark', { hasText: 'Tartus' }).count()).toBe(1);
    await page.close();
  });

  it('marks text rewritten in place', async () => {
    const page = await openDynamic();
    expect(await page.locator('#static-paragraph mark').count()).toBe(0);
    await page.locator('#rewrite-text').click();
    await page.locator('#static-paragraph mark.gloss-mark').first().waitFor({ timeout: 5_000 });
    expect((await markAt(page, '#static-paragraph', 'Lavrentiev')).category).toBe('people');
    await page.close();
  });

  it('marks the new article after an SPA navigation', async () => {
    const page = await openDynamic();
    await page.locator('#spa-navigate').click();
    await page.waitForURL(/\?story=2$/);
    await page.locator('#spa-paragraph mark.gloss-mark').first().waitFor({ timeout: 5_000 });
    expect((await markAt(page, '#spa-paragraph', 'Hmeimim')).entity).toBe('khmeimim-airbase');
    expect((await markAt(page, '#spa-paragraph', 'Mikhail Bogdanov')).entity).toBe('mikhail-bogdanov');
    await page.close();
  });
});

describe('a page with no mentions', () => {
  it('finishes its scan with nothing found and the page unchanged', async () => {
    const page = await session.context.newPage();
    await captureBeforeGloss(page, ['article']);
    await page.goto(session.server.fixtureUrl('plain.html'));
    const state = await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, page));
    expect(state.entities).toEqual([]);
    expect(await page.locator('mark.gloss-mark').count()).toBe(0);
    const before = await snapshotBeforeGloss(page);
    const now = await snapshotNow(page, ['article']);
    expect(now.html.article).toBe(before.html.article);
    expect(now.bodyText).toBe(before.bodyText);
    await page.close();
  });
});
