/** The matcher of the bundled pack, built at build time (see scripts/vite-plugin-pack.ts). */
import bundledMatcher from 'virtual:gloss-matcher';
import type { Entity } from '../core/pack/compile';
import { Matcher } from '../core/matcher';
import { pack } from './bundled';

/**
 * A matcher for `entities`: the prebuilt one when they are the bundled pack's, all of them (the
 * default: no imported packs, no category or entity switched off), else one built now.
 */
export function matcherFor(entities: readonly Entity[]): Matcher {
  const bundled = pack.entities;
  const allBundled = entities.length === bundled.length && entities.every((entity, index) => entity === bundled[index]);
  if (!allBundled) return new Matcher(entities);
  // A matcher keeps no state between calls: one serves every scan of the page.
  bundledInstance ??= new Matcher(bundledMatcher);
  return bundledInstance;
}

let bundledInstance: Matcher | null = null;
