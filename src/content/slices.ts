/**
 * How Gloss reads a page without holding it: work in short slices that yield to the page, and
 * changes collected for a moment, then read once. Shared by the scanner (page-scanner.ts) and
 * the frame check (candidate-watch.ts).
 */

/** Work per slice before yielding to the page, so no task Gloss causes is long. */
const SLICE_BUDGET_MS = 8;

/**
 * Reading the clock every few thousand characters of work (text read, nodes visited) is enough to
 * keep slices near their budget; reading it for each of a page's 100,000 text nodes is not free.
 */
const CLOCK_CHECK_WORK = 4096;

/** Text nodes longer than this are read in windows, with yields in between. */
export const WINDOW_SIZE = 32_768;

/** Work counted for each text node, on top of its length. */
export const NODE_WORK = 32;

/** Mutations are collected for this long before their text is read. */
export const MUTATION_BATCH_MS = 120;

// contenteditable: text the page makes editable after it was read is given back unmarked (see PageScanner).
export const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributeFilter: ['contenteditable'] };

/**
 * A function that has the current observer (none once stopped) watch each open shadow root it is
 * handed, once, and tells whether the root was new. Changes inside a shadow root are not its
 * document's: a reader that enters one must watch it too (a web component may fill its own later).
 */
export function shadowRootWatch(currentObserver: () => MutationObserver | null): (shadowRoot: ShadowRoot) => boolean {
  const watched = new WeakSet<ShadowRoot>();
  return (shadowRoot) => {
    if (watched.has(shadowRoot)) return false;
    watched.add(shadowRoot);
    currentObserver()?.observe(shadowRoot, OBSERVED);
    return true;
  };
}

/** Tracks the work done since the last yield, and yields to the page when the time budget is used. */
export class Slicer {
  #start = performance.now();
  #work = 0;
  readonly #signal: AbortSignal;

  constructor(signal: AbortSignal) {
    this.#signal = signal;
  }

  /** Counts `work`; true once the slice's time is used up. */
  spend(work: number): boolean {
    this.#work += work;
    if (this.#work < CLOCK_CHECK_WORK) return false;
    this.#work = 0;
    return performance.now() - this.#start > SLICE_BUDGET_MS;
  }

  /** Yields to the page and starts a new slice; false once the work was aborted. */
  yield(): Promise<boolean> {
    return this.wait(yieldToPage());
  }

  /** Waits for `promise`, then starts a new slice; false once the work was aborted. */
  async wait(promise: Promise<unknown>): Promise<boolean> {
    await promise;
    this.#start = performance.now();
    this.#work = 0;
    return !this.#signal.aborted;
  }
}

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The changed nodes still in the page, without those inside another: each changed subtree is read once. */
export function outermostConnected(changed: ReadonlySet<Node>): Node[] {
  return [...changed].filter((node) => {
    if (!node.isConnected) return false;
    for (let ancestor = node.parentNode; ancestor; ancestor = ancestor.parentNode) {
      if (changed.has(ancestor)) return false;
    }
    return true;
  });
}
