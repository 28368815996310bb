/** The matcher of the bundled pack, built at build time (see scripts/vite-plugin-pack.ts). */
import bundledMatcher from 'virtual:gloss-matcher';
import type { Entity } from '../core/pack/compile';
import { Matcher } from '../core/matcher';
import { pack } from './bundled';

/**
 * A matcher for `entities`: the prebuilt one when they are the bundled pack's, all of them (the
 * default: no imported packs, no category or entity switched off), else one built now. The last one
 * is kept, so the content script can prepare the scan's matcher while it waits for the packs.
 */
export function matcherFor(entities: readonly Entity[]): Matcher {
  if (last && sameEntities(last.entities, entities)) return last.matcher;
  const matcher = sameEntities(entities, pack.entities) ? new Matcher(bundledMatcher) : new Matcher(entities);
  // A matcher keeps no state between calls: one serves every scan of the page.
  last = { entities, matcher };
  return matcher;
}

let last: { entities: readonly Entity[]; matcher: Matcher } | null = null;

function sameEntities(a: readonly Entity[], b: readonly Entity[]): boolean {
  return a.length === b.length && a.every((entity, index) => entity === b[index]);
}
