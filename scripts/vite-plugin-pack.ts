/**
 * Compiles data/pack into the virtual module `virtual:gloss-pack`, and the matcher of all its
 * entities into `virtual:gloss-matcher` (so pages need not build it). An invalid pack fails the build
 * with every problem listed (file, path inside it, what is wrong); edits to data/pack rebuild in dev.
 */
import type { Plugin } from 'vite';
import { compileMatcher, packMatcher } from '../src/core/matcher';
import type { CompiledPack } from '../src/core/pack/compile';
import { loadBundledPack, PACK_DIR, PACK_FILES } from './pack-files';

const PACK_ID = 'virtual:gloss-pack';
const MATCHER_ID = 'virtual:gloss-matcher';

/** JSON.parse of a string literal: faster to parse and evaluate than the same object as JS. */
function jsonModule(value: unknown): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
}

export function glossPack(): Plugin {
  // Both modules come from one compilation of the pack, redone when a pack file changes.
  let pack: CompiledPack | null = null;
  return {
    name: 'gloss-pack',
    buildStart() {
      pack = null;
    },
    watchChange(id) {
      if (id.startsWith(PACK_DIR)) pack = null;
    },
    resolveId(id) {
      return id === PACK_ID || id === MATCHER_ID ? '\0' + id : undefined;
    },
    load(id) {
      if (id !== '\0' + PACK_ID && id !== '\0' + MATCHER_ID) return undefined;
      for (const name of PACK_FILES) this.addWatchFile(PACK_DIR + name);
      pack ??= loadBundledPack();
      return jsonModule(id === '\0' + PACK_ID ? pack : packMatcher(compileMatcher(pack.entities)));
    },
  };
}
