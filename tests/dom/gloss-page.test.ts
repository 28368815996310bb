import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { GlossPage, REPORT_THROTTLE_MS, type GlossPageOptions } from '../../src/content/gloss-page';
import { cardViewModule } from '../../src/content/card-view';
import { markEngineModule } from '../../src/content/engines/mark-engine';
import { lazyModuleLoader, registerLazyModule } from '../../src/content/lazy-scripts';
import { createPageLibrary, indexOfPack } from '../../src/core/pack/library';
import { DEFAULT_SETTINGS, withTermHidden, withSiteEnabled, type Settings } from '../../src/core/settings';
import type { PageState } from '../../src/messaging/protocol';
import { loadBundledPack } from '../../scripts/pack-files';
import { UNDONE_NOTICE_MS } from '../../src/ui/card/HiddenNotice';

const pack = loadBundledPack();
const ARTICLE = '<p id="p">Deputy Foreign Minister Mikhail Bogdanov met envoys in Tartus.</p><p>Later, Bogdanov flew to Qatar.</p>';

let ctx: ContentScriptContext;
let reports: PageState[];
let hidden: [string, string, boolean][];
/** The background's answer to "is this tab switched off?", asked again after the back-forward cache. */
let tabSwitchedOff: boolean;

function startPage(
  settings: Settings = DEFAULT_SETTINGS,
  tabDisabled: boolean | Promise<boolean> = false,
  // What the background's injection of entrypoints/card-view.ts does: run its registration here.
  loadCardView = lazyModuleLoader('cardView', async () => registerLazyModule('cardView', cardViewModule)),
  // jsdom has no Highlight API: pages here use the mark.js engine, loaded as the extension does.
  loadMarkEngine = lazyModuleLoader('markEngine', async () => registerLazyModule('markEngine', markEngineModule)),
  options: Partial<GlossPageOptions> = {},
): GlossPage {
  const page = new GlossPage(ctx, {
    ...options,
    library: createPageLibrary(indexOfPack(pack)),
    settings,
    tabDisabled,
    askTabDisabled: async () => tabSwitchedOff,
    reportState: (state) => reports.push(state),
    openReader: () => {},
    setTermHiddenOnSite: (site, entityId, isHidden) => hidden.push([site, entityId, isHidden]),
    loadCardView,
    loadMarkEngine,
  });
  page.start();
  return page;
}

/** The page started with its four marks, a button before the article, and the document focused (for the keyboard command). */
async function startWithButtonBefore(): Promise<{ page: GlossPage; before: HTMLButtonElement }> {
  const before = document.createElement('button');
  before.textContent = 'Before the article';
  document.body.prepend(before);
  const page = startPage();
  await expect.poll(() => marks().length).toBe(4);
  vi.spyOn(document, 'hasFocus').mockReturnValue(true);
  return { page, before };
}

/** Longer than GlossPage's report throttle (400 ms): a report due by then has been sent. */
const REPORT_WAIT_MS = 600;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function paragraph(text: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.textContent = text;
  return element;
}

function marks(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('mark.gloss-mark')];
}

function cardDialog(): HTMLElement | null {
  return document.querySelector('gloss-card')?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
}

function hiddenNotice(): HTMLElement | null {
  return document.querySelector('gloss-card')?.shadowRoot?.querySelector<HTMLElement>('.notice') ?? null;
}

function buttonIn(root: HTMLElement | null, name: string): HTMLButtonElement {
  const found = [...(root?.querySelectorAll('button') ?? [])].find((button) => button.textContent === name || button.getAttribute('aria-label') === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

/** Opens the card at the selection from the keyboard and chooses "Not this" there: focus goes to the notice's Undo. */
async function notThisFromKeyboard(page: GlossPage): Promise<ShadowRoot> {
  expect(page.openCardAtSelection()).toBe(true);
  await expect.poll(() => cardDialog()).not.toBeNull();
  const notThis = buttonIn(cardDialog(), 'Not this');
  notThis.focus();
  notThis.click();
  const shadow = document.querySelector('gloss-card')!.shadowRoot!;
  await expect.poll(() => shadow.activeElement?.textContent).toBe('Undo');
  return shadow;
}

function pointerMove(target: Element, x: number, y: number) {
  target.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: x, clientY: y, pointerType: 'mouse' }));
}

/** A press and its click, as a browser sends them for a tap (`touch`) or a mouse click. */
function press(target: Element, pointerType: 'touch' | 'mouse' | 'pen') {
  const at = { bubbles: true, composed: true, clientX: 10, clientY: 10 };
  target.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerType, cancelable: true }));
  target.dispatchEvent(new PointerEvent('pointerup', { ...at, pointerType }));
  return target.dispatchEvent(new MouseEvent('click', { ...at, cancelable: true }));
}

beforeEach(() => {
  document.body.innerHTML = ARTICLE;
  ctx = new ContentScriptContext('test');
  reports = [];
  hidden = [];
  tabSwitchedOff = false;
});

afterEach(() => {
  ctx.abort();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('GlossPage', () => {
  it('highlights on start and reports the entities found', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    await expect.poll(() => reports.at(-1)?.entities).toEqual([
      { entityId: 'mikhail-bogdanov', count: 2 },
      { entityId: 'qatar', count: 1 },
      { entityId: 'tartus', count: 1 },
    ]);
    expect(page.pageState().status).toBe('on');
  });

  it('reports only what changes the toolbar badge: nothing for a page that mentions nothing from the story', async () => {
    document.body.innerHTML = '<main id="feed"><p>Nothing from the story here.</p></main>';
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const page = startPage();
    await expect.poll(() => page.pageState().scanning).toBe(false);
    // Not even a timer to find out that there is nothing to report.
    expect(timers.mock.calls.filter(([, delay]) => delay === REPORT_THROTTLE_MS)).toEqual([]);
    timers.mockRestore();
    await sleep(REPORT_WAIT_MS);
    expect(reports).toEqual([]);
    const feed = document.getElementById('feed')!;
    feed.append(paragraph('Ships put in at Tartus.'));
    await expect.poll(() => reports.map((report) => report.entities.length)).toEqual([1]);
    // Another mention of the same entity: the badge would not change.
    feed.append(paragraph('Tartus again.'));
    await expect.poll(() => marks()).toHaveLength(2);
    await sleep(REPORT_WAIT_MS);
    expect(reports).toHaveLength(1);
    // A new entity changes the badge: the report then carries every entity's count.
    feed.append(paragraph('Qatar too.'));
    await expect.poll(() => reports.map((report) => report.entities.length)).toEqual([1, 2]);
    expect(reports[1]?.entities).toEqual([
      { entityId: 'tartus', count: 2 },
      { entityId: 'qatar', count: 1 },
    ]);
    page.updateSettings({ ...DEFAULT_SETTINGS, enabled: false });
    await expect.poll(() => reports.map((report) => report.status)).toEqual(['on', 'on', 'off-everywhere']);
  });

  it('reports again when the page comes back from the browser’s back-forward cache (its badge was cleared)', async () => {
    startPage();
    await expect.poll(() => reports).toHaveLength(1);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    await sleep(REPORT_WAIT_MS);
    expect(reports).toHaveLength(1);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await expect.poll(() => reports).toHaveLength(2);
    expect(reports[1]).toEqual(reports[0]);
  });

  it('asks again whether its tab is switched off when it comes back from the back-forward cache (the switch’s message never reached it)', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    tabSwitchedOff = true;
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await expect.poll(() => page.pageState().status).toBe('off-tab');
    expect(marks()).toHaveLength(0);
    tabSwitchedOff = false;
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await expect.poll(() => marks().length).toBe(4);
    await expect.poll(() => reports.at(-1)?.status).toBe('on');
  });

  it('highlights a prerendered page ahead, and reports it and asks about its tab once the reader is shown it', async () => {
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true });
    try {
      const page = startPage();
      await expect.poll(() => marks().length).toBe(4);
      await expect.poll(() => reports).toHaveLength(1);
      // Switched off meanwhile in the tab it is shown in, where the switch's message never reached it.
      tabSwitchedOff = true;
      Object.defineProperty(document, 'prerendering', { value: false, configurable: true });
      document.dispatchEvent(new Event('prerenderingchange'));
      await expect.poll(() => page.pageState().status).toBe('off-tab');
      await expect.poll(() => reports.map((report) => report.status)).toEqual(['on', 'off-tab']);
    } finally {
      delete (document as { prerendering?: boolean }).prerendering;
    }
  });

  it('reports again once a prerendered page is shown, though nothing changed (the browser cleared the badge)', async () => {
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true });
    try {
      startPage();
      await expect.poll(() => reports).toHaveLength(1);
      Object.defineProperty(document, 'prerendering', { value: false, configurable: true });
      document.dispatchEvent(new Event('prerenderingchange'));
      await expect.poll(() => reports).toHaveLength(2);
      expect(reports[1]).toEqual(reports[0]);
    } finally {
      delete (document as { prerendering?: boolean }).prerendering;
    }
  });

  it('goes by the latest answer about its tab: a slow first answer does not undo the one asked when it was shown', async () => {
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true });
    try {
      // Asked while prerendered (some tab was off then); that answer is slow, and says off.
      let answerFirst!: (disabled: boolean) => void;
      const first = new Promise<boolean>((resolve) => (answerFirst = resolve));
      const page = startPage(DEFAULT_SETTINGS, first);
      // Shown: the reader had switched the tab back on, and asking again says so.
      tabSwitchedOff = false;
      Object.defineProperty(document, 'prerendering', { value: false, configurable: true });
      document.dispatchEvent(new Event('prerenderingchange'));
      await sleep(50);
      answerFirst(true);
      await sleep(50);
      expect(page.pageState().status).toBe('on');
    } finally {
      delete (document as { prerendering?: boolean }).prerendering;
    }
  });

  it('goes by a switch message over a slower answer about its tab asked before it', async () => {
    let answer!: (disabled: boolean) => void;
    const page = startPage(DEFAULT_SETTINGS, new Promise<boolean>((resolve) => (answer = resolve)));
    // Switched off and on again while the page started; the answer asked before says off.
    page.setTabEnabled(false);
    page.setTabEnabled(true);
    answer(true);
    await sleep(50);
    expect(page.pageState().status).toBe('on');
  });

  it('reports nothing more on prerenderingchange when it was never prerendered', async () => {
    startPage();
    await expect.poll(() => reports).toHaveLength(1);
    document.dispatchEvent(new Event('prerenderingchange'));
    await sleep(REPORT_WAIT_MS);
    expect(reports).toHaveLength(1);
  });

  it('reports what is left when the page takes its mentions away, so the badge does not count them', async () => {
    startPage();
    await expect.poll(() => reports.at(-1)?.entities.length).toBe(3);
    document.getElementById('p')!.remove();
    await expect.poll(() => reports.at(-1)?.entities.map((entity) => entity.entityId)).toEqual(['mikhail-bogdanov', 'qatar']);
    for (const paragraph of document.body.querySelectorAll('p')) paragraph.remove();
    await expect.poll(() => reports.at(-1)?.entities).toEqual([]);
  });

  it('highlights the new <body> when a site swaps the whole body as it navigates (Turbo, PJAX)', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    const next = document.createElement('body');
    next.append(paragraph('Next page: Alexander Lavrentiev visited Tartus.'));
    document.body.replaceWith(next);
    await expect.poll(() => marks().map((mark) => mark.dataset.glossEntity)).toEqual(['alexander-lavrentiev', 'tartus']);
    await expect.poll(() => reports.at(-1)?.entities.map((entity) => entity.entityId).sort()).toEqual(['alexander-lavrentiev', 'tartus']);
    // And it keeps following what the new body adds.
    document.body.append(paragraph('Then to Qatar.'));
    await expect.poll(() => marks().map((mark) => mark.dataset.glossEntity)).toEqual(['alexander-lavrentiev', 'tartus', 'qatar']);
    expect(page.pageState().status).toBe('on');
  });

  it('highlights in a frame, where it reports its state to no one (the badge is the top page’s)', async () => {
    const page = new GlossPage(ctx, {
      library: createPageLibrary(indexOfPack(pack)),
      settings: DEFAULT_SETTINGS,
      tabDisabled: false,
      askTabDisabled: async () => false,
      openReader: () => {},
      setTermHiddenOnSite: () => {},
      loadCardView: lazyModuleLoader('cardView', async () => registerLazyModule('cardView', cardViewModule)),
      loadMarkEngine: lazyModuleLoader('markEngine', async () => registerLazyModule('markEngine', markEngineModule)),
    });
    page.start();
    await expect.poll(() => marks().length).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(page.pageState()).toMatchObject({ status: 'on', scanning: false });
  });

  it('applies settings live: categories, site switch, global switch, style', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    page.updateSettings({ ...DEFAULT_SETTINGS, categories: { ...DEFAULT_SETTINGS.categories, people: false } });
    await expect.poll(() => marks().map((mark) => mark.dataset.glossEntity)).toEqual(['tartus', 'qatar']);
    page.updateSettings({ ...DEFAULT_SETTINGS, highlightStyle: 'background' });
    await expect.poll(() => marks().length).toBe(4);
    expect(marks().every((mark) => mark.dataset.glossStyle === 'background')).toBe(true);
    page.updateSettings(withSiteEnabled(DEFAULT_SETTINGS, location.host, false));
    expect(marks()).toHaveLength(0);
    expect(page.pageState().status).toBe('off-site');
    expect(document.body.innerHTML).toBe(ARTICLE);
    page.updateSettings({ ...DEFAULT_SETTINGS, enabled: false });
    expect(page.pageState().status).toBe('off-everywhere');
  });

  it('takes the story from anchors it does not mark: with places off, a page on Syria still gets its topics', async () => {
    document.body.innerHTML = '<p id="story">Syria and Moscow talk about oil and gas.</p>';
    startPage({ ...DEFAULT_SETTINGS, categories: { ...DEFAULT_SETTINGS.categories, places: false } });
    await expect.poll(() => marks().map((mark) => mark.dataset.glossEntity)).toEqual(['oil-and-gas-investment']);
  });

  it("marks a shown term inside a hidden anchor's longer name: with topics off, the fall of Assad still marks Assad", async () => {
    document.body.innerHTML = '<p id="story">After the fall of Assad, Syria changed.</p>';
    startPage({ ...DEFAULT_SETTINGS, categories: { ...DEFAULT_SETTINGS.categories, topics: false } });
    await expect.poll(() => marks().map((mark) => [mark.dataset.glossEntity, mark.textContent])).toEqual([
      ['bashar-al-assad', 'Assad'],
      ['syria', 'Syria'],
    ]);
  });

  it('in a frame, is off where the site of the page around it is switched off, and back on with it', async () => {
    const around = 'news.example';
    const page = startPage(withSiteEnabled(DEFAULT_SETTINGS, around, false), false, undefined, undefined, { siteAround: around });
    expect(page.pageState().status).toBe('off-site');
    await sleep(100);
    expect(marks()).toHaveLength(0);
    page.updateSettings(DEFAULT_SETTINGS);
    await expect.poll(() => marks().length).toBe(4);
    // Its own site still counts.
    page.updateSettings(withSiteEnabled(DEFAULT_SETTINGS, location.host, false));
    expect(page.pageState().status).toBe('off-site');
    expect(marks()).toHaveLength(0);
    // Another site switched off leaves it on.
    page.updateSettings(withSiteEnabled(DEFAULT_SETTINGS, 'elsewhere.example', false));
    await expect.poll(() => marks().length).toBe(4);
    expect(page.pageState().status).toBe('on');
  });

  it('switches off and on in one tab', async () => {
    const page = startPage(DEFAULT_SETTINGS, true);
    expect(page.pageState().status).toBe('off-tab');
    expect(marks()).toHaveLength(0);
    page.setTabEnabled(true);
    await expect.poll(() => marks().length).toBe(4);
    expect(page.setTabEnabled(false).status).toBe('off-tab');
    expect(document.body.innerHTML).toBe(ARTICLE);
  });

  it('highlights nothing until the background says whether this tab is switched off', async () => {
    const answers: ((disabled: boolean) => void)[] = [];
    const ask = () => new Promise<boolean>((resolve) => answers.push(resolve));

    const offInTab = startPage(DEFAULT_SETTINGS, ask());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(marks()).toHaveLength(0);
    answers[0]!(true);
    await expect.poll(() => offInTab.pageState().status).toBe('off-tab');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks()).toHaveLength(0);
    expect(document.body.innerHTML).toBe(ARTICLE);
    ctx.abort();

    ctx = new ContentScriptContext('test');
    const onInTab = startPage(DEFAULT_SETTINGS, ask());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(marks()).toHaveLength(0);
    answers[1]!(false);
    await expect.poll(() => marks().length).toBe(4);
    expect(onInTab.pageState().status).toBe('on');
  });

  it('listens to the pointer and keys only once something is highlighted', async () => {
    const listened = vi.spyOn(document, 'addEventListener');
    const cardEvents = () => listened.mock.calls.map(([type]) => type).filter((type) => ['pointermove', 'pointerdown', 'keydown', 'click'].includes(type));

    document.body.innerHTML = '<p>Nothing from the story here: a recipe for roast turkey.</p>';
    const quiet = startPage();
    await expect.poll(() => quiet.pageState().scanning).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks()).toHaveLength(0);
    expect(cardEvents()).toEqual([]);
    ctx.abort();

    document.body.innerHTML = ARTICLE;
    ctx = new ContentScriptContext('test');
    startPage();
    await expect.poll(() => marks().length).toBe(4);
    expect(cardEvents().sort()).toEqual(['click', 'keydown', 'pointerdown', 'pointermove']);
  });

  it('removes every highlight when the content script is invalidated (extension update or reload)', async () => {
    startPage();
    await expect.poll(() => marks().length).toBe(4);
    ctx.abort();
    expect(marks()).toHaveLength(0);
    expect(document.body.innerHTML).toBe(ARTICLE);
  });

  it('opens the card only when the pointer rests on a term', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 300 });
    await expect.poll(() => marks().length).toBe(4);
    vi.useFakeTimers();
    const [bogdanov] = marks();
    // Passing over: the pointer moves on before the delay.
    pointerMove(bogdanov!, 10, 10);
    vi.advanceTimersByTime(100);
    pointerMove(document.getElementById('p')!, 400, 10);
    vi.advanceTimersByTime(600);
    vi.useRealTimers();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cardDialog()).toBeNull();
    // Resting: the card opens for the entity, named by its display name.
    vi.useFakeTimers();
    pointerMove(bogdanov!, 10, 10);
    vi.advanceTimersByTime(350);
    vi.useRealTimers();
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    expect(cardDialog()?.textContent).toContain('Deputy Foreign Minister');
    // Esc closes it.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await expect.poll(() => cardDialog()).toBeNull();
  });

  it('closes a hover card on Esc and lets the page hear the key; keeps Esc to itself when the reader is using the card', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    // The page's own Esc handler, as a modal or a full-screen video player has.
    const pageHeard: KeyboardEvent[] = [];
    const listening = new AbortController();
    window.addEventListener('keydown', (event) => pageHeard.push(event), { signal: listening.signal });
    const escape = (target: EventTarget) => {
      const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true });
      target.dispatchEvent(event);
      return event;
    };
    try {
      // Hovered only: Esc closes the card and still reaches the page, not cancelled.
      pointerMove(marks()[0]!, 10, 10);
      await expect.poll(() => cardDialog()).not.toBeNull();
      const hovered = escape(document.body);
      await expect.poll(() => cardDialog()).toBeNull();
      expect(pageHeard).toEqual([hovered]);
      expect(hovered.defaultPrevented).toBe(false);
      pointerMove(document.body, 0, 0);

      // Pinned by a tap: the reader chose the card, so Esc is the card's.
      press(marks()[1]!, 'touch');
      await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Tartus');
      const pinned = escape(document.body);
      await expect.poll(() => cardDialog()).toBeNull();
      expect(pinned.defaultPrevented).toBe(true);

      // Focus inside the card (a hover card the reader tabbed or clicked into).
      pointerMove(marks()[0]!, 10, 10);
      await expect.poll(() => cardDialog()).not.toBeNull();
      buttonIn(cardDialog(), 'Close card').focus();
      const focused = escape(document.querySelector('gloss-card')!.shadowRoot!.activeElement!);
      await expect.poll(() => cardDialog()).toBeNull();
      expect(focused.defaultPrevented).toBe(true);
      expect(pageHeard).toEqual([hovered]);
    } finally {
      listening.abort();
    }
  });

  it('leaves Esc to an input method composing text: the card stays, the key is not cancelled', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    press(marks()[1]!, 'touch');
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Tartus');
    const composing = new KeyboardEvent('keydown', { key: 'Escape', isComposing: true, bubbles: true, composed: true, cancelable: true });
    document.body.dispatchEvent(composing);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cardDialog()?.getAttribute('aria-label')).toBe('Tartus');
    expect(composing.defaultPrevented).toBe(false);
    // The composition over, Esc is the pinned card's again.
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await expect.poll(() => cardDialog()).toBeNull();
  });

  it('opens no card while a button is held down (the reader is selecting text), and one once it is up', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    const bogdanov = marks()[0]!;
    bogdanov.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: 10, clientY: 10, pointerType: 'mouse', buttons: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cardDialog()).toBeNull();
    pointerMove(bogdanov, 10, 10);
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
  });

  it('says a card is pinned when a click or tap pinned it, not when the keyboard opened it', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    expect(page.openCardAtSelection()).toBe(true);
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    expect(cardDialog()!.textContent).not.toContain('pinned');
    // A tap on another term shows that one's card, pinned.
    press(marks()[1]!, 'touch');
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Tartus');
    expect(cardDialog()!.textContent).toContain('pinned');
  });

  it('opens the card on a tap (touch screens have no hover), pinned until a tap elsewhere', async () => {
    startPage();
    await expect.poll(() => marks().length).toBe(4);
    const [bogdanov, tartus] = marks();
    press(bogdanov!, 'touch');
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    // The finger lifting off leaves the document: a hovered card would close now, a tapped one stays.
    document.documentElement.dispatchEvent(new PointerEvent('pointerleave', { pointerType: 'touch' }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    // A tap on another term shows that one's card.
    press(tartus!, 'touch');
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Tartus');
    // A tap on the page outside closes it.
    press(document.getElementById('p')!, 'touch');
    await expect.poll(() => cardDialog()).toBeNull();
  });

  it('leaves taps that are the page’s alone: on links and controls, handled by the page, and mouse clicks', async () => {
    document.body.innerHTML =
      '<p><a href="#a" id="link">Tartus</a> and <button id="button">Bogdanov</button> <span id="handled">Latakia</span>, ' +
      '<span style="cursor: pointer">Moscow</span>, <span id="plain">Qatar</span></p>';
    startPage();
    // The button's text is not read at all; the link's is.
    await expect.poll(() => marks().map((mark) => mark.textContent)).toEqual(['Tartus', 'Latakia', 'Moscow', 'Qatar']);
    const [inLink, handled, clickable, plain] = marks();
    document.getElementById('handled')!.addEventListener('click', (event) => event.preventDefault());
    const opensNoCard = async (act: () => void) => {
      act();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(cardDialog()).toBeNull();
    };
    await opensNoCard(() => press(inLink!, 'touch'));
    await opensNoCard(() => press(handled!, 'touch'));
    // Made clickable by a script, as its pointer cursor tells.
    await opensNoCard(() => press(clickable!, 'touch'));
    // A mouse user opens cards by resting on a term; a click is for the page (selecting, following).
    await opensNoCard(() => press(plain!, 'mouse'));
    // A click from the keyboard after a tap: no press of its own, so no tap.
    await opensNoCard(() => {
      press(inLink!, 'touch');
      plain!.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 10, clientY: 10 }));
    });
    press(plain!, 'pen');
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Qatar');
  });

  it('opens the card on a later rest when its view could not be loaded before', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let attempts = 0;
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 50 }, false, async () => {
      // The first rest tries twice (when the pointer arrives, and when the card is to open).
      attempts++;
      if (attempts <= 2) throw new Error('the extension was reloaded');
      return cardViewModule;
    });
    await expect.poll(() => marks().length).toBe(4);
    const [bogdanov] = marks();
    pointerMove(bogdanov!, 10, 10);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cardDialog()).toBeNull();
    expect(warn).toHaveBeenCalledWith('Gloss: could not load the card', expect.any(Error));
    pointerMove(document.getElementById('p')!, 400, 10);
    pointerMove(bogdanov!, 10, 10);
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    expect(attempts).toBe(3);
    warn.mockRestore();
  });

  it('says it is still scanning while the mark.js engine is on its way, and then what it found', async () => {
    let arrive = () => {};
    const loadMarkEngine = () => new Promise<typeof markEngineModule>((resolve) => (arrive = () => resolve(markEngineModule)));
    const page = startPage(DEFAULT_SETTINGS, false, undefined, loadMarkEngine);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.pageState()).toMatchObject({ status: 'on', scanning: true, entities: [] });
    arrive();
    await expect.poll(() => page.pageState().scanning).toBe(false);
    expect(page.pageState().entities.map((entry) => entry.entityId)).toEqual(['mikhail-bogdanov', 'qatar', 'tartus']);
  });

  it('highlights nothing when switched off while the mark.js engine was still loading', async () => {
    let arrive = () => {};
    const loadMarkEngine = () => new Promise<typeof markEngineModule>((resolve) => (arrive = () => resolve(markEngineModule)));
    const page = startPage(DEFAULT_SETTINGS, false, undefined, loadMarkEngine);
    expect(page.pageState().status).toBe('on');
    page.updateSettings({ ...DEFAULT_SETTINGS, enabled: false });
    arrive();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(marks()).toHaveLength(0);
    expect(document.body.innerHTML).toBe(ARTICLE);
  });

  it('highlights nothing if the mark.js engine cannot be loaded, and tries again when switched on again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let attempts = 0;
    const page = startPage(DEFAULT_SETTINGS, false, undefined, async () => {
      attempts++;
      if (attempts === 1) throw new Error('the extension was reloaded');
      return markEngineModule;
    });
    await expect.poll(() => warn.mock.calls.some(([message]) => String(message).includes('mark.js engine'))).toBe(true);
    expect(marks()).toHaveLength(0);
    expect(page.pageState().scanning).toBe(false);
    page.updateSettings({ ...DEFAULT_SETTINGS, enabled: false });
    page.updateSettings(DEFAULT_SETTINGS);
    await expect.poll(() => marks().length).toBe(4);
    expect(attempts).toBe(2);
    warn.mockRestore();
  });

  it('highlights inside open shadow roots, including ones filled later', async () => {
    document.body.innerHTML = '<p>Intro</p><div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Tartus</p>';
    startPage();
    await expect.poll(() => shadow.querySelectorAll('mark.gloss-mark').length).toBe(1);
    const later = document.createElement('p');
    later.textContent = 'Then Lavrentiev arrived.';
    shadow.append(later);
    await expect.poll(() => later.querySelectorAll('mark.gloss-mark').length).toBe(1);
    ctx.abort();
    expect(shadow.querySelectorAll('mark.gloss-mark')).toHaveLength(0);
  });

  it('"Not this" in the card hides that spelling of the term on this site only; its other names stay marked', async () => {
    const page = startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    const bareSurname = marks()[2]!;
    expect(bareSurname.textContent).toBe('Bogdanov');
    pointerMove(bareSurname, 10, 10);
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    const notThis = buttonIn(cardDialog(), 'Not this');
    expect(notThis.title).toBe('Stop highlighting “Bogdanov” on this site');
    notThis.click();
    expect(hidden).toEqual([[location.host, 'mikhail-bogdanov:bogdanov', true]]);
    await expect.poll(() => cardDialog()).toBeNull();
    await expect.poll(() => hiddenNotice()?.textContent).toContain(`“Bogdanov” is no longer highlighted on ${location.host}.`);
    // The content script saves the choice; the settings change comes back through storage.
    page.updateSettings(withTermHidden(DEFAULT_SETTINGS, location.host, 'mikhail-bogdanov:bogdanov', true));
    await expect.poll(() => marks().map((mark) => mark.textContent)).toEqual(['Mikhail Bogdanov', 'Tartus', 'Qatar']);
    page.updateSettings(withTermHidden(DEFAULT_SETTINGS, 'elsewhere.example', 'mikhail-bogdanov:bogdanov', true));
    await expect.poll(() => marks()).toHaveLength(4);
    // A whole entity hidden by an earlier version stays hidden.
    page.updateSettings(withTermHidden(DEFAULT_SETTINGS, location.host, 'mikhail-bogdanov', true));
    await expect.poll(() => marks().map((mark) => mark.dataset.glossEntity)).toEqual(['tartus', 'qatar']);
  });

  it('speaks its own language on a page in another: the interface in the browser\'s, the pack\'s words in the pack\'s', async () => {
    document.documentElement.lang = 'ar';
    try {
      startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
      await expect.poll(() => marks().length).toBe(4);
      pointerMove(marks()[0]!, 10, 10);
      await expect.poll(() => cardDialog()).not.toBeNull();
      const card = cardDialog()!;
      // The English catalogue answers in tests, as the browser's own language would.
      expect(card.closest('[lang]')?.getAttribute('lang')).toBe('en');
      expect(card.closest('[dir]')?.getAttribute('dir')).toBe('ltr');
      for (const part of ['.name', '.summary', '.statement', '.quote', 'cite']) expect(card.querySelector(part)?.getAttribute('lang'), part).toBe(pack.language);
      expect(buttonIn(card, 'Read in the article').closest('[lang]')?.getAttribute('lang')).toBe('en');
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('offers "Not this" for the marked term only, not for a related term chosen in its card', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    pointerMove(marks()[1]!, 10, 10);
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Tartus');
    expect(buttonIn(cardDialog(), 'Not this')).toBeTruthy();
    const related = [...cardDialog()!.querySelectorAll<HTMLButtonElement>('.related button')][0]!;
    const relatedName = related.textContent;
    related.click();
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe(relatedName);
    expect([...cardDialog()!.querySelectorAll('button')].map((button) => button.textContent)).not.toContain('Not this');
  });

  it('offers Undo after "Not this": the entity is shown on the site again, the notice says so and goes', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    pointerMove(marks()[0]!, 10, 10);
    await expect.poll(() => cardDialog()).not.toBeNull();
    buttonIn(cardDialog(), 'Not this').click();
    await expect.poll(() => hiddenNotice()).not.toBeNull();
    expect(hiddenNotice()?.getAttribute('role')).toBe('status');
    buttonIn(hiddenNotice(), 'Undo').click();
    expect(hidden).toEqual([
      [location.host, 'mikhail-bogdanov:mikhail bogdanov', true],
      [location.host, 'mikhail-bogdanov:mikhail bogdanov', false],
    ]);
    await expect.poll(() => hiddenNotice()?.textContent).toContain('“Mikhail Bogdanov” is highlighted again.');
    expect(hiddenNotice()?.getAttribute('role')).toBe('status');
    expect([...hiddenNotice()!.querySelectorAll('button')].map((button) => button.textContent)).not.toContain('Undo');
    // It goes by itself, and its going writes nothing more.
    await expect.poll(() => hiddenNotice(), { timeout: UNDONE_NOTICE_MS + 2_000 }).toBeNull();
    expect(hidden).toHaveLength(2);
  });

  it('lets the notice after "Not this" be dismissed, by its button or Esc, without undoing', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    for (const close of ['button', 'Escape'] as const) {
      pointerMove(marks().at(-1)!, 10, 10);
      await expect.poll(() => cardDialog()).not.toBeNull();
      buttonIn(cardDialog(), 'Not this').click();
      await expect.poll(() => hiddenNotice()).not.toBeNull();
      if (close === 'button') buttonIn(hiddenNotice(), 'Dismiss').click();
      else buttonIn(hiddenNotice(), 'Undo').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await expect.poll(() => hiddenNotice()).toBeNull();
      pointerMove(document.body, 0, 0);
    }
    expect(hidden.map(([, , isHidden]) => isHidden)).toEqual([true, true]);
  });

  it('moves focus to Undo when "Not this" was chosen from the keyboard, inside the card', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    window.focus();
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    await notThisFromKeyboard(page);
    expect(hiddenNotice()).not.toBeNull();
  });

  it('gives focus back to where the reader was when the notice after "Not this" closes by Undo, Dismiss or Esc', async () => {
    const { page, before } = await startWithButtonBefore();
    for (const close of ['Undo', 'Dismiss', 'Escape'] as const) {
      before.focus();
      const shadow = await notThisFromKeyboard(page);
      if (close === 'Escape') shadow.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      else buttonIn(hiddenNotice(), close).click();
      // After Undo the notice stays a moment to say so; Dismiss and Esc take it away.
      if (close === 'Undo') await expect.poll(() => hiddenNotice()?.textContent).toContain('highlighted again');
      else await expect.poll(() => hiddenNotice()).toBeNull();
      expect(document.activeElement, close).toBe(before);
      // Shown again for the next round: the content script's write comes back through storage.
      page.updateSettings(DEFAULT_SETTINGS);
      await expect.poll(() => marks().length).toBe(4);
    }
  });

  it('gives focus to the term\'s text after Undo when the card was opened from a caret, though its <mark> is gone meanwhile', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const paragraphOfTerm = marks()[0]!.parentElement!;
    document.getSelection()!.collapse(paragraphOfTerm, 0);
    await notThisFromKeyboard(page);
    // The content script's write comes back through storage: the spelling's <mark> is taken out.
    page.updateSettings(withTermHidden(DEFAULT_SETTINGS, location.host, hidden[0]![1], true));
    await expect.poll(() => marks().length).toBe(3);
    buttonIn(hiddenNotice(), 'Undo').click();
    await expect.poll(() => hiddenNotice()?.textContent).toContain('highlighted again');
    expect(document.activeElement).toBe(paragraphOfTerm);
  });

  it('lends no tabindex after a pointer\'s "Not this" and Undo: a pointer leaves focus where it pressed', async () => {
    startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    await expect.poll(() => marks().length).toBe(4);
    pointerMove(marks()[0]!, 10, 10);
    await expect.poll(() => cardDialog()).not.toBeNull();
    buttonIn(cardDialog(), 'Not this').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
    await expect.poll(() => hiddenNotice()).not.toBeNull();
    const undo = buttonIn(hiddenNotice(), 'Undo');
    // A pointer's click focuses the button first, as Chrome does.
    undo.focus();
    undo.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
    await expect.poll(() => hiddenNotice()?.textContent).toContain('highlighted again');
    expect(document.querySelector('[tabindex]')).toBeNull();
  });

  it('leaves focus alone when "Not this" was clicked with a pointer, so the notice goes by itself', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    expect(page.openCardAtSelection()).toBe(true);
    await expect.poll(() => cardDialog()).not.toBeNull();
    const notThis = buttonIn(cardDialog(), 'Not this');
    // A pointer's click focuses the button first (as Chrome does), and counts one press (detail 1).
    notThis.focus();
    notThis.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 1 }));
    await expect.poll(() => hiddenNotice()).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.querySelector('gloss-card')!.shadowRoot!.activeElement?.textContent).not.toBe('Undo');
  });

  it('goes from card to card with the keyboard command pressed again inside the card, and Esc returns focus to where it was', async () => {
    const { page, before } = await startWithButtonBefore();
    before.focus();
    const cards: (string | null | undefined)[] = [];
    for (let press = 0; press < 5; press++) {
      expect(page.openCardAtSelection()).toBe(true);
      await expect.poll(() => document.querySelector('gloss-card')!.shadowRoot!.activeElement).not.toBeNull();
      cards.push(cardDialog()?.getAttribute('aria-label'));
    }
    // Bogdanov twice (full name, then surname): each mention in document order, then from the first again.
    expect(cards).toEqual(['Mikhail Bogdanov', 'Tartus', 'Mikhail Bogdanov', 'Qatar', 'Mikhail Bogdanov']);
    document.querySelector('gloss-card')!.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await expect.poll(() => cardDialog()).toBeNull();
    expect(document.activeElement).toBe(before);
  });

  it('closes a keyboard-opened card on Tab past its last control or Shift+Tab before its first, and returns focus to where the reader was', async () => {
    const { page, before } = await startWithButtonBefore();
    const shadow = () => document.querySelector('gloss-card')!.shadowRoot!;
    const tab = (shiftKey = false) => {
      const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, composed: true, cancelable: true });
      shadow().activeElement!.dispatchEvent(event);
      return event;
    };
    const controls = () => [...cardDialog()!.querySelectorAll<HTMLButtonElement>('button')];
    const openFromKeyboard = async () => {
      before.focus();
      expect(page.openCardAtSelection()).toBe(true);
      await expect.poll(() => cardDialog() !== null && document.querySelector('gloss-card')?.shadowRoot?.activeElement === cardDialog()).toBe(true);
    };

    await openFromKeyboard();
    // Between the card's controls, Tab is the browser's.
    controls()[0]!.focus();
    expect(tab().defaultPrevented).toBe(false);
    controls().at(-2)!.focus();
    expect(tab().defaultPrevented).toBe(false);
    expect(cardDialog()).not.toBeNull();
    // Past the last one: the card closes and focus is back on the button the reader was on.
    controls().at(-1)!.focus();
    expect(tab().defaultPrevented).toBe(true);
    await expect.poll(() => cardDialog()).toBeNull();
    expect(document.activeElement).toBe(before);

    // Shift+Tab from the card itself (where focus lands when it opens) or from its first control.
    for (const from of ['card', 'first control'] as const) {
      await openFromKeyboard();
      if (from === 'first control') controls()[0]!.focus();
      expect(tab(true).defaultPrevented).toBe(true);
      await expect.poll(() => cardDialog()).toBeNull();
      expect(document.activeElement).toBe(before);
    }
  });

  it.each([
    ['the page’s body', () => ARTICLE],
    // A skip link's target: focus there would send the next Tab to the region's top.
    ['a region around it that only has tabindex="-1"', () => `<main id="main" tabindex="-1">${ARTICLE}</main>`],
  ])('returns focus to the term, not to %s, when nothing had focus before the card opened', async (_, html) => {
    document.body.innerHTML = html();
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    expect(document.activeElement).toBe(document.body);
    expect(page.openCardAtSelection()).toBe(true);
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    const last = [...cardDialog()!.querySelectorAll('button')].at(-1)!;
    last.focus();
    last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, composed: true, cancelable: true }));
    await expect.poll(() => cardDialog()).toBeNull();
    const term = marks()[0]!;
    expect(document.activeElement).toBe(term);
    // The term's element takes focus only while it has it: the page's markup is left as it was.
    term.blur();
    expect(term.hasAttribute('tabindex')).toBe(false);
  });

  it('offers no "Not this" on a page without a site to keep it for (a file)', async () => {
    const page = startPage({ ...DEFAULT_SETTINGS, hoverDelayMs: 0 });
    Object.defineProperty(page, 'site', { get: () => '' });
    await expect.poll(() => marks().length).toBe(4);
    pointerMove(marks()[0]!, 10, 10);
    await expect.poll(() => cardDialog()?.getAttribute('aria-label')).toBe('Mikhail Bogdanov');
    expect([...cardDialog()!.querySelectorAll('button')].map((button) => button.textContent)).not.toContain('Not this');
  });

  it('leaves the keyboard command to a frame that has the focus: opens no card in the page around it', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    const frame = document.createElement('iframe');
    document.body.append(frame);
    frame.focus();
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    expect(document.activeElement).toBe(frame);
    expect(page.openCardAtSelection()).toBe(false);
    frame.blur();
    expect(page.openCardAtSelection()).toBe(true);
  });

  it('holds an ambiguous term back until the page shows it is about the story', async () => {
    document.body.innerHTML = '<main id="feed"><p>Turkey with gravy, serves four.</p></main>';
    const page = startPage();
    await expect.poll(() => page.pageState().scanning).toBe(false);
    expect(marks()).toHaveLength(0);
    const later = document.createElement('p');
    later.textContent = 'Meanwhile in Syria, talks went on.';
    document.getElementById('feed')!.append(later);
    await expect.poll(() => marks().map((mark) => mark.dataset.glossEntity)).toEqual(['turkey', 'syria']);
  });

  it('switches to a new set of packs without a reload', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    page.setLibrary(createPageLibrary(null, []));
    expect(marks()).toHaveLength(0);
    page.setLibrary(createPageLibrary(indexOfPack(pack)));
    await expect.poll(() => marks().length).toBe(4);
  });

  it('adds no listeners per pointer move or page change (no growth over a long session)', async () => {
    startPage();
    await expect.poll(() => marks().length).toBe(4);
    const [bogdanov] = marks();
    // The first term pointed at loads the card's view once (its one-time setup is not what is measured).
    pointerMove(bogdanov!, 10, 10);
    await expect.poll(() => document.querySelector('gloss-card')).not.toBeNull();
    const added = vi.spyOn(ctx.signal, 'addEventListener');
    for (let move = 0; move < 50; move++) pointerMove(bogdanov!, 10 + (move % 2) * 20, 10);
    // Leave before the hover delay: no card.
    pointerMove(document.body, 500, 500);
    for (let change = 0; change < 10; change++) {
      const paragraph = document.createElement('p');
      paragraph.textContent = `Update ${change} from Latakia.`;
      document.body.append(paragraph);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await expect.poll(() => marks().length).toBe(14);
    expect(added).not.toHaveBeenCalled();
  });

  it('reveals the next occurrence of an entity, cycling', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    expect(page.revealEntity('mikhail-bogdanov')).toBe(true);
    expect(page.revealEntity('mikhail-bogdanov')).toBe(true);
    expect(page.revealEntity('mikhail-bogdanov')).toBe(true);
    const [first, second] = marks().filter((mark) => mark.dataset.glossEntity === 'mikhail-bogdanov');
    expect(scrolled).toEqual([first, second, first]);
    expect(page.revealEntity('nato')).toBe(false);
  });

  it('reveals only occurrences the page shows, and says when it shows none (all in a closed menu)', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    const [first, second] = marks().filter((mark) => mark.dataset.glossEntity === 'mikhail-bogdanov');
    Object.assign(first!, { checkVisibility: () => false });
    expect(page.revealEntity('mikhail-bogdanov')).toBe(true);
    expect(page.revealEntity('mikhail-bogdanov')).toBe(true);
    expect(scrolled).toEqual([second, second]);
    Object.assign(second!, { checkVisibility: () => false });
    expect(page.revealEntity('mikhail-bogdanov')).toBe(false);
  });

  it('waits for a reveal\'s scroll to end without adding a listener per frame, and leaves none behind', async () => {
    const page = startPage();
    await expect.poll(() => marks().length).toBe(4);
    Element.prototype.scrollIntoView = () => {};
    // The first reveal's flash sets up the card controller: let it settle, so only the wait is measured.
    expect(page.revealEntity('mikhail-bogdanov')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const added = vi.spyOn(ctx.signal, 'addEventListener');
    const removed = vi.spyOn(ctx.signal, 'removeEventListener');
    let frames = 0;
    const countFrame = () => {
      frames++;
      if (ctx.isValid) requestAnimationFrame(countFrame);
    };
    requestAnimationFrame(countFrame);
    expect(page.revealEntity('mikhail-bogdanov')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Frames ran: the wait checked the term's place several times meanwhile.
    expect(frames).toBeGreaterThan(3);
    // The wait registered its one cancel (a wait that did not wait would add none) and took it back once done.
    expect(added.mock.calls.map(([type]) => type)).toEqual(['abort']);
    expect(removed.mock.calls.map(([type]) => type)).toEqual(['abort']);
  });
});
