/**
 * Compiles data/pack into the virtual module `virtual:gloss-pack`, the matcher of all its entities
 * into `virtual:gloss-matcher` (so pages need not build it; see DeferredPackedMatcher), and the little the content script
 * needs of the rest into `virtual:gloss-pack-index` (see PackIndex). An invalid pack fails the build
 * with every problem listed (file, path inside it, what is wrong); edits to data/pack rebuild in dev.
 * `virtual:gloss-candidates` holds what the frame check uses (see `candidateData`).
 * `virtual:gloss-compiler-id` names the code that compiles packs for pages and stores them (a hash
 * of its sources), so packs compiled by one build are never taken for another's (see
 * src/storage/compiled-packs.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { candidateData, compileMatcher, packMatcher, type DeferredPackedMatcher } from '../src/core/matcher';
import type { CompiledPack } from '../src/core/pack/compile';
import { indexOfPack } from '../src/core/pack/library';
import { loadBundledPack, PACK_DIR, PACK_FILES } from './pack-files';

const PACK_ID = 'virtual:gloss-pack';
const MATCHER_ID = 'virtual:gloss-matcher';
const INDEX_ID = 'virtual:gloss-pack-index';
const COMPILER_ID = 'virtual:gloss-compiler-id';
const CANDIDATES_ID = 'virtual:gloss-candidates';
const IDS = [PACK_ID, MATCHER_ID, INDEX_ID, COMPILER_ID, CANDIDATES_ID];
const SRC_DIR = resolve(process.cwd(), 'src');
/**
 * What makes the packs compiled for pages (src/storage/compiled-packs.ts): the compiler, the
 * matcher and what they use (src/core), and the code that stores them and reads them back, whose
 * shape a page trusts.
 */
const COMPILER_SOURCES = ['core', 'storage/compiled-packs.ts', 'storage/compile-packs.ts', 'storage/user-packs.ts'];

/** The compiler's source files (see COMPILER_SOURCES), by their path inside src, in a stable order. */
function compilerFiles(): string[] {
  return COMPILER_SOURCES.flatMap((source) =>
    source.endsWith('.ts')
      ? [source]
      : readdirSync(resolve(SRC_DIR, source), { recursive: true, encoding: 'utf8' })
          .filter((name) => name.endsWith('.ts'))
          .map((name) => `${source}/${name.replaceAll('\\', '/')}`),
  ).sort();
}

/** Changes whenever any code that could change a compiled pack, a matcher or their stored shape does; the same for the same sources. */
function compilerId(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(readFileSync(resolve(SRC_DIR, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** JSON.parse of a string literal: faster to parse and evaluate than the same object as JS. */
function jsonModule(value: unknown): string {
  // Marked pure: a script that imports the module without using it (the frame check) leaves it out.
  return `export default /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(value))});`;
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
        const files = compilerFiles();
        for (const file of files) this.addWatchFile(resolve(SRC_DIR, file));
        return `export default ${JSON.stringify(compilerId(files))};`;
      }
      for (const name of PACK_FILES) this.addWatchFile(PACK_DIR + name);
      pack ??= loadBundledPack();
      if (id === '\0' + PACK_ID) return jsonModule(pack);
      if (id === '\0' + INDEX_ID) return jsonModule(indexOfPack(pack));
      const compiled = compileMatcher(pack.entities);
      if (id === '\0' + CANDIDATES_ID) return `export default ${JSON.stringify(candidateData(pack.entities, compiled))};`;
      const { pattern, rows } = packMatcher(compiled);
      // The rows' JSON as a plain string literal: nested in more JSON, each of its quotes would be escaped.
      const deferred: DeferredPackedMatcher = { pattern, rowsJson: JSON.stringify(rows) };
      return `export default { pattern: ${JSON.stringify(deferred.pattern)}, rowsJson: ${JSON.stringify(deferred.rowsJson)} };`;
    },
  };
}
