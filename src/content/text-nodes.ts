/**
 * Which text on a page Gloss may read. One TreeWalker over elements and text, with no JS
 * `acceptNode` filter (a filter costs about four times as much on large pages): excluded elements
 * are checked as the walk reaches them and their subtrees skipped without being entered.
 */

/** Elements (by local name) whose text is code, form state or not rendered: never highlighted. */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'button',
  'iframe',
  'object',
  'canvas',
  'svg',
  'math',
  'title',
  'head',
  'code',
  'kbd',
  'samp',
  'pre',
  'var',
  // A site's menus: section names, not what the page says (and a card there would cover the menu's drop-down).
  'nav',
]);

/** Set by Gloss on its own elements (highlights, UI hosts) so scanning never reads them. */
export const GLOSS_OWNED_ATTRIBUTE = 'data-gloss-owned';

const MINIMUM_TEXT_LENGTH = 2;

const EXCLUDED_ANCESTOR_SELECTOR = 'script, style, noscript, template, textarea, select, button, pre, code, svg, math, nav, [data-gloss-owned], [contenteditable]:not([contenteditable="false"])';

/** Whether an element's own subtree must be left alone. Cheap checks only: no style or layout. */
function isExcludedElement(element: Element): boolean {
  // localName: an interned string in the browser, cheaper to read than the upper-cased tagName.
  if (SKIPPED_TAGS.has(element.localName)) return true;
  if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') return true;
  if (element.hasAttribute(GLOSS_OWNED_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** Whether text inside `element` must be left alone, looking at its ancestors too. */
export function isInsideExcluded(element: Element): boolean {
  return isExcludedElement(element) || element.closest(EXCLUDED_ANCESTOR_SELECTOR) !== null || (element as HTMLElement).isContentEditable === true;
}

/**
 * The readable text nodes under `root`, in document order, including those in open shadow roots
 * (reported to `onShadowRoot` so they can be observed and styled). One walker over elements and
 * text; an excluded element's whole subtree is skipped without being entered. Resumable, so a
 * caller can yield to the page part-way through a huge document; a plain class rather than a
 * generator because `next()` runs once per text node of the page.
 */
/** A walk over readable text nodes, one at a time (it can pause between calls). */
export interface TextWalk {
  /** The next readable text node, or null at the end. */
  next(): Text | null;
}

export interface WalkBounds {
  /** Start inside this element (its own subtree first, then what follows it) instead of at the top. */
  from?: Element;
  /** Stop on reaching this element: the part before it. */
  until?: Element;
}

export class TextNodeWalker implements TextWalk {
  /** The walks in progress: the page's, and above it those of shadow roots being read. */
  readonly #stack: { walker: TreeWalker; root: Node }[] = [];
  readonly #onShadowRoot: ((shadowRoot: ShadowRoot) => void) | undefined;
  /** A text node given as the root, returned by the first `next()`. */
  #single: Text | null = null;
  readonly #until: Element | null;
  /** The walk starts past the subtree of its current node (see `from`). */
  #resumeOutside = false;

  constructor(root: Node, onShadowRoot?: (shadowRoot: ShadowRoot) => void, bounds: WalkBounds = {}) {
    this.#onShadowRoot = onShadowRoot;
    const { until } = bounds;
    // The walk never enters a region Gloss leaves alone, so it stops at the region itself.
    this.#until = until ? (isInsideExcluded(until) ? excludedRegionOf(until, root) : until) : null;
    if (root.nodeType === Node.TEXT_NODE) {
      const parent = root.parentElement;
      if (parent && !isInsideExcluded(parent) && (root as Text).length >= MINIMUM_TEXT_LENGTH) this.#single = root as Text;
      return;
    }
    if (root.nodeType === Node.ELEMENT_NODE && isInsideExcluded(root as Element)) return;
    this.#push(root);
    const { from } = bounds;
    if (from && from !== root && root.contains(from)) {
      if (isInsideExcluded(from)) {
        // Inside text Gloss leaves alone (code, an editor): the walk starts after that region.
        this.#stack[0]!.walker.currentNode = excludedRegionOf(from, root);
        this.#resumeOutside = true;
        return;
      }
      // The walk goes on from `from`, as if it had just been reached.
      this.#stack[0]!.walker.currentNode = from;
      this.#enterShadowRoot(from);
      return;
    }
    // A host's shadow content reads before its light children.
    if (root.nodeType === Node.ELEMENT_NODE) this.#enterShadowRoot(root as Element);
  }

  /** The next readable text node, or null at the end. */
  next(): Text | null {
    if (this.#single) {
      const single = this.#single;
      this.#single = null;
      return single;
    }
    for (let frame = this.#stack.at(-1); frame; frame = this.#stack.at(-1)) {
      const { walker, root } = frame;
      let node = this.#resumeOutside ? nextOutside(walker, root) : walker.nextNode();
      this.#resumeOutside = false;
      while (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          // `length` rather than `data`: no string is made for text that is skipped.
          if ((node as Text).length >= MINIMUM_TEXT_LENGTH) return node as Text;
          node = walker.nextNode();
        } else if (node === this.#until) {
          this.#stack.length = 0;
          return null;
        } else if (isExcludedElement(node as Element)) {
          node = nextOutside(walker, root);
        } else if ((node as Element).shadowRoot && this.#enterShadowRoot(node as Element)) {
          // Read the shadow root first; this walk resumes inside the host afterwards.
          break;
        } else {
          node = walker.nextNode();
        }
      }
      if (!node) this.#stack.pop();
    }
    return null;
  }

  #push(root: Node): void {
    const document = root.ownerDocument ?? (root as Document);
    this.#stack.push({ walker: document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT), root });
  }

  #enterShadowRoot(host: Element): boolean {
    const shadowRoot = host.shadowRoot;
    if (!shadowRoot) return false;
    this.#onShadowRoot?.(shadowRoot);
    this.#push(shadowRoot);
    return true;
  }
}

/** All readable text nodes under `root` at once (tests and tools). */
export function collectTextNodes(root: Node, onShadowRoot?: (shadowRoot: ShadowRoot) => void): Text[] {
  const walker = new TextNodeWalker(root, onShadowRoot);
  const nodes: Text[] = [];
  for (let node = walker.next(); node; node = walker.next()) nodes.push(node);
  return nodes;
}

/** The outermost element around `element` (itself included) whose text Gloss leaves alone. */
function excludedRegionOf(element: Element, root: Node): Element {
  let region = element;
  while (region.parentElement && region.parentElement !== root && isInsideExcluded(region.parentElement)) region = region.parentElement;
  return region;
}

/** Moves the walker past the current node's subtree. */
function nextOutside(walker: TreeWalker, root: Node): Node | null {
  for (let current: Node | null = walker.currentNode; current && current !== root; current = walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
  }
  return null;
}
