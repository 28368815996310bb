/**
 * What a page waits for before it highlights: it asks the background whether its tab is switched
 * off only while some tab is (src/storage/tab-state.ts), so a sleeping background is not woken, nor
 * waited for, by every page a reader opens. Through the real popup and service worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPopup, pageStateOf, pollUntil, setPopupSwitch, startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

let session: GlossSession;

beforeAll(async () => {
  session = await startSession({ settings: { highlightEngine: 'mark' } });
});

afterAll(async () => {
  await session?.close();
});

/** Records the type of every message the pages send to the service worker from now on. */
async function listenToPages(): Promise<void> {
  await session.serviceWorker.evaluate(() => {
    const record = globalThis as unknown as { glossTestHeard: string[] };
    record.glossTestHeard = [];
    chrome.runtime.onMessage.addListener((message: unknown) => {
      if (message && typeof message === 'object' && 'type' in message) record.glossTestHeard.push(String(message.type));
    });
  });
}

async function heard(): Promise<string[]> {
  return session.serviceWorker.evaluate(() => (globalThis as unknown as { glossTestHeard: string[] }).glossTestHeard);
}

async function openFixture(file: string, hash = ''): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(`${session.server.fixtureUrl(file)}${hash}`);
  return { page, tabId: await tabIdOf(session.serviceWorker, page) };
}

/** The demo page, in a tab of its own (the hash tells the tabs apart). */
const openDemo = (hash: string) => openFixture('demo.html', `#${hash}`);

describe('a page at start', () => {
  it('reports nothing to the background when it mentions nothing from the story (the badge stays empty)', async () => {
    await listenToPages();
    const plain = await openFixture('plain.html');
    const state = await waitForScan(session.serviceWorker, plain.tabId);
    expect(state).toMatchObject({ status: 'on', entities: [] });
    // Past the page's report throttle (400 ms): a report would have been sent by now.
    await plain.page.waitForTimeout(1_000);
    // (This session draws with the mark.js engine, which the background loads into the page: `loadLazyScript`.)
    expect(await heard()).not.toContain('reportPageState');
    expect(await session.serviceWorker.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), plain.tabId)).toBe('');
    await plain.page.close();
  });

  it('does not ask the background about its tab while no tab is switched off, and does once one is', async () => {
    await listenToPages();
    const reader = await openDemo('reader');
    expect((await waitForScan(session.serviceWorker, reader.tabId)).status).toBe('on');
    // The page reported its state for the badge (so its messages are heard), without having asked.
    await pollUntil(heard, (types) => types.includes('reportPageState'), { timeout: 5_000, message: 'no state report heard' });
    expect(await heard()).not.toContain('getTabDisabled');

    // Another tab switched off in the popup: from now on pages ask, and each gets its own tab's answer.
    const other = await openDemo('other');
    await waitForScan(session.serviceWorker, other.tabId);
    const popup = await openPopup(session.context, session.extensionId, other.tabId);
    await setPopupSwitch(popup, 'Highlight in this tab', false);
    await expect.poll(async () => (await pageStateOf(session.serviceWorker, other.tabId))?.status, { timeout: 5_000 }).toBe('off-tab');

    await reader.page.reload();
    expect((await waitForScan(session.serviceWorker, reader.tabId)).status).toBe('on');
    expect(await heard()).toContain('getTabDisabled');
    expect(await reader.page.locator('mark.gloss-mark').count()).toBeGreaterThan(0);
    await other.page.reload();
    await expect.poll(async () => (await pageStateOf(session.serviceWorker, other.tabId))?.status, { timeout: 10_000 }).toBe('off-tab');
    expect(await other.page.locator('mark.gloss-mark').count()).toBe(0);

    // Back on, and the last tab off closed: pages stop asking.
    await setPopupSwitch(popup, 'Highlight in this tab', true);
    await listenToPages();
    await reader.page.reload();
    expect((await waitForScan(session.serviceWorker, reader.tabId)).status).toBe('on');
    await pollUntil(heard, (types) => types.includes('reportPageState'), { timeout: 5_000, message: 'no state report heard' });
    expect(await heard()).not.toContain('getTabDisabled');
    await popup.close();
    await other.page.close();
    await reader.page.close();
  });
});
