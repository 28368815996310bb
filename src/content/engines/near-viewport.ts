/**
 * Which elements are in or near the viewport, as the browser's IntersectionObserver reports them:
 * the Highlight API engine registers only their mentions on pages with very many.
 */

/**
 * Up to this many mentions, every one is registered in `CSS.highlights`; past it, only those in
 * elements near the viewport. Chromium rebuilds its markers for every registered range whenever the
 * page's DOM or style changes: measured on a live blog of 30,000 mentions, each line the page added
 * then cost a 100–180 ms frame, and scrolling ran at 100–250 ms frames; with 9,000 mentions a change
 * cost about 33 ms; with 3,000, nothing over a frame.
 */
export const REGISTER_ALL_UP_TO = 2_000;
/** Back to registering all once fewer remain: a page near the limit does not flip at every change. */
export const REGISTER_ALL_BELOW = 1_000;

/** How far beyond the viewport counts as near: a reader scrolling a screen's height sees no gap. */
const NEAR_MARGIN = '100%';

export function supportsNearViewport(): boolean {
  return typeof IntersectionObserver === 'function';
}

export class NearViewport {
  readonly #observer: IntersectionObserver;
  readonly #near = new Set<Element>();

  /**
   * `assumedNear` counts as near until the observer's first report says otherwise (it reports every
   * element it starts observing): what is on screen stays painted meanwhile. `onChange` hears every
   * element that comes near or goes far, once per change.
   */
  constructor(document: Document, assumedNear: Iterable<Element>, onChange: (element: Element, near: boolean) => void) {
    this.#observer = new IntersectionObserver(
      (entries) => {
        for (const { target, isIntersecting } of entries) {
          if (isIntersecting === this.#near.has(target)) continue;
          if (isIntersecting) this.#near.add(target);
          else this.#near.delete(target);
          onChange(target, isIntersecting);
        }
      },
      // The document as root: its own viewport, margin included, also in a frame of another site.
      { root: document, rootMargin: NEAR_MARGIN },
    );
    for (const element of assumedNear) {
      this.#near.add(element);
      this.#observer.observe(element);
    }
  }

  isNear(element: Element): boolean {
    return this.#near.has(element);
  }

  /** Starts watching `element` (again: a no-op); it counts as far until reported near. */
  observe(element: Element): void {
    this.#observer.observe(element);
  }

  unobserve(element: Element): void {
    this.#near.delete(element);
    this.#observer.unobserve(element);
  }

  disconnect(): void {
    this.#observer.disconnect();
    this.#near.clear();
  }
}
