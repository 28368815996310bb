/**
 * Pages read settings without the schema library (src/storage/page-settings.ts): a value in the form
 * the options page writes is taken as it is, any other form is read by the background; and a card's
 * "Not this" is written by the background. Through the real extension, as a reader meets them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Settings } from '../../src/core/settings';
import {
  cardDialog,
  markOf,
  pollUntil,
  seedSettings,
  SETTINGS_STORAGE_KEY,
  startSession,
  tabIdOf,
  waitForScan,
  waitForStableMarks,
  type GlossSession,
} from './support/helpers';

let session: GlossSession;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  await session?.close();
});

async function storeRaw(value: unknown): Promise<void> {
  await session.serviceWorker.evaluate(async ({ key, value }) => chrome.storage.local.set({ [key]: value }), { key: SETTINGS_STORAGE_KEY, value });
}

async function storedSettings(): Promise<Settings> {
  return session.serviceWorker.evaluate(async (key) => (await chrome.storage.local.get(key))[key] as Settings, SETTINGS_STORAGE_KEY);
}

async function openDemo(origin: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${origin}/demo.html`);
  return page;
}

describe('settings as pages take them', () => {
  it('has the background read settings stored in another form (no version, fields missing)', async () => {
    const host = new URL(session.server.origin).host;
    // As an older Gloss or a hand edit could leave them: not in the schema's form, so not taken as they are.
    await storeRaw({ highlightEngine: 'mark', disabledSites: [host] });
    const otherSite = await openDemo(session.server.origin.replace('127.0.0.1', 'localhost'));
    const switchedOff = await openDemo(session.server.origin);
    try {
      // Marks (not painted highlights) only if the page got highlightEngine: 'mark' from the stored value.
      expect(await waitForStableMarks(otherSite)).toBeGreaterThan(10);
      const state = await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, switchedOff));
      expect(state.status).toBe('off-site');
      expect(await switchedOff.locator('mark.gloss-mark').count()).toBe(0);
    } finally {
      await otherSite.close();
      await switchedOff.close();
    }
  });

  it('hides a spelling of a term on the site when the reader says "Not this" in its card, and Undo shows it again', async () => {
    // In the schema's form, as the options page writes them: the page takes them as they are.
    await seedSettings(session.serviceWorker, { highlightEngine: 'mark' });
    const page = await openDemo(session.server.origin);
    const marksOfBogdanov = (within = 'body') => page.locator(`${within} mark.gloss-mark[data-gloss-entity="mikhail-bogdanov"]`);
    const bareSurname = () => marksOfBogdanov().filter({ hasText: /^Bogdanov$/ });
    const fullName = () => marksOfBogdanov().filter({ hasText: /^Mikhail Bogdanov$/ });
    try {
      await waitForStableMarks(page);
      expect(await bareSurname().count()).toBeGreaterThan(0);
      await marksOfBogdanov('#bogdanov-paragraph').filter({ hasText: /^Bogdanov$/ }).first().hover();
      const card = cardDialog(page, 'Mikhail Bogdanov');
      await card.waitFor({ state: 'visible', timeout: 5_000 });
      await card.getByRole('button', { name: 'Not this' }).click();
      await pollUntil(
        () => bareSurname().count(),
        (count) => count === 0,
        { timeout: 5_000, message: '"Bogdanov" was still marked after "Not this"' },
      );
      const site = new URL(session.server.origin).host;
      expect((await storedSettings()).hiddenEntities).toEqual({ [site]: ['mikhail-bogdanov:bogdanov'] });
      // Only that spelling: his full name and the rest of the story stay marked.
      expect(await fullName().count()).toBeGreaterThan(0);
      expect(await markOf(page, 'tartus').count()).toBeGreaterThan(0);
      // The notice at the foot of the page takes it back.
      const notice = page.locator('gloss-card').locator('.notice');
      expect(await notice.innerText()).toContain(`“Bogdanov” is no longer highlighted on ${site}.`);
      await notice.getByRole('button', { name: 'Undo' }).click();
      await pollUntil(
        () => bareSurname().count(),
        (count) => count > 0,
        { timeout: 5_000, message: '"Bogdanov" was not marked again after Undo' },
      );
      expect((await storedSettings()).hiddenEntities).toEqual({});
      // The notice says so for a moment, then goes.
      expect(await notice.innerText()).toContain('“Bogdanov” is highlighted again.');
      await notice.waitFor({ state: 'detached', timeout: 6_000 });
    } finally {
      await page.close();
    }
  });
});
