/**
 * Finds mentions in a page and hands them to the highlight engine, in short chunks that yield to
 * the page, and keeps up with text the page adds later (infinite scroll, single-page apps) by
 * scanning only what changed.
 */
import { matchesInWindow, textWindows, type TextMatch, type TextMatcher } from '@/src/core/matcher';
import type { PageContext } from '@/src/core/page-context';
import type { Category } from '@/src/core/pack/schema';
import type { HighlightEngine, TextNodeMatch } from './engine';
import { isInsideExcluded, TextNodeWalker, type TextWalk } from './text-nodes';
import { MUTATION_BATCH_MS, NODE_WORK, OBSERVED, outermostConnected, shadowRootWatch, Slicer, WINDOW_SIZE } from './slices';
import { TEXT_FROM_VIEWPORT, viewportStart, ViewportFirstWalk } from './viewport';

export interface ScannerOptions {
  /** Finds the entities marked, and the anchors the page context needs even where they are not marked. */
  matcher: TextMatcher;
  /** Whether a mention is marked (its entity's category is on, "Not this" hid neither the entity nor that spelling); the rest only give context. */
  isShown: (match: TextMatch) => boolean;
  /**
   * Finds the shown entities alone, for a text where `matcher` found a hidden one: its longer
   * alias may cover a shown one's ("fall of Assad" hidden, "Assad" shown). Not needed when
   * `matcher` finds only shown entities.
   */
  shownMatcher?: TextMatcher;
  categoryOf: (entityId: string) => Category;
  firstMentionOnly: boolean;
  /** Called after each batch of highlights (`highlighted`), and when a full scan finished. */
  onProgress: (highlighted: boolean) => void;
  /** Page-level decisions (ambiguous aliases, other bearers of a name), shared by every scan. */
  pageContext: PageContext;
  /** Called once for each open shadow root found, so highlights can be styled inside it. */
  onShadowRoot?: (shadowRoot: ShadowRoot) => void;
  /**
   * Highlighting waits for this (the background's word on whether this tab is switched off, which
   * can take a while if it was asleep); finding mentions does not.
   */
  ready?: Promise<unknown>;
}

/** Work counted for staging one mention's highlight (a live range and its record: about as long as reading 100 characters). */
const STAGE_WORK = 100;

/**
 * Past the text read first (what is in view, see viewport.ts), mentions found are marked at most
 * this often instead of at every slice: each change to the highlights repaints the whole page,
 * 40–70 ms on the 88,000-element ES2015 spec, and the rest of the page is out of view anyway.
 */
const LATER_MARKING_INTERVAL_MS = 500;

export class PageScanner {
  readonly #engine: HighlightEngine;
  readonly #root: Element;
  readonly #options: ScannerOptions;
  readonly #signal: AbortSignal;
  #observer: MutationObserver | null = null;
  #pendingRoots = new Set<Node>();
  #batchTimer: ReturnType<typeof setTimeout> | null = null;
  #queue: Promise<void> = Promise.resolve();
  #scanning = false;
  /**
   * The page has changed what is editable since Gloss started: mentions read before the change are
   * checked again as they are shown (text made editable meanwhile is left alone).
   */
  #editableChanged = false;
  /** Some mention was held back for lack of page context; new context means looking again. */
  #heldBack = false;
  /**
   * First mentions only: the entities marked when Gloss last marked something (the page may
   * already have removed a mark by the time its change is heard), and those whose mark the page
   * changed or removed since the last scan. Null in the other mode.
   */
  #marked: Set<string> | null;
  #unmarked = new Set<string>();
  readonly #watchShadowRoot = shadowRootWatch(() => this.#observer);
  readonly #onShadowRoot = (shadowRoot: ShadowRoot) => {
    if (this.#watchShadowRoot(shadowRoot)) this.#options.onShadowRoot?.(shadowRoot);
  };

  constructor(engine: HighlightEngine, root: Element, options: ScannerOptions, signal: AbortSignal) {
    this.#engine = engine;
    this.#root = root;
    this.#options = options;
    this.#signal = signal;
    this.#marked = options.firstMentionOnly ? new Set() : null;
    signal.addEventListener('abort', () => this.#stopObserving(), { once: true });
  }

  get scanning(): boolean {
    return this.#scanning;
  }

  /** Scans the whole root once, then follows changes. Resolves when the first full scan is done. */
  start(): Promise<void> {
    this.#scanning = true;
    this.#observe();
    return this.#enqueue(async () => {
      // Gloss's setup ran in this task: reading the page starts in a task of its own, so neither is long.
      // Stopped meanwhile (switched off, settings changed): read nothing into the cleared engine.
      if (!(await new Slicer(this.#signal).yield())) return;
      await this.#scan([this.#root], true);
      this.#scanning = false;
      this.#options.onProgress(false);
    });
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#queue = this.#queue.then(() => (this.#signal.aborted ? undefined : task())).catch((error: unknown) => {
      if (!this.#signal.aborted) console.error('Gloss: scanning failed', error);
    });
    return this.#queue;
  }

  /**
   * Two passes over the roots, both in slices that yield: first find every mention, marking at
   * once those the rest of the page cannot change (most of them, so the top of a long page is
   * marked within the first slice), then mark those that needed the whole page in view.
   */
  async #scan(roots: Iterable<Node>, fromViewport = false): Promise<void> {
    const { matcher, shownMatcher, isShown, categoryOf, firstMentionOnly, pageContext, ready } = this.#options;
    // Every mention found is heard by the page context; those of shown entities are returned.
    const shownIn = (node: Text, matches: TextMatch[], findWith: (shownOnly: TextMatcher) => TextMatch[]): TextMatch[] => {
      let shown: TextMatch[] = [];
      let hiddenFound = false;
      for (const match of matches) {
        pageContext.observe(match, node);
        if (isShown(match)) shown.push(match);
        else hiddenFound = true;
      }
      if (hiddenFound && shownMatcher) {
        shown = [];
        for (const match of findWith(shownMatcher)) {
          pageContext.observe(match, node);
          // A spelling hidden with "Not this" is found again: its entity is shown.
          if (isShown(match)) shown.push(match);
        }
      }
      return shown;
    };
    const slice = new Slicer(this.#signal);
    const toHighlight = (node: Text, text: string, match: TextMatch): TextNodeMatch => ({
      node,
      text: text.slice(match.start, match.end),
      start: match.start,
      end: match.end,
      entityId: match.entityId,
      category: categoryOf(match.entityId),
    });
    // Waiting for the pass to end, with all their matches.
    const undecided: { node: Text; text: string; matches: TextMatch[] }[] = [];
    // Decided now: marked when the slice ends, once highlighting may start (see `ready`).
    let decided: TextNodeMatch[] = [];
    // The node just read stays out of `decided` until the walk has moved on: the mark.js engine
    // splits the nodes it marks, which must not happen under the walker's feet.
    let lastDecided: TextNodeMatch[] = [];
    let mayHighlight = ready === undefined;
    void ready?.then(() => (mayHighlight = true));
    let textRead = 0;
    // The first mentions found are marked at once, and so is all of the text read first (in view).
    let lastMarked = -Infinity;
    const pause = async (): Promise<boolean> => {
      const markNow = textRead <= TEXT_FROM_VIEWPORT || performance.now() - lastMarked >= LATER_MARKING_INTERVAL_MS;
      if (mayHighlight && decided.length > 0 && markNow) {
        const batch = decided;
        decided = [];
        if (!(await this.#show(batch))) return false;
        lastMarked = performance.now();
      }
      return slice.yield();
    };

    for (const root of roots) {
      if (!root.isConnected) continue;
      // The walk itself is spread over slices too: a page can have 100,000 elements.
      const walker = fromViewport ? this.#firstWalkOf(root) : new TextNodeWalker(root, this.#onShadowRoot);
      for (let node = walker.next(); node; node = walker.next()) {
        const text = node.data;
        textRead += text.length;
        let nodeMatches: TextMatch[];
        if (text.length <= WINDOW_SIZE) {
          // Most text nodes are short: one call, no generator.
          const found = matcher.findAll(text, true);
          nodeMatches = found.length === 0 ? found : shownIn(node, found, (shownOnly) => shownOnly.findAll(text, true));
        } else {
          // Huge text nodes are matched window by window, yielding in between like any other work.
          nodeMatches = [];
          for (const window of textWindows(text, WINDOW_SIZE)) {
            nodeMatches.push(...shownIn(node, matchesInWindow(matcher, window, true), (shownOnly) => matchesInWindow(shownOnly, window, true)));
            if (slice.spend(WINDOW_SIZE) && !(await pause())) return;
          }
        }
        if (nodeMatches.length > 0) {
          // First mentions only: which one is first is known once the whole page has been read.
          if (!firstMentionOnly && nodeMatches.every((match) => pageContext.decides(match))) {
            decided.push(...lastDecided);
            lastDecided = nodeMatches.filter((match) => pageContext.accepts(match)).map((match) => toHighlight(node, text, match));
          } else {
            undecided.push({ node, text, matches: nodeMatches });
          }
        }
        if (slice.spend(text.length + NODE_WORK) && !(await pause())) return;
      }
    }
    decided.push(...lastDecided);

    if (ready && !(await slice.wait(ready))) return;
    let batch: TextNodeMatch[] = decided;
    // First mentions only: an entity already marked elsewhere is skipped. Read from what is marked
    // now, not remembered: a first mention the page re-rendered is gone, and its entity is marked again.
    const firstMentionIn = firstMentionOnly ? this.#firstMentionNodes() : null;
    const claimed = new Set<string>();
    for (const { node, text, matches } of undecided) {
      for (const match of matches) {
        if (!pageContext.accepts(match)) {
          if (!match.ruledOut) this.#heldBack = true;
          continue;
        }
        if (firstMentionIn) {
          if (claimed.has(match.entityId)) continue;
          // Marked in this very node: staging the node again replaces its marks, so it is kept.
          const markedIn = firstMentionIn.get(match.entityId);
          if (markedIn && markedIn !== node) continue;
          claimed.add(match.entityId);
        }
        batch.push(toHighlight(node, text, match));
      }
      // A node's matches are highlighted together (the mark.js engine splits the node).
      if (slice.spend(NODE_WORK * matches.length)) {
        if (!(await this.#show(batch))) return;
        batch = [];
        if (!(await slice.yield())) return;
      }
    }
    await this.#show(batch);
  }

  /** The text node of each entity's marked mention (first-mention-only mode has a few, one per entity). */
  #firstMentionNodes(): Map<string, Node> {
    const nodes = new Map<string, Node>();
    for (const mention of this.#engine.mentions()) {
      if (!nodes.has(mention.entityId)) nodes.set(mention.entityId, mention.range().startContainer);
    }
    return nodes;
  }

  /**
   * The first scan reads the page from where the reader is looking when it is scrolled down, except
   * in first-mention-only mode, where "first" means first in document order. Later scans follow
   * page changes and keep document order: they need not read the layout the change just dirtied.
   */
  #firstWalkOf(root: Node): TextWalk {
    const start = root === this.#root && !this.#options.firstMentionOnly ? viewportStart(this.#root) : null;
    return start ? new ViewportFirstWalk(this.#root, start, this.#onShadowRoot) : new TextNodeWalker(root, this.#onShadowRoot);
  }

  /**
   * Highlights `batch`: staged node by node, then shown together (each change to the highlights
   * repaints the page). Staging has a slice budget of its own: the few mentions of most batches are
   * staged and shown right after the slice that found them; the thousands of a dense page, slice by
   * slice, as showing them all at once was a long task of its own (30–35 ms on a live blog of 30,000
   * mentions). False once aborted.
   */
  async #show(batch: readonly TextNodeMatch[]): Promise<boolean> {
    if (batch.length === 0) return true;
    const slice = new Slicer(this.#signal);
    let nodeStart = 0;
    for (let index = 1; index <= batch.length; index++) {
      if (index < batch.length && batch[index]!.node === batch[nodeStart]!.node) continue;
      const node = batch[nodeStart]!.node;
      if (!this.#editableChanged || !node.parentElement || !isInsideExcluded(node.parentElement)) this.#engine.stage(batch.slice(nodeStart, index));
      const staged = index - nodeStart;
      nodeStart = index;
      if (index < batch.length && slice.spend(STAGE_WORK * staged)) {
        this.#commit();
        if (!(await slice.yield())) return false;
      }
    }
    this.#commit();
    this.#options.onProgress(true);
    return true;
  }

  #commit(): void {
    this.#engine.commit();
    if (this.#marked) this.#marked = this.#engine.mentionedEntities();
    // Our own wrappers are not page changes.
    this.#observer?.takeRecords();
  }

  #observe(): void {
    if (typeof MutationObserver === 'undefined') return;
    this.#observer = new MutationObserver((records) => this.#onMutations(records));
    this.#observer.observe(this.#root, OBSERVED);
  }

  #onMutations(records: MutationRecord[]): void {
    const changedText: Text[] = [];
    let removed = false;
    for (const record of records) {
      if (record.type === 'attributes') {
        // contenteditable changed: editable text is never marked; text no longer editable is read again.
        const element = record.target as Element;
        this.#editableChanged = true;
        if (isInsideExcluded(element)) {
          this.#engine.releaseWithin(element);
          removed = true;
        } else {
          this.#pendingRoots.add(element);
        }
        continue;
      }
      if (record.type === 'characterData') {
        changedText.push(record.target as Text);
        this.#pendingRoots.add(record.target);
        continue;
      }
      if (record.removedNodes.length > 0) removed = true;
      for (const node of record.addedNodes) {
        if (this.#engine.owns(node)) continue;
        // A text node the page moved: whatever was made from it stayed behind and is stale.
        if (node.nodeType === Node.TEXT_NODE) changedText.push(node as Text);
        this.#pendingRoots.add(node);
      }
    }
    // Highlights over text that changed or left the page are stale: drop them now, rescan later.
    // So is what that text told the page context: a single-page app's previous article no longer
    // makes its next one look like the story.
    const { pageContext } = this.#options;
    if (changedText.length > 0) {
      this.#engine.forget(changedText);
      for (const text of changedText) pageContext.forget(text);
    }
    if (removed) {
      this.#engine.prune();
      pageContext.forgetWhere((text) => !(text as Node).isConnected);
    }
    const textWent = changedText.length > 0 || removed;
    // What is marked may be less now (the badge and the popup count it), whether or not new text follows.
    if (textWent) this.#options.onProgress(false);
    if (this.#marked && textWent) {
      const markedNow = this.#engine.mentionedEntities();
      for (const entityId of this.#marked) if (!markedNow.has(entityId)) this.#unmarked.add(entityId);
      this.#marked = markedNow;
    }
    if ((this.#pendingRoots.size > 0 || this.#unmarked.size > 0) && this.#batchTimer === null) {
      this.#batchTimer = setTimeout(() => this.#scanPending(), MUTATION_BATCH_MS);
    }
  }

  #scanPending(): void {
    this.#batchTimer = null;
    const pending = this.#pendingRoots;
    this.#pendingRoots = new Set();
    const outermost = outermostConnected(pending);
    const unmarked = this.#unmarked;
    this.#unmarked = new Set();
    if (outermost.length === 0 && unmarked.size === 0) return;
    void this.#enqueue(async () => {
      const before = this.#options.pageContext.version;
      if (outermost.length > 0) await this.#scan(outermost);
      // The new text gave context that mentions held back earlier were waiting for.
      const contextCame = this.#heldBack && this.#options.pageContext.version !== before;
      // First mentions only: an entity whose marked mention went, and that the changed text did not
      // mark again, may be named further on; only the whole page says where it is first named now.
      const firstMentionWent = unmarked.size > 0 && !isSubsetOf(unmarked, this.#engine.mentionedEntities());
      if (contextCame || firstMentionWent) {
        this.#heldBack = false;
        await this.#scan([this.#root]);
      }
    });
  }

  #stopObserving(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.#batchTimer !== null) clearTimeout(this.#batchTimer);
    this.#batchTimer = null;
    this.#pendingRoots.clear();
    this.#unmarked.clear();
  }
}

function isSubsetOf<T>(subset: ReadonlySet<T>, set: ReadonlySet<T>): boolean {
  for (const item of subset) if (!set.has(item)) return false;
  return true;
}
