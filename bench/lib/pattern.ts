/**
 * What the floor and the naive mark.js baseline search for, taken from the bundled pack.
 *
 * The floor uses Gloss's own pattern: the one RegExp that src/core/matcher.ts compiles from every
 * alias (the same `compileMatcher` output the build embeds in the content script), so the floor
 * follows any change to the matcher; nothing is copied. Gloss checks word boundaries on the
 * pattern's matches; the floor, which checks nothing, has them in its pattern (`wholeWordPattern`),
 * so it still finds only whole words.
 */
import { compileMatcher, PATTERN_FLAGS, wholeWordPattern } from '../../src/core/matcher';
import { loadBundledPack } from '../../scripts/pack-files';

export interface SearchTerms {
  /** Source and flags of Gloss's compiled alias pattern, whole words only (it matches lower-cased text). */
  pattern: { source: string; flags: string };
  /** Every alias as written in the pack, once each: the naive mark.js keyword list. */
  aliases: string[];
  entities: number;
}

export function searchTerms(): SearchTerms {
  const pack = loadBundledPack();
  const aliases = [...new Set(pack.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text)))];
  const { pattern } = compileMatcher(pack.entities);
  if (pattern === null) throw new Error('The bundled pack has no aliases: nothing to benchmark.');
  return { pattern: { source: wholeWordPattern(pattern), flags: PATTERN_FLAGS }, aliases, entities: pack.entities.length };
}
