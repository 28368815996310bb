/**
 * Which text on a page Gloss may read. One plain SHOW_TEXT TreeWalker with a check on the parent
 * element: a JS `acceptNode` filter costs about four times as much on large pages.
 */

/** Elements whose text is code, form state or not rendered: never highlighted. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'SVG',
  'svg',
  'MATH',
  'math',
  'TITLE',
  'HEAD',
  'CODE',
  'KBD',
  'SAMP',
  'PRE',
  'VAR',
]);

/** Set by Gloss on its own elements (highlights, UI hosts) so scanning never reads them. */
export const GLOSS_OWNED_ATTRIBUTE = 'data-gloss-owned';

const MINIMUM_TEXT_LENGTH = 2;

const EXCLUDED_ANCESTOR_SELECTOR = 'script, style, noscript, template, textarea, select, button, pre, code, svg, math, [data-gloss-owned], [contenteditable]:not([contenteditable="false"])';

/** Whether an element's own subtree must be left alone. Cheap checks only: no style or layout. */
function isExcludedElement(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
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
 * text; an excluded element's whole subtree is skipped without being entered. Lazy, so a caller
 * can yield to the page part-way through a huge document.
 */
export function* walkTextNodes(root: Node, onShadowRoot?: (shadowRoot: ShadowRoot) => void): Generator<Text> {
  if (root.nodeType === Node.TEXT_NODE) {
    const parent = root.parentElement;
    if (parent && !isInsideExcluded(parent) && hasEnoughText(root as Text)) yield root as Text;
    return;
  }
  if (root.nodeType === Node.ELEMENT_NODE) {
    if (isInsideExcluded(root as Element)) return;
    yield* walkShadowText(root as Element, onShadowRoot);
  }
  const document = root.ownerDocument ?? (root as Document);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let node: Node | null = walker.nextNode();
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (hasEnoughText(node as Text)) yield node as Text;
      node = walker.nextNode();
    } else if (isExcludedElement(node as Element)) {
      node = nextOutside(walker, root);
    } else {
      yield* walkShadowText(node as Element, onShadowRoot);
      node = walker.nextNode();
    }
  }
}

/** All of `walkTextNodes` at once (tests and tools). */
export function collectTextNodes(root: Node, onShadowRoot?: (shadowRoot: ShadowRoot) => void): Text[] {
  return [...walkTextNodes(root, onShadowRoot)];
}

/** Text in an element's open shadow root (web components) reads as if it stood at the host. */
function* walkShadowText(host: Element, onShadowRoot?: (shadowRoot: ShadowRoot) => void): Generator<Text> {
  const shadowRoot = host.shadowRoot;
  if (!shadowRoot) return;
  onShadowRoot?.(shadowRoot);
  yield* walkTextNodes(shadowRoot, onShadowRoot);
}

/** Moves the walker past the current node's subtree. */
function nextOutside(walker: TreeWalker, root: Node): Node | null {
  for (let current: Node | null = walker.currentNode; current && current !== root; current = walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
  }
  return null;
}

function hasEnoughText(node: Text): boolean {
  return node.data.length >= MINIMUM_TEXT_LENGTH;
}
