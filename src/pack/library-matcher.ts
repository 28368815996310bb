/**
 * The matcher of a library's packs. The bundled pack's pattern is built at build time
 * (`virtual:gloss-matcher`, see scripts/vite-plugin-pack.ts); an imported pack's is compiled the
 * first time a page needs it. Settings (categories switched off, entities hidden on a site) only
 * restrict these matchers: no page ever recompiles the bundled pack's aliases.
 */
import bundledMatcher from 'virtual:gloss-matcher';
import { Matcher, MatcherGroup, type TextMatcher } from '../core/matcher';
import type { CompiledPack } from '../core/pack/compile';
import type { PackLibrary } from '../core/pack/library';
import { pack as bundledPack } from './bundled';

const packMatchers = new WeakMap<CompiledPack, Matcher>();

function matcherOfPack(pack: CompiledPack): Matcher {
  let matcher = packMatchers.get(pack);
  if (!matcher) {
    matcher = pack === bundledPack ? new Matcher(bundledMatcher) : new Matcher(pack.entities);
    packMatchers.set(pack, matcher);
  }
  return matcher;
}

/** A matcher finding the `shown` entities among the library's. */
export function libraryMatcher(library: PackLibrary, shown: readonly { id: string }[]): TextMatcher {
  const shownIds = new Set(shown.map((entity) => entity.id));
  const matchers = library.packs.map((pack) => {
    const matcher = matcherOfPack(pack);
    return pack.entities.every((entity) => shownIds.has(entity.id)) ? matcher : matcher.restrictedTo(shownIds);
  });
  return matchers.length === 1 ? matchers[0]! : new MatcherGroup(matchers);
}
