/**
 * Viewport first: on a page opened scrolled down (a link into the middle of a long document, a tab
 * restored where it was left), the scan starts where the reader is looking, so the terms in view
 * are marked first and the rest of the page after.
 */
import { isInsideExcluded, TextNodeWalker, type TextWalk } from './text-nodes';

/** Text read from the viewport on before the part above it: a few screens' worth. */
export const TEXT_FROM_VIEWPORT = 32_768;
/** Where to look for the reader's place, as shares of the viewport's height (below fixed headers). */
const PROBES = [0.1, 0.3, 0.5];

/**
 * The element at the top of what the reader sees, when the page is scrolled past its first screen;
 * null when it is not (document order is then viewport first already), nothing fits, or this is a
 * frame. Reads the scroll position and hit-tests once, when the scan starts: layout is normally
 * clean by then in a top-level page.
 */
export function viewportStart(root: Element): Element | null {
  const document = root.ownerDocument;
  const view = document.defaultView;
  // Frames are read from the top: reading a frame's scroll position can make the page around it lay
  // out while it is still loading (a 50–80 ms task on 24-xinhua-zh, whose frames are read first).
  if (!view || view.top !== view) return null;
  const scroller = document.scrollingElement;
  if (!scroller || scroller.scrollTop < view.innerHeight) return null;
  for (const share of PROBES) {
    const element = document.elementFromPoint(view.innerWidth / 2, view.innerHeight * share);
    if (!element || element === root || !root.contains(element)) continue;
    if (isInsideExcluded(element) || isPinned(element, root, view)) continue;
    return element;
  }
  return null;
}

/** Fixed and sticky elements (headers, toolbars) stay in view wherever the page is scrolled. */
function isPinned(element: Element, root: Element, view: Window): boolean {
  for (let current: Element | null = element; current && current !== root; current = current.parentElement) {
    const { position } = view.getComputedStyle(current);
    if (position === 'fixed' || position === 'sticky') return true;
  }
  return false;
}

/**
 * Every readable text node under `root` once: first from `start` on for a few screens, then from
 * the top down to `start`, then the rest after the first part.
 */
export class ViewportFirstWalk implements TextWalk {
  readonly #fromStart: TextNodeWalker;
  readonly #aboveStart: TextNodeWalker;
  #phase: 'view' | 'above' | 'rest' = 'view';
  #textLeftInView = TEXT_FROM_VIEWPORT;

  constructor(root: Element, start: Element, onShadowRoot?: (shadowRoot: ShadowRoot) => void) {
    this.#fromStart = new TextNodeWalker(root, onShadowRoot, { from: start });
    this.#aboveStart = new TextNodeWalker(root, onShadowRoot, { until: start });
  }

  next(): Text | null {
    if (this.#phase === 'view') {
      const node = this.#fromStart.next();
      if (node) {
        this.#textLeftInView -= node.length;
        if (this.#textLeftInView <= 0) this.#phase = 'above';
        return node;
      }
      this.#phase = 'above';
    }
    if (this.#phase === 'above') {
      const node = this.#aboveStart.next();
      if (node) return node;
      this.#phase = 'rest';
    }
    return this.#fromStart.next();
  }
}
