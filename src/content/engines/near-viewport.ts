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

/** Whether an element has no box of its own (`display: contents`), so the observer never sees it near. */
function isBoxless({ target, isIntersecting, boundingClientRect }: IntersectionObserverEntry): boolean {
  if (isIntersecting || boundingClientRect.width > 0 || boundingClientRect.height > 0 || !target.isConnected) return false;
  return getComputedStyle(target).display === 'contents';
}

/** The nearest element around `element` that has a box (its text is laid out in that box). */
function boxedAncestor(element: Element): Element | null {
  for (let parent = parentOf(element); parent; parent = parentOf(parent)) {
    if (getComputedStyle(parent).display !== 'contents') return parent;
  }
  return null;
}

function parentOf(element: Element): Element | null {
  const parent = element.parentNode;
  return element.parentElement ?? (parent instanceof ShadowRoot ? parent.host : null);
}

export class NearViewport {
  readonly #observer: IntersectionObserver;
  /** Elements watched for the caller. */
  readonly #watched = new Set<Element>();
  readonly #near = new Set<Element>();
  /** For each watched element without a box, the ancestor observed in its place, and the reverse. */
  readonly #standIn = new Map<Element, Element>();
  readonly #standsFor = new Map<Element, Set<Element>>();
  /** Observed elements (watched or standing in) the observer last reported near. */
  readonly #reportedNear = new Set<Element>();
  readonly #onChange: (element: Element, near: boolean) => void;

  /**
   * `assumedNear` counts as near until the observer's first report says otherwise (it reports every
   * element it starts observing): what is on screen stays painted meanwhile. `onChange` hears every
   * element that comes near or goes far, once per change.
   */
  constructor(document: Document, assumedNear: Iterable<Element>, onChange: (element: Element, near: boolean) => void) {
    this.#onChange = onChange;
    this.#observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const { target, isIntersecting } = entry;
          if (isIntersecting) this.#reportedNear.add(target);
          else this.#reportedNear.delete(target);
          if (this.#watched.has(target) && !this.#standIn.has(target) && isBoxless(entry)) {
            this.#observeInPlaceOf(target);
            continue;
          }
          if (this.#watched.has(target) && !this.#standIn.has(target)) this.#update(target, isIntersecting);
          for (const element of this.#standsFor.get(target) ?? []) this.#update(element, isIntersecting);
        }
      },
      // The document as root: its own viewport, margin included, also in a frame of another site.
      { root: document, rootMargin: NEAR_MARGIN },
    );
    for (const element of assumedNear) {
      this.#near.add(element);
      this.observe(element);
    }
  }

  isNear(element: Element): boolean {
    return this.#near.has(element);
  }

  /** Starts watching `element` (again: a no-op); it counts as far until reported near. */
  observe(element: Element): void {
    this.#watched.add(element);
    this.#observer.observe(element);
  }

  unobserve(element: Element): void {
    this.#watched.delete(element);
    this.#near.delete(element);
    const standIn = this.#standIn.get(element);
    this.#standIn.delete(element);
    const others = standIn && this.#standsFor.get(standIn);
    others?.delete(element);
    if (standIn && others?.size === 0) {
      this.#standsFor.delete(standIn);
      if (!this.#watched.has(standIn)) this.#stopObserving(standIn);
    }
    if (!this.#standsFor.has(element)) this.#stopObserving(element);
  }

  #stopObserving(element: Element): void {
    this.#observer.unobserve(element);
    this.#reportedNear.delete(element);
  }

  disconnect(): void {
    this.#observer.disconnect();
    this.#watched.clear();
    this.#near.clear();
    this.#standIn.clear();
    this.#standsFor.clear();
    this.#reportedNear.clear();
  }

  #update(element: Element, near: boolean): void {
    if (near === this.#near.has(element)) return;
    if (near) this.#near.add(element);
    else this.#near.delete(element);
    this.#onChange(element, near);
  }

  /** `element` has no box: follow the ancestor its text is laid out in (reported like any observed element). */
  #observeInPlaceOf(element: Element): void {
    const standIn = boxedAncestor(element);
    if (!standIn) return this.#update(element, false);
    this.#standIn.set(element, standIn);
    const alreadyObserved = this.#watched.has(standIn) || this.#standsFor.has(standIn);
    const others = this.#standsFor.get(standIn);
    if (others) others.add(element);
    else this.#standsFor.set(standIn, new Set([element]));
    // Observed already, it will not be reported again until it moves: take its last report.
    if (alreadyObserved) this.#update(element, this.#reportedNear.has(standIn));
    else this.#observer.observe(standIn);
  }
}
