/**
 * Compiles data/pack into the virtual module `virtual:gloss-pack`, the matcher of all its entities
 * into `virtual:gloss-matcher` (so pages need not build it; see DeferredPackedMatcher), and the little the content script
 * needs of the rest into `virtual:gloss-pack-index` (see PackIndex). An invalid pack fails the build
 * with every problem listed (file, path inside it, what is wrong); edits to data/pack rebuild in dev.
 * `virtual:gloss-compiler-id` names the code that compiles packs (a hash of src/core), so packs
 * compiled by one build are never taken for another's (see src/storage/compiled-packs.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { compileMatcher, packMatcher, type DeferredPackedMatcher } from '../src/core/matcher';
import type { CompiledPack } from '../src/core/pack/compile';
import { indexOfPack } from '../src/core/pack/library';
import { loadBundledPack, PACK_DIR, PACK_FILES } from './pack-files';

const PACK_ID = 'virtual:gloss-pack';
const MATCHER_ID = 'virtual:gloss-matcher';
const INDEX_ID = 'virtual:gloss-pack-index';
const COMPILER_ID = 'virtual:gloss-compiler-id';
const IDS = [PACK_ID, MATCHER_ID, INDEX_ID, COMPILER_ID];
const CORE_DIR = resolve(process.cwd(), 'src/core');

/** The source files of src/core (the pack compiler, the matcher and what they use), in a stable order. */
function coreFiles(): string[] {
  return readdirSync(CORE_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => resolve(CORE_DIR, name));
}

/** Changes whenever any code that could change a compiled pack or matcher does; the same for the same sources. */
function compilerId(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    // By the path inside src/core, written the same on every system.
    hash.update(file.slice(CORE_DIR.length).replaceAll('\\', '/')).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** JSON.parse of a string literal: faster to parse and evaluate than the same object as JS. */
function jsonModule(value: unknown): string {
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
}

export function glossPack(): Plugin {
  // The modules come from one compilation of the pack, redone when a pack file changes.
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
      return IDS.includes(id) ? '\0' + id : undefined;
    },
    load(id) {
      if (!id.startsWith('\0') || !IDS.includes(id.slice(1))) return undefined;
      if (id === '\0' + COMPILER_ID) {
        const files = coreFiles();
        for (const file of files) this.addWatchFile(file);
        return `export default ${JSON.stringify(compilerId(files))};`;
      }
      for (const name of PACK_FILES) this.addWatchFile(PACK_DIR + name);
      pack ??= loadBundledPack();
      if (id === '\0' + PACK_ID) return jsonModule(pack);
      if (id === '\0' + INDEX_ID) return jsonModule(indexOfPack(pack));
      const { pattern, rows } = packMatcher(compileMatcher(pack.entities));
      // The rows' JSON as a plain string literal: nested in more JSON, each of its quotes would be escaped.
      const deferred: DeferredPackedMatcher = { pattern, rowsJson: JSON.stringify(rows) };
      return `export default { pattern: ${JSON.stringify(deferred.pattern)}, rowsJson: ${JSON.stringify(deferred.rowsJson)} };`;
    },
  };
}
