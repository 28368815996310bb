/**
 * The one interface every highlighting engine implements. Scanning, hover detection, counting and
 * "reveal" go through it, so they work the same whatever draws the highlights.
 */
import type { Category } from '@/src/core/pack/schema';
import type { HighlightStyle } from '@/src/core/settings-base';

/** A mention found in a text node, with offsets into that node's data. */
export interface TextNodeMatch {
  node: Text;
  start: number;
  end: number;
  entityId: string;
  category: Category;
  /** The text found there, as it was read: the page may change the node before it is highlighted. */
  text: string;
}

/** Whether the page's text still has `match` where it was found (it may have changed since the scan read it). */
export function stillStands(match: TextNodeMatch): boolean {
  return match.node.data.startsWith(match.text, match.start);
}

/** A highlighted mention on the page. */
export interface Mention {
  entityId: string;
  /** A live range over the mention's text, for measuring and scrolling (a new one each call: keep it briefly). */
  range(): Range;
  /** The element that follows the mention when the page scrolls (its wrapper, or its parent). */
  anchorElement(): Element;
}

export interface HighlightEngine {
  readonly name: string;
  /**
   * Gets the mentions of one text node ready to be highlighted without showing them yet: the costly
   * part of highlighting, which the scanner spreads over several slices on a page with thousands of
   * mentions. `matches` are all in one node, in order; staged again, a node's new matches replace
   * what was staged for it. Matches whose text the page has changed since it was read are left out
   * (the scanner reads the node again).
   */
  stage(matches: readonly TextNodeMatch[]): void;
  /**
   * Shows every mention staged since the last commit, at once: a change to the highlights repaints
   * the page, so the scanner commits each batch once, or once a slice for a batch too big for one
   * (thousands of mentions, where only those near the viewport are registered: see near-viewport.ts).
   */
  commit(): void;
  /** Removes every highlight (and what was staged) and leaves the page's text as it was. */
  clear(): void;
  /** The highlighted mention under a pointer, if any. */
  mentionAt(event: MouseEvent): Mention | null;
  /** The highlighted mention containing, or next after, a DOM position; used for keyboard access. */
  mentionNear(node: Node, offset: number): Mention | null;
  /** Live highlighted mentions in document order, of one entity or all. */
  mentions(entityId?: string): Mention[];
  /**
   * How many live mentions each entity has. Not in document order, so cheaper than `mentions()`:
   * the page's state is reported after every scan, and sorting every mention each time would make
   * that report cost more as the page grows.
   */
  mentionCounts(): Map<string, number>;
  /**
   * The entities with at least one live mention: the keys of `mentionCounts()`, which the toolbar
   * badge counts. Cheaper on a page of many mentions: a node's text is read only while one of its
   * mentions could add an entity not yet seen, so the page checks this at every change and counts
   * only when it differs.
   */
  mentionedEntities(): Set<string>;
  /** Forgets the mentions, shown or staged, in text nodes whose text the page changed (they are scanned again). */
  forget(nodes: Iterable<Text>): void;
  /** Forgets mentions, shown or staged, in text the page removed. */
  prune(): void;
  /**
   * Takes every highlight out of an element the page made editable, its text left as the page
   * wrote it: what the reader then types or saves there must not carry Gloss's marks.
   */
  releaseWithin(element: Element): void;
  /** True for nodes the engine itself added (wrappers), so mutation handling can ignore them. */
  owns(node: Node): boolean;
  setStyle(style: HighlightStyle): void;
  /** Emphasises the mention whose card is open (null: none). */
  setActive(mention: Mention | null): void;
}
