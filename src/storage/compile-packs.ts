/**
 * Compiling the stored packs into `local:compiledPacks` (see compiled-packs.ts): the background's
 * side, the only writer of the key.
 */
import compilerId from 'virtual:gloss-compiler-id';
import { storage } from 'wxt/utils/storage';
import { compileMatcher, packMatcher, type DeferredPackedMatcher } from '../core/matcher';
import { oneAtATime } from '../core/one-at-a-time';
import type { CompiledPack } from '../core/pack/compile';
import { namespacePack } from '../core/pack/library';
import { COMPILED_PACKS_KEY, readCompiledPacks, type CompiledImport, type CompiledPacks } from './compiled-packs';
import { compileStoredPacks, loadUserPacks, storedPackId, warnSkippedPack, type UserPacks } from './user-packs';

/** A pack's matcher as pages use it: over its namespaced entities, rows kept as JSON (see DeferredPackedMatcher). */
export function importMatcherOf(pack: CompiledPack): DeferredPackedMatcher {
  const { pattern, rows } = packMatcher(compileMatcher(namespacePack(pack).entities));
  return { pattern, rowsJson: JSON.stringify(rows) };
}

/**
 * The stored packs as pages use them, compiling only what `previous` does not have from the same
 * document (same id and `importedAt`; a pack without an import time is always compiled). A pack
 * that does not compile is left out, with a warning; the options page says why.
 */
export function compilePacks(userPacks: UserPacks, previous: CompiledPacks | null, compiler: string = compilerId): CompiledPacks {
  const kept = new Map((previous?.packs ?? []).map((entry) => [entry.id, entry]));
  const packs: CompiledImport[] = [];
  for (const stored of userPacks.packs) {
    const id = storedPackId(stored) ?? '';
    const earlier = kept.get(id);
    if (earlier && stored.importedAt !== '' && earlier.importedAt === stored.importedAt) {
      packs.push(earlier.enabled === stored.enabled ? earlier : { ...earlier, enabled: stored.enabled });
      continue;
    }
    const [status] = compileStoredPacks({ packs: [stored], bundledEnabled: userPacks.bundledEnabled });
    if (status?.ok) {
      packs.push({ id, importedAt: stored.importedAt, enabled: stored.enabled, pack: status.pack, matcher: importMatcherOf(status.pack) });
    } else if (status) {
      warnSkippedPack(status);
    }
  }
  return { compiler, bundledEnabled: userPacks.bundledEnabled, packs };
}

function samePacks(a: CompiledPacks | null, b: CompiledPacks): boolean {
  return (
    a !== null &&
    a.compiler === b.compiler &&
    a.bundledEnabled === b.bundledEnabled &&
    a.packs.length === b.packs.length &&
    a.packs.every((entry, index) => entry === b.packs[index])
  );
}

const inTurn = oneAtATime();

/**
 * Brings `local:compiledPacks` in step with the stored packs, compiling only what changed, and
 * returns it; the key is written only when something did. Calls run one after another, never
 * interleaved (the background is the key's only writer).
 */
export function refreshCompiledPacks(): Promise<CompiledPacks> {
  // A failed refresh (storage unavailable) does not stop the next one.
  return inTurn(async () => {
    const [userPacks, stored] = await Promise.all([loadUserPacks(), storage.getItem<unknown>(COMPILED_PACKS_KEY)]);
    const previous = readCompiledPacks(stored);
    const next = compilePacks(userPacks, previous);
    if (!samePacks(previous, next)) await storage.setItem<CompiledPacks>(COMPILED_PACKS_KEY, next);
    return next;
  });
}
