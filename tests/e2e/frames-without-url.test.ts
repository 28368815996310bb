/**
 * Frames with no URL of their own: a srcdoc frame (mail and newsletter viewers) and an about:blank
 * frame the page writes into (editors' previews) are read as other frames are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';
import { glossHighlights } from './robustness/support';

let session: GlossSession;
let page: Page;

beforeAll(async () => {
  session = await startSession();
  page = await session.context.newPage();
  await page.goto(session.server.fixtureUrl('frames-without-url.html'));
  await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, page));
});

afterAll(async () => {
  await session?.close();
});

function frameOf(id: string): Promise<Frame> {
  return page.locator(`#${id}`).elementHandle().then(async (element) => (await element!.contentFrame())!);
}

const highlightedIn = async (frame: Frame) => (await glossHighlights(frame)).map((highlight) => highlight.text).sort();

describe('frames without a URL of their own', () => {
  it('highlights the story in a srcdoc frame', async () => {
    const frame = await frameOf('srcdoc');
    await expect.poll(() => highlightedIn(frame), { timeout: 10_000 }).toEqual(['Khmeimim Airbase', 'Mikhail Bogdanov']);
  });

  it('highlights the story in an about:blank frame the page wrote', async () => {
    const frame = await frameOf('blank');
    await expect.poll(() => highlightedIn(frame), { timeout: 10_000 }).toEqual(['Alexander Lavrentiev', 'Tartus']);
  });
});
