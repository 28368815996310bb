/**
 * Highlights with the CSS Custom Highlight API: ranges registered in `CSS.highlights` and painted
 * by `::highlight()` rules from the manifest stylesheet. The page's DOM is never touched, so
 * framework-owned text, editors and anything that compares its own DOM keep working.
 */
import type { Category } from '@/src/core/pack/schema';
import { CATEGORIES } from '@/src/core/pack/categories';
import type { HighlightStyle } from '@/src/core/settings-base';
import { stillStands, type HighlightEngine, type Mention, type TextNodeMatch } from '../engine';
import { compareComposedPoints } from '../tree-order';
import { NearViewport, REGISTER_ALL_BELOW, REGISTER_ALL_UP_TO, supportsNearViewport } from './near-viewport';

/**
 * A mention at offsets in a text node. A class rather than an object literal with two closures: a
 * page can have tens of thousands of mentions, each made while the page is being read.
 */
class RangeMention implements Mention {
  readonly entityId: string;
  readonly category: Category;
  readonly node: Text;
  readonly start: number;
  readonly end: number;
  /** The text found, to tell whether the page has changed it since. */
  readonly text: string;
  /**
   * What is registered with the browser. Static, not live: the browser updates every live range of a
   * document on each change to its DOM, which with 30,000 of them made the page's own DOM work 500
   * times slower (2,000 insertions and removals: 2.8 s instead of 5 ms). Text the page changes is
   * unregistered by the scanner's mutation observer before the next paint, and scanned again.
   */
  readonly registered: StaticRange;

  constructor(match: TextNodeMatch) {
    this.entityId = match.entityId;
    this.category = match.category;
    this.node = match.node;
    this.start = match.start;
    this.end = match.end;
    this.text = match.text;
    this.registered = new StaticRange({ startContainer: match.node, startOffset: match.start, endContainer: match.node, endOffset: match.end });
  }

  /** Whether `text`, its node's text now, still has the mention's text where it was found. */
  standsIn(text: string): boolean {
    return text.startsWith(this.text, this.start);
  }

  /** A new live range over the mention (clamped to the text the node has now). */
  range(): Range {
    const range = this.node.ownerDocument.createRange();
    const length = this.node.length;
    range.setStart(this.node, Math.min(this.start, length));
    range.setEnd(this.node, Math.min(this.end, length));
    return range;
  }

  anchorElement(): Element {
    return anchorOf(this.node);
  }
}

/** The element a text node's mentions go with: its parent, or the host of the shadow root it is directly in. */
function anchorOf(node: Text): Element {
  const parent = node.parentNode;
  return node.parentElement ?? (parent instanceof ShadowRoot ? parent.host : node.ownerDocument.documentElement);
}

/** `gloss-<style>-<category>`: each name has its own `::highlight()` rule in highlights.css. */
export function highlightName(style: HighlightStyle, category: Category): string {
  return `gloss-${style}-${category}`;
}

const ACTIVE_HIGHLIGHT = 'gloss-active';

export function supportsHighlightApi(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

type CaretPosition = { offsetNode: Node; offset: number };

type CaretPositionFromPoint = (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => CaretPosition | null;

function caretAt(document: Document, x: number, y: number, shadowRoot: ShadowRoot | null): CaretPosition | null {
  const withPosition = document as Document & { caretPositionFromPoint?: CaretPositionFromPoint };
  if (withPosition.caretPositionFromPoint) {
    return withPosition.caretPositionFromPoint(x, y, shadowRoot ? { shadowRoots: [shadowRoot] } : undefined);
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { offsetNode: range.startContainer, offset: range.startOffset } : null;
}

function containsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}

export class HighlightApiEngine implements HighlightEngine {
  readonly name = 'css-highlight';
  readonly #document: Document;
  /**
   * Made and registered with the first mention shown (`#register`): a page that mentions nothing
   * from the story pays for no highlight, and the browser never hears of Gloss there.
   */
  readonly #highlights = new Map<Category, Highlight>();
  /** The mention whose card is open, painted over its category highlight. */
  #active: Highlight | null = null;
  /** Mentions by text node: hit-testing looks up only the node under the pointer. */
  #byNode = new Map<Text, RangeMention[]>();
  /** Mentions staged and not shown yet, by text node (see `stage`). */
  readonly #staged = new Map<Text, RangeMention[]>();
  /**
   * Text nodes with shown mentions by the element that holds them (`anchorOf`, as it was when shown):
   * a cheap first test for pointer events, and what comes near the viewport or goes far.
   */
  #nodesByAnchor = new Map<Element, Set<Text>>();
  #anchorOf = new Map<Text, Element>();
  #shownCount = 0;
  /** Set on a page with very many mentions: then only those near the viewport are registered. */
  #nearViewport: NearViewport | null = null;
  /**
   * Elements still in the page whose mentions went (their text changed, to be scanned again): still
   * watched, so mentions found there again are registered at once if near. Unwatched once removed.
   */
  #watchedWithoutMentions = new Set<Element>();
  #style: HighlightStyle = 'underline';

  constructor(document: Document) {
    this.#document = document;
  }

  stage(matches: readonly TextNodeMatch[]): void {
    const node = matches[0]?.node;
    if (!node?.isConnected) return;
    this.#staged.set(node, matches.filter(stillStands).map((match) => new RangeMention(match)));
  }

  commit(): void {
    this.#registerAgainIfDropped();
    let staged = 0;
    for (const list of this.#staged.values()) staged += list.length;
    // Before adding: registering them all first would cost the very repaint this avoids.
    if (!this.#nearViewport && this.#shownCount + staged > REGISTER_ALL_UP_TO) this.#registerOnlyNear();
    for (const [node, list] of this.#staged) {
      if (!node.isConnected) continue;
      // A node scanned again (moved by the page, or rescanned) replaces its old mentions.
      this.#unshow(node);
      this.#byNode.set(node, list);
      this.#shownCount += list.length;
      const anchor = anchorOf(node);
      this.#anchorOf.set(node, anchor);
      const nodes = this.#nodesByAnchor.get(anchor);
      if (nodes) nodes.add(node);
      else this.#nodesByAnchor.set(anchor, new Set([node]));
      this.#watchedWithoutMentions.delete(anchor);
      this.#nearViewport?.observe(anchor);
      if (!this.#nearViewport || this.#nearViewport.isNear(anchor)) this.#addRanges(list);
    }
    this.#staged.clear();
  }

  /** From now on, only mentions near the viewport are registered; those shown so far stay until reported far. */
  #registerOnlyNear(): void {
    if (!supportsNearViewport()) return;
    this.#nearViewport = new NearViewport(this.#document, this.#nodesByAnchor.keys(), (anchor, near) => this.#registerIn(anchor, near));
  }

  /** Stops registering only the mentions near the viewport. */
  #stopNearViewport(): void {
    this.#nearViewport?.disconnect();
    this.#nearViewport = null;
    this.#watchedWithoutMentions.clear();
  }

  /** Registers every mention again, when a page with very many has few left. */
  #registerAll(): void {
    this.#stopNearViewport();
    for (const list of this.#byNode.values()) this.#addRanges(list);
  }

  /** Registers, or unregisters, the shown mentions in `anchor`. */
  #registerIn(anchor: Element, registered: boolean): void {
    for (const node of this.#nodesByAnchor.get(anchor) ?? []) {
      const list = this.#byNode.get(node);
      if (!list) continue;
      if (registered) this.#addRanges(list);
      else this.#deleteRanges(list);
    }
  }

  #addRanges(list: readonly RangeMention[]): void {
    if (list.length > 0 && !this.#active) this.#register();
    for (const mention of list) this.#highlights.get(mention.category)?.add(mention.registered);
  }

  #deleteRanges(list: readonly RangeMention[]): void {
    for (const mention of list) this.#highlights.get(mention.category)?.delete(mention.registered);
  }

  clear(): void {
    if (this.#active) {
      this.#unregister();
      const registry = this.#document.defaultView?.CSS.highlights;
      if (registry?.get(ACTIVE_HIGHLIGHT) === this.#active) registry.delete(ACTIVE_HIGHLIGHT);
      this.#active = null;
    }
    this.#highlights.clear();
    this.#staged.clear();
    this.#byNode = new Map();
    this.#nodesByAnchor = new Map();
    this.#anchorOf = new Map();
    this.#shownCount = 0;
    this.#stopNearViewport();
  }

  forget(nodes: Iterable<Text>): void {
    for (const node of nodes) {
      this.#staged.delete(node);
      this.#unshow(node);
    }
    if (this.#nearViewport && this.#shownCount < REGISTER_ALL_BELOW) this.#registerAll();
  }

  releaseWithin(element: Element): void {
    this.forget([...this.#byNode.keys(), ...this.#staged.keys()].filter((node) => element.contains(node)));
  }

  /** Takes the shown mentions of `node` off the page. */
  #unshow(node: Text): void {
    const list = this.#byNode.get(node);
    if (!list) return;
    this.#deleteRanges(list);
    this.#byNode.delete(node);
    this.#shownCount -= list.length;
    const anchor = this.#anchorOf.get(node);
    this.#anchorOf.delete(node);
    const nodes = anchor && this.#nodesByAnchor.get(anchor);
    if (!anchor || !nodes) return;
    nodes.delete(node);
    if (nodes.size > 0) return;
    this.#nodesByAnchor.delete(anchor);
    if (!this.#nearViewport) return;
    if (anchor.isConnected) this.#watchedWithoutMentions.add(anchor);
    else this.#nearViewport.unobserve(anchor);
  }

  prune(): void {
    this.forget([...this.#byNode.keys(), ...this.#staged.keys()].filter((node) => !node.isConnected));
    for (const anchor of this.#watchedWithoutMentions) {
      if (anchor.isConnected) continue;
      this.#watchedWithoutMentions.delete(anchor);
      this.#nearViewport?.unobserve(anchor);
    }
  }

  mentionAt(event: MouseEvent): Mention | null {
    // The innermost target: at document level, events from open shadow roots point at the host.
    const target = event.composedPath()[0] ?? event.target;
    // Most pointer moves are over elements with no highlighted text of their own.
    if (!(target instanceof Element) || !this.#nodesByAnchor.has(target)) return null;
    const root = target.getRootNode();
    const caret = caretAt(this.#document, event.clientX, event.clientY, root instanceof ShadowRoot ? root : null);
    if (!caret || caret.offsetNode.nodeType !== Node.TEXT_NODE) return null;
    const list = this.#byNode.get(caret.offsetNode as Text);
    if (!list) return null;
    for (const mention of list) {
      if (this.#isFresh(mention) && containsPoint(mention.range(), event.clientX, event.clientY)) return mention;
    }
    return null;
  }

  mentionNear(node: Node, offset: number): Mention | null {
    const clamped = Math.min(offset, node.nodeType === Node.TEXT_NODE ? (node as Text).length : node.childNodes.length);
    // The first mention that contains the position or comes after it, in any tree.
    return (
      this.#sortedFresh().find((mention) => compareComposedPoints(node, clamped, mention.node, mention.end) < 0) ??
      null
    );
  }

  mentions(entityId?: string): Mention[] {
    return this.#sortedFresh().filter((mention) => !entityId || mention.entityId === entityId);
  }

  mentionCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mention of this.#freshMentions()) counts.set(mention.entityId, (counts.get(mention.entityId) ?? 0) + 1);
    return counts;
  }

  mentionedEntities(): Set<string> {
    const mentioned = new Set<string>();
    for (const [node, list] of this.#byNode) {
      if (list.every((mention) => mentioned.has(mention.entityId)) || !node.isConnected) continue;
      const text = node.data;
      for (const mention of list) if (!mentioned.has(mention.entityId) && mention.standsIn(text)) mentioned.add(mention.entityId);
    }
    return mentioned;
  }

  owns(): boolean {
    return false;
  }

  setActive(mention: Mention | null): void {
    this.#registerAgainIfDropped();
    this.#active?.clear();
    if (mention) this.#active?.add(mention.range());
  }

  setStyle(style: HighlightStyle): void {
    if (style === this.#style) return;
    if (!this.#active) {
      this.#style = style;
      return;
    }
    this.#unregister();
    this.#style = style;
    this.#registerCategories();
  }

  #register(): void {
    const active = new Highlight();
    active.priority = 1;
    this.#active = active;
    for (const category of CATEGORIES) this.#highlights.set(category, new Highlight());
    this.#registerCategories();
    this.#document.defaultView?.CSS.highlights.set(ACTIVE_HIGHLIGHT, active);
  }

  #registerCategories(): void {
    const registry = this.#document.defaultView?.CSS.highlights;
    if (!registry) return;
    for (const [category, highlight] of this.#highlights) registry.set(highlightName(this.#style, category), highlight);
  }

  /**
   * `CSS.highlights` is the page's too: a page that clears it (for its own search highlighting) or
   * sets its own under Gloss's names drops Gloss's, which come back with the next change Gloss shows.
   */
  #registerAgainIfDropped(): void {
    const registry = this.#document.defaultView?.CSS.highlights;
    if (!registry || !this.#active) return;
    if (registry.get(ACTIVE_HIGHLIGHT) !== this.#active) registry.set(ACTIVE_HIGHLIGHT, this.#active);
    const dropped = [...this.#highlights].some(([category, highlight]) => registry.get(highlightName(this.#style, category)) !== highlight);
    if (dropped) this.#registerCategories();
  }

  /** Only Gloss's own highlights: the names may meanwhile be the page's, or a newer Gloss's after an update. */
  #unregister(): void {
    const registry = this.#document.defaultView?.CSS.highlights;
    if (!registry) return;
    for (const [category, highlight] of this.#highlights) {
      const name = highlightName(this.#style, category);
      if (registry.get(name) === highlight) registry.delete(name);
    }
  }

  /** Whether the page has left the mention's text as it was found (a changed or removed one no longer marks it). */
  #isFresh(mention: RangeMention): boolean {
    return mention.node.isConnected && mention.standsIn(mention.node.data);
  }

  /**
   * Every fresh mention (see `#isFresh`), each node's text read once: the page's state counts them
   * all, 30,000 on a dense live blog.
   */
  #freshMentions(): RangeMention[] {
    const fresh: RangeMention[] = [];
    for (const [node, list] of this.#byNode) {
      if (!node.isConnected) continue;
      const text = node.data;
      for (const mention of list) if (mention.standsIn(text)) fresh.push(mention);
    }
    return fresh;
  }

  #sortedFresh(): RangeMention[] {
    return this.#freshMentions().sort((a, b) => compareComposedPoints(a.node, a.start, b.node, b.start));
  }
}
