import { whenReadable } from '@/src/content/frame-text';
import { makeBackgroundMessenger } from '@/src/messaging/protocol';

/**
 * Runs in every frame (listed in wxt.config.ts): in a frame, it tells the background once the frame has
 * text to read, and the background has the text checked for the story (entrypoints/frame-check.ts)
 * before Gloss's content script starts there; top documents get the content script from the manifest.
 * A plain script rather than a WXT content script: WXT's context costs each frame more than this
 * whole check. It holds one observer, until the frame has text. In a top document it runs too (a
 * manifest cannot leave top documents out) and stops at once: it makes its messenger only when needed.
 */
export default defineUnlistedScript(() => {
  if (window.top === window) return;
  whenReadable(document, () => {
    // Fails when Gloss was updated or removed since this frame loaded: nothing to start any more.
    const messenger = makeBackgroundMessenger();
    void messenger.sendMessage('frameHasText', undefined).catch((error: unknown) => console.warn('Gloss: could not start in this frame', error));
  });
});
