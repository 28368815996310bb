/**
 * Highlights with the CSS Custom Highlight API: ranges registered in `CSS.highlights` and painted
 * by `::highlight()` rules from the manifest stylesheet. The page's DOM is never touched, so
 * framework-owned text, editors and anything that compares its own DOM keep working.
 */
import type { Category } from '@/src/core/pack/schema';
import { CATEGORIES } from '@/src/core/pack/categories';
import type { HighlightStyle } from '@/src/core/settings-base';
import type { HighlightEngine, Mention, TextNodeMatch } from '../engine';
import { compareComposedPoints, compareRangeStarts } from '../tree-order';

/**
 * A mention over a live range. A class rather than an object literal with two closures: a page can
 * have tens of thousands of mentions, each made while the page is being read.
 */
class RangeMention implements Mention {
  readonly entityId: string;
  readonly category: Category;
  readonly node: Text;
  readonly live: Range;
  /** The text found, to tell whether the page has changed it since. */
  readonly text: string;

  constructor(match: TextNodeMatch, live: Range) {
    this.entityId = match.entityId;
    this.category = match.category;
    this.node = match.node;
    this.live = live;
    this.text = match.node.data.slice(match.start, match.end);
  }

  range(): Range {
    return this.live;
  }

  anchorElement(): Element {
    return this.node.parentElement ?? this.node.ownerDocument.documentElement;
  }
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
  readonly #highlights = new Map<Category, Highlight>();
  /** The mention whose card is open, painted over its category highlight. */
  readonly #active = new Highlight();
  /** Mentions by text node: hit-testing looks up only the node under the pointer. */
  #byNode = new Map<Text, RangeMention[]>();
  /** Mentions staged and not shown yet, by text node (see `stage`). */
  readonly #staged = new Map<Text, RangeMention[]>();
  /** Elements that directly contain highlighted text: a cheap first test for pointer events. */
  #parents = new WeakMap<Element, number>();
  #style: HighlightStyle = 'underline';

  constructor(document: Document) {
    this.#document = document;
    for (const category of CATEGORIES) this.#highlights.set(category, new Highlight());
    this.#active.priority = 1;
    this.#register();
  }

  stage(matches: readonly TextNodeMatch[]): void {
    const node = matches[0]?.node;
    if (!node?.isConnected) return;
    this.#staged.set(
      node,
      matches.map((match) => {
        const live = this.#document.createRange();
        live.setStart(node, match.start);
        live.setEnd(node, match.end);
        return new RangeMention(match, live);
      }),
    );
  }

  commit(): void {
    for (const [node, list] of this.#staged) {
      if (!node.isConnected) continue;
      // A node scanned again (moved by the page, or rescanned) replaces its old mentions.
      this.#unshow(node);
      this.#byNode.set(node, list);
      const parent = node.parentElement;
      if (parent) this.#parents.set(parent, (this.#parents.get(parent) ?? 0) + 1);
      for (const mention of list) this.#highlights.get(mention.category)?.add(mention.live);
    }
    this.#staged.clear();
  }

  clear(): void {
    for (const category of CATEGORIES) this.#document.defaultView?.CSS.highlights.delete(highlightName(this.#style, category));
    this.#document.defaultView?.CSS.highlights.delete(ACTIVE_HIGHLIGHT);
    this.#active.clear();
    for (const highlight of this.#highlights.values()) highlight.clear();
    this.#staged.clear();
    this.#byNode = new Map();
    this.#parents = new WeakMap();
  }

  forget(nodes: Iterable<Text>): void {
    for (const node of nodes) {
      this.#staged.delete(node);
      this.#unshow(node);
    }
  }

  /** Takes the shown mentions of `node` off the page. */
  #unshow(node: Text): void {
    const list = this.#byNode.get(node);
    if (!list) return;
    for (const mention of list) this.#highlights.get(mention.category)?.delete(mention.live);
    this.#byNode.delete(node);
    const parent = node.parentElement;
    if (parent) this.#parents.set(parent, Math.max(0, (this.#parents.get(parent) ?? 1) - 1));
  }

  prune(): void {
    this.forget([...this.#byNode.keys(), ...this.#staged.keys()].filter((node) => !node.isConnected));
  }

  mentionAt(event: MouseEvent): Mention | null {
    // The innermost target: at document level, events from open shadow roots point at the host.
    const target = event.composedPath()[0] ?? event.target;
    // Most pointer moves are over elements with no highlighted text of their own.
    if (!(target instanceof Element) || !this.#parents.get(target)) return null;
    const root = target.getRootNode();
    const caret = caretAt(this.#document, event.clientX, event.clientY, root instanceof ShadowRoot ? root : null);
    if (!caret || caret.offsetNode.nodeType !== Node.TEXT_NODE) return null;
    const list = this.#byNode.get(caret.offsetNode as Text);
    if (!list) return null;
    for (const mention of list) {
      if (this.#isFresh(mention) && containsPoint(mention.live, event.clientX, event.clientY)) return mention;
    }
    return null;
  }

  mentionNear(node: Node, offset: number): Mention | null {
    const clamped = Math.min(offset, node.nodeType === Node.TEXT_NODE ? (node as Text).length : node.childNodes.length);
    // The first mention that contains the position or comes after it, in any tree.
    return (
      this.#sortedFresh().find((mention) => compareComposedPoints(node, clamped, mention.live.endContainer, mention.live.endOffset) < 0) ??
      null
    );
  }

  mentions(entityId?: string): Mention[] {
    return this.#sortedFresh().filter((mention) => !entityId || mention.entityId === entityId);
  }

  mentionCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const list of this.#byNode.values()) {
      for (const mention of list) if (this.#isFresh(mention)) counts.set(mention.entityId, (counts.get(mention.entityId) ?? 0) + 1);
    }
    return counts;
  }

  owns(): boolean {
    return false;
  }

  setActive(mention: Mention | null): void {
    this.#active.clear();
    if (mention) this.#active.add(mention.range());
  }

  setStyle(style: HighlightStyle): void {
    if (style === this.#style) return;
    for (const category of CATEGORIES) this.#document.defaultView?.CSS.highlights.delete(highlightName(this.#style, category));
    this.#style = style;
    this.#register();
  }

  #register(): void {
    const registry = this.#document.defaultView?.CSS.highlights;
    if (!registry) return;
    for (const [category, highlight] of this.#highlights) registry.set(highlightName(this.#style, category), highlight);
    registry.set(ACTIVE_HIGHLIGHT, this.#active);
  }

  /** A live range whose text the page changed no longer marks what was found. */
  #isFresh(mention: RangeMention): boolean {
    return mention.node.isConnected && !mention.live.collapsed && mention.live.toString() === mention.text;
  }

  #sortedFresh(): RangeMention[] {
    const fresh: RangeMention[] = [];
    for (const list of this.#byNode.values()) for (const mention of list) if (this.#isFresh(mention)) fresh.push(mention);
    return fresh.sort((a, b) => compareRangeStarts(a.live, b.live));
  }
}
