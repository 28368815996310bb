import bundledCandidates from 'virtual:gloss-candidates';
import { watchForCandidates } from '@/src/content/candidate-watch';
import { CandidateFinder } from '@/src/core/candidates';
import { makeBackgroundMessenger } from '@/src/messaging/protocol';
import { enabledImports, readCompiledPacks, watchCompiledPacks } from '@/src/storage/compiled-packs';

/**
 * Run by the background in a frame that has text (entrypoints/frame-probe.ts): has the content script
 * proper started there once the frame's text may mention the story, now or after it changes. Most
 * text frames (ads, players, widgets) never do, and never pay for the content script's start.
 */
export default defineUnlistedScript(() => {
  const start = () => {
    stopWatchingText();
    stopWatchingPacks();
    // Fails when Gloss was updated or removed since this frame loaded: nothing to start any more.
    void makeBackgroundMessenger()
      .sendMessage('startInFrame', undefined)
      .catch((error: unknown) => console.warn('Gloss: could not start in this frame', error));
  };
  const { stop: stopWatchingText } = watchForCandidates(document, new CandidateFinder(bundledCandidates), start);
  // A pack imported or switched on meanwhile has names the check does not know: the content script,
  // which reads the packs, takes over (the background starts frames unchecked while one is on).
  // Other changes (the built-in pack switched off or on, a pack switched off) leave the check's
  // answer as it was. Packs it cannot read may hold anything: the content script takes over.
  const stopWatchingPacks = watchCompiledPacks((stored) => {
    const compiled = readCompiledPacks(stored);
    if (!compiled || enabledImports(compiled).length > 0) start();
  });
});
