/**
 * Imported packs compiled once for every page (`local:compiledPacks`). Compiling a pack and its
 * matcher is the costliest thing a page could do at start: for a pack the bundled one's size it
 * took 40 ms in every frame of every page. The background compiles each imported pack when it is
 * imported (and again after an update of Gloss) and is the only writer of this key; a page takes an
 * entry only if this build's compiler made it from the very document the page has (same id, same
 * `importedAt`), and otherwise compiles the pack itself, as it always could.
 *
 * Relative imports only: the unit tests load this module in Node, without the `@/` alias.
 */
import compilerId from 'virtual:gloss-compiler-id';
import { storage } from 'wxt/utils/storage';
import { compileMatcher, packMatcher, type DeferredPackedMatcher } from '../core/matcher';
import type { CompiledPack } from '../core/pack/compile';
import { namespacePack } from '../core/pack/library';
import { compileStoredPacks, loadUserPacks, storedPackId, type PrebuiltImport, type StoredPack, type UserPacks } from './user-packs';

export const COMPILED_PACKS_KEY = 'local:compiledPacks' as const;

export interface CompiledImport {
  /** The stored pack's `importedAt`: importing a pack again under its id stores a new document. */
  importedAt: string;
  pack: CompiledPack;
  /** The matcher of its entities under their namespaced ids (see `namespacePack`). */
  matcher: DeferredPackedMatcher;
}

export interface CompiledImports {
  /** The compiler that made these (`virtual:gloss-compiler-id`): another build's are not used. */
  compiler: string;
  /** By pack id. */
  packs: Record<string, CompiledImport>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entries of a stored value that this build can use: none if another build's compiler made
 * them, and none that lack a part a page reads. Only Gloss's background writes the key, so the
 * check is of shape, not of every field.
 */
export function compiledImportsFromStored(stored: unknown, compiler: string = compilerId): ReadonlyMap<string, CompiledImport> {
  const usable = new Map<string, CompiledImport>();
  if (!isRecord(stored) || stored.compiler !== compiler || !isRecord(stored.packs)) return usable;
  for (const [id, entry] of Object.entries(stored.packs)) {
    if (!isRecord(entry) || typeof entry.importedAt !== 'string' || !isRecord(entry.pack) || !isRecord(entry.matcher)) continue;
    if (entry.pack.id !== id || !Array.isArray(entry.pack.entities) || typeof entry.matcher.rowsJson !== 'string') continue;
    usable.set(id, entry as unknown as CompiledImport);
  }
  return usable;
}

/** Whether an entry was compiled from this stored document (a pack without an import time is never taken). */
function compiledFrom(entry: CompiledImport | undefined, stored: StoredPack): entry is CompiledImport {
  return entry !== undefined && stored.importedAt !== '' && entry.importedAt === stored.importedAt;
}

/** For `pageLibraryFrom`: the compiled entry of a stored pack, if it was compiled from this document. */
export function prebuiltFrom(compiled: ReadonlyMap<string, CompiledImport>): PrebuiltImport {
  return (stored, id) => {
    const entry = compiled.get(id);
    return compiledFrom(entry, stored) ? { pack: entry.pack, matcher: entry.matcher } : undefined;
  };
}

/** A pack's matcher as pages use it: over its namespaced entities, rows kept as JSON (see DeferredPackedMatcher). */
export function importMatcherOf(pack: CompiledPack): DeferredPackedMatcher {
  const { pattern, rows } = packMatcher(compileMatcher(namespacePack(pack).entities));
  return { pattern, rowsJson: JSON.stringify(rows) };
}

/**
 * Every stored pack compiled (on or off, so switching one on costs nothing), keeping the entries of
 * `previous` that still stand for their document. Packs that do not compile get no entry: pages
 * compile them, fail and say why, as without this cache.
 */
export function compileImports(userPacks: UserPacks, previous: ReadonlyMap<string, CompiledImport>, compiler: string = compilerId): CompiledImports {
  const packs: Record<string, CompiledImport> = {};
  for (const stored of userPacks.packs) {
    const id = storedPackId(stored);
    if (!id || stored.importedAt === '') continue;
    const kept = previous.get(id);
    if (compiledFrom(kept, stored)) {
      packs[id] = kept;
      continue;
    }
    const [status] = compileStoredPacks({ packs: [stored], bundledEnabled: userPacks.bundledEnabled });
    if (status?.ok) packs[id] = { importedAt: stored.importedAt, pack: status.pack, matcher: importMatcherOf(status.pack) };
  }
  return { compiler, packs };
}

function samePacks(a: ReadonlyMap<string, CompiledImport>, b: CompiledImports['packs']): boolean {
  const ids = Object.keys(b);
  return ids.length === a.size && ids.every((id) => a.get(id) === b[id]);
}

let refreshing: Promise<void> = Promise.resolve();

/**
 * Brings `local:compiledPacks` up to date with the stored packs, compiling only what changed; the
 * key is written only when something did. Calls run one after another, never interleaved.
 */
export function refreshCompiledImports(): Promise<void> {
  const refresh = refreshing.then(async () => {
    const [userPacks, stored] = await Promise.all([loadUserPacks(), storage.getItem<unknown>(COMPILED_PACKS_KEY)]);
    const previous = compiledImportsFromStored(stored);
    const next = compileImports(userPacks, previous);
    if (isRecord(stored) && stored.compiler === compilerId && samePacks(previous, next.packs)) return;
    await storage.setItem<CompiledImports>(COMPILED_PACKS_KEY, next);
  });
  // A failed refresh (storage unavailable) must not stop the next one.
  refreshing = refresh.catch(() => undefined);
  return refresh.catch((error: unknown) => console.warn('Gloss: could not compile the imported packs ahead', error));
}

/** Calls `onChange` with the usable entries whenever the background rewrites them; returns the unsubscribe function. */
export function watchCompiledImports(onChange: (compiled: ReadonlyMap<string, CompiledImport>) => void): () => void {
  return storage.watch<unknown>(COMPILED_PACKS_KEY, (stored) => onChange(compiledImportsFromStored(stored)));
}
