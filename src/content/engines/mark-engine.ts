/**
 * Highlights by wrapping each mention in `<mark class="gloss-mark" data-gloss-entity>` with mark.js.
 * Mentions are found by Gloss's own matcher and passed to mark.js as ranges per text node, so the
 * page is walked once, whatever the number of terms.
 */
import Mark from 'mark.js';
import type { HighlightStyle } from '@/src/core/settings-base';
import { stillStands, type HighlightEngine, type Mention, type TextNodeMatch } from '../engine';
import { GLOSS_OWNED_ATTRIBUTE } from '../text-nodes';

export const MARK_CLASS = 'gloss-mark';
const MARK_SELECTOR = `mark.${MARK_CLASS}`;

interface EntityRange extends Mark.Range {
  entityId: string;
  category: string;
}

/**
 * Whether a text node lies directly in a flex or grid container: there each run of text is an item
 * of its own, so wrapping part of it in an element would split it into several items and move the
 * page's layout (a gap on either side of the mark, a new grid row). Such text is left unmarked.
 */
function isFlexOrGridItemText(node: Text): boolean {
  const parent = node.parentElement;
  if (!parent) return false;
  const display = parent.ownerDocument.defaultView?.getComputedStyle(parent).display ?? '';
  return display.includes('flex') || display.includes('grid');
}

function mentionOf(element: HTMLElement): Mention {
  return {
    entityId: element.dataset.glossEntity ?? '',
    range() {
      const range = element.ownerDocument.createRange();
      range.selectNodeContents(element);
      return range;
    },
    anchorElement: () => element,
  };
}

export class MarkEngine implements HighlightEngine {
  readonly name = 'mark';
  readonly #root: Element;
  /** Shadow roots written into: document-level queries do not reach inside them. */
  readonly #shadowRoots = new Set<ShadowRoot>();
  /**
   * For each text node mark.js split, the nodes it made after it (marks and the rest of the text).
   * The page (a framework) may hold the original node: it keeps its identity, gets its text back
   * on clear, and loses the made nodes as soon as the page changes or removes it.
   */
  readonly #derived = new Map<Text, Node[]>();
  /** Mentions staged and not wrapped yet, by text node (see `stage`). */
  readonly #staged = new Map<Text, EntityRange[]>();
  #style: HighlightStyle = 'underline';

  constructor(root: Element) {
    this.#root = root;
  }

  stage(matches: readonly TextNodeMatch[]): void {
    const node = matches[0]?.node;
    if (!node?.isConnected) return;
    this.#staged.set(
      node,
      matches.filter(stillStands).map((match) => ({ start: match.start, length: match.end - match.start, entityId: match.entityId, category: match.category })),
    );
  }

  /** Wraps what was staged: the DOM changes all happen here, none while staging. */
  commit(): void {
    // Every style read before the first write: reads between writes would restyle the page each time.
    const staged = [...this.#staged].filter(([node]) => node.isConnected && !isFlexOrGridItemText(node));
    this.#staged.clear();
    const style = this.#style;
    for (const [node, ranges] of staged) {
      const nodeRoot = node.getRootNode();
      if (nodeRoot instanceof ShadowRoot) this.#shadowRoots.add(nodeRoot);
      const next = node.nextSibling;
      // A text node as context: mark.js then reads just this node, not its parent's subtree.
      new Mark(node as unknown as HTMLElement).markRanges(ranges, {
        element: 'mark',
        className: MARK_CLASS,
        each(element: Element, range: Mark.Range) {
          const { entityId, category } = range as EntityRange;
          const mark = element as HTMLElement;
          mark.dataset.glossEntity = entityId;
          mark.dataset.glossCategory = category;
          mark.dataset.glossStyle = style;
          mark.setAttribute(GLOSS_OWNED_ATTRIBUTE, '');
        },
      });
      const made: Node[] = [];
      for (let sibling = node.nextSibling; sibling && sibling !== next; sibling = sibling.nextSibling) made.push(sibling);
      this.#derived.set(node, [...(this.#derived.get(node) ?? []), ...made]);
    }
  }

  clear(): void {
    this.#staged.clear();
    this.#giveBack(() => true);
    // Anything left over (a node the page moved away from its made nodes): plain mark.js unwrapping.
    for (const root of this.#roots()) this.#unwrapMarksIn(root);
    this.#shadowRoots.clear();
  }

  releaseWithin(element: Element): void {
    for (const node of [...this.#staged.keys()]) if (element.contains(node)) this.#staged.delete(node);
    this.#giveBack((node) => element.contains(node));
    this.#unwrapMarksIn(element);
  }

  /** Takes out the nodes made from the original text nodes `which` picks, and gives those their text back. */
  #giveBack(which: (node: Text) => boolean): void {
    // Newest first: a node split from a made node is restored before the node it came from.
    for (const [node, made] of [...this.#derived].reverse()) {
      if (!which(node)) continue;
      const text = made.map((derived) => derived.textContent ?? '').join('');
      for (const derived of made) derived.parentNode?.removeChild(derived);
      // The original node gets its whole text back, so a framework holding it sees what it wrote.
      if (text) node.appendData(text);
      this.#derived.delete(node);
    }
  }

  #unwrapMarksIn(root: Element | ShadowRoot): void {
    for (const mark of root.querySelectorAll<HTMLElement>(MARK_SELECTOR)) {
      new Mark(mark).unmark({ element: 'mark', className: MARK_CLASS });
    }
  }

  /** The page root and every shadow root holding marks. */
  #roots(): (Element | ShadowRoot)[] {
    return [this.#root, ...this.#shadowRoots];
  }

  #allMarks(selector = MARK_SELECTOR): HTMLElement[] {
    return this.#roots().flatMap((root) => [...root.querySelectorAll<HTMLElement>(selector)]);
  }

  mentionAt(event: MouseEvent): Mention | null {
    // The innermost target: at document level, events from open shadow roots point at the host.
    const target = event.composedPath()[0] ?? event.target;
    if (!(target instanceof Element)) return null;
    const mark = target.closest<HTMLElement>(MARK_SELECTOR);
    return mark ? mentionOf(mark) : null;
  }

  mentionNear(node: Node, offset: number): Mention | null {
    const element = node instanceof Element ? node : node.parentElement;
    const inside = element?.closest<HTMLElement>(MARK_SELECTOR);
    if (inside) return mentionOf(inside);
    const position = node.ownerDocument?.createRange();
    if (!position) return null;
    position.setStart(node, Math.min(offset, node.nodeType === Node.TEXT_NODE ? (node as Text).length : node.childNodes.length));
    for (const mark of this.#allMarks()) {
      if (mark.getRootNode() === position.startContainer.getRootNode() && position.comparePoint(mark, 0) >= 0) return mentionOf(mark);
    }
    return null;
  }

  mentions(entityId?: string): Mention[] {
    // Entity ids are kebab-case (checked by the pack schema): safe inside the attribute selector.
    const selector = entityId ? `${MARK_SELECTOR}[data-gloss-entity="${entityId}"]` : MARK_SELECTOR;
    return this.#allMarks(selector).map(mentionOf);
  }

  mentionCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mark of this.#allMarks()) {
      const entityId = mark.dataset.glossEntity ?? '';
      counts.set(entityId, (counts.get(entityId) ?? 0) + 1);
    }
    return counts;
  }

  mentionedEntities(): Set<string> {
    // Counting marks costs no more than listing their entities: one pass either way.
    return new Set(this.mentionCounts().keys());
  }

  /** The page rewrote these nodes: the marks made from their old text are stale. */
  forget(nodes: Iterable<Text>): void {
    for (const node of nodes) {
      this.#staged.delete(node);
      this.#dropDerived(node);
    }
  }

  /** The page removed original nodes (a framework re-rendering): take their made nodes out too. */
  prune(): void {
    for (const node of [...this.#staged.keys()]) if (!node.isConnected) this.#staged.delete(node);
    for (const node of [...this.#derived.keys()]) if (!node.isConnected) this.#dropDerived(node);
  }

  #dropDerived(node: Text): void {
    const made = this.#derived.get(node);
    if (!made) return;
    this.#derived.delete(node);
    for (const derived of made) {
      derived.parentNode?.removeChild(derived);
      if (derived instanceof Text) this.#dropDerived(derived);
    }
  }

  owns(node: Node): boolean {
    return node instanceof HTMLElement && node.matches(MARK_SELECTOR);
  }

  setActive(mention: Mention | null): void {
    for (const active of this.#allMarks(`${MARK_SELECTOR}[data-gloss-active]`)) active.removeAttribute('data-gloss-active');
    mention?.anchorElement().setAttribute('data-gloss-active', '');
  }

  setStyle(style: HighlightStyle): void {
    this.#style = style;
    for (const mark of this.#allMarks()) mark.dataset.glossStyle = style;
  }
}

/** What entrypoints/mark-engine.ts hands the content script (see lazy-scripts.ts). */
export interface MarkEngineModule {
  createEngine(root: Element): HighlightEngine;
}

export const markEngineModule: MarkEngineModule = { createEngine: (root) => new MarkEngine(root) };
