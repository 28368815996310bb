/**
 * The Firefox build in Firefox: installed as a temporary add-on (WebDriver BiDi, through
 * puppeteer-core; Playwright drives only its own patched Firefox), it highlights the demo page and
 * opens a card whose script the background injects on first use, and starts in a frame once it has
 * text, and on a page with very many mentions registers those near the viewport as Firefox's
 * IntersectionObserver reports them. A smoke test of what differs from Chromium (MV2 manifest, event
 * page, `scripting` in Firefox), not a second e2e suite.
 * Run with `npm run test:firefox`; needs Firefox (FIREFOX_PATH, or Debian's firefox-esr).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_EXTENSION_DIR } from '../e2e/support/paths';
import { startStaticServer, type StaticServer } from '../e2e/support/server';
import { centreOfTextIn } from '../e2e/support/text-point';

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH?.trim();
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH is set to "${fromEnv}", but no file exists there.`);
    return fromEnv;
  }
  const found = FIREFOX_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `No Firefox found (looked at ${FIREFOX_CANDIDATES.join(', ')}). Install Debian's: apt-get install -y firefox-esr, ` +
        'or set FIREFOX_PATH. This test never downloads a browser.',
    );
  }
  return found;
}

let browser: Browser;
let server: StaticServer;
let page: Page;

beforeAll(async () => {
  if (!existsSync(FIREFOX_EXTENSION_DIR)) throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run npm run build:firefox first.`);
  server = await startStaticServer();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    // Unsigned add-ons load only as temporary ones, which this preference allows in ESR.
    extraPrefsFirefox: { 'xpinstall.signatures.required': false },
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(server.fixtureUrl('demo.html'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The viewport centre of `needle` in the element with id `id`, scrolled to the middle of the view. */
async function pointOfText(id: string, needle: string): Promise<{ x: number; y: number }> {
  await page.$eval(`#${id}`, (element) => element.scrollIntoView({ block: 'center' }));
  const point = await page.$eval(`#${id}`, centreOfTextIn, { needle, nth: 0 });
  if (!point) throw new Error(`"${needle}" not found in #${id}`);
  return point;
}

describe('Gloss in Firefox', () => {
  it('highlights the demo page in every category, and not the customs "HTS code"', async () => {
    await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('gloss-') && (CSS.highlights.get(name)?.size ?? 0) > 0), {
      timeout: 20_000,
    });
    const counts = await page.evaluate(() => {
      const customs = document.getElementById('customs-paragraph');
      const byCategory: Record<string, number> = {};
      const inCustoms: string[] = [];
      for (const [name, highlight] of CSS.highlights) {
        const category = /^gloss-\w+-(\w+)$/.exec(name)?.[1];
        if (!category) continue;
        byCategory[category] = (byCategory[category] ?? 0) + highlight.size;
        // Gloss registers static ranges: the text they cover, read from their node.
        for (const range of highlight) if (customs?.contains(range.startContainer)) inCustoms.push(range.startContainer.textContent!.slice(range.startOffset, range.endOffset));
      }
      return { byCategory, inCustoms };
    });
    for (const category of ['people', 'groups', 'places', 'topics']) expect(counts.byCategory[category]).toBeGreaterThan(0);
    // "the U.S. Harmonized Tariff Schedule" names the United States; the tariff code is not the group.
    expect(counts.inCustoms).not.toContain('HTS');
  });

  it('opens the card when the pointer rests on a term, with the facts that come with the card’s script', async () => {
    const point = await pointOfText('bogdanov-paragraph', 'Mikhail Bogdanov');
    await page.mouse.move(point.x + 300, point.y + 120);
    await page.mouse.move(point.x, point.y, { steps: 5 });
    await page.waitForFunction(() => Boolean(document.querySelector('gloss-card')?.shadowRoot?.querySelector('[role="dialog"]')), { timeout: 10_000 });
    const card = await page.evaluate(() => {
      const dialog = document.querySelector('gloss-card')!.shadowRoot!.querySelector('[role="dialog"]')!;
      return { label: dialog.getAttribute('aria-label'), text: dialog.textContent ?? '' };
    });
    expect(card.label).toBe('Mikhail Bogdanov');
    expect(card.text).toContain('The Russian Deputy Foreign Minister Mikhail Bogdanov');
  });

  it('copies a quote from the card to the clipboard (Firefox’s clipboard from a content script)', async () => {
    // Where the first fact's button is; then a real click, as the clipboard takes text only on a user's gesture.
    const box = await page.waitForFunction(
      () => {
        const buttons = document.querySelector('gloss-card')?.shadowRoot?.querySelectorAll('button') ?? [];
        const rect = [...buttons].find((candidate) => candidate.textContent === 'Copy quote')?.getBoundingClientRect();
        return rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : undefined;
      },
      { timeout: 5_000 },
    );
    const { x, y } = (await box.jsonValue())!;
    await page.mouse.click(x, y);
    const status = await page.waitForFunction(
      () => document.querySelector('gloss-card')?.shadowRoot?.querySelector('.fact [role="status"]:not(:empty)')?.textContent,
      { timeout: 5_000 },
    );
    expect(await status.jsonValue()).toBe('Copied');
  });

  it('opens the card on a tap, as on Firefox for Android (no hover)', async () => {
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('gloss-card')?.shadowRoot?.querySelector('[role="dialog"]'), { timeout: 5_000 });
    const point = await pointOfText('tartous-paragraph', 'Tartous');
    await page.touchscreen.tap(point.x, point.y);
    const label = await page.waitForFunction(() => document.querySelector('gloss-card')?.shadowRoot?.querySelector('[role="dialog"]')?.getAttribute('aria-label'), {
      timeout: 10_000,
    });
    expect(await label.jsonValue()).toBe('Tartus');
  });

  it('starts in a frame once the frame has text that mentions the story, and highlights there', async () => {
    const framed = await browser.newPage();
    try {
      await framed.goto(server.fixtureUrl('robustness/ad-frames.html'));
      const late = await (await framed.waitForSelector('#late'))?.contentFrame();
      if (!late) throw new Error('The fixture has no #late frame');
      await late.waitForFunction(() => document.readyState === 'complete');
      await late.evaluate(() => {
        const story = document.createElement('p');
        story.textContent = 'Sponsored: the story of Khmeimim Airbase, told by those who live near it.';
        document.body.append(story);
      });
      const highlighted = await late.waitForFunction(
        () =>
          [...CSS.highlights.values()]
            .flatMap((highlight) => [...highlight])
            .map((range) => range.startContainer.textContent!.slice(range.startOffset, range.endOffset))
            .join(', ') || null,
        { timeout: 10_000 },
      );
      expect(await highlighted.jsonValue()).toBe('Khmeimim Airbase');
    } finally {
      await framed.close();
    }
  });

  it('on a page with very many mentions, registers those in view and follows scrolling', async () => {
    const dense = await browser.newPage();
    try {
      await dense.setViewport({ width: 1280, height: 800 });
      // 600 updates of six mentions each: past the 2,000 that are all registered.
      await dense.goto(`${server.fixtureUrl('bench-dense.html')}?updates=600`);
      const allInViewRegistered = () => {
        const registered = new Set<Node>();
        for (const highlight of CSS.highlights.values()) for (const range of highlight) registered.add(range.startContainer);
        const inView = [...document.querySelectorAll('#feed p')].filter((paragraph) => {
          const { top, bottom } = paragraph.getBoundingClientRect();
          return bottom > 0 && top < innerHeight;
        });
        const total = [...CSS.highlights.values()].reduce((sum, highlight) => sum + highlight.size, 0);
        return inView.length > 0 && inView.every((paragraph) => registered.has(paragraph.firstChild!)) && total < 2_000 ? total : null;
      };
      await dense.waitForFunction(allInViewRegistered, { timeout: 20_000 });
      await dense.evaluate(() => document.querySelectorAll('#feed p')[450]!.scrollIntoView());
      const registered = await dense.waitForFunction(allInViewRegistered, { timeout: 10_000 });
      expect(await registered.jsonValue()).toBeGreaterThan(0);
    } finally {
      await dense.close();
    }
  });
});
