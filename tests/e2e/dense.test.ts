/**
 * A page dense with mentions (a long live blog, an archive of the story): thousands of highlights
 * are made over several slices and shown together (see PageScanner's `#show`), with the default
 * engine (CSS Custom Highlight API). Every mention must be highlighted once, counted, and point to
 * the right text; the page keeps answering the pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { glossHighlights } from './robustness/support';
import { cardDialog, pageStateOf, startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

const PARAGRAPHS = 3_000;
const SENTENCE = 'Russia keeps Tartus and Khmeimim; HTS and Ahmed al-Sharaa talk with Mikhail Bogdanov.';
const ENTITIES = ['ahmed-al-sharaa', 'hayat-tahrir-al-sham', 'khmeimim-airbase', 'mikhail-bogdanov', 'russia', 'tartus'];

let session: GlossSession;
let page: Page;
let tabId: number;

/** Every range Gloss registered, as `name: text`, counted. */
async function registeredTexts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { name, text } of await glossHighlights(page)) {
    const key = `${name}: ${text}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  session = await startSession();
  const url = session.server.fixtureUrl('generated-dense.html');
  const body = Array.from({ length: PARAGRAPHS }, (_, index) => `<p id="p${index}">${SENTENCE}</p>`).join('\n');
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
  it('highlights and counts every one of them once, over the right text', async () => {
    const state = await pageStateOf(session.serviceWorker, tabId);
    expect(state?.entities.map(({ entityId, count }) => [entityId, count]).sort()).toEqual(ENTITIES.map((id) => [id, PARAGRAPHS]));
    expect(Object.fromEntries(await registeredTexts())).toEqual({
      'gloss-underline-people: Ahmed al-Sharaa': PARAGRAPHS,
      'gloss-underline-people: Mikhail Bogdanov': PARAGRAPHS,
      'gloss-underline-groups: HTS': PARAGRAPHS,
      'gloss-underline-places: Russia': PARAGRAPHS,
      'gloss-underline-places: Tartus': PARAGRAPHS,
      'gloss-underline-places: Khmeimim': PARAGRAPHS,
    });
  });

  it('opens a card far down the page', async () => {
    const paragraph = page.locator(`#p${PARAGRAPHS - 10}`);
    await paragraph.scrollIntoViewIfNeeded();
    const point = await paragraph.evaluate((element) => {
      const text = element.firstChild as Text;
      const range = document.createRange();
      const start = text.data.indexOf('Tartus');
      range.setStart(text, start);
      range.setEnd(text, start + 'Tartus'.length);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
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
    await expect.poll(async () => [...(await registeredTexts()).values()], { timeout: 10_000 }).toEqual(ENTITIES.map(() => PARAGRAPHS / 2));
  });
});
