/**
 * Going to a term, from the popup's "On this page" list or with the keyboard command (Alt+Shift+K),
 * brings the term itself into the window, also where its element is taller than the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

let session: GlossSession;
let page: Page;
let tabId: number;

beforeAll(async () => {
  session = await startSession();
  page = await session.context.newPage();
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto(session.server.fixtureUrl('tall-post.html'));
  tabId = await tabIdOf(session.serviceWorker, page);
  await waitForScan(session.serviceWorker, tabId);
});

afterAll(async () => {
  await session?.close();
});

/** Sends the page a message of Gloss's protocol (@webext-core/messaging's shape), as the popup and the background do. */
async function tellPage(type: string, data: unknown): Promise<unknown> {
  const message = JSON.stringify({ id: Date.now(), type, data, timestamp: Date.now() });
  return session.serviceWorker.evaluate(
    `new Promise((resolve) => chrome.tabs.sendMessage(${tabId}, ${message}, { frameId: 0 }, (reply) => { void chrome.runtime.lastError; resolve(reply); }))`,
  );
}

/** Where the term is from the window's top, and the window's height. */
function termPlace(): Promise<{ top: number; bottom: number; height: number }> {
  return page.evaluate(`(() => {
    const post = document.getElementById('post');
    const walker = document.createTreeWalker(post, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf('Mikhail Bogdanov');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 16);
      const box = range.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom, height: innerHeight };
    }
    throw new Error('no term');
  })()`);
}

describe('going to a term in an element taller than the window', () => {
  it('from "On this page": the term is in the window', async () => {
    await page.evaluate('scrollTo(0, 0)');
    expect(await tellPage('revealEntity', 'mikhail-bogdanov')).toMatchObject({ res: true });
    await expect
      .poll(async () => {
        const place = await termPlace();
        return place.top >= 0 && place.bottom <= place.height;
      }, { timeout: 5_000 })
      .toBe(true);
  });

  it('with the keyboard command: the term is in the window', async () => {
    await page.evaluate('scrollTo(0, 0)');
    await page.bringToFront();
    expect(await tellPage('openCardAtSelection', undefined)).toMatchObject({ res: true });
    const place = await termPlace();
    expect(place.top).toBeGreaterThanOrEqual(0);
    expect(place.bottom).toBeLessThanOrEqual(place.height);
  });
});
