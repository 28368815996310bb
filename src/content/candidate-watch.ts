/**
 * A frame's check for the story before Gloss starts there: whether its text could mention anything of
 * the bundled pack, read with the matcher's pattern and little else (see `candidateData`). Most frames
 * with text are ads, players and widgets that mention nothing from the story; they never load the
 * content script proper, whose start (its matcher, engine and listeners) costs each such frame's
 * process far more than this check. A frame with a candidate, now or once it changes, gets the
 * content script (entrypoints/frame-check.ts).
 */
import type { CandidateFinder } from '../core/candidates';
import { textWindows } from '../core/matcher';
import { MUTATION_BATCH_MS, NODE_WORK, OBSERVED, outermostConnected, shadowRootWatch, Slicer, WINDOW_SIZE } from './slices';
import { TextNodeWalker } from './text-nodes';

/**
 * Calls `onCandidate` once, as soon as the readable text under `root` (open shadow roots included)
 * may mention something: at once, or after the page adds or changes text (only what changed is
 * read). Reads in slices that yield to the page. Returns the function that stops looking, and a
 * promise settled once the text there at first has been read.
 */
export function watchForCandidates(root: Node, finder: CandidateFinder, onCandidate: () => void): { stop: () => void; firstRead: Promise<void> } {
  const abort = new AbortController();
  const { signal } = abort;
  let pending = new Set<Node>();
  let batchTimer: ReturnType<typeof setTimeout> | undefined;
  let reading: Promise<void> = Promise.resolve();
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') pending.add(record.target);
      else for (const node of record.addedNodes) pending.add(node);
    }
    batchTimer ??= setTimeout(readChanges, MUTATION_BATCH_MS);
  });
  const onShadowRoot = shadowRootWatch(() => observer);
  const stop = () => {
    abort.abort();
    observer.disconnect();
    clearTimeout(batchTimer);
    pending.clear();
  };
  const read = (roots: readonly Node[]) => {
    reading = reading
      .then(async () => {
        if (signal.aborted || !(await anyCandidateIn(roots, finder, onShadowRoot, signal))) return;
        stop();
        onCandidate();
      })
      .catch((error: unknown) => console.warn('Gloss: could not read this frame', error));
  };
  function readChanges(): void {
    batchTimer = undefined;
    const changed = outermostConnected(pending);
    pending = new Set();
    if (changed.length > 0) read(changed);
  }
  // Watching first: text added while the page is read is read next.
  observer.observe(root, OBSERVED);
  read([root]);
  return { stop, firstRead: reading };
}

/** Whether the readable text under any of `roots` may mention something; false too once aborted. */
async function anyCandidateIn(roots: readonly Node[], finder: CandidateFinder, onShadowRoot: (shadowRoot: ShadowRoot) => void, signal: AbortSignal): Promise<boolean> {
  const slice = new Slicer(signal);
  for (const root of roots) {
    const walker = new TextNodeWalker(root, onShadowRoot);
    for (let node = walker.next(); node; node = walker.next()) {
      const text = node.data;
      if (text.length <= WINDOW_SIZE) {
        if (finder.mayMention(text)) return true;
      } else {
        for (const part of textWindows(text, WINDOW_SIZE)) {
          if (finder.mayMention(part.text)) return true;
          if (slice.spend(WINDOW_SIZE) && !(await slice.yield())) return false;
        }
      }
      if (slice.spend(text.length + NODE_WORK) && !(await slice.yield())) return false;
    }
  }
  return false;
}
