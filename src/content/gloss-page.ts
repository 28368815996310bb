/**
 * Gloss on one page: decides whether highlighting is on (everywhere, this site, this tab), runs the
 * scanner and engine, keeps the toolbar badge current, and answers the popup. Settings apply live.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { aliasKey } from '@/src/core/matcher';
import { PageContext } from '@/src/core/page-context';
import type { PageLibrary } from '@/src/core/pack/library';
import type { Category } from '@/src/core/pack/schema';
import { DEFAULT_COLORS, entitiesShownOn, hiddenSpellingsOn, hiddenTermsOn, isSiteEnabled, siteKey, type Settings } from '@/src/core/settings-base';
import type { EntityCount, PageState, PageStatus } from '@/src/messaging/protocol';
import { libraryMatcher } from '@/src/pack/library-matcher';
import { CardController } from './card-controller';
import type { CardViewModule } from './card-view';
import type { HighlightEngine, Mention } from './engine';
import { HighlightApiEngine, supportsHighlightApi } from './engines/highlight-engine';
import type { MarkEngineModule } from './engines/mark-engine';
import { PageScanner } from './page-scanner';
import { ContextTimers } from './timers';
import highlightsCss from './highlights.css?inline';

function categoriesOf(library: PageLibrary): Map<string, Category> {
  return new Map(library.entities.map((entity) => [entity.id, entity.category]));
}

function createSheet(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}

/** `document.prerendering` (Chromium; TypeScript's DOM types lack it): true while the page is prerendered, unseen. */
type PrerenderingDocument = Document & { readonly prerendering?: boolean };

/** The toolbar badge need not follow every batch of a long scan. */
export const REPORT_THROTTLE_MS = 400;
/** A revealed term is flashed once it has kept its place this many frames (the scroll has ended)... */
const STILL_FRAMES = 3;
/** ...and not before this: a smooth scroll may start a frame or two after it was asked for. */
const SCROLL_START_GRACE_MS = 100;
/** However long the page's scroll takes, the flash comes by then. */
const REVEAL_SETTLE_MAX_MS = 2_000;
/** What the toolbar button shows for a page the browser has just loaded: no badge. */
const NOTHING_SHOWN = { status: 'on', found: 0 } as const satisfies { status: PageStatus; found: number };

export interface GlossPageOptions {
  library: PageLibrary;
  settings: Settings;
  /** In a frame, the site of the page it is in (see site-around.ts): switched off there, the frame is off too. */
  siteAround?: string;
  /**
   * Whether the reader switched Gloss off in this tab. While the answer is on its way, mentions
   * are already looked for but nothing is highlighted.
   */
  tabDisabled: boolean | Promise<boolean>;
  /** Asks again, for a page back from the browser's cache: a switch in the meantime never reached it. */
  askTabDisabled: () => Promise<boolean>;
  /**
   * Tells the background the page's state, for the toolbar badge. Absent in frames: the badge
   * speaks for the page itself, so a frame's report would only wake the background for nothing.
   */
  reportState?: (state: PageState) => void;
  openReader: (factId: string) => void;
  /** The reader said a highlighted term is "not this" here (hidden: stop marking that spelling of the entity on this site), or took it back. */
  setTermHiddenOnSite: (site: string, term: string, hidden: boolean) => void;
  /** The card's drawing half, loaded the first time a card or flash is shown (see lazy-scripts.ts). */
  loadCardView: () => Promise<CardViewModule>;
  /** The mark.js engine, loaded when the reader chose it or the browser lacks the Highlight API. */
  loadMarkEngine: () => Promise<MarkEngineModule>;
}

/** The mention after `current` in document order; after the last (or a mention gone), the first. */
function mentionAfter(engine: HighlightEngine, current: Mention): Mention | null {
  const all = engine.mentions();
  const at = current.range();
  const index = all.findIndex((mention) => {
    const range = mention.range();
    return range.startContainer === at.startContainer && range.startOffset === at.startOffset;
  });
  return all[(index + 1) % all.length] ?? null;
}

function isFrameElement(element: Element | null): boolean {
  return element instanceof HTMLIFrameElement || element instanceof HTMLFrameElement || element instanceof HTMLObjectElement || element instanceof HTMLEmbedElement;
}

/** Settings that change what is highlighted, as opposed to how it looks. */
function scanKey(settings: Settings, site: string): string {
  return JSON.stringify([settings.categories, settings.firstMentionOnly, settings.highlightEngine, hiddenTermsOn(settings, site)]);
}


export class GlossPage {
  readonly #ctx: ContentScriptContext;
  readonly #options: GlossPageOptions;
  #library: PageLibrary;
  #categoryOf: Map<string, Category>;
  /** Made once something is highlighted: until then the page gets no pointer or key listeners. */
  #card: CardController | null = null;
  #settings: Settings;
  /** The forced-colours media query, once asked (see #inForcedColors). */
  #forcedColors: MediaQueryList | null = null;
  #tabDisabled: boolean;
  /** Settles once the tab's answer (if it was still coming) has been applied. */
  #tabAnswered: Promise<void> | null = null;
  /** Questions asked whether the tab is switched off: only the answer to the latest counts (an earlier one may come late). */
  #tabQuestions = 0;
  #engine: HighlightEngine | null = null;
  #scanner: PageScanner | null = null;
  #scanAbort: AbortController | null = null;
  #reportTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * What the toolbar button shows for this page as last reported: its status and the number of
   * entities found (see src/ui/badge.ts). The browser clears a tab's badge when the tab loads a new
   * document, which is what "on, nothing found" shows, so a page that mentions nothing from the
   * story sends the background nothing and never wakes it.
   */
  #reported: { status: PageStatus; found: number } = NOTHING_SHOWN;
  /** Whether any scan has highlighted something on this page (until then it has found no entity). */
  #highlightedOnce = false;
  readonly #timers: ContextTimers;
  #revealIndex = new Map<string, number>();
  #colorSheet: CSSStyleSheet | null = null;
  #highlightSheet: CSSStyleSheet | null = null;
  readonly #styledShadowRoots = new Set<ShadowRoot>();

  constructor(ctx: ContentScriptContext, options: GlossPageOptions) {
    this.#ctx = ctx;
    this.#timers = new ContextTimers(ctx);
    this.#options = options;
    this.#settings = options.settings;
    if (typeof options.tabDisabled === 'boolean') {
      this.#tabDisabled = options.tabDisabled;
    } else {
      this.#tabDisabled = false;
      const question = ++this.#tabQuestions;
      this.#tabAnswered = options.tabDisabled.then((disabled) => {
        this.#tabAnswered = null;
        if (disabled && ctx.isValid && question === this.#tabQuestions) this.setTabEnabled(false);
      });
    }
    this.#library = options.library;
    this.#categoryOf = categoriesOf(options.library);
    ctx.onInvalidated(() => this.#stop());
    ctx.addEventListener(window, 'pageshow', (event) => {
      if (event.persisted) this.#shownInTab();
    });
    // A page prerendered for a link the reader may follow is highlighted ahead, so it shows ready;
    // its badge waits until it is shown.
    if ((document as PrerenderingDocument).prerendering) ctx.addEventListener(document, 'prerenderingchange', () => this.#shownInTab());
  }

  /**
   * Shown in the tab after a time out of it, where no message reached it: back (or forward) from the
   * browser's cache, or prerendered and now followed.
   */
  #shownInTab(): void {
    // The tab may have been switched off or on meanwhile: that comes only as a message.
    const question = ++this.#tabQuestions;
    void this.#options.askTabDisabled().then((disabled) => {
      if (this.#ctx.isValid && question === this.#tabQuestions && disabled !== this.#tabDisabled) this.setTabEnabled(!disabled);
    });
    // The browser cleared the tab's badge when it showed this page (or when this page was left).
    this.#reported = NOTHING_SHOWN;
    this.#report();
  }

  get site(): string {
    return siteKey(location.host);
  }

  get status(): PageStatus {
    if (!this.#settings.enabled) return 'off-everywhere';
    const { siteAround } = this.#options;
    if (!isSiteEnabled(this.#settings, this.site) || (siteAround !== undefined && !isSiteEnabled(this.#settings, siteAround))) return 'off-site';
    if (this.#tabDisabled) return 'off-tab';
    return 'on';
  }

  start(): void {
    this.#applyColors();
    if (this.status === 'on') this.#startHighlighting();
    this.#report();
  }

  updateSettings(next: Settings): void {
    const previous = this.#settings;
    this.#settings = next;
    this.#applyColors();
    const wasOn = this.#scanAbort !== null;
    const isOn = this.status === 'on';
    if (wasOn && (!isOn || scanKey(previous, this.site) !== scanKey(next, this.site))) this.#stop();
    if (isOn && this.#scanAbort === null) this.#startHighlighting();
    else if (isOn && previous.highlightStyle !== next.highlightStyle) this.#engine?.setStyle(next.highlightStyle);
    this.#report();
  }

  /** Packs were imported, removed, switched on or off: highlight from the new set. */
  setLibrary(library: PageLibrary): void {
    this.#stop();
    this.#library = library;
    this.#categoryOf = categoriesOf(library);
    if (this.status === 'on') this.#startHighlighting();
    this.#report();
  }

  setTabEnabled(enabled: boolean): PageState {
    // Said now, it outdates any answer still on its way about the tab (a switch off, then on, during start).
    this.#tabQuestions++;
    this.#tabDisabled = !enabled;
    this.updateSettings(this.#settings);
    return this.pageState();
  }

  pageState(): PageState {
    return {
      site: this.site,
      status: this.status,
      entities: this.#entityCounts(),
      // Also while the mark.js engine is on its way: the scan has not begun, but it will.
      scanning: this.#scanAbort !== null && (this.#scanner?.scanning ?? true),
    };
  }

  /**
   * Scrolls to the entity's next occurrence (cycling) that the page shows, and emphasises it
   * briefly. False when the page shows none: they are all in closed menus, collapsed sections…
   */
  revealEntity(entityId: string): boolean {
    const mentions = this.#engine?.mentions(entityId) ?? [];
    const after = (this.#revealIndex.get(entityId) ?? -1) + 1;
    let mention: Mention | undefined;
    for (let step = 0; step < mentions.length && !mention; step++) {
      const index = (after + step) % mentions.length;
      // Text the page does not render (display: none, a closed <details>) has no box to scroll to.
      if (mentions[index]!.anchorElement().checkVisibility?.() === false) continue;
      mention = mentions[index];
      this.#revealIndex.set(entityId, index);
    }
    if (!mention) return false;
    const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    scrollToMention(mention, 'center', reduceMotion ? 'auto' : 'smooth');
    // Emphasise once the scroll has come to rest: the flash is drawn where the term is then.
    void this.#whenStill(() => mention.range().getBoundingClientRect()).then(() => {
      if (this.#ctx.isValid && this.#engine) void this.#cardController().flash(mention);
    });
    return true;
  }

  /**
   * Resolves once `box` has kept its place for a few frames: a smooth scroll (whose length and
   * start the page decides) has ended, or there was none to make. At most after `REVEAL_SETTLE_MAX_MS`.
   */
  #whenStill(box: () => DOMRect): Promise<void> {
    return new Promise((resolve) => {
      const started = performance.now();
      let last = box();
      let stillFrames = 0;
      // One cancel on invalidation for the whole wait: ctx.requestAnimationFrame adds one per frame.
      let frame = requestAnimationFrame(() => check());
      const stopWaiting = this.#ctx.onInvalidated(() => cancelAnimationFrame(frame));
      const check = () => {
        const now = box();
        stillFrames = now.top === last.top && now.left === last.left ? stillFrames + 1 : 0;
        last = now;
        const elapsed = performance.now() - started;
        // A smooth scroll may begin a frame or two late: stillness counts only after that.
        if ((stillFrames >= STILL_FRAMES && elapsed >= SCROLL_START_GRACE_MS) || elapsed >= REVEAL_SETTLE_MAX_MS) {
          stopWaiting();
          resolve();
        } else {
          frame = requestAnimationFrame(check);
        }
      };
    });
  }

  /**
   * Opens the card for the highlighted term at (or after) the selection or focus; keyboard access.
   * Again from inside a card: the next term's card (after the last, the first), so every term can
   * be reached without a pointer.
   */
  openCardAtSelection(): boolean {
    const engine = this.#engine;
    // The command reaches every frame of the tab: the one the reader is in answers. A document
    // whose focus is in one of its frames has focus too, but the frame answers.
    if (!engine || !document.hasFocus() || isFrameElement(document.activeElement)) return false;
    const selection = document.getSelection();
    const inCard = this.#card?.focusedMention;
    let mention: Mention | null = null;
    if (inCard) {
      mention = mentionAfter(engine, inCard);
    } else if (selection && selection.rangeCount > 0 && selection.anchorNode) {
      mention = engine.mentionNear(selection.anchorNode, selection.anchorOffset);
    } else if (document.activeElement && document.activeElement !== document.body) {
      mention = engine.mentionNear(document.activeElement, 0);
    }
    mention ??= engine.mentions()[0] ?? null;
    if (!mention) return false;
    scrollToMention(mention, 'nearest', 'auto');
    void this.#cardController().open(mention, { focus: true, pinned: true });
    return true;
  }

  /** Highlighting is on from here until `#stop`, also while the mark.js engine is on its way. */
  #startHighlighting(): void {
    const root = document.body ?? document.documentElement;
    const scanAbort = new AbortController();
    this.#scanAbort = scanAbort;
    if (root === document.body) this.#followBodySwap(root, scanAbort.signal);
    if (this.#settings.highlightEngine !== 'mark' && supportsHighlightApi() && !this.#inForcedColors()) {
      this.#scan(new HighlightApiEngine(root.ownerDocument), root, scanAbort.signal);
      return;
    }
    this.#options.loadMarkEngine().then(
      (module) => {
        if (!scanAbort.signal.aborted && this.#ctx.isValid) this.#scan(module.createEngine(root), root, scanAbort.signal);
      },
      (error: unknown) => {
        console.warn('Gloss: could not load the mark.js engine; nothing is highlighted', error);
        // Not scanning any more; the next change of settings (or switching on again) tries again.
        if (this.#scanAbort === scanAbort) this.#scanAbort = null;
        this.#report();
      },
    );
  }

  /**
   * Whether the reader's system forces its colours (Windows High Contrast). The automatic engine
   * then wraps terms in `<mark>`s: Chromium paints every custom highlight in the selection's colours
   * there, whatever Gloss's styles say, so each term would look selected. Switching forced colours
   * on or off starts highlighting again with the engine that fits.
   */
  #inForcedColors(): boolean {
    if (!this.#forcedColors) {
      const query = matchMedia('(forced-colors: active)');
      this.#forcedColors = query;
      this.#ctx.addEventListener(query, 'change', () => {
        if (this.#settings.highlightEngine === 'mark' || this.#scanAbort === null) return;
        // A browser without the Highlight API wraps terms either way.
        if (this.#engine instanceof HighlightApiEngine === (supportsHighlightApi() && !query.matches)) return;
        this.#highlightAfresh();
      });
    }
    return this.#forcedColors.matches;
  }

  /** Drops what is highlighted and, if Gloss is on here, highlights the page from scratch. */
  #highlightAfresh(): void {
    this.#stop();
    if (this.status === 'on') this.#startHighlighting();
    this.#report();
  }

  /**
   * Sites that swap the whole `<body>` when they navigate (Turbo, PJAX) leave the scanner watching
   * a detached one: highlight the new body from scratch.
   */
  #followBodySwap(body: HTMLElement, signal: AbortSignal): void {
    const observer = new MutationObserver(() => {
      if (signal.aborted || document.body === body) return;
      this.#highlightAfresh();
    });
    observer.observe(document.documentElement, { childList: true });
    signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  }

  #scan(engine: HighlightEngine, root: Element, signal: AbortSignal): void {
    engine.setStyle(this.#settings.highlightStyle);
    const shown = entitiesShownOn(this.#library.entities, this.#settings, this.site);
    const shownIds = new Set(shown.map((entity) => entity.id));
    const hiddenSpellings = hiddenSpellingsOn(this.#settings, this.site);
    // Anchors the reader does not want marked (their category off, "Not this") still tell the page
    // context what the page is about: a page on Syria with places off still gets "oil and gas".
    const anchorsHidden = [...new Set([...this.#library.anchors, ...this.#library.storyAnchors])].filter((id) => !shownIds.has(id)).map((id) => ({ id }));
    this.#engine = engine;
    this.#scanner = new PageScanner(
      engine,
      root,
      {
        matcher: libraryMatcher(this.#library, [...shown, ...anchorsHidden]),
        isShown: (match) => shownIds.has(match.entityId) && !hiddenSpellings.get(match.entityId)?.has(aliasKey(match.alias)),
        shownMatcher: anchorsHidden.length > 0 ? libraryMatcher(this.#library, shown) : undefined,
        categoryOf: (id) => this.#categoryOf.get(id) ?? 'topics',
        firstMentionOnly: this.#settings.firstMentionOnly,
        pageContext: new PageContext(this.#library),
        onProgress: (highlighted) => {
          if (highlighted) {
            this.#highlightedOnce = true;
            this.#cardController();
          }
          this.#report();
        },
        onShadowRoot: (shadowRoot) => this.#styleShadowRoot(shadowRoot),
        ready: this.#tabAnswered ?? undefined,
      },
      signal,
    );
    void this.#scanner.start();
  }

  #cardController(): CardController {
    this.#card ??= new CardController(this.#ctx, () => this.#engine, {
      library: () => this.#library,
      hoverDelayMs: () => this.#settings.hoverDelayMs,
      openReader: this.#options.openReader,
      setTermHidden: (term, hidden) => this.#options.setTermHiddenOnSite(this.site, term, hidden),
      site: () => this.site,
      loadView: this.#options.loadCardView,
    });
    return this.#card;
  }

  #stop(): void {
    this.#scanAbort?.abort();
    this.#scanAbort = null;
    this.#scanner = null;
    this.#card?.close();
    this.#engine?.clear();
    this.#engine = null;
    this.#unstyleShadowRoots();
    this.#revealIndex.clear();
  }

  #entityCounts(): EntityCount[] {
    const counts = this.#engine?.mentionCounts() ?? new Map<string, number>();
    return [...counts.entries()]
      .map(([entityId, count]) => ({ entityId, count }))
      .sort((a, b) => b.count - a.count || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
  }

  #report(): void {
    const { reportState } = this.#options;
    if (!reportState || this.#reportTimer !== null) return;
    // Found nothing ever, with the status last reported: the report would change nothing, so no timer wakes the page for it.
    if (!this.#highlightedOnce && this.#reported.found === 0 && this.status === this.#reported.status) return;
    this.#reportTimer = this.#timers.set(() => {
      this.#reportTimer = null;
      if (!this.#ctx.isValid) return;
      // What the badge shows; every entity's count (a pass over every mention) only when that changed.
      const shown = { status: this.status, found: this.#engine?.mentionedEntities().size ?? 0 };
      if (shown.status === this.#reported.status && shown.found === this.#reported.found) return;
      this.#reported = shown;
      reportState(this.pageState());
    }, REPORT_THROTTLE_MS);
  }

  /**
   * Page styles, the manifest's included, stop at shadow boundaries: highlights inside a web
   * component need the stylesheet adopted there. Removed again when Gloss stops.
   */
  #styleShadowRoot(shadowRoot: ShadowRoot): void {
    // Without constructable stylesheets, highlights in the root stay unstyled; scanning goes on.
    if (!('adoptedStyleSheets' in shadowRoot)) return;
    this.#highlightSheet ??= createSheet(highlightsCss);
    const sheet = this.#highlightSheet;
    if (shadowRoot.adoptedStyleSheets.includes(sheet)) return;
    shadowRoot.adoptedStyleSheets = [...shadowRoot.adoptedStyleSheets, sheet];
    this.#styledShadowRoots.add(shadowRoot);
  }

  #unstyleShadowRoots(): void {
    const sheet = this.#highlightSheet;
    for (const shadowRoot of this.#styledShadowRoots) {
      shadowRoot.adoptedStyleSheets = shadowRoot.adoptedStyleSheets.filter((other) => other !== sheet);
    }
    this.#styledShadowRoots.clear();
  }

  /** User-chosen colours only: the defaults are in the manifest CSS and cost no restyle. */
  #applyColors(): void {
    const custom = (Object.keys(DEFAULT_COLORS) as Category[]).filter(
      (category) => this.#settings.colors[category].toLowerCase() !== DEFAULT_COLORS[category].toLowerCase(),
    );
    const rule = custom.map((category) => `--gloss-${category}: ${this.#settings.colors[category]};`).join(' ');
    if (!rule && !this.#colorSheet) return;
    if (!this.#colorSheet) {
      this.#colorSheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, this.#colorSheet];
      const sheet = this.#colorSheet;
      this.#ctx.onInvalidated(() => {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((other) => other !== sheet);
      });
    }
    this.#colorSheet.replaceSync(rule ? `:root { ${rule} }` : '');
  }
}

/**
 * Scrolls a mention into view: its element, unless that is taller than the window (a forum post of
 * lines split by <br>, a long table cell), where the element's edge in view could leave the term out
 * of it: then the window scrolls to the term itself.
 */
function scrollToMention(mention: Mention, block: 'center' | 'nearest', behavior: ScrollBehavior): void {
  const anchor = mention.anchorElement();
  if (anchor.getBoundingClientRect().height <= innerHeight) {
    anchor.scrollIntoView({ block, inline: 'nearest', behavior });
    return;
  }
  const term = mention.range().getBoundingClientRect();
  if (block === 'nearest' && term.top >= 0 && term.bottom <= innerHeight) return;
  scrollBy({ top: term.top + term.height / 2 - innerHeight / 2, behavior });
}
