/**
 * Gloss never breaks a page, 4 to 7: unusual documents. Web components with open shadow roots
 * (which the issue says must be scanned), same- and cross-origin iframes (two localhost ports), ad
 * frames (where the content script does not start until their text may mention the story), SVG text, and
 * a right-to-left Arabic page with English names in it. Each is compared with the same page in a
 * browser without Gloss.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { RECHECK_DELAY_MS } from '../../../src/content/frame-text';
import { cardDialog, pageStateOf, pollUntil, seedSettings, tabIdOf } from '../support/helpers';
import {
  closeBoth,
  extraProblems,
  GLOSS_SETTLE_MS,
  glossHighlights,
  highlightDecoration,
  highlightedTermsIn,
  hoverForCard,
  openBoth,
  pointOfText,
  serializeDom,
  sleep,
  useBrowsers,
  type RegisteredHighlight,
  type Side,
} from './support';

const browsers = useBrowsers();

/** Waits until Gloss has registered highlights in the page (or frame) that satisfy `done`. */
async function highlightsWhen(target: Page | Frame, done: (highlights: RegisteredHighlight[]) => boolean): Promise<RegisteredHighlight[]> {
  return pollUntil(() => glossHighlights(target), done, { timeout: 10_000, message: 'expected highlights did not appear' });
}

describe('open shadow roots (web components)', () => {
  let withGloss: Side;
  let without: Side;

  beforeAll(async () => {
    // Not waiting for the scan through the popup's channel: see the it.fails below.
    [withGloss, without] = await openBoth(browsers, 'shadow.html', { waitForScan: false });
    await highlightsWhen(withGloss.page, (highlights) => highlights.some((highlight) => highlight.nearestId === 'light'));
    await sleep(GLOSS_SETTLE_MS);
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('leaves the light DOM and every shadow root as they are without Gloss', async ({ annotate }) => {
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    // Not part of the DOM's HTML, but visible to the page: style sheets adopted into shadow roots.
    const adopted = (page: Page) =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll('*'))
          .filter((element) => element.shadowRoot)
          .map((element) => `${element.id}: ${element.shadowRoot!.adoptedStyleSheets.length}`),
      );
    await annotate(`shadowRoot.adoptedStyleSheets with Gloss [${(await adopted(withGloss.page)).join(', ')}], without [${(await adopted(without.page)).join(', ')}]`);
  });

  it('highlights text inside open shadow roots, scripted and declarative', async () => {
    const highlights = await glossHighlights(withGloss.page);
    expect(highlightedTermsIn(highlights, 'light')).toEqual(['Khmeimim Airbase', 'Latakia']);
    expect(highlightedTermsIn(highlights, 'shadow-text')).toEqual(['Tartus Naval Base']);
    expect(highlightedTermsIn(highlights, 'declarative-text')).toEqual(['Mikhail Bogdanov']);
    expect(highlights.filter((highlight) => highlight.nearestId === 'shadow-text').every((highlight) => highlight.inShadow)).toBe(true);
    // Page stylesheets stop at shadow boundaries: the highlight style must reach inside too.
    expect(await highlightDecoration(withGloss.page, 'shadow-text')).toBe('underline');
  });

  it('follows text a component changes inside its shadow root', async () => {
    await Promise.all([withGloss.page.click('#update-card'), without.page.click('#update-card')]);
    const highlights = await highlightsWhen(withGloss.page, (list) => list.some((highlight) => highlight.nearestId === 'shadow-extra'));
    expect(highlightedTermsIn(highlights, 'shadow-extra')).toEqual(['Tartus']);
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
  });

  it('opens the card on a term inside a shadow root', async () => {
    const dialog = await hoverForCard(withGloss.page, '#shadow-text', 'Tartus Naval Base', 'Tartus Naval Base');
    expect(await dialog.isVisible()).toBe(true);
  });

  // Mentions in shadow roots and in the page are ordered across trees (src/content/tree-order.ts).
  it('reports its state to the popup and adds no errors on a page with shadow roots', async () => {
    const tabId = await tabIdOf(browsers.gloss.serviceWorker, withGloss.page);
    const state = await pollUntil(() => pageStateOf(browsers.gloss.serviceWorker, tabId), (value) => value?.scanning === false, {
      timeout: 3_000,
      message: 'no page state from Gloss',
    });
    expect(state?.entities.map((entry) => entry.entityId)).toEqual(expect.arrayContaining(['tartus-naval-base', 'mikhail-bogdanov']));
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });
});

describe('same-origin and cross-origin iframes', () => {
  let withGloss: Side;
  let without: Side;
  const frameOf = (page: Page, name: 'same' | 'cross') => page.frames().find((frame) => frame.url().includes(`name=${name}`));

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'iframes.html');
    await Promise.all([withGloss, without].map(({ page }) => page.locator('#same').contentFrame().locator('#added-by-parent').waitFor()));
    await sleep(GLOSS_SETTLE_MS);
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('the page and its frames keep talking to each other as without Gloss', async () => {
    for (let ping = 0; ping < 2; ping++) {
      await Promise.all([withGloss.page.click('#ping'), without.page.click('#ping')]);
    }
    await Promise.all([withGloss, without].map(({ page }) => page.locator('#log li').nth(3).waitFor()));
    expect(await withGloss.page.locator('#log').innerText()).toBe(await without.page.locator('#log').innerText());
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    const cross = frameOf(withGloss.page, 'cross');
    const crossWithout = frameOf(without.page, 'cross');
    expect(cross && crossWithout).toBeTruthy();
    expect(await serializeDom(cross!)).toBe(await serializeDom(crossWithout!));
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });

  it('highlights mentions in the top page and inside both frames', async ({ annotate }) => {
    expect(highlightedTermsIn(await glossHighlights(withGloss.page), 'top-text')).toEqual(['Tartus']);
    const same = await glossHighlights(frameOf(withGloss.page, 'same')!);
    const cross = await glossHighlights(frameOf(withGloss.page, 'cross')!);
    await annotate(`same-origin frame: ${same.length} highlights; cross-origin frame: ${cross.length} highlights`);
    expect(highlightedTermsIn(same, 'frame-text')).toEqual(['Mikhail Bogdanov', 'Tartus Naval Base']);
    expect(highlightedTermsIn(same, 'added-by-parent')).toEqual(['Khmeimim Airbase']);
    expect(highlightedTermsIn(cross, 'frame-text')).toEqual(['Mikhail Bogdanov', 'Tartus Naval Base']);
  });

  it('opens no card for a term the pointer only passed over on its way into another frame', async () => {
    const same = frameOf(withGloss.page, 'same')!;
    const sameBox = (await withGloss.page.locator('#same').boundingBox())!;
    const crossBox = (await withGloss.page.locator('#cross').boundingBox())!;
    const term = await pointOfText(same, '#added-by-parent', 'Khmeimim Airbase');
    await withGloss.page.mouse.move(2, 2);
    await withGloss.page.mouse.move(sameBox.x + term.x, sameBox.y + term.y);
    // On into the other frame, below its text: the pointer never rested on the term.
    await withGloss.page.mouse.move(crossBox.x + 40, crossBox.y + crossBox.height - 12);
    await sleep(1_000);
    expect(await same.getByRole('dialog').count()).toBe(0);
    await withGloss.page.mouse.move(2, 2);
  });

  it('opens the card inside a cross-origin frame, all of it within the frame', async () => {
    const frame = frameOf(withGloss.page, 'cross')!;
    const box = (await withGloss.page.locator('#cross').boundingBox())!;
    const inFrame = await pointOfText(frame, '#frame-text', 'Mikhail Bogdanov');
    await withGloss.page.mouse.move(2, 2);
    await withGloss.page.mouse.move(box.x + inFrame.x - 2, box.y + inFrame.y);
    await withGloss.page.mouse.move(box.x + inFrame.x, box.y + inFrame.y);
    const dialog = frame.getByRole('dialog', { name: 'Mikhail Bogdanov', exact: true });
    await dialog.waitFor({ state: 'visible', timeout: 3_000 });
    expect(await withGloss.page.locator('gloss-card').count(), 'the top page has no card for a term in a frame').toBe(0);
    // The frame is 150 px tall: too short for the card on either side of the term, so it must fit
    // the frame (over the term) rather than hang out of it, where a frame's content is cut off.
    const placed = await pollUntil(
      () =>
        dialog.evaluate((card) => {
          const rect = card.getBoundingClientRect();
          const { clientWidth, clientHeight } = document.documentElement;
          return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right, clientWidth, clientHeight };
        }),
      (rect) => rect.top >= 0 && rect.bottom <= rect.clientHeight,
      { timeout: 2_000, message: 'the card did not fit the frame' },
    );
    expect(placed.left).toBeGreaterThanOrEqual(0);
    expect(placed.right).toBeLessThanOrEqual(placed.clientWidth);
  });

  it('switched off on the site the reader sees, is off in its frames too, the other site\'s included', async () => {
    const page = withGloss.page;
    const worker = browsers.gloss.serviceWorker;
    const counts = async () => ({
      top: (await glossHighlights(page)).length,
      same: (await glossHighlights(frameOf(page, 'same')!)).length,
      cross: (await glossHighlights(frameOf(page, 'cross')!)).length,
    });
    const before = await counts();
    expect(before.cross).toBeGreaterThan(0);
    try {
      await seedSettings(worker, { disabledSites: [new URL(page.url()).host] });
      await pollUntil(counts, (now) => now.top === 0 && now.same === 0 && now.cross === 0, {
        timeout: 5_000,
        message: 'highlights left in the page or a frame after its site was switched off',
      });
    } finally {
      await seedSettings(worker, {});
    }
    await pollUntil(counts, (now) => now.top === before.top && now.same === before.same && now.cross === before.cross, {
      timeout: 5_000,
      message: 'highlights did not come back when the site was switched on again',
    });
  });
});

/**
 * Whether Gloss's content script runs in each frame of the page, by the frame's URL. The content
 * script listens for the popup's messages in its world; the small script that runs in every frame
 * (entrypoints/frame-probe.ts) does not. Frames without any Gloss world are left out.
 */
async function contentScriptByFrame(page: Page): Promise<Map<string, boolean>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds: { contextId: number; frameId: string }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const auxData = context.auxData as { frameId?: string; type?: string } | undefined;
      if (auxData?.type === 'isolated' && auxData.frameId && context.origin.startsWith('chrome-extension://')) worlds.push({ contextId: context.id, frameId: auxData.frameId });
    });
    // Enabling reports the contexts that exist already.
    await cdp.send('Runtime.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
    const urls = new Map<string, string>();
    const visit = (tree: FrameTree) => {
      urls.set(tree.frame.id, tree.frame.url);
      for (const child of tree.childFrames ?? []) visit(child);
    };
    visit(frameTree);
    const running = new Map<string, boolean>();
    for (const { contextId, frameId } of worlds) {
      const { result } = await cdp.send('Runtime.evaluate', { contextId, expression: 'chrome.runtime.onMessage.hasListeners()', returnByValue: true });
      running.set(urls.get(frameId) ?? frameId, result.value === true);
    }
    await cdp.send('Runtime.disable');
    return running;
  } finally {
    await cdp.detach();
  }
}

interface FrameTree {
  frame: { id: string; url: string };
  childFrames?: FrameTree[];
}

describe('ad frames', () => {
  let withGloss: Side;
  let without: Side;
  const frameOf = (page: Page, name: 'ad' | 'late' | 'text-ad') => page.frames().find((frame) => frame.url().includes(`name=${name}`))!;
  /** For the top page, the image ad, the frame filled later and the text ad: whether the content script runs there. */
  const running = async () => {
    const byFrame = await contentScriptByFrame(withGloss.page);
    return [withGloss.page, ...(['ad', 'late', 'text-ad'] as const).map((name) => frameOf(withGloss.page, name))].map((target) => byFrame.get(target.url()));
  };
  /**
   * Long enough for a frame's text to be noticed (frame-text.ts rechecks a changed frame after
   * RECHECK_DELAY_MS), the frame check to be run there and to read it.
   */
  const FRAME_CHECK_SETTLE_MS = RECHECK_DELAY_MS + 1_000;

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'ad-frames.html');
    await highlightsWhen(withGloss.page, (highlights) => highlights.some((highlight) => highlight.nearestId === 'top-text'));
    await sleep(FRAME_CHECK_SETTLE_MS);
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('starts the content script in the top page only: not in frames with nothing to read, nor in a text ad that mentions nothing of the story', async () => {
    expect(await running()).toEqual([true, false, false, false]);
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    for (const name of ['ad', 'text-ad'] as const) expect(await frameOf(withGloss.page, name).evaluate(() => (window as { adLoaded?: boolean }).adLoaded)).toBe(true);
  });

  it('keeps out of the checked frames when the packs change with no imported pack in use (the built-in pack switched off and on)', async () => {
    const { serviceWorker } = browsers.gloss;
    const compiledBundledEnabled = () =>
      serviceWorker.evaluate(async () => ((await chrome.storage.local.get('compiledPacks')).compiledPacks as { bundledEnabled?: boolean } | undefined)?.bundledEnabled);
    const storedBefore = await serviceWorker.evaluate(async () => (await chrome.storage.local.get('userPacks')).userPacks as unknown);
    expect(storedBefore).toBeUndefined();
    try {
      // As the options page's switch writes it; the background compiles the packs for pages again.
      await serviceWorker.evaluate(() => chrome.storage.local.set({ userPacks: { bundledEnabled: false, packs: [] } }));
      await expect.poll(compiledBundledEnabled, { timeout: 10_000 }).toBe(false);
    } finally {
      await serviceWorker.evaluate(() => chrome.storage.local.remove('userPacks'));
    }
    await expect.poll(compiledBundledEnabled, { timeout: 10_000 }).toBe(true);
    await highlightsWhen(withGloss.page, (highlights) => highlights.some((highlight) => highlight.nearestId === 'top-text'));
    // The frames' checks saw both changes: nothing in them the content script could mark, so it stays out.
    await sleep(1_000);
    expect(await running()).toEqual([true, false, false, false]);
  });

  it('starts it in a frame once the frame is given text that mentions the story, and highlights there', async () => {
    const late = frameOf(withGloss.page, 'late');
    const append = (id: string, text: string) =>
      late.evaluate(([id, text]) => {
        const paragraph = document.createElement('p');
        paragraph.id = id;
        paragraph.textContent = text;
        document.body.append(paragraph);
      }, [id, text] as const);
    // Text at last, but nothing of the story in it: the frame is checked, and Gloss stays out.
    await append('copy', 'Sponsored: balcony planters and garden benches, delivered free this week.');
    await sleep(FRAME_CHECK_SETTLE_MS);
    expect(await running()).toEqual([true, false, false, false]);
    // The frame's own small script asked once, when the frame got text: from now on only the check
    // watches the frame, so Gloss starting here shows that it does.
    await append('story', 'Sponsored: the story of Khmeimim Airbase, told by those who live near it.');
    const highlights = await highlightsWhen(late, (found) => found.length > 0);
    expect(highlightedTermsIn(highlights, 'story')).toEqual(['Khmeimim Airbase']);
    expect(await running()).toEqual([true, false, true, false]);
  });

  it('starts it in a text ad once its text changes to mention the story', async () => {
    const textAd = frameOf(withGloss.page, 'text-ad');
    await textAd.evaluate(() => {
      const copy = document.getElementById('copy')!.firstChild as Text;
      copy.data = 'Our series on the bases at Tartus and Latakia: read it free this week.';
    });
    const highlights = await highlightsWhen(textAd, (found) => found.length > 0);
    expect(highlightedTermsIn(highlights, 'copy')).toEqual(['Latakia', 'Tartus']);
    expect(await running()).toEqual([true, false, true, true]);
  });
});

describe('SVG text', () => {
  let withGloss: Side;
  let without: Side;

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'svg.html');
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('the map and its script work as without Gloss', async () => {
    for (let click = 0; click < 3; click++) {
      await Promise.all([withGloss.page.click('#relabel'), without.page.click('#relabel')]);
    }
    await sleep(GLOSS_SETTLE_MS);
    expect(await withGloss.page.locator('#map').getAttribute('data-label-width')).toBe(await without.page.locator('#map').getAttribute('data-label-width'));
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });

  it('highlights the HTML caption, and opens its card; SVG text is left alone', async ({ annotate }) => {
    const highlights = await glossHighlights(withGloss.page);
    expect(highlightedTermsIn(highlights, 'caption')).toEqual(['Khmeimim Airbase', 'Tartus']);
    const inSvg = highlights.filter((highlight) => ['map', 'map-title', 'label-tartus', 'label-latakia', 'label-khmeimim', 'foreign-text'].includes(highlight.nearestId));
    await annotate(`highlights inside the SVG: ${inSvg.length === 0 ? 'none' : inSvg.map((highlight) => highlight.text).join(', ')}`);
    const dialog = await hoverForCard(withGloss.page, '#caption', 'Tartus', 'Tartus');
    expect(await dialog.isVisible()).toBe(true);
  });
});

describe('right-to-left text', () => {
  let withGloss: Side;
  let without: Side;
  const TERMS: [string, string][] = [
    ['#arabic', 'Tartus'],
    ['#arabic', 'Khmeimim'],
    ['#mixed', 'Mikhail Bogdanov'],
    ['#ltr-inside', 'Latakia'],
  ];

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'rtl.html');
  });

  afterAll(() => closeBoth([withGloss, without]));

  it('highlights the English names inside Arabic sentences', async () => {
    const highlights = await glossHighlights(withGloss.page);
    expect(highlightedTermsIn(highlights, 'arabic')).toEqual(['Khmeimim', 'Tartus']);
    expect(highlightedTermsIn(highlights, 'mixed')).toEqual(['HTS', 'Mikhail Bogdanov']);
    expect(highlightedTermsIn(highlights, 'ltr-inside')).toEqual(['Latakia', 'Tartus']);
  });

  it('changes no layout: paragraphs and names sit exactly where they do without Gloss', async () => {
    const layout = (page: Page) =>
      page.evaluate(() => Array.from(document.querySelectorAll('h1, p, bdi'), (element) => JSON.stringify(element.getBoundingClientRect())));
    expect(await layout(withGloss.page)).toEqual(await layout(without.page));
    for (const [selector, needle] of TERMS) {
      expect(await pointOfText(withGloss.page, selector, needle), needle).toEqual(await pointOfText(without.page, selector, needle));
    }
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
  });

  it('opens the card on a name in right-to-left text, inside the viewport', async () => {
    const dialog = await hoverForCard(withGloss.page, '#arabic', 'Tartus', 'Tartus');
    const box = (await dialog.boundingBox())!;
    const viewport = withGloss.page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(await cardDialog(withGloss.page).count()).toBe(1);
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });
});
