/**
 * What the floor and the naive mark.js baseline search for, taken from the bundled pack.
 *
 * The floor uses Gloss's own pattern: the one RegExp that src/core/matcher.ts compiles from every
 * alias. Matcher keeps it private, so it is captured while a Matcher is constructed here, in Node
 * (the constructor's `new RegExp(...)` goes through a recording proxy). That keeps the floor in
 * step with the matcher whatever changes there; nothing is copied.
 */
import { Matcher } from '../../src/core/matcher';
import { loadBundledPack } from '../../scripts/pack-files';

export interface SearchTerms {
  /** Source and flags of Gloss's compiled alias pattern. */
  pattern: { source: string; flags: string };
  /** Every alias as written in the pack, once each: the naive mark.js keyword list. */
  aliases: string[];
  entities: number;
}

/** The RegExp that `new Matcher(entities)` compiles, recorded as it is built. */
function capturePattern(entities: readonly unknown[]): { source: string; flags: string } {
  const NativeRegExp = globalThis.RegExp;
  const built: RegExp[] = [];
  globalThis.RegExp = new Proxy(NativeRegExp, {
    construct(target, args: [string | RegExp, string?], newTarget) {
      const made = Reflect.construct(target, args, newTarget) as RegExp;
      built.push(made);
      return made;
    },
  });
  try {
    // Typed loosely on purpose: the benchmark must not break when the constructor gains options.
    new (Matcher as unknown as new (entities: readonly unknown[]) => unknown)(entities);
  } finally {
    globalThis.RegExp = NativeRegExp;
  }
  const candidates = built.filter((re) => re.flags.includes('g') && re.source.length > 100);
  const pattern = candidates.sort((a, b) => b.source.length - a.source.length)[0];
  if (!pattern) {
    throw new Error(
      'Could not capture the matcher pattern: new Matcher(entities) built no global RegExp. ' +
        'src/core/matcher.ts changed how it compiles aliases; update bench/lib/pattern.ts.',
    );
  }
  return { source: pattern.source, flags: pattern.flags };
}

export function searchTerms(): SearchTerms {
  const pack = loadBundledPack();
  const aliases = [...new Set(pack.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text)))];
  return { pattern: capturePattern(pack.entities), aliases, entities: pack.entities.length };
}
