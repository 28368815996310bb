/**
 * Whether a frame has text for Gloss to read. Most frames of a news page are ads, trackers, players
 * and widgets without a sentence in them, mostly from other sites: each such site's process would
 * otherwise start the whole content script cold (9 ms of work for one image-ad frame, 4 ms with this
 * check instead). Only frames that have readable text, or once they get some, are checked further for
 * the story (entrypoints/frame-probe.ts, then entrypoints/frame-check.ts).
 */
import { OBSERVED, shadowRootWatch } from './slices';
import { TextNodeWalker } from './text-nodes';

/** About a short headline ("Russia keeps its Tartus base"); less is a label, a button, an ad's "AdChoices". */
export const FRAME_TEXT_MINIMUM = 24;

/** How long a frame's changes settle before its text is read again: a frame that animates is read at this pace at most. */
export const RECHECK_DELAY_MS = 500;

/**
 * Whether there are at least `minimum` characters of readable text (as Gloss reads pages) under `root`;
 * `onShadowRoot` hears each open shadow root the reading enters.
 */
export function hasReadableText(root: Node, minimum = FRAME_TEXT_MINIMUM, onShadowRoot?: (shadowRoot: ShadowRoot) => void): boolean {
  const walker = new TextNodeWalker(root, onShadowRoot);
  let length = 0;
  for (let node = walker.next(); node; node = walker.next()) {
    length += node.data.trim().length;
    if (length >= minimum) return true;
  }
  return false;
}

/**
 * Calls `start` once `document` has readable text: at once, or after the page adds it (ads and
 * embeds often fill their frames by script). Returns a function that stops watching; nothing is
 * watched once `start` has been called.
 */
export function whenReadable(document: Document, start: () => void): () => void {
  const shadowRoots: ShadowRoot[] = [];
  if (hasReadableText(document, FRAME_TEXT_MINIMUM, (shadowRoot) => shadowRoots.push(shadowRoot))) {
    start();
    return () => undefined;
  }
  let recheck: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    recheck ??= setTimeout(() => {
      recheck = undefined;
      if (!hasReadableText(document, FRAME_TEXT_MINIMUM, observeShadowRoot)) return;
      observer.disconnect();
      start();
    }, RECHECK_DELAY_MS);
  });
  const observeShadowRoot = shadowRootWatch(() => observer);
  observer.observe(document, OBSERVED);
  for (const shadowRoot of shadowRoots) observeShadowRoot(shadowRoot);
  return () => {
    observer.disconnect();
    clearTimeout(recheck);
  };
}
