/**
 * The toolbar popup, opened as a page for the demo tab (`popup.html?tab=<id>`): fact search, the
 * "On this page" list, and the switches that take highlights off a page and put them back.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  captureBeforeGloss,
  openPopup,
  overlaps,
  pageStateOf,
  pastedText,
  popupSwitch,
  setPopupSwitch,
  snapshotBeforeGloss,
  snapshotNow,
  startSession,
  tabIdOf,
  waitForStableMarks,
  type GlossSession,
} from './support/helpers';
import { contrastRatio } from './support/contrast';

const WATCHED_IDS = ['article', 'bogdanov-paragraph', 'hts-paragraph', 'gloss-intro'];

let session: GlossSession;
let page: Page;
let tabId: number;
let popup: Page;
let marksWhenOn: number;

async function markCount(target: Page = page): Promise<number> {
  return target.locator('mark.gloss-mark').count();
}

async function expectMarks(condition: 'none' | 'some', target: Page = page): Promise<void> {
  const count = expect.poll(() => markCount(target), { timeout: 10_000, interval: 100 });
  if (condition === 'none') await count.toBe(0);
  else await count.toBeGreaterThan(0);
}

async function badgeText(): Promise<string> {
  return session.serviceWorker.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/**
 * The tab's toolbar icon as last set, and whether the browser could load it: the action API cannot
 * read an icon back, so the service worker's `setIcon` is wrapped to note each call for this tab.
 */
async function recordToolbarIcons(): Promise<void> {
  await session.serviceWorker.evaluate((id: number) => {
    const action = chrome.action;
    const setIcon = action.setIcon.bind(action);
    const record: { path: unknown; loaded: boolean | null }[] = [];
    Object.assign(globalThis, { glossIconCalls: record });
    action.setIcon = ((details: chrome.action.TabIconDetails) => {
      if (details.tabId !== id) return setIcon(details);
      const call = { path: details.path, loaded: null as boolean | null };
      record.push(call);
      return setIcon(details).then(
        () => void (call.loaded = true),
        (error: unknown) => {
          call.loaded = false;
          throw error;
        },
      );
    }) as typeof action.setIcon;
  }, tabId);
}

async function lastToolbarIcon(): Promise<{ path: unknown; loaded: boolean | null } | undefined> {
  return session.serviceWorker.evaluate(() => (globalThis as unknown as { glossIconCalls: { path: unknown; loaded: boolean | null }[] }).glossIconCalls.at(-1));
}

/** Chrome's popup is 380px wide (the popup's own width) and at most 600px tall. */
const POPUP_SIZE = { width: 380, height: 600 };

/** Runs `check` with the popup page at the size of Chrome's popup, then puts its size back. */
async function withPopupSize(check: () => Promise<void>): Promise<void> {
  const previous = popup.viewportSize();
  await popup.setViewportSize(POPUP_SIZE);
  try {
    await check();
  } finally {
    if (previous) await popup.setViewportSize(previous);
  }
}

const theSwitch = (name: string): Locator => popupSwitch(popup, name);
const setSwitch = (name: string, on: boolean): Promise<void> => setPopupSwitch(popup, name, on);

/** The page looks exactly as it did before Gloss ran. */
async function expectPageRestored(): Promise<void> {
  const before = await snapshotBeforeGloss(page);
  const now = await snapshotNow(page, WATCHED_IDS);
  expect(await page.locator('[data-gloss-entity], .gloss-mark').count()).toBe(0);
  expect(now.bodyText).toBe(before.bodyText);
  for (const id of WATCHED_IDS) {
    expect(now.html[id], `#${id} innerHTML`).toBe(before.html[id]);
    expect(now.normalizedChildCount[id], `#${id} child nodes`).toBe(before.normalizedChildCount[id]);
  }
  expect(await page.locator('#bogdanov-paragraph').textContent()).toContain('Deputy Foreign Minister Mikhail Bogdanov');
}

beforeAll(async () => {
  session = await startSession({ settings: { highlightEngine: 'mark' } });
  page = await session.context.newPage();
  await captureBeforeGloss(page, WATCHED_IDS);
  await page.goto(session.server.fixtureUrl('demo.html'));
  tabId = await tabIdOf(session.serviceWorker, page);
  marksWhenOn = await waitForStableMarks(page);
  popup = await openPopup(session.context, session.extensionId, tabId);
});

afterAll(async () => {
  await session?.close();
});

describe('the popup', () => {
  it('opens for the demo tab', async () => {
    expect(popup.url()).toBe(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
    await popup.getByRole('searchbox', { name: 'Search facts' }).waitFor({ timeout: 5_000 });
  });

  it('shows the keys the browser gives the card command, from the manifest\'s suggestion', async () => {
    await expect.poll(() => popup.locator('.popup__shortcut kbd').textContent(), { timeout: 5_000 }).toBe('Alt+Shift+K');
  });

  it('finds the $23 million fact', async () => {
    const search = popup.getByRole('searchbox', { name: 'Search facts' });
    await search.fill('23 million');
    const first = popup.getByRole('listbox').getByRole('option').first();
    await expect.poll(async () => ((await first.count()) ? first.textContent() : ''), { timeout: 5_000 }).toContain('$23 million');
    await search.fill('');
  });

  it('copies the quote of the fact chosen with the arrow keys, with its source, on Ctrl+C', async () => {
    const search = popup.getByRole('searchbox', { name: 'Search facts' });
    await search.fill('23 million');
    const facts = popup.getByRole('listbox').locator('.result--fact');
    await facts.first().waitFor({ timeout: 5_000 });
    const position = await popup.getByRole('option').evaluateAll((all) => all.findIndex((option) => option.classList.contains('result--fact')));
    for (let step = 0; step <= position; step++) await search.press('ArrowDown');
    const quote = await facts.first().locator('.result__quote').textContent();
    await expect.poll(() => facts.first().locator('.result__copy').textContent()).toBe('Ctrl+C copies the quote with its source');
    await search.press('Control+c');
    await expect.poll(() => facts.first().locator('.result__copy').textContent()).toBe('Quote copied, with its source');
    try {
      expect(await pastedText(popup)).toBe(`“${quote}” — Russia in talks with Syria's new rulers to keep its military bases`);
    } finally {
      await search.fill('');
    }
  });

  it('lists the entities on the page, with counts, when the search is empty', async () => {
    await popup.getByRole('searchbox', { name: 'Search facts' }).fill('');
    await popup.getByText('On this page', { exact: true }).first().waitFor({ timeout: 5_000 });
    const state = await pageStateOf(session.serviceWorker, tabId);
    const bogdanov = state?.entities.find((entry) => entry.entityId === 'mikhail-bogdanov');
    const expected = bogdanov?.count ?? (await page.locator('mark.gloss-mark[data-gloss-entity="mikhail-bogdanov"]').count());
    expect(expected).toBeGreaterThan(0);

    // The row for Mikhail Bogdanov inside the "On this page" region, found from the heading outwards.
    const row = await popup.evaluate((name: string) => {
      const heading = Array.from(document.querySelectorAll<HTMLElement>('body *')).find(
        (element) => element.textContent?.trim() === 'On this page',
      );
      let region: HTMLElement | null = heading ?? null;
      while (region && !region.innerText.includes(name)) region = region.parentElement;
      if (!region) return null;
      const candidates = Array.from(region.querySelectorAll<HTMLElement>('*')).filter(
        (element) => element.innerText.includes(name) && /\d/.test(element.innerText),
      );
      // The smallest element holding both the name and a number is the row.
      candidates.sort((a, b) => a.innerText.length - b.innerText.length);
      return candidates[0]?.innerText ?? region.innerText;
    }, 'Mikhail Bogdanov');
    expect(row, 'no "On this page" region naming Mikhail Bogdanov').not.toBeNull();
    expect(row).toMatch(new RegExp(`(^|\\D)${expected}(\\D|$)`));
  });

  it('goes to an entity’s mention far down the page and flashes it where the scroll ends', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const libya = page.locator('mark.gloss-mark[data-gloss-entity="libya"]').first();
    expect(await libya.evaluate((mark) => mark.getBoundingClientRect().top - window.innerHeight)).toBeGreaterThan(300);
    await popup.getByRole('button', { name: /^Libya\b/ }).click();
    // The toolbar popup leaves its tab in view; here the popup is a tab of its own.
    await page.bringToFront();
    const flash = page.locator('gloss-card .flash').first();
    await flash.waitFor({ state: 'attached', timeout: 5_000 });
    const [flashBox, markBox] = await Promise.all([flash.evaluate((element) => element.getBoundingClientRect().toJSON()), libya.evaluate((mark) => mark.getBoundingClientRect().toJSON())]);
    expect(markBox.top).toBeGreaterThanOrEqual(0);
    expect(overlaps(flashBox, markBox), `flash ${JSON.stringify(flashBox)} on the term ${JSON.stringify(markBox)}`).toBe(true);
  });

  it('is as tall as its content and within Chrome\'s 600px, with a long "On this page" list', async () => {
    await withPopupSize(async () => {
      const list = popup.locator('.page-entities');
      // The list of the demo page's entities is longer than the list's own height, so it scrolls.
      await expect.poll(() => list.evaluate((element) => element.scrollHeight > element.clientHeight), { timeout: 5_000 }).toBe(true);
      const heights = await popup.evaluate(() => ({
        page: document.documentElement.scrollHeight,
        content: Math.ceil(document.querySelector('.popup')?.getBoundingClientRect().bottom ?? 0) + window.scrollY,
        viewport: window.innerHeight,
      }));
      expect(heights.content).toBeGreaterThan(0);
      expect(heights.page).toBe(Math.max(heights.content, heights.viewport));
      // Beyond 600px Chrome would scroll the whole popup (it did by 6px): the list gives up the height instead.
      expect(heights.content).toBeLessThanOrEqual(POPUP_SIZE.height);
    });
  });

  it('zoomed to 200% (Chrome\'s 600px are 300 CSS pixels), scrolls as one page: no list scrolls inside it, and the switches are on it', async () => {
    const previous = popup.viewportSize();
    await popup.setViewportSize({ width: POPUP_SIZE.width, height: POPUP_SIZE.height / 2 });
    try {
      const layout = await popup.evaluate(() => {
        const list = document.querySelector('.page-entities');
        const switches = document.querySelector('.switches');
        return {
          listScrolls: list ? list.scrollHeight > list.clientHeight : undefined,
          switchesBottom: switches ? switches.getBoundingClientRect().bottom + window.scrollY : undefined,
          page: document.documentElement.scrollHeight,
        };
      });
      // The list scrolled inside the scrolling popup, and the switches lay beyond the page's end, cut off.
      expect(layout.listScrolls).toBe(false);
      expect(layout.switchesBottom).toBeDefined();
      expect(layout.switchesBottom).toBeLessThanOrEqual(layout.page);
    } finally {
      if (previous) await popup.setViewportSize(previous);
    }
  });

  it('is one Tab from the search box to the page’s entities and one more to the switches; arrow keys move within the entities', async () => {
    await popup.bringToFront();
    await popup.getByRole('searchbox', { name: 'Search facts' }).focus();
    await popup.keyboard.press('Tab');
    const entries = popup.locator('.page-entity');
    expect(await entries.count()).toBeGreaterThan(10);
    // The entry last used (the list remembers it), the first on a fresh popup.
    const focusedEntry = () => popup.evaluate(() => [...document.querySelectorAll('.page-entity')].indexOf(document.activeElement as Element));
    await popup.keyboard.press('Home');
    expect(await focusedEntry()).toBe(0);
    await popup.keyboard.press('ArrowDown');
    expect(await focusedEntry()).toBe(1);
    await popup.keyboard.press('Tab');
    expect(await popupSwitch(popup, 'Highlight on this site').evaluate((control) => control === document.activeElement)).toBe(true);
    await popup.keyboard.press('Shift+Tab');
    expect(await focusedEntry()).toBe(1);
  });

  it('draws the keyboard focus ring of an "On this page" entry inside the scrolling list', async () => {
    await withPopupSize(async () => {
      await popup.bringToFront();
      const first = popup.locator('.page-entity').first();
      // Shift+Tab and Tab, so the focus comes from the keyboard (:focus-visible).
      await first.focus();
      await popup.keyboard.press('Shift+Tab');
      await popup.keyboard.press('Tab');
      const ring = await first.evaluate((button) => {
        const list = button.closest('.page-entities');
        if (!list) return null;
        const style = getComputedStyle(button);
        const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
        const box = button.getBoundingClientRect();
        const frame = list.getBoundingClientRect();
        const visible = {
          top: frame.top + list.clientTop,
          left: frame.left + list.clientLeft,
          right: frame.left + list.clientLeft + list.clientWidth,
        };
        return {
          focusVisible: button.matches(':focus-visible'),
          outline: style.outlineStyle,
          top: box.top - reach - visible.top,
          left: box.left - reach - visible.left,
          right: visible.right - (box.right + reach),
        };
      });
      expect(ring).toMatchObject({ focusVisible: true, outline: 'solid' });
      // The ring's distance inside the list's visible area on each side; below 0 it is cut off.
      expect(ring?.top).toBeGreaterThanOrEqual(0);
      expect(ring?.left).toBeGreaterThanOrEqual(0);
      expect(ring?.right).toBeGreaterThanOrEqual(0);
    });
  });

  it('lets the results of a search fill the popup, which stays within Chrome\'s 600px', async () => {
    await withPopupSize(async () => {
      const search = popup.getByRole('searchbox', { name: 'Search facts' });
      await search.fill('Tartus');
      const results = popup.getByRole('listbox');
      await results.getByRole('option').first().waitFor({ timeout: 5_000 });
      const heights = await results.evaluate((list) => ({ results: list.clientHeight, all: list.scrollHeight, page: document.documentElement.scrollHeight }));
      await search.fill('');
      // Tartus has more results than fit, so they take all the room they are given.
      expect(heights.all).toBeGreaterThan(heights.results);
      expect(heights.results).toBeGreaterThanOrEqual(440);
      expect(heights.page).toBeLessThanOrEqual(POPUP_SIZE.height);
    });
  });

  it('takes Tab from the search box past its results (chosen with the arrow keys from the box), not into their scrolling list', async () => {
    await withPopupSize(async () => {
      const search = popup.getByRole('searchbox', { name: 'Search facts' });
      await search.fill('Tartus');
      const results = popup.getByRole('listbox');
      await results.getByRole('option').first().waitFor({ timeout: 5_000 });
      try {
        // Enough results to scroll: a scrolling box with nothing focusable in it is a Tab stop in Chromium unless told otherwise.
        expect(await results.evaluate((list) => list.scrollHeight > list.clientHeight)).toBe(true);
        await search.focus();
        await popup.keyboard.press('Tab');
        const focused = await popup.evaluate(() => ({ tag: document.activeElement?.tagName, role: document.activeElement?.getAttribute('role') }));
        expect(focused.role).not.toBe('listbox');
        expect(focused.tag).not.toBe('BODY');
      } finally {
        await search.fill('');
      }
    });
  });

  it('outlines its search box at 3:1 or more against the box and the popup, in light and dark (non-text contrast)', async () => {
    try {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme: scheme });
        const box = popup.getByRole('searchbox', { name: 'Search facts' });
        // Focused, the box trades its border for the focus ring.
        await box.evaluate((element) => (element as HTMLElement).blur());
        const [border, fill, around] = await box.evaluate((element) => [
          getComputedStyle(element).borderTopColor,
          getComputedStyle(element).backgroundColor,
          getComputedStyle(document.body).backgroundColor,
        ]);
        // The grey outline was 2.2:1 on white, 2.4:1 on the dark box.
        expect(contrastRatio(String(border), String(fill)), `border on the box, ${scheme}`).toBeGreaterThanOrEqual(3);
        expect(contrastRatio(String(border), String(around)), `border on the popup, ${scheme}`).toBeGreaterThanOrEqual(3);
      }
    } finally {
      await popup.emulateMedia({ colorScheme: null });
    }
  });

  it('shows the three switches, all on by default', async () => {
    for (const name of ['Highlight on this site', 'Highlight in this tab', 'Highlight everywhere']) {
      expect(await theSwitch(name).isChecked(), name).toBe(true);
    }
  });

  it('shows the number of entities on the page in the toolbar badge', async () => {
    const state = await pageStateOf(session.serviceWorker, tabId);
    expect(state?.entities.length).toBeGreaterThan(0);
    await expect.poll(badgeText, { timeout: 5_000 }).toBe(String(state?.entities.length));
  });

  it('“Highlight on this site” off removes every mark and restores the page; on brings them back', async () => {
    await recordToolbarIcons();
    await setSwitch('Highlight on this site', false);
    await expectMarks('none');
    await expectPageRestored();
    await expect.poll(badgeText, { timeout: 5_000 }).toBe('off');
    expect((await pageStateOf(session.serviceWorker, tabId))?.status).toBe('off-site');
    // The button turns grey, with pictures the browser could load.
    await expect.poll(lastToolbarIcon, { timeout: 5_000 }).toEqual({ path: { 16: '/icon/off/16.png', 32: '/icon/off/32.png' }, loaded: true });

    await setSwitch('Highlight on this site', true);
    await expectMarks('some');
    await page.locator('#bogdanov-paragraph mark.gloss-mark').first().waitFor({ timeout: 10_000 });
    expect(await waitForStableMarks(page)).toBe(marksWhenOn);
    await expect.poll(lastToolbarIcon, { timeout: 5_000 }).toEqual({ path: { 16: '/icon/16.png', 32: '/icon/32.png' }, loaded: true });
  });

  it('“Highlight in this tab” off survives a reload of the tab; on brings the marks back', async () => {
    await setSwitch('Highlight in this tab', false);
    await expectMarks('none');
    await expectPageRestored();

    await page.reload();
    // Wait for the content script to answer before judging that nothing was marked.
    await expect.poll(async () => (await pageStateOf(session.serviceWorker, tabId))?.status, { timeout: 10_000 }).toBe('off-tab');
    expect(await markCount()).toBe(0);

    await popup.reload();
    await theSwitch('Highlight in this tab').waitFor({ timeout: 5_000 });
    await setSwitch('Highlight in this tab', true);
    await expectMarks('some');
  });

  it('“Highlight everywhere” off clears other tabs too', async () => {
    const other = await session.context.newPage();
    await other.goto(session.server.fixtureUrl('demo.html') + '#second-tab');
    await waitForStableMarks(other);
    await setSwitch('Highlight everywhere', false);
    await expectMarks('none');
    await expectMarks('none', other);
    // Paused (the site and tab switches, still on) and off (everywhere), each switch shows its knob
    // against its track, and its track against the popup, at 3:1 or more (non-text contrast) in light
    // and dark. The grey track was 2.2:1 under the white knob; the dark "on" knob 2.8:1 on it.
    try {
      for (const scheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme: scheme });
        for (const [name, checked] of [['Highlight on this site', true], ['Highlight in this tab', true], ['Highlight everywhere', false]] as const) {
          const control = theSwitch(name);
          expect(await control.isChecked()).toBe(checked);
          const [knob, track, around, paused] = await control.evaluate((element) => [
            getComputedStyle(element, '::before').backgroundColor,
            getComputedStyle(element).backgroundColor,
            getComputedStyle(document.body).backgroundColor,
            element.closest('.switch--paused') !== null,
          ]);
          expect(paused).toBe(checked);
          expect(contrastRatio(String(knob), String(track)), `knob on track: ${name}, ${scheme}`).toBeGreaterThanOrEqual(3);
          expect(contrastRatio(String(track), String(around)), `track on the popup: ${name}, ${scheme}`).toBeGreaterThanOrEqual(3);
        }
      }
    } finally {
      await popup.emulateMedia({ colorScheme: null });
    }
    await setSwitch('Highlight everywhere', true);
    await expectMarks('some');
    await expectMarks('some', other);
    await other.close();
  });
});
