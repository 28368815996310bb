/**
 * Gloss never breaks a page, 8 to 10: hostile pages. A strict Content-Security-Policy, a stylesheet
 * that attacks injected UI, and a page that replaces JavaScript and DOM built-ins in its own world
 * (content scripts run in an isolated world with their own copies). Also a page whose message
 * handler assumes every `message` event is one of its own JSON strings.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { cardDialog, pollUntil, sampleCardVisibility, seedSettings, tabIdOf, waitForScan } from '../support/helpers';
import {
  closeBoth,
  extraProblems,
  GLOSS_SETTLE_MS,
  glossHighlights,
  highlightDecoration,
  hoverForCard,
  openBoth,
  openWithGloss,
  pointOfText,
  serializeDom,
  sleep,
  STRICT_CSP,
  textsIn,
  useBrowsers,
  watchProblems,
  type Baseline,
  type ProblemLog,
  type Side,
} from './support';

const browsers = useBrowsers();

interface CardLook {
  background: string;
  color: string;
  fontSize: number;
  opacity: number;
  visibility: string;
  display: string;
  borderRadius: string;
  boxShadow: string;
  box: { left: number; top: number; width: number; height: number };
  /** What the page's document.elementFromPoint finds at the card's centre. */
  hitAtCentre: string;
  /** Contrast ratio of the card's text colour on its background. */
  contrast: number;
}

/** How the open card looks, read inside its shadow root. */
async function cardLook(dialog: Locator): Promise<CardLook> {
  return dialog.evaluate(async (element) => {
    // Let the card's opening transition finish.
    await Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished.catch(() => undefined)));
    const style = getComputedStyle(element);
    // Opacity as painted: the card's and every ancestor's, through the shadow host.
    let opacity = 1;
    for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    const rect = element.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const rgb = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = (value: string) => {
      const [r = 0, g = 0, b = 0] = rgb(value).map((channel) => {
        const c = channel / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [l1, l2] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a) as [number, number];
    return {
      background: style.backgroundColor,
      color: style.color,
      fontSize: parseFloat(style.fontSize),
      opacity,
      visibility: style.visibility,
      display: style.display,
      borderRadius: style.borderRadius,
      boxShadow: style.boxShadow,
      box: { left: rect.left, top: rect.top, width: rect.width, height: rect.height },
      hitAtCentre: hit ? hit.localName : 'nothing',
      contrast: (l1 + 0.05) / (l2 + 0.05),
    };
  });
}

function expectReadable(look: CardLook): void {
  expect(look.display).not.toBe('none');
  expect(look.visibility).toBe('visible');
  expect(look.opacity).toBe(1);
  expect(look.background).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/);
  expect(look.fontSize).toBeGreaterThanOrEqual(12);
  expect(look.contrast).toBeGreaterThanOrEqual(4.5);
  expect(look.box.width).toBeGreaterThan(200);
  expect(look.box.height).toBeGreaterThan(60);
}

describe('a strict Content-Security-Policy (default-src none; style-src self)', () => {
  let withGloss: Side;
  let without: Side;
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

  beforeAll(async () => {
    const open = async (context: Baseline['context']) => {
      const page = await context.newPage();
      // An init script runs through the DevTools protocol, which the page's CSP does not govern.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __violations: string[] }).__violations = seen;
        document.addEventListener('securitypolicyviolation', (event) => {
          seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
        });
      });
      return page;
    };
    const [pageWith, pageWithout] = await Promise.all([open(browsers.gloss.context), open(browsers.baseline.context)]);
    const [problemsWith, problemsWithout] = await Promise.all([watchProblems(pageWith), watchProblems(pageWithout)]);
    await Promise.all([pageWith.goto(browsers.fixtures.url('strict-csp.html')), pageWithout.goto(browsers.fixtures.url('strict-csp.html'))]);
    withGloss = { page: pageWith, problems: problemsWith };
    without = { page: pageWithout, problems: problemsWithout };
    const response = await fetch(browsers.fixtures.url('strict-csp.html'));
    expect(response.headers.get('content-security-policy')).toBe(STRICT_CSP);
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('highlights the page, painted by the manifest stylesheet', async () => {
    await expect.poll(async () => (await glossHighlights(withGloss.page)).filter((highlight) => highlight.nearestId === 'csp-text').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(await highlightDecoration(withGloss.page, 'csp-text')).toBe('underline');
  });

  it('opens a fully styled card (its CSS is in its shadow root)', async () => {
    const dialog = await hoverForCard(withGloss.page, '#csp-text', 'Khmeimim Airbase', 'Khmeimim Airbase');
    const look = await cardLook(dialog);
    expectReadable(look);
    expect(look.borderRadius).not.toBe('0px');
    expect(look.boxShadow).not.toBe('none');
    expect(look.hitAtCentre).toBe('gloss-card');
  });

  it('causes no CSP violation and no new error', async () => {
    expect(await violations(without.page)).toEqual([]);
    expect(await violations(withGloss.page)).toEqual([]);
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
  });
});

describe('hostile CSS', () => {
  let withGloss: Side;
  let without: Side;

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'hostile-css.html');
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('leaves the page as it is without Gloss', async ({ annotate }) => {
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
    // The page styles ::highlight(gloss-underline-places) itself: Gloss's highlight names are public.
    await annotate(`places highlights drawn with text-decoration-line "${await highlightDecoration(withGloss.page, 'below')}" under the page's own ::highlight() rule`);
  });

  it('the card is visible, readable and on top of a max-z-index banner', async () => {
    const dialog = await hoverForCard(withGloss.page, '#hostile-text', 'Tartus', 'Tartus Naval Base');
    const look = await cardLook(dialog);
    expectReadable(look);
    // The card overlaps the page's fixed banner (z-index 2147483647): where they overlap, the card wins.
    const banner = (await withGloss.page.locator('#banner').boundingBox())!;
    const top = Math.max(banner.y, look.box.top);
    const bottom = Math.min(banner.y + banner.height, look.box.top + look.box.height);
    expect(bottom - top, 'the card should overlap the banner for this test to mean anything').toBeGreaterThan(20);
    const hit = await withGloss.page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.localName ?? 'nothing',
      { x: look.box.left + look.box.width / 2, y: (top + bottom) / 2 },
    );
    expect(hit).toBe('gloss-card');
    expect(look.hitAtCentre).toBe('gloss-card');
    const viewport = withGloss.page.viewportSize()!;
    expect(look.box.left).toBeGreaterThanOrEqual(0);
    expect(look.box.left + look.box.width).toBeLessThanOrEqual(viewport.width);
  });

  describe('with the mark engine (where `mark { display: none !important }` applies)', () => {
    let markPage: Side;

    beforeAll(async () => {
      await seedSettings(browsers.gloss.serviceWorker, { highlightEngine: 'mark' });
      await withGloss.page.close();
      markPage = await openWithGloss(browsers.gloss, browsers.fixtures.url('hostile-css.html'));
      await markPage.page.locator('#hostile-text mark.gloss-mark').first().waitFor({ state: 'attached' });
    });

    afterAll(async () => {
      await seedSettings(browsers.gloss.serviceWorker, {});
      await markPage?.page.close();
    });

    it('keeps its marks visible and their text readable', async () => {
      const marks = await markPage.page.locator('mark.gloss-mark').evaluateAll((elements) =>
        elements.map((mark) => {
          const style = getComputedStyle(mark);
          return { display: style.display, visibility: style.visibility, color: style.color, width: mark.getBoundingClientRect().width };
        }),
      );
      expect(marks.length).toBeGreaterThan(2);
      for (const mark of marks) {
        expect(mark.display).toBe('inline');
        expect(mark.visibility).toBe('visible');
        expect(mark.color).not.toBe('rgba(0, 0, 0, 0)');
        expect(mark.width).toBeGreaterThan(0);
      }
    });

    it('opens a readable card on top', async () => {
      const dialog = await hoverForCard(markPage.page, '#hostile-text', 'Tartus', 'Tartus Naval Base');
      const look = await cardLook(dialog);
      expectReadable(look);
      expect(look.hitAtCentre).toBe('gloss-card');
    });
  });
});

describe('a page that replaced built-ins in its own world', () => {
  let withGloss: Side;
  let without: Side;
  /** The page's call counters and self-check, copied before anything else runs in the page. */
  const pageState = (page: Page) =>
    page.evaluate(() => {
      const calls = { ...(window as unknown as { __calls: Record<string, number> }).__calls };
      const check = (window as unknown as { __nativeCheck(): unknown }).__nativeCheck();
      const items = document.getElementById('list')!.textContent;
      return { calls, check, items };
    });

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'overrides.html');
    for (let click = 0; click < 3; click++) {
      await Promise.all([withGloss.page.click('#add'), without.page.click('#add')]);
    }
    await sleep(GLOSS_SETTLE_MS);
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('Gloss never calls the page’s replaced functions, which keep behaving as the page set them up', async () => {
    // Same interactions, same evaluations: any call Gloss made into the page's world would show here.
    const state = await pageState(withGloss.page);
    expect(state).toEqual(await pageState(without.page));
    expect(state.check).toEqual({ map: '2,4,6', parsed: true, promiseIsOverridden: true });
    expect(state.calls['HighlightRegistry.set'] ?? 0).toBe(0);
    expect(state.calls['MutationObserver'] ?? 0).toBe(0);
    expect(state.items).toContain('Tartus item 4');
  });

  it('highlights the page and its added items, with the page’s MutationObserver and Highlight replaced', async () => {
    const highlights = await glossHighlights(withGloss.page);
    expect(highlights.filter((highlight) => highlight.nearestId === 'override-text').map((highlight) => highlight.text).sort()).toEqual(
      expect.arrayContaining(['Mikhail Bogdanov', 'Tartus']),
    );
    expect(highlights.filter((highlight) => highlight.nearestId === 'list' && /^Tartus$/.test(highlight.text)).length).toBe(3);
  });

  it('opens the card, and adds no errors', async () => {
    const dialog = await hoverForCard(withGloss.page, '#override-text', 'Mikhail Bogdanov', 'Mikhail Bogdanov');
    expect(await dialog.isVisible()).toBe(true);
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });
});

describe('a page that parses every window message as its own JSON', () => {
  let withGloss: Side;
  let without: Side;

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'naive-messages.html');
    await Promise.all([withGloss.page.click('#send'), without.page.click('#send')]);
    await Promise.all([withGloss, without].map(({ page }) => page.locator('#messages li').first().waitFor()));
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('still highlights and handles its own messages', async () => {
    expect((await glossHighlights(withGloss.page)).filter((highlight) => highlight.nearestId === 'naive-text').length).toBeGreaterThan(0);
    expect(await withGloss.page.locator('#messages').innerText()).toBe(await without.page.locator('#messages').innerText());
  });

  // WXT 0.21.0 announced every content script with window.postMessage; patches/wxt+0.21.0.patch
  // removes it (upstream: wxt-dev/wxt#2265, in 0.21.2, which needs Node 22).
  it('gets no message from Gloss, and so no error', async () => {
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });
});

describe('a page whose scripts listen for Gloss and try to drive it', () => {
  let page: Page;
  let problems: ProblemLog;
  /** The event WXT's content scripts announced themselves with on the document (patched out). */
  const startedEventName = () => `${browsers.gloss.extensionId}:content:wxt:content-script-started`;

  beforeAll(async () => {
    page = await browsers.gloss.context.newPage();
    problems = await watchProblems(page);
    // Listening from before Gloss starts, in capture, on the document and the window.
    await page.addInitScript((started: string) => {
      const heard: string[] = [];
      (window as unknown as { __heard: string[] }).__heard = heard;
      for (const target of [window, document]) {
        for (const type of [started, 'message']) target.addEventListener(type, () => heard.push(type), true);
      }
    }, startedEventName());
    await page.goto(browsers.fixtures.url('story.html'));
    await waitForScan(browsers.gloss.serviceWorker, await tabIdOf(browsers.gloss.serviceWorker, page));
  });

  afterAll(() => page?.close());

  it('hears nothing from Gloss, and a forged "newer script started" event does not stop it', async () => {
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
    await page.evaluate((started: string) => {
      document.dispatchEvent(new CustomEvent(started, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
    }, startedEventName());
    await page.click('#add');
    await pollUntil(async () => textsIn(await glossHighlights(page), 'update-1'), (texts) => texts.includes('Tartus'), { timeout: 5_000 });
    expect(textsIn(await glossHighlights(page), 'update-1')).toEqual(['Libya', 'Tartus']);
  });

  it('opens no card for the page’s own pointer events resting on a term; the reader’s open one', async () => {
    const { x, y } = await pointOfText(page, '#envoy', 'Mikhail Bogdanov');
    await page.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      for (const dx of [-2, 0]) {
        target.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: x + dx, clientY: y, pointerType: 'mouse' }));
      }
    }, { x, y });
    expect((await sampleCardVisibility(page, 1_200)).ever).toBe(false);
    expect(await (await hoverForCard(page, '#envoy', 'Mikhail Bogdanov', 'Mikhail Bogdanov')).isVisible()).toBe(true);
  });

  it('cannot press the open card’s buttons: no reader tab opens, "Not this" is not stored', async () => {
    const dialog = cardDialog(page, 'Mikhail Bogdanov');
    await dialog.waitFor({ state: 'visible' });
    const tabsBefore = browsers.gloss.context.pages().length;
    const settingsBefore = await storedSettings();
    const pressed = await page.evaluate(() => {
      const buttons = [...(document.querySelector('gloss-card')?.shadowRoot?.querySelectorAll('button') ?? [])];
      const wanted = buttons.filter((button) => /^(Read in the article|Not this)$/.test(button.textContent?.trim() ?? ''));
      for (const button of wanted) button.click();
      return wanted.map((button) => button.textContent?.trim());
    });
    expect(pressed).toEqual(expect.arrayContaining(['Read in the article', 'Not this']));
    await sleep(1_000);
    expect(browsers.gloss.context.pages().length).toBe(tabsBefore);
    expect(await storedSettings()).toEqual(settingsBefore);
    expect(await dialog.isVisible()).toBe(true);
    // The reader's own click still works.
    const [reader] = await Promise.all([
      browsers.gloss.context.waitForEvent('page'),
      dialog.getByRole('button', { name: 'Read in the article' }).first().click(),
    ]);
    expect(reader.url()).toContain('/reader.html');
    await reader.close();
    expect(problems.texts()).toEqual([]);
  });

  const storedSettings = () => browsers.gloss.serviceWorker.evaluate(async () => (await chrome.storage.local.get('settings')).settings ?? null);
});
