/**
 * Gloss with its default settings. The default engine ('auto') draws highlights with the CSS Custom
 * Highlight API where the browser has it (Chromium does), so the page's DOM is not changed at all;
 * finding terms, counting them and hover cards must still work.
 */
import { describe, it, expect, beforeAll, afterAll, afterEach, beforeEach } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  captureBeforeGloss,
  cardDialog,
  dismissCards,
  sampleCardVisibility,
  snapshotBeforeGloss,
  snapshotNow,
  startSession,
  tabIdOf,
  waitForScan,
  type GlossSession,
} from './support/helpers';
import type { PageState } from '../../src/messaging/protocol';
import { glossHighlights, pointOfText } from './robustness/support';

const WATCHED_IDS = ['article', 'bogdanov-paragraph'];

let session: GlossSession;
let page: Page;
let state: PageState;

beforeAll(async () => {
  session = await startSession();
  page = await session.context.newPage();
  await captureBeforeGloss(page, WATCHED_IDS);
  await page.goto(session.server.fixtureUrl('demo.html'));
  state = await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, page));
});

afterAll(async () => {
  await session?.close();
});

describe('the default highlight engine', () => {
  it('finds the story’s entities on the demo page', () => {
    expect(state.status).toBe('on');
    const ids = state.entities.map((entry) => entry.entityId);
    for (const id of ['mikhail-bogdanov', 'khmeimim-airbase', 'hayat-tahrir-al-sham', 'latakia']) {
      expect(ids).toContain(id);
    }
    expect(ids.some((id) => /tartus/.test(id))).toBe(true);
    const counts = state.entities.map((entry) => entry.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('counts as many mentions as it has ranges highlighted', async () => {
    const ranges = await page.evaluate(() =>
      [...CSS.highlights].reduce((sum, [name, highlight]) => sum + (/^gloss-\w+-\w+$/.test(name) && name !== 'gloss-active' ? highlight.size : 0), 0),
    );
    expect(ranges).toBeGreaterThan(20);
    expect(state.entities.reduce((sum, entry) => sum + entry.count, 0)).toBe(ranges);
  });

  it('leaves the page’s DOM exactly as it was', async () => {
    const before = await snapshotBeforeGloss(page);
    const now = await snapshotNow(page, WATCHED_IDS);
    expect(now.html).toEqual(before.html);
    expect(now.bodyText).toBe(before.bodyText);
  });

  it('registers its highlights with the page (CSS.highlights)', async () => {
    const size = await page.evaluate(() => (CSS as unknown as { highlights?: { size: number } }).highlights?.size ?? -1);
    expect(size).toBeGreaterThan(0);
  });

  it('registers static ranges, which the browser need not update on every change to the page', async () => {
    // Live ranges are: with 30,000 of them the page's own DOM work ran 500 times slower.
    const kinds = await page.evaluate(() => {
      const counts: Record<string, number> = {};
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('gloss-') || name === 'gloss-active') continue;
        for (const range of highlight) counts[range.constructor.name] = (counts[range.constructor.name] ?? 0) + 1;
      }
      return counts;
    });
    expect(Object.keys(kinds)).toEqual(['StaticRange']);
  });

  describe('hover cards', () => {
    beforeEach(async () => {
      await dismissCards(page);
    });

    it('open when the pointer rests on highlighted text', async () => {
      const { x, y } = await pointOfText(page, '#bogdanov-paragraph', 'Mikhail Bogdanov');
      await page.mouse.move(x, y);
      const dialog = cardDialog(page, 'Mikhail Bogdanov');
      await dialog.waitFor({ state: 'visible', timeout: 3_000 });
      expect(await dialog.textContent()).toContain('Deputy Foreign Minister');
    });

    it('do not open on a quick pass, or over plain text', async () => {
      const term = await pointOfText(page, '#bogdanov-paragraph', 'Mikhail Bogdanov');
      await page.mouse.move(term.x, term.y);
      await page.mouse.move(4, 4);
      expect((await sampleCardVisibility(page, 800)).ever).toBe(false);
      const plain = await pointOfText(page, '#bogdanov-paragraph', 'veteran');
      await page.mouse.move(plain.x, plain.y);
      expect((await sampleCardVisibility(page, 800)).ever).toBe(false);
    });
  });

  describe('on a touch screen (no hover)', () => {
    let touchPage: Page;
    let tap: (point: { x: number; y: number }) => Promise<void>;

    beforeAll(async () => {
      touchPage = await session.context.newPage();
      const cdp = await session.context.newCDPSession(touchPage);
      await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
      // A finger down and up at one point: the browser makes the pointer events and the click of a tap.
      tap = async ({ x, y }) => {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      };
      await touchPage.goto(session.server.fixtureUrl('demo.html'));
      await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, touchPage));
    });

    afterAll(async () => {
      await touchPage?.close();
    });

    it('a tap on highlighted text opens its card, which stays until a tap elsewhere', async () => {
      await tap(await pointOfText(touchPage, '#bogdanov-paragraph', 'Mikhail Bogdanov'));
      const dialog = cardDialog(touchPage, 'Mikhail Bogdanov');
      await dialog.waitFor({ state: 'visible', timeout: 3_000 });
      expect(await dialog.textContent()).toContain('Deputy Foreign Minister');
      // Past its fade-in, the card stays: nothing closes it when the finger lifts and leaves.
      await dialog.evaluate((element) => Promise.all(element.getAnimations().map((animation) => animation.finished)));
      expect((await sampleCardVisibility(touchPage, 800)).always).toBe(true);
      await tap(await pointOfText(touchPage, '#bogdanov-paragraph', 'veteran'));
      await dialog.waitFor({ state: 'hidden', timeout: 2_000 });
    });

    it('a tap on a highlighted name in a link follows the link, with no card', async () => {
      const inLinks = (await glossHighlights(touchPage)).filter((highlight) => highlight.nearestId === 'most-read');
      expect(inLinks.map((highlight) => highlight.text)).toContain('Moscow');
      expect(await touchPage.evaluate(() => location.hash)).toBe('');
      await tap(await pointOfText(touchPage, '#most-read a[href="#section-two"]', 'Moscow'));
      await expect.poll(() => touchPage.evaluate(() => location.hash)).toBe('#section-two');
      expect((await sampleCardVisibility(touchPage, 800)).ever).toBe(false);
    });
  });

  it('prints the page as it was: no highlight, no card', async () => {
    await dismissCards(page);
    const { x, y } = await pointOfText(page, '#bogdanov-paragraph', 'Mikhail Bogdanov');
    await page.mouse.move(x, y);
    await cardDialog(page, 'Mikhail Bogdanov').waitFor({ state: 'visible', timeout: 3_000 });
    /** How the paragraph's text is drawn in each of Gloss's registered highlights. */
    const highlightStyles = () =>
      page.evaluate(() => {
        const paragraph = document.getElementById('bogdanov-paragraph')!;
        return [...CSS.highlights.keys()]
          .filter((name) => name.startsWith('gloss-'))
          .map((name) => {
            const style = getComputedStyle(paragraph, `::highlight(${name})`);
            return { name, decoration: style.textDecorationLine, background: style.backgroundColor };
          });
      });
    const drawn = (styles: Awaited<ReturnType<typeof highlightStyles>>) =>
      styles.filter(({ decoration, background }) => decoration !== 'none' || background !== 'rgba(0, 0, 0, 0)').map(({ name }) => name);
    // On screen the highlights show: the check sees them.
    expect(drawn(await highlightStyles())).toContain('gloss-underline-people');
    await page.emulateMedia({ media: 'print' });
    try {
      const cardPrinted = await page.evaluate(() => [...document.querySelectorAll('gloss-card')].some((host) => getComputedStyle(host).display !== 'none'));
      expect(cardPrinted).toBe(false);
      const printed = await highlightStyles();
      expect(printed.map(({ name }) => name)).toContain('gloss-active');
      expect(drawn(printed)).toEqual([]);
    } finally {
      await page.emulateMedia({ media: null });
      await dismissCards(page);
    }
  });
  it('is in the page only while it shows something: no card element before or after a card', async () => {
    await dismissCards(page);
    await expect.poll(() => page.locator('gloss-card').count()).toBe(0);
    const { x, y } = await pointOfText(page, '#bogdanov-paragraph', 'Mikhail Bogdanov');
    await page.mouse.move(x, y);
    await cardDialog(page, 'Mikhail Bogdanov').waitFor({ state: 'visible', timeout: 3_000 });
    expect(await page.locator('gloss-card').count()).toBe(1);
    await dismissCards(page);
    await expect.poll(() => page.locator('gloss-card').count()).toBe(0);
  });

  describe('a term in a modal dialog', () => {
    /** Opens a modal dialog with a sentence of the story, in a shadow root inside it if asked. */
    async function openDialog(inShadowRoot = false, style = ''): Promise<void> {
      await dismissCards(page);
      await page.evaluate(([shadow, css]) => {
        const dialog = document.createElement('dialog');
        dialog.id = 'site-dialog';
        dialog.setAttribute('style', css);
        const text = document.createElement('p');
        text.id = 'dialog-text';
        text.textContent = 'Russian jets still fly from Khmeimim, near Latakia.';
        if (shadow) dialog.appendChild(document.createElement('div')).attachShadow({ mode: 'open' }).append(text);
        else dialog.append(text);
        document.body.append(dialog);
        dialog.showModal();
      }, [inShadowRoot, style] as const);
      const highlightedInDialog = () =>
        page.evaluate(() => {
          const dialog = document.getElementById('site-dialog')!;
          const inDialog = (node: Node) => dialog.contains(node) || dialog.contains((node.getRootNode() as ShadowRoot).host ?? null);
          return [...CSS.highlights].some(([name, highlight]) => name.startsWith('gloss-') && [...highlight].some((range) => inDialog(range.startContainer)));
        });
      await expect.poll(highlightedInDialog, { timeout: 5_000 }).toBe(true);
    }

    /** Rests the pointer on "Khmeimim" in the dialog (in its shadow root, if there is one) until its card shows. */
    async function openCard(): Promise<Locator> {
      lastTerm = await pointOfText(page, '#dialog-text', 'Khmeimim');
      await page.mouse.move(lastTerm.x, lastTerm.y);
      const card = cardDialog(page, 'Khmeimim Airbase');
      await card.waitFor({ state: 'visible', timeout: 3_000 });
      return card;
    }
    let lastTerm = { x: 0, y: 0, left: 0, bottom: 0 };

    /** What the reader's pointer would hit at the centre of an element of the card: the card, not the dialog or its backdrop. */
    const hitAtCentre = (element: Locator) =>
      element.evaluate((target) => {
        const box = target.getBoundingClientRect();
        return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.localName;
      });

    afterEach(async () => {
      await dismissCards(page);
      await page.evaluate(() => document.getElementById('site-dialog')?.remove());
    });

    it('gets its card above the dialog, where the reader can use it', async () => {
      await openDialog();
      expect(await hitAtCentre(await openCard())).toBe('gloss-card');
    });

    it('places its card by the term in a dialog centred with a transform, as sites centre them', async () => {
      await openDialog(false, 'position: fixed; top: 50%; left: 50%; transform: translate(-50%, -50%); margin: 0; width: 400px');
      const card = await openCard();
      const box = (await card.boundingBox())!;
      // Under the term, its left edge with the term's.
      expect(Math.abs(box.x - lastTerm.left)).toBeLessThan(3);
      expect(box.y).toBeGreaterThan(lastTerm.bottom);
      expect(box.y - lastTerm.bottom).toBeLessThan(20);
      expect(await hitAtCentre(card)).toBe('gloss-card');
    });

    it('gets its card above the dialog from a shadow root inside it too', async () => {
      await openDialog(true);
      expect(await hitAtCentre(await openCard())).toBe('gloss-card');
    });

    it('keeps the notice after "Not this" above the dialog, where Undo can be pressed', async () => {
      await openDialog();
      const card = await openCard();
      await card.getByRole('button', { name: 'Not this' }).click();
      const undo = page.locator('gloss-card .notice').getByRole('button', { name: 'Undo' });
      await undo.waitFor({ state: 'visible', timeout: 3_000 });
      expect(await hitAtCentre(undo)).toBe('gloss-card');
      await undo.click();
      await page.locator('gloss-card .notice').waitFor({ state: 'detached', timeout: 6_000 });
    });

    it('moves the notice after "Not this" to the page, Undo still there, when the page removes or closes the dialog, a keyboard reader kept on Undo', async () => {
      const undo = page.locator('gloss-card .notice').getByRole('button', { name: 'Undo' });
      for (const how of ['remove', 'close'] as const) {
        await openDialog();
        const card = await openCard();
        // From the keyboard: focus goes to Undo.
        await card.getByRole('button', { name: 'Not this' }).focus();
        await page.keyboard.press('Enter');
        await undo.waitFor({ state: 'visible', timeout: 3_000 });
        await expect.poll(() => undo.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button)).toBe(true);
        await page.evaluate((remove) => {
          const dialog = document.getElementById('site-dialog') as HTMLDialogElement;
          if (remove) dialog.remove();
          else dialog.close();
        }, how === 'remove');
        await undo.waitFor({ state: 'visible', timeout: 3_000 });
        expect(await page.evaluate(() => document.querySelector('gloss-card')?.parentElement === document.documentElement), how).toBe(true);
        expect(await hitAtCentre(undo), how).toBe('gloss-card');
        expect(await undo.evaluate((button) => (button.getRootNode() as ShadowRoot).activeElement === button), how).toBe(true);
        await undo.click();
        await page.locator('gloss-card .notice').waitFor({ state: 'detached', timeout: 6_000 });
        await page.evaluate(() => document.getElementById('site-dialog')?.remove());
      }
    });

    it('closes its card when the page closes the dialog', async () => {
      await openDialog();
      const card = await openCard();
      // Pinned: a card the reader clicked into stays until closed.
      await card.click();
      await page.evaluate(() => (document.getElementById('site-dialog') as HTMLDialogElement).close());
      await expect.poll(() => page.locator('gloss-card').count(), { timeout: 3_000 }).toBe(0);
    });
  });

  it('drops its highlights from text the page makes editable, and highlights it again once it is not', async () => {
    const rangesIn = (id: string) =>
      page.evaluate((wanted) => {
        const element = document.getElementById(wanted)!;
        let count = 0;
        for (const [name, highlight] of CSS.highlights) {
          if (name.startsWith('gloss-') && name !== 'gloss-active') for (const range of highlight) if (element.contains(range.startContainer)) count++;
        }
        return count;
      }, id);
    const before = await rangesIn('bogdanov-paragraph');
    expect(before).toBeGreaterThan(0);
    await page.evaluate(() => document.getElementById('bogdanov-paragraph')!.setAttribute('contenteditable', 'true'));
    try {
      await expect.poll(() => rangesIn('bogdanov-paragraph'), { timeout: 5_000 }).toBe(0);
    } finally {
      await page.evaluate(() => document.getElementById('bogdanov-paragraph')!.removeAttribute('contenteditable'));
    }
    await expect.poll(() => rangesIn('bogdanov-paragraph'), { timeout: 5_000 }).toBe(before);
  });

  it('"Not this" on a spelling stops highlighting that spelling only, and Undo brings it back', async () => {
    await dismissCards(page);
    const texts = async () => (await glossHighlights(page)).filter((highlight) => highlight.nearestId === 'bogdanov-paragraph').map((highlight) => highlight.text);
    expect(await texts()).toEqual(expect.arrayContaining(['Alexander Lavrentiev', 'Lavrentyev']));
    const { x, y } = await pointOfText(page, '#bogdanov-paragraph', 'Lavrentyev');
    await page.mouse.move(x, y);
    const card = cardDialog(page, 'Alexander Lavrentiev');
    await card.waitFor({ state: 'visible', timeout: 3_000 });
    await card.getByRole('button', { name: 'Not this' }).click();
    await expect.poll(texts, { timeout: 5_000 }).not.toContain('Lavrentyev');
    expect(await texts()).toContain('Alexander Lavrentiev');
    const notice = page.locator('gloss-card .notice');
    expect(await notice.innerText()).toContain('“Lavrentyev” is no longer highlighted as Alexander Lavrentiev on');
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(texts, { timeout: 5_000 }).toContain('Lavrentyev');
  });
});
