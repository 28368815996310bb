/**
 * A page dense with mentions (a long live blog, an archive of the story): thousands of highlights
 * are made over several slices and shown together (see PageScanner's `#show`), with the default
 * engine (CSS Custom Highlight API). Every mention must be found and counted once; past
 * REGISTER_ALL_UP_TO mentions only those near the viewport are registered with the browser (each
 * registered range costs on every change the page makes), over the right text, also text in elements
 * without a box (`display: contents`), and they follow the reader's scrolling; the page keeps
 * answering the pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { REGISTER_ALL_UP_TO } from '../../src/content/engines/near-viewport';
import { glossHighlights, pointOfText, type RegisteredHighlight } from './robustness/support';
import { cardDialog, pageStateOf, startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

const PARAGRAPHS = 3_000;
const SENTENCE = 'Russia keeps Tartus and Khmeimim; HTS and Ahmed al-Sharaa talk with Mikhail Bogdanov.';
const ENTITIES = ['ahmed-al-sharaa', 'hayat-tahrir-al-sham', 'khmeimim-airbase', 'mikhail-bogdanov', 'russia', 'tartus'];

let session: GlossSession;
let page: Page;
let tabId: number;

const NAMED = [
  'gloss-underline-people: Ahmed al-Sharaa',
  'gloss-underline-people: Mikhail Bogdanov',
  'gloss-underline-groups: HTS',
  'gloss-underline-places: Russia',
  'gloss-underline-places: Tartus',
  'gloss-underline-places: Khmeimim',
].sort();

/** The paragraphs with registered ranges, each with what is registered in it as `name: text`. */
async function registeredByParagraph(): Promise<Map<string, string[]>> {
  const byParagraph = new Map<string, string[]>();
  for (const { name, text, nearestId, connected } of await glossHighlights(page)) {
    if (!connected) throw new Error(`a range in removed text is still registered (${name}: ${text})`);
    byParagraph.set(nearestId, [...(byParagraph.get(nearestId) ?? []), `${name}: ${text}`]);
  }
  return byParagraph;
}

/** Ids of the paragraphs at least partly in the viewport, and of those more than two viewports from it. */
async function paragraphsByDistance(): Promise<{ visible: string[]; far: Set<string> }> {
  const { visible, far } = await page.evaluate(() => {
    const byDistance = { visible: [] as string[], far: [] as string[] };
    for (const paragraph of document.querySelectorAll('main p')) {
      const { top, bottom } = paragraph.getBoundingClientRect();
      if (bottom > 0 && top < innerHeight) byDistance.visible.push(paragraph.id);
      if (bottom < -2 * innerHeight || top > 3 * innerHeight) byDistance.far.push(paragraph.id);
    }
    return byDistance;
  });
  return { visible, far: new Set(far) };
}

/**
 * Waits until every paragraph in view has its six mentions registered, over the right text (the
 * browser reports what came into view after a frame), and returns what is registered.
 */
async function expectRegisteredAroundView(): Promise<Map<string, string[]>> {
  const allInViewRegistered = async () => {
    const registered = await registeredByParagraph();
    const { visible } = await paragraphsByDistance();
    return visible.length > 0 && visible.every((id) => JSON.stringify(registered.get(id)?.sort()) === JSON.stringify(NAMED));
  };
  await expect.poll(allInViewRegistered, { timeout: 5_000 }).toBe(true);
  return registeredByParagraph();
}

beforeAll(async () => {
  session = await startSession();
  const url = session.server.fixtureUrl('generated-dense.html');
  // Some sentences sit in an element without a box of its own, which the browser never reports in view.
  const sentence = (index: number) => (index % 500 === 1 ? `<span style="display: contents">${SENTENCE}</span>` : SENTENCE);
  const body = Array.from({ length: PARAGRAPHS }, (_, index) => `<p id="p${index}">${sentence(index)}</p>`).join('\n');
  await session.context.route(url, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: `<!doctype html><html lang="en"><head><title>Dense</title></head><body><main>${body}</main></body></html>` }),
  );
  page = await session.context.newPage();
  await page.goto(url);
  tabId = await tabIdOf(session.serviceWorker, page);
  await waitForScan(session.serviceWorker, tabId, 60_000);
});

afterAll(async () => {
  await session?.close();
});

describe('a page with 18,000 mentions', () => {
  it('counts every one of them once, and registers those around the view, over the right text', async () => {
    const state = await pageStateOf(session.serviceWorker, tabId);
    expect(state?.entities.map(({ entityId, count }) => [entityId, count]).sort()).toEqual(ENTITIES.map((id) => [id, PARAGRAPHS]));
    const registered = await expectRegisteredAroundView();
    const { far } = await paragraphsByDistance();
    expect([...registered.keys()].filter((id) => far.has(id))).toEqual([]);
    for (const [id, texts] of registered) expect(texts.sort(), id).toEqual(NAMED);
    expect(registered.size * NAMED.length).toBeLessThan(REGISTER_ALL_UP_TO);
  });

  it('registers the mentions the reader scrolls to, and lets go of those left behind', async () => {
    const before = new Set((await registeredByParagraph()).keys());
    await page.locator(`#p${PARAGRAPHS / 2}`).scrollIntoViewIfNeeded();
    const registered = await expectRegisteredAroundView();
    expect(registered.has(`p${PARAGRAPHS / 2}`)).toBe(true);
    expect([...registered.keys()].filter((id) => before.has(id))).toEqual([]);
  });

  it('opens a card far down the page', async () => {
    const point = await pointOfText(page, `#p${PARAGRAPHS - 10}`, 'Tartus');
    await page.mouse.move(point.x, point.y);
    await cardDialog(page, 'Tartus').waitFor({ state: 'visible', timeout: 5_000 });
  });

  it('drops the highlights of removed paragraphs and keeps the rest', async () => {
    await page.keyboard.press('Escape');
    await page.evaluate((count) => {
      for (let index = 0; index < count; index += 2) document.getElementById(`p${index}`)?.remove();
    }, PARAGRAPHS);
    await expect
      .poll(async () => (await pageStateOf(session.serviceWorker, tabId))?.entities.map(({ count }) => count), { timeout: 10_000 })
      .toEqual(ENTITIES.map(() => PARAGRAPHS / 2));
    const registered = await expectRegisteredAroundView();
    const removedIds = [...registered.keys()].filter((id) => Number(id.slice(1)) % 2 === 0);
    expect(removedIds).toEqual([]);
  });
});
