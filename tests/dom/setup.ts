import { vi } from 'vitest';

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

/**
 * Events jsdom dispatches for the tests are never trusted, as a page script's are not in a browser:
 * here every event counts as the reader's. The e2e tests check, in Chromium, that a page's own
 * events open no card and press none of its buttons (tests/e2e/robustness/hostile.test.ts).
 */
vi.mock('@/src/content/user-events', () => ({ isUserEvent: () => true }));
