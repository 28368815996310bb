/**
 * The content script on the demo page: which names get marked (and with which entity), what is
 * left alone, and how the hover card behaves; the source reader's marked quote; and the demo page
 * itself, readable in both colour schemes.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadBundledPack } from '../../scripts/pack-files';
import { EXTENSION_DIR } from './support/paths';
import { contrastRatio } from './support/contrast';
import {
  captureBeforeGloss,
  cardDialog,
  dismissCards,
  markAt,
  markOf,
  overlaps,
  pastedText,
  sampleCardVisibility,
  sendOpenCardCommand,
  snapshotBeforeGloss,
  snapshotNow,
  startSession,
  tabIdOf,
  waitForStableMarks,
  type GlossSession,
} from './support/helpers';

const CATEGORIES = ['people', 'groups', 'places', 'topics'];
const BUNDLED_PACK = loadBundledPack();
const UNTOUCHED_IDS = ['editable-note', 'page-data', 'customs-paragraph', 'turkey-recipe', 'coast-map'];

let session: GlossSession;
let page: Page;

beforeAll(async () => {
  session = await startSession({ settings: { highlightEngine: 'mark' } });
  page = await session.context.newPage();
  await captureBeforeGloss(page, UNTOUCHED_IDS);
  await page.goto(session.server.fixtureUrl('demo.html'));
  await waitForStableMarks(page);
  // Bring the end of the article into view too, in case highlighting is lazy, and wait for it.
  await page.locator('#reader-tools').scrollIntoViewIfNeeded();
  await page.locator('#closing-paragraph mark.gloss-mark').first().waitFor({ timeout: 10_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
});

afterAll(async () => {
  await session?.close();
});

describe('highlighting the demo page', () => {
  it('marks Mikhail Bogdanov, with and without his first name', async () => {
    const full = await markAt(page, '#bogdanov-paragraph', 'Mikhail Bogdanov');
    expect(full).toMatchObject({ found: true, entity: 'mikhail-bogdanov', category: 'people' });
    const surname = await markAt(page, '#bogdanov-paragraph', 'Bogdanov and');
    expect(surname).toMatchObject({ found: true, entity: 'mikhail-bogdanov' });
  });

  it('maps Tartus and Tartous to the same entity, the city, and the naval base to the base', async () => {
    const tartus = await markAt(page, '#below-fold-paragraph', 'Tartus');
    const tartous = await markAt(page, '#tartous-paragraph', 'Tartous');
    expect(tartus.entity).toBe('tartus');
    expect(tartous.entity).toBe(tartus.entity);
    const inTable = await markAt(page, '#agenda-table', 'Tartous');
    expect(inTable.entity).toBe(tartus.entity);
    const base = await markAt(page, '#lede-paragraph', 'Tartus Naval Base');
    expect(base.entity).toBe('tartus-naval-base');
  });

  it('maps Khmeimim and Hmeimim to khmeimim-airbase', async () => {
    expect((await markAt(page, '#lede-paragraph', 'Khmeimim')).entity).toBe('khmeimim-airbase');
    expect((await markAt(page, '#analysis-intro', 'Hmeimim')).entity).toBe('khmeimim-airbase');
    expect((await markAt(page, '#agenda-table', 'Hmeimim')).entity).toBe('khmeimim-airbase');
  });

  it('maps HTS, HTS’s, Hayat Tahrir al-Sham and Hay’at Tahrir al-Sham to one group', async () => {
    const full = await markAt(page, '#hts-paragraph', 'Hayat');
    expect(full).toMatchObject({ entity: 'hayat-tahrir-al-sham', category: 'groups' });
    for (let nth = 0; nth < 3; nth++) {
      expect((await markAt(page, '#hts-paragraph', 'HTS', nth)).entity, `HTS #${nth + 1}`).toBe('hayat-tahrir-al-sham');
    }
    const possessive = await markAt(page, '#hts-paragraph', 'HTS’s');
    expect(possessive.entity).toBe('hayat-tahrir-al-sham');
    expect(possessive.markText).toMatch(/^HTS/);
    expect((await markAt(page, '#turkey-paragraph', 'Hay’at')).entity).toBe('hayat-tahrir-al-sham');
  });

  it('maps Latakia and Lattakia to latakia', async () => {
    expect((await markAt(page, '#lede-paragraph', 'Latakia')).entity).toBe('latakia');
    expect((await markAt(page, '#analysis-intro', 'Lattakia')).entity).toBe('latakia');
  });

  it('maps Lavrentiev and Lavrentyev, and al-Sharaa and al-Jolani, to one person each', async () => {
    const lavrentiev = await markAt(page, '#bogdanov-paragraph', 'Lavrentiev');
    expect(lavrentiev.category).toBe('people');
    expect((await markAt(page, '#bogdanov-paragraph', 'Lavrentyev')).entity).toBe(lavrentiev.entity);
    const sharaa = await markAt(page, '#hts-paragraph', 'Ahmed al-Sharaa');
    expect(sharaa.category).toBe('people');
    expect((await markAt(page, '#hts-paragraph', 'al-Jolani')).entity).toBe(sharaa.entity);
  });

  it('gives every mark a kebab-case entity id and a known category', async () => {
    const marks = await page.locator('mark.gloss-mark').evaluateAll((elements) =>
      elements.map((mark) => ({
        entity: mark.getAttribute('data-gloss-entity'),
        category: mark.getAttribute('data-gloss-category'),
      })),
    );
    expect(marks.length).toBeGreaterThan(10);
    for (const mark of marks) {
      expect(mark.entity).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(CATEGORIES).toContain(mark.category);
    }
  });

  it('leaves form fields, editable text, scripts, code and SVG alone', async () => {
    const inside = await page.evaluate(() =>
      Array.from(
        document.querySelectorAll(
          'textarea mark, input mark, [contenteditable] mark, script mark, style mark, code mark, svg mark, title mark, option mark',
        ),
        (mark) => mark.parentElement?.tagName ?? '?',
      ),
    );
    expect(inside).toEqual([]);
    expect(await page.locator('#comment-box').inputValue()).toBe(
      'I sailed past Tartus in 2019; the harbour was busier than I expected.',
    );
    expect(await page.locator('#comment-box').evaluate((el) => el.childNodes.length)).toBe(1);
    expect(await page.locator('#search-input').inputValue()).toBe('Tartus');

    const before = await snapshotBeforeGloss(page);
    const now = await snapshotNow(page, UNTOUCHED_IDS);
    expect(now.html['editable-note']).toBe(before.html['editable-note']);
    expect(now.html['page-data']).toBe(before.html['page-data']);
    expect(now.html['coast-map']).toBe(before.html['coast-map']);
    expect(await page.evaluate(() => (window as unknown as { coastlineArticle?: { topic: string } }).coastlineArticle?.topic)).toBe(
      'Khmeimim',
    );
  });

  it('does not mark the customs “HTS code” or a roast turkey', async () => {
    expect(await page.locator('#hts-code').evaluate((el) => el.innerHTML)).toBe('HTS code 8471.30');
    expect(await page.locator('#hts-code mark, #hts-code .gloss-mark').count()).toBe(0);
    expect(await page.locator('#customs-paragraph mark[data-gloss-entity="hayat-tahrir-al-sham"]').count()).toBe(0);
    expect(await page.locator('#turkey-recipe mark').count()).toBe(0);
    // ...while Turkey the country is marked.
    const country = await markAt(page, '#turkey-paragraph', 'Turkey');
    expect(country.entity).not.toBeNull();
    expect(country.category).toBe('places');
  });
});

/** The HTS card, the longest: opened on hover, pinned, with all its facts shown. */
async function openLongCard() {
  await dismissCards(page);
  const mark = markOf(page, 'hayat-tahrir-al-sham', '#hts-paragraph');
  await mark.scrollIntoViewIfNeeded();
  await mark.hover();
  const dialog = cardDialog(page, 'Hayat Tahrir al-Sham (HTS)');
  await dialog.waitFor({ state: 'visible', timeout: 3_000 });
  await dialog.click({ position: { x: 6, y: 6 } });
  await dialog.getByRole('button', { name: /^Show all \d+ facts$/ }).click();
  return dialog;
}

describe('the hover card', () => {
  beforeEach(async () => {
    await dismissCards(page);
  });

  it('loads its drawing script into the page only when the reader first points at a term, and once', async () => {
    const fresh = await session.context.newPage();
    try {
      const cdp = await session.context.newCDPSession(fresh);
      const parsed: { url: string; contextId: number }[] = [];
      cdp.on('Debugger.scriptParsed', (event) => parsed.push({ url: event.url, contextId: event.executionContextId }));
      await cdp.send('Debugger.enable');
      await fresh.goto(session.server.fixtureUrl('demo.html'));
      await waitForStableMarks(fresh);
      const contentScript = parsed.find((script) => script.url.endsWith('/content-scripts/content.js'));
      expect(contentScript).toBeDefined();
      // In the content script's own world, which the page cannot reach.
      const cardScripts = () => parsed.filter((script) => script.url.endsWith('/card-view.js') && script.contextId === contentScript!.contextId);
      expect(cardScripts()).toEqual([]);

      await markOf(fresh, 'mikhail-bogdanov', '#bogdanov-paragraph').hover();
      await cardDialog(fresh, 'Mikhail Bogdanov').waitFor({ state: 'visible', timeout: 3_000 });
      expect(cardScripts()).toHaveLength(1);

      await dismissCards(fresh);
      await markOf(fresh, 'khmeimim-airbase', '#lede-paragraph').hover();
      await cardDialog(fresh).first().waitFor({ state: 'visible', timeout: 3_000 });
      expect(cardScripts()).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('opens after the pointer rests on a mark, with the entity’s facts', async () => {
    const mark = markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph');
    await mark.hover();
    const dialog = cardDialog(page, 'Mikhail Bogdanov');
    await dialog.waitFor({ state: 'visible', timeout: 3_000 });
    expect(await dialog.textContent()).toContain('Deputy Foreign Minister');
    expect(await page.locator('gloss-card').count()).toBeGreaterThan(0);
    expect(await page.locator('gloss-card').first().evaluate((host) => host.shadowRoot?.mode)).toBe('open');
  });

  it('does not open when the pointer only passes over a mark', async () => {
    const mark = markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph');
    await mark.scrollIntoViewIfNeeded();
    const box = (await mark.boundingBox())!;
    const started = Date.now();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(4, 4);
    const passMs = Date.now() - started;
    expect(passMs, 'the pass itself took too long to count as quick').toBeLessThan(100);
    const seen = await sampleCardVisibility(page, 900);
    expect(seen.ever).toBe(false);
  });

  it('opens from the keyboard at the selection, goes to the next term with the command again, and Esc returns focus', async () => {
    const tabId = await tabIdOf(session.serviceWorker, page);
    const paragraph = page.locator('#bogdanov-paragraph');
    await paragraph.scrollIntoViewIfNeeded();
    // The paragraph's first term and the one after it, in document order, by entity name.
    const [firstName, nextName] = (
      await paragraph.evaluate((element) => {
        const marks = [...document.querySelectorAll<HTMLElement>('mark.gloss-mark')];
        const at = marks.indexOf(element.querySelector<HTMLElement>('mark.gloss-mark')!);
        return [marks[at]?.dataset.glossEntity, marks[at + 1]?.dataset.glossEntity];
      })
    ).map((id) => BUNDLED_PACK.entities.find((entity) => entity.id === id)?.name);
    expect(firstName).toBeDefined();
    expect(nextName).toBeDefined();
    expect(nextName).not.toBe(firstName);
    // The caret at the paragraph's start, as a reader places it (or caret browsing does).
    await paragraph.evaluate((element) => document.getSelection()?.collapse(element, 0));
    // The card's element leaves the page once nothing shows: then focus is not in it either.
    const focusedInCard = () => page.evaluate(() => (document.querySelector('gloss-card')?.shadowRoot?.activeElement ?? null) !== null);
    await sendOpenCardCommand(session.serviceWorker, tabId);
    await cardDialog(page, firstName).waitFor({ state: 'visible', timeout: 3_000 });
    await expect.poll(focusedInCard).toBe(true);
    await sendOpenCardCommand(session.serviceWorker, tabId);
    await cardDialog(page, nextName).waitFor({ state: 'visible', timeout: 3_000 });
    await expect.poll(focusedInCard).toBe(true);
    await page.keyboard.press('Escape');
    await cardDialog(page).first().waitFor({ state: 'hidden', timeout: 2_000 });
    expect(await focusedInCard()).toBe(false);
  });

  it('gives the reader back the selection the keyboard opened a card from, or leaves the caret at the last card’s term', async () => {
    const tabId = await tabIdOf(session.serviceWorker, page);
    const paragraph = page.locator('#bogdanov-paragraph');
    await paragraph.scrollIntoViewIfNeeded();
    const selectWord = (word: string) =>
      paragraph.evaluate((element, wanted) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(wanted);
          if (at < 0 || node.parentElement?.closest('mark')) continue;
          document.getSelection()!.setBaseAndExtent(node, at, node, at + wanted.length);
          return true;
        }
        return false;
      }, word);
    expect(await selectWord('veteran')).toBe(true);
    await sendOpenCardCommand(session.serviceWorker, tabId);
    await cardDialog(page).first().waitFor({ state: 'visible', timeout: 3_000 });
    await page.keyboard.press('Escape');
    await cardDialog(page).first().waitFor({ state: 'hidden', timeout: 2_000 });
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('veteran');

    // On to the next term's card, then Esc: the caret is at that term, from where the command goes on.
    expect(await selectWord('veteran')).toBe(true);
    await sendOpenCardCommand(session.serviceWorker, tabId);
    await cardDialog(page).first().waitFor({ state: 'visible', timeout: 3_000 });
    const cardName = () => cardDialog(page).first().getAttribute('aria-label');
    const first = await cardName();
    await sendOpenCardCommand(session.serviceWorker, tabId);
    await expect.poll(cardName).not.toBe(first);
    const second = await cardName();
    await page.keyboard.press('Escape');
    await cardDialog(page).first().waitFor({ state: 'hidden', timeout: 2_000 });
    const secondId = BUNDLED_PACK.entities.find((entity) => entity.name === second)?.id;
    const caret = await page.evaluate((entityId) => {
      const selection = document.getSelection()!;
      const atTerm = [...document.querySelectorAll(`mark.gloss-mark[data-gloss-entity="${entityId}"]`)].some((mark) => {
        const around = document.createRange();
        around.selectNode(mark);
        return selection.anchorNode !== null && around.comparePoint(selection.anchorNode, selection.anchorOffset) === 0;
      });
      return { collapsed: selection.isCollapsed, atTerm };
    }, secondId);
    expect(caret).toEqual({ collapsed: true, atTerm: true });
  });

  it('leaves the caret of the text field a keyboard card was opened from where it was, so typing goes on there', async () => {
    const tabId = await tabIdOf(session.serviceWorker, page);
    const box = page.locator('#comment-box');
    await box.scrollIntoViewIfNeeded();
    const before = await box.inputValue();
    await box.evaluate((field: HTMLTextAreaElement) => {
      field.focus();
      field.setSelectionRange(6, 6);
    });
    await sendOpenCardCommand(session.serviceWorker, tabId);
    await cardDialog(page).first().waitFor({ state: 'visible', timeout: 3_000 });
    await page.keyboard.press('Escape');
    await cardDialog(page).first().waitFor({ state: 'hidden', timeout: 2_000 });
    try {
      expect(await box.evaluate((field) => field === document.activeElement)).toBe(true);
      await page.keyboard.type('X');
      expect(await box.inputValue()).toBe(`${before.slice(0, 6)}X${before.slice(6)}`);
    } finally {
      await box.fill(before);
    }
  });

  it('closes a keyboard-opened card on Tab past its last control, with focus back on its term, from where the next Tab goes on', async () => {
    const tabId = await tabIdOf(session.serviceWorker, page);
    const paragraph = page.locator('#bogdanov-paragraph');
    await paragraph.scrollIntoViewIfNeeded();
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await paragraph.evaluate((element) => document.getSelection()?.collapse(element, 0));
    // The card's element leaves the page once nothing shows: then focus is not in it either.
    const focusedInCard = () => page.evaluate(() => (document.querySelector('gloss-card')?.shadowRoot?.activeElement ?? null) !== null);
    await sendOpenCardCommand(session.serviceWorker, tabId);
    const dialog = cardDialog(page).first();
    await dialog.waitFor({ state: 'visible', timeout: 3_000 });
    await expect.poll(focusedInCard).toBe(true);
    const controls = await dialog.locator('button').count();
    expect(controls).toBeGreaterThan(2);
    // Through every control of the card, then one more.
    let presses = 0;
    while (presses <= controls + 1 && (await dialog.isVisible())) {
      await page.keyboard.press('Tab');
      presses++;
    }
    await dialog.waitFor({ state: 'hidden', timeout: 2_000 });
    expect(presses).toBe(controls + 1);
    // Focus is on the term (nothing had focus before, only the caret), not on the body...
    expect(await page.evaluate(() => document.activeElement === document.querySelector('#bogdanov-paragraph mark.gloss-mark'))).toBe(true);
    // ...so the next Tab goes on from the term, to the next control after it, not the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment-box');
    expect(await page.locator('#bogdanov-paragraph mark.gloss-mark[tabindex]').count()).toBe(0);
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  });

  it('closes on Escape', async () => {
    await markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph').hover();
    const dialog = cardDialog(page, 'Mikhail Bogdanov');
    await dialog.waitFor({ state: 'visible', timeout: 3_000 });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 2_000 });
  });

  it('stays open after a click (pinned) when the pointer leaves', async () => {
    await markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph').hover();
    const dialog = cardDialog(page, 'Mikhail Bogdanov');
    await dialog.waitFor({ state: 'visible', timeout: 3_000 });
    // Click the card's top-left padding, away from links and the close button.
    await dialog.click({ position: { x: 6, y: 6 } });
    await page.mouse.move(4, 4);
    const seen = await sampleCardVisibility(page, 1_200);
    expect(seen.always).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 2_000 });
  });

  it('copies a fact’s quote with the article’s title to the clipboard, from the card', async () => {
    await markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph').hover();
    const dialog = cardDialog(page, 'Mikhail Bogdanov');
    await dialog.waitFor({ state: 'visible', timeout: 3_000 });
    const firstFact = dialog.locator('.fact').first();
    const quote = ((await firstFact.locator('blockquote').textContent()) ?? '').trim();
    expect(quote).toMatch(/^“.+”$/);
    await firstFact.getByRole('button', { name: 'Copy quote' }).click();
    await firstFact.getByRole('status').filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 });
    try {
      expect(await pastedText(page)).toBe(`${quote} — Russia in talks with Syria's new rulers to keep its military bases`);
    } finally {
      await dismissCards(page);
    }
  });

  it('keeps the entity’s name and its close button in view while a long card scrolls, and what the keyboard focuses below them', async () => {
    const dialog = await openLongCard();
    try {
      const scrolled = await dialog.evaluate((card) => {
        card.scrollTop = card.scrollHeight;
        const header = card.querySelector('header');
        const close = header?.querySelector('button');
        const name = header?.querySelector('h2');
        if (!header || !close || !name) return null;
        const middle = (box: DOMRect) => [box.left + box.width / 2, box.top + box.height / 2] as const;
        const shadow = card.getRootNode() as ShadowRoot;
        return {
          scrollTop: card.scrollTop,
          headerTop: header.getBoundingClientRect().top - card.getBoundingClientRect().top - card.clientTop,
          // What a click at the middle of each would reach: nothing scrolled over them.
          closeOnTop: close.contains(shadow.elementFromPoint(...middle(close.getBoundingClientRect()))),
          nameOnTop: name.contains(shadow.elementFromPoint(...middle(name.getBoundingClientRect()))),
        };
      });
      expect(scrolled?.scrollTop).toBeGreaterThan(100);
      expect(scrolled).toMatchObject({ closeOnTop: true, nameOnTop: true });
      expect(Math.abs(scrolled?.headerTop ?? Infinity), 'the header, from the top of the card').toBeLessThan(1);

      // Shift+Tab from the second fact's first button to the first fact's last one, scrolled to just
      // below the card's top edge, where the header covers it: the card scrolls it out from under.
      const target = await dialog.evaluate((card) => {
        const [, firstFactLast, secondFactFirst] = card.querySelectorAll<HTMLButtonElement>('.fact-actions button');
        if (!firstFactLast || !secondFactFirst) return null;
        secondFactFirst.focus();
        const visibleTop = card.getBoundingClientRect().top + card.clientTop;
        card.scrollTop += firstFactLast.getBoundingClientRect().top - visibleTop - 10;
        return firstFactLast.textContent;
      });
      expect(target).toBe('Copy quote');
      await page.keyboard.press('Shift+Tab');
      const focused = await dialog.evaluate((card) => {
        const focusedButton = (card.getRootNode() as ShadowRoot).activeElement;
        const header = card.querySelector('header');
        if (!focusedButton || !header) return null;
        return { text: focusedButton.textContent, top: focusedButton.getBoundingClientRect().top, headerBottom: header.getBoundingClientRect().bottom };
      });
      expect(focused?.text).toBe('Copy quote');
      expect(focused?.top).toBeGreaterThanOrEqual(focused?.headerBottom ?? Infinity);
    } finally {
      await dismissCards(page);
    }
  });

  it('fades its foot while more of a long card lies below, and not once it is scrolled to its end or fits', async () => {
    const dialog = await openLongCard();
    const fadeOpacity = () => dialog.evaluate((card) => Number(getComputedStyle(card.querySelector('.more-below')!).opacity));
    try {
      expect(await dialog.evaluate((card) => card.scrollHeight - card.clientHeight)).toBeGreaterThan(100);
      await dialog.evaluate((card) => (card.scrollTop = 0));
      await expect.poll(fadeOpacity, { timeout: 2_000 }).toBe(1);
      // The fade lies over the card's foot, but a click there still reaches what is under it.
      const underFade = await dialog.evaluate((card) => {
        const box = card.getBoundingClientRect();
        const reached = (card.getRootNode() as ShadowRoot).elementFromPoint(box.left + 40, box.bottom - 8);
        return reached?.classList.contains('more-below') ?? null;
      });
      expect(underFade).toBe(false);
      await dialog.evaluate((card) => (card.scrollTop = card.scrollHeight));
      await expect.poll(fadeOpacity, { timeout: 2_000 }).toBe(0);
    } finally {
      await dismissCards(page);
    }
    // A card that fits shows no fade.
    const short = markOf(page, 'turkey', '#turkey-paragraph');
    await short.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await short.hover();
    const fits = cardDialog(page, 'Turkey');
    await fits.waitFor({ state: 'visible', timeout: 3_000 });
    try {
      expect(await fits.evaluate((card) => card.scrollHeight - card.clientHeight)).toBe(0);
      await page.waitForTimeout(300);
      expect(await fits.evaluate((card) => [card.hasAttribute('data-more-below'), Number(getComputedStyle(card.querySelector('.more-below')!).opacity)])).toEqual([false, 0]);
    } finally {
      await dismissCards(page);
    }
  });

  it('does not cover the hovered term', async () => {
    const targets = [
      markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph'),
      page.locator('#agenda-table mark.gloss-mark').last(),
      page.locator('#closing-paragraph mark.gloss-mark').last(),
    ];
    for (const mark of targets) {
      await dismissCards(page);
      await mark.scrollIntoViewIfNeeded();
      await mark.hover();
      const dialog = cardDialog(page).first();
      await dialog.waitFor({ state: 'visible', timeout: 3_000 });
      const markBox = (await mark.boundingBox())!;
      const cardBox = (await dialog.boundingBox())!;
      expect(overlaps(markBox, cardBox), `card ${JSON.stringify(cardBox)} covers mark ${JSON.stringify(markBox)}`).toBe(false);
      // And the card fits in the viewport.
      const viewport = page.viewportSize()!;
      expect(cardBox.x).toBeGreaterThanOrEqual(0);
      expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(viewport.width);
    }
  });

  it('stays by its term when the reader chooses a related entity in it, and shows that entity there', async () => {
    for (const [entityId, name, related] of [
      ['mikhail-bogdanov', 'Mikhail Bogdanov', 'Alexander Lavrentiev'],
      ['khmeimim-airbase', 'Khmeimim Airbase', 'Latakia'],
    ] as const) {
      await dismissCards(page);
      const mark = markOf(page, entityId).first();
      await mark.scrollIntoViewIfNeeded();
      await mark.hover();
      const first = cardDialog(page, name);
      await first.waitFor({ state: 'visible', timeout: 3_000 });
      await first.locator('.chip', { hasText: related }).click();
      const second = cardDialog(page, related);
      await second.waitFor({ state: 'visible', timeout: 3_000 });
      await expect.poll(() => first.count()).toBe(0);
      // Placed on the next frame: give it one before measuring.
      await page.evaluate(() => new Promise(requestAnimationFrame));
      const markBox = (await mark.boundingBox())!;
      const cardBox = (await second.boundingBox())!;
      const where = `card ${JSON.stringify(cardBox)}, term ${JSON.stringify(markBox)}`;
      expect(overlaps(markBox, cardBox), where).toBe(false);
      // Right under the term or right over it, and along it: not off in a corner of the window.
      const gap = Math.min(Math.abs(cardBox.y - (markBox.y + markBox.height)), Math.abs(markBox.y - (cardBox.y + cardBox.height)));
      expect(gap, where).toBeLessThanOrEqual(8);
      expect(Math.min(cardBox.x + cardBox.width, markBox.x + markBox.width) - Math.max(cardBox.x, markBox.x), where).toBeGreaterThan(0);
      // It stays open, and focus is in it for the reader who chose with the keyboard.
      await page.mouse.move(4, 4);
      expect((await sampleCardVisibility(page, 800)).always).toBe(true);
      expect(await second.evaluate((card) => card.getRootNode() instanceof ShadowRoot && card.contains((card.getRootNode() as ShadowRoot).activeElement))).toBe(true);
    }
  });

  it('covers neither line of a term broken over two on a narrow screen, whichever line the pointer rests on', async () => {
    const viewport = page.viewportSize()!;
    // A phone's width: the card is as wide as the screen, and "Mikhail Bogdanov" breaks after "Mikhail".
    await page.setViewportSize({ width: 400, height: 700 });
    try {
      const mark = markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph');
      const lineBoxes = () => mark.evaluate((element) => [...element.getClientRects()].map(({ x, y, width, height }) => ({ x, y, width, height })));
      for (const line of [0, 1]) {
        await dismissCards(page);
        await mark.evaluate((element) => element.scrollIntoView({ block: 'center' }));
        const lines = await lineBoxes();
        expect(lines, 'the name on two lines').toHaveLength(2);
        const rested = lines[line]!;
        await page.mouse.move(rested.x + rested.width / 2, rested.y + rested.height / 2 + 40);
        await page.mouse.move(rested.x + rested.width / 2, rested.y + rested.height / 2, { steps: 4 });
        const dialog = cardDialog(page).first();
        await dialog.waitFor({ state: 'visible', timeout: 3_000 });
        const cardBox = (await dialog.boundingBox())!;
        for (const box of await lineBoxes()) {
          expect(overlaps(box, cardBox), `resting on line ${line + 1}: card ${JSON.stringify(cardBox)} covers ${JSON.stringify(box)}`).toBe(false);
        }
      }
    } finally {
      await dismissCards(page);
      await page.setViewportSize(viewport);
    }
  });
});

describe('the scripts run in pages', () => {
  it('leave what only cards and the mark.js engine need out of the content script', async () => {
    const read = (file: string) => readFile(path.join(EXTENSION_DIR, file), 'utf8');
    const [content, cardView, markEngine] = await Promise.all([read('content-scripts/content.js'), read('card-view.js'), read('mark-engine.js')]);
    // A phrase of the article's text, and an option only mark.js reads.
    const sourcePhrase = 'reduces its worldwide presence';
    const markJsOption = 'acrossElements';
    expect(cardView).toContain(sourcePhrase);
    expect(content).not.toContain(sourcePhrase);
    expect(markEngine).toContain(markJsOption);
    expect(content).not.toContain(markJsOption);
  });

  it('leave the settings schema to the background: pages check stored settings without valibot', async () => {
    const read = (file: string) => readFile(path.join(EXTENSION_DIR, file), 'utf8');
    const [content, background] = await Promise.all([read('content-scripts/content.js'), read('background.js')]);
    // Every valibot schema and action has a "~run" method.
    expect(background).toContain('~run');
    expect(content).not.toContain('~run');
  });

  it('are ASCII, so V8 keeps their source at one byte a character in every frame', async () => {
    for (const file of ['content-scripts/content.js', 'card-view.js', 'mark-engine.js']) {
      const source = await readFile(path.join(EXTENSION_DIR, file), 'utf8');
      const outside = source.match(/[^\x00-\x7f]/u);
      expect(outside === null ? null : `${file}: ${JSON.stringify(source.slice(Math.max(0, outside.index! - 40), outside.index! + 10))}`).toBeNull();
    }
  });
});

describe('the source reader', () => {
  it('shows what the reader picks low in its index at the top of the sidebar, and takes focus there', async () => {
    const reader = await session.context.newPage();
    try {
      await reader.setViewportSize({ width: 1280, height: 700 });
      await reader.goto(`chrome-extension://${session.extensionId}/reader.html`);
      const sidebar = reader.locator('.reader__sidebar');
      const last = reader.locator('.entity-index__link').last();
      await last.scrollIntoViewIfNeeded();
      expect(await sidebar.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
      const name = ((await last.locator('.entity-index__name').textContent()) ?? '').trim();
      await last.focus();
      await reader.keyboard.press('Enter');
      await expect.poll(() => reader.locator('#selection-title').textContent()).toBe(name);
      const title = (await reader.locator('#selection-title').boundingBox())!;
      const box = (await sidebar.boundingBox())!;
      expect(title.y).toBeGreaterThanOrEqual(box.y);
      expect(title.y + title.height).toBeLessThanOrEqual(box.y + box.height);
      // Focus goes where the reader now looks, not left on a link scrolled out of view.
      expect(await reader.evaluate(() => document.activeElement?.id)).toBe('selection-title');
    } finally {
      await reader.close();
    }
  });

  it('shows the marked quote at 4.5:1 or more in light and dark, on every frame of its arrival', async () => {
    const reader = await session.context.newPage();
    try {
      for (const scheme of ['light', 'dark'] as const) {
        await reader.emulateMedia({ colorScheme: scheme });
        await reader.goto(`chrome-extension://${session.extensionId}/reader.html?fact=bogdanov-is-deputy-foreign-minister`);
        const quote = reader.locator('mark.gloss-quote').first();
        await quote.waitFor({ timeout: 5_000 });
        // The quote's colours at eleven moments of its arrival animation, from start to end.
        const frames = await quote.evaluate((mark) => {
          const animations = mark.getAnimations();
          const end = Math.max(0, ...animations.map((animation) => Number(animation.effect?.getComputedTiming().endTime ?? 0)));
          return Array.from({ length: 11 }, (_, step) => {
            for (const animation of animations) {
              animation.pause();
              animation.currentTime = (end * step) / 10;
            }
            const style = getComputedStyle(mark);
            return { color: style.color, background: style.backgroundColor };
          });
        });
        for (const [step, { color, background }] of frames.entries()) {
          expect(contrastRatio(color, background), `${scheme}, ${step * 10}% in: ${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    } finally {
      await reader.close();
    }
  });
});

describe('the demo page', () => {
  it('is readable in light and dark: its text, form fields and code at 4.5:1 or more (3:1 when large)', async () => {
    const demo = await session.context.newPage();
    try {
      for (const scheme of ['light', 'dark'] as const) {
        await demo.emulateMedia({ colorScheme: scheme });
        await demo.goto(session.server.fixtureUrl('demo.html'));
        // Every rendered element with text of its own, or a field's value; SVG text is drawn with fill.
        const texts = await demo.evaluate(() =>
          Array.from(document.body.querySelectorAll<HTMLElement>('*'))
            .filter((element) => !element.closest('svg') && element.getClientRects().length > 0)
            .map((element) => {
              const ownText = Array.from(element.childNodes)
                .filter((node) => node.nodeType === Node.TEXT_NODE)
                .map((node) => node.textContent ?? '')
                .join('')
                .trim();
              const text = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.value : ownText;
              const style = getComputedStyle(element);
              const backgrounds: string[] = [];
              for (let layer: Element | null = element; layer; layer = layer.parentElement) {
                const background = getComputedStyle(layer).backgroundColor;
                backgrounds.push(background);
                if (/^rgb\(/.test(background)) break;
              }
              const large = parseFloat(style.fontSize) >= 24 || (parseInt(style.fontWeight, 10) >= 700 && parseFloat(style.fontSize) >= 18.66);
              return { what: `${element.tagName.toLowerCase()} “${text.slice(0, 30)}”`, text, color: style.color, backgrounds, large };
            })
            .filter(({ text, color }) => text !== '' && color !== 'rgba(0, 0, 0, 0)'),
        );
        expect(texts.length).toBeGreaterThan(50);
        const unreadable = texts
          .map(({ what, color, backgrounds, large }) => ({ what, ratio: contrastRatio(color, backgrounds), needed: large ? 3 : 4.5 }))
          .filter(({ ratio, needed }) => ratio < needed)
          .map(({ what, ratio }) => `${what}: ${ratio.toFixed(2)}:1`);
        expect(unreadable, scheme).toEqual([]);
      }
    } finally {
      await demo.close();
    }
  });
});
