/**
 * jsdom does no layout: give it the few layout APIs Gloss calls, returning empty geometry, so
 * code paths that measure (card placement, reveal) run instead of throwing.
 */
const emptyRects = (): DOMRectList => Object.assign([], { item: () => null }) as unknown as DOMRectList;

Range.prototype.getBoundingClientRect ??= () => new DOMRect();
Range.prototype.getClientRects ??= emptyRects;
Element.prototype.scrollIntoView ??= () => {};
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addEventListener: () => {},
  removeEventListener: () => {},
  addListener: () => {},
  removeListener: () => {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia;
