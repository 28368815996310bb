/**
 * Forced colours (Windows High Contrast), emulated in its light and dark palettes: highlighted terms,
 * the card's link buttons, the popup's chosen result and its switches must stay visible and must not
 * look like selected text. Uses the mark.js engine: Chromium paints every CSS custom highlight in the
 * selection colours under forced colours, whatever Gloss's ::highlight() rules say.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import {
  dismissCards,
  markOf,
  openPopup,
  popupSwitch,
  setPopupSwitch,
  startSession,
  tabIdOf,
  waitForStableMarks,
  type GlossSession,
} from './support/helpers';
import { contrastRatio } from './support/contrast';
import { glossHighlights, hoverForCard } from './robustness/support';

const PALETTES = ['light', 'dark'] as const;

let session: GlossSession;
let page: Page;
let popup: Page;

/** Runs `check` in each forced-colours palette, then takes the emulation off again. */
async function inEachPalette(target: Page, check: (palette: (typeof PALETTES)[number]) => Promise<void>): Promise<void> {
  try {
    for (const palette of PALETTES) {
      await target.emulateMedia({ forcedColors: 'active', colorScheme: palette });
      // Colour transitions (a switch's track) would be read halfway.
      await target.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
      await check(palette);
    }
  } finally {
    await target.emulateMedia({ forcedColors: null, colorScheme: null });
  }
}

const SYSTEM_COLORS = ['Canvas', 'CanvasText', 'LinkText', 'Highlight', 'HighlightText', 'Mark', 'MarkText'] as const;

/** The system colours as the page resolves them now (a probe element's computed colour). */
async function systemColors(target: Page): Promise<Record<(typeof SYSTEM_COLORS)[number], string>> {
  return target.evaluate((names) => {
    const probe = document.body.appendChild(document.createElement('span'));
    const colors = Object.fromEntries(
      names.map((name) => {
        probe.style.color = name;
        return [name, getComputedStyle(probe).color];
      }),
    ) as Record<(typeof names)[number], string>;
    probe.remove();
    return colors;
  }, SYSTEM_COLORS);
}

beforeAll(async () => {
  session = await startSession({ settings: { highlightEngine: 'mark' } });
  page = await session.context.newPage();
  await page.goto(session.server.fixtureUrl('demo.html'));
  await waitForStableMarks(page);
  popup = await openPopup(session.context, session.extensionId, await tabIdOf(session.serviceWorker, page));
});

afterAll(async () => {
  await session?.close();
});

describe('in forced colours', () => {
  it('draws highlighted terms in the text’s own colour, underlined in LinkText, not as selected text', async () => {
    await inEachPalette(page, async (palette) => {
      const system = await systemColors(page);
      const mark = await markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph').evaluate((element) => {
        const style = getComputedStyle(element);
        return { color: style.color, background: style.backgroundColor, decoration: style.textDecorationColor, line: style.textDecorationLine };
      });
      // The forced look of a <mark> left its text black on the dark palette's black.
      expect(mark.color, palette).toBe(system.CanvasText);
      expect(contrastRatio(mark.color, [mark.background, system.Canvas]), palette).toBeGreaterThanOrEqual(4.5);
      expect(mark.line, palette).toBe('underline');
      expect(mark.decoration, palette).toBe(system.LinkText);
      expect([mark.background, mark.color], palette).not.toEqual([system.Highlight, system.HighlightText]);
    });
  });

  it('marks the term whose card is open with Mark, and shows the card’s link buttons as links', async () => {
    await inEachPalette(page, async (palette) => {
      const system = await systemColors(page);
      const card = await hoverForCard(page, '#bogdanov-paragraph', 'Mikhail Bogdanov', 'Mikhail Bogdanov');
      try {
        const active = page.locator('mark.gloss-mark[data-gloss-active]').first();
        const colors = await active.evaluate((element) => [getComputedStyle(element).backgroundColor, getComputedStyle(element).color]);
        expect(colors, palette).toEqual([system.Mark, system.MarkText]);

        const buttons = await card.locator('.link').evaluateAll((links) =>
          links.map((link) => {
            const statement = link.closest('.fact')?.querySelector('.statement') ?? link.parentElement!;
            return { text: link.textContent, line: getComputedStyle(link).textDecorationLine, color: getComputedStyle(link).color, around: getComputedStyle(statement).color };
          }),
        );
        expect(buttons.map((button) => button.text)).toEqual(expect.arrayContaining(['Read in the article', 'Copy quote']));
        for (const button of buttons) {
          expect(button.line, `${button.text}, ${palette}`).toContain('underline');
          expect(button.color, `${button.text}, ${palette}`).not.toBe(button.around);
        }
      } finally {
        await dismissCards(page);
      }
    });
  });

  it('shows which search result the arrow keys chose, and only that one', async () => {
    const search = popup.getByRole('searchbox', { name: 'Search facts' });
    await search.fill('Bogdanov');
    const options = popup.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.count(), { timeout: 5_000 }).toBeGreaterThan(2);
    await search.press('ArrowDown');
    await search.press('ArrowDown');
    try {
      await inEachPalette(popup, async (palette) => {
        // What sets each option apart from the popup's background: outline, left border, background.
        const markers = await options.evaluateAll((all) => {
          const canvas = getComputedStyle(document.body).backgroundColor;
          const visible = (color: string) => (color === canvas || /, 0\)$|\/ 0\)$/.test(color) ? 'none' : color);
          return all.map((option) => {
            const style = getComputedStyle(option);
            return {
              active: option.id === document.querySelector('[aria-activedescendant]')?.getAttribute('aria-activedescendant'),
              look: [style.outlineStyle === 'none' ? 'none' : visible(style.outlineColor), visible(style.borderLeftColor), visible(style.backgroundColor)].join(' '),
            };
          });
        });
        const active = markers.filter((marker) => marker.active);
        const others = markers.filter((marker) => !marker.active);
        expect(active, palette).toHaveLength(1);
        expect(active[0]!.look, palette).not.toBe('none none none');
        for (const other of others) expect(other.look, palette).toBe('none none none');
      });
    } finally {
      await search.fill('');
    }
  });

  it('shows each switch’s knob against its track: on, paused and off', async () => {
    const knobOnTrack = (name: string) =>
      popupSwitch(popup, name).evaluate((element) => ({
        knob: getComputedStyle(element, '::before').backgroundColor,
        track: [getComputedStyle(element).backgroundColor, getComputedStyle(document.body).backgroundColor],
      }));
    const names = ['Highlight on this site', 'Highlight in this tab', 'Highlight everywhere'];
    const expectVisibleKnobs = (state: string) =>
      inEachPalette(popup, async (palette) => {
        for (const name of names) {
          const { knob, track } = await knobOnTrack(name);
          expect(contrastRatio(knob, track), `${name} (${state}), ${palette}: ${knob} on ${track.join(" over ")}`).toBeGreaterThanOrEqual(3);
        }
      });
    for (const name of names) expect(await popupSwitch(popup, name).isChecked()).toBe(true);
    await expectVisibleKnobs('on');
    // Off everywhere: the site and tab switches stay on, paused.
    await setPopupSwitch(popup, 'Highlight everywhere', false);
    try {
      await expect.poll(() => popup.locator('.switch--paused').count()).toBe(2);
      await expectVisibleKnobs('paused, off');
    } finally {
      await setPopupSwitch(popup, 'Highlight everywhere', true);
    }
  });
});

describe('the automatic engine in forced colours', () => {
  it('wraps terms in marks there, where the browser would paint highlights as selected text, and goes back to highlights after', async () => {
    const auto = await startSession();
    try {
      const tab = await auto.context.newPage();
      await tab.goto(auto.server.fixtureUrl('demo.html'));
      await expect.poll(async () => (await glossHighlights(tab)).length, { timeout: 10_000 }).toBeGreaterThan(5);
      const highlighted = (await glossHighlights(tab)).length;
      const markCount = () => tab.locator('mark.gloss-mark').count();
      expect(await markCount()).toBe(0);
      await tab.emulateMedia({ forcedColors: 'active' });
      await expect.poll(markCount, { timeout: 10_000 }).toBe(highlighted);
      expect(await glossHighlights(tab)).toEqual([]);
      await tab.emulateMedia({ forcedColors: 'none' });
      await expect.poll(async () => (await glossHighlights(tab)).length, { timeout: 10_000 }).toBe(highlighted);
      expect(await markCount()).toBe(0);
    } finally {
      await auto.close();
    }
  });
});
