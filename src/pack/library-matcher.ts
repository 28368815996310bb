/**
 * The matcher of the packs a page uses. The bundled pack's pattern is built at build time
 * (`virtual:gloss-matcher`, see scripts/vite-plugin-pack.ts); an imported pack's comes compiled
 * from the background (src/storage/compiled-packs.ts), or, in a library made without it (tests),
 * is compiled the first time it is needed. Settings (categories switched off, entities hidden on a
 * site) only restrict these matchers: no page ever recompiles the bundled pack's aliases.
 */
import bundledMatcher from 'virtual:gloss-matcher';
import { Matcher, MatcherGroup, type DeferredPackedMatcher, type TextMatcher } from '../core/matcher';
import type { CompiledPack } from '../core/pack/compile';
import type { PackIndex, PageLibrary } from '../core/pack/library';

let bundled: Matcher | null = null;
const imported = new WeakMap<CompiledPack, Matcher>();

function importedMatcher(pack: CompiledPack, prebuilt: DeferredPackedMatcher | undefined): Matcher {
  let matcher = imported.get(pack);
  if (!matcher) {
    matcher = new Matcher(prebuilt ?? pack.entities);
    imported.set(pack, matcher);
  }
  return matcher;
}

function restricted(matcher: Matcher, pack: PackIndex, shownIds: ReadonlySet<string>): Matcher {
  return pack.entities.every((entity) => shownIds.has(entity.id)) ? matcher : matcher.restrictedTo(shownIds);
}

function bundledPackMatcher(): Matcher {
  return (bundled ??= new Matcher(bundledMatcher));
}

/**
 * Compiles the bundled pack's pattern now (about 2 ms), for a moment the page would otherwise wait
 * in, such as its stored settings on their way; the first text read compiles it otherwise. Wasted
 * where the settings then say Gloss is off there, or the bundled pack is switched off.
 */
export function prepareBundledMatcher(): void {
  bundledPackMatcher().prepare();
}

/** A matcher finding the `shown` entities among the library's (`library.bundled` is the bundled pack's index). */
export function libraryMatcher(library: PageLibrary, shown: readonly { id: string }[]): TextMatcher {
  const shownIds = new Set(shown.map((entity) => entity.id));
  const matchers: Matcher[] = [];
  if (library.bundled) matchers.push(restricted(bundledPackMatcher(), library.bundled, shownIds));
  for (const pack of library.imported) matchers.push(restricted(importedMatcher(pack, library.prebuiltMatchers.get(pack.id)), pack, shownIds));
  return matchers.length === 1 ? matchers[0]! : new MatcherGroup(matchers);
}
