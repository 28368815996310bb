/**
 * Imported packs as pages use them (`local:compiledPacks`), compiled once by the background.
 * Compiling a pack and its matcher is the costliest thing a page could do at start (for a pack the
 * bundled one's size, 40 ms in every frame of every page), and the stored documents are large: so
 * pages read neither `userPacks` nor a compiler. The background keeps this key in step with
 * `userPacks` (on every change, after an update of Gloss and at browser start) and is its only
 * writer; a page that finds it made by another build's compiler asks the background to redo it.
 *
 * Relative imports only: the unit tests load this module in Node, without the `@/` alias.
 */
import compilerId from 'virtual:gloss-compiler-id';
import { storage } from 'wxt/utils/storage';
import { compileMatcher, packMatcher, type DeferredPackedMatcher } from '../core/matcher';
import type { CompiledPack } from '../core/pack/compile';
import { createPageLibrary, namespacePack, type PackIndex, type PageLibrary } from '../core/pack/library';
import { bundledIndex } from '../pack/bundled-index';
import { compileStoredPacks, loadUserPacks, storedPackId, type UserPacks } from './user-packs';

export const COMPILED_PACKS_KEY = 'local:compiledPacks' as const;

export interface CompiledImport {
  id: string;
  /** The stored pack's `importedAt`: importing a pack again under its id stores a new document. */
  importedAt: string;
  enabled: boolean;
  pack: CompiledPack;
  /** The matcher of its entities under their namespaced ids (see `namespacePack`). */
  matcher: DeferredPackedMatcher;
}

export interface CompiledPacks {
  /** The compiler that made these (`virtual:gloss-compiler-id`): another build's are not used. */
  compiler: string;
  /** As in `userPacks`. */
  bundledEnabled: boolean;
  /** Every stored pack that compiles, on or off, in the stored order (the order packs win ties in). */
  packs: CompiledImport[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCompiledImport(value: unknown): value is CompiledImport {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.importedAt !== 'string' || typeof value.enabled !== 'boolean') return false;
  const { pack, matcher } = value;
  return isRecord(pack) && pack.id === value.id && Array.isArray(pack.entities) && isRecord(matcher) && typeof matcher.rowsJson === 'string';
}

/**
 * The stored value if this build's compiler made it, else null. Only Gloss's background writes the
 * key, so the check is of shape (what a page reads), not of every field.
 */
export function readCompiledPacks(stored: unknown, compiler: string = compilerId): CompiledPacks | null {
  if (!isRecord(stored) || stored.compiler !== compiler || typeof stored.bundledEnabled !== 'boolean') return null;
  if (!Array.isArray(stored.packs) || !stored.packs.every(isCompiledImport)) return null;
  return stored as unknown as CompiledPacks;
}

/**
 * What a page uses, from the stored value: nothing stored means nothing imported (the bundled pack
 * alone); a value another build made (Gloss was just updated) or a damaged one is made again by
 * the background (`compile`), and if that fails too the page goes on with the bundled pack.
 */
export async function pagePacksFrom(stored: unknown, compile: () => Promise<unknown>): Promise<CompiledPacks | null> {
  if (stored === undefined || stored === null) return null;
  const current = readCompiledPacks(stored);
  if (current) return current;
  try {
    return readCompiledPacks(await compile());
  } catch (error) {
    console.warn('Gloss: imported packs unavailable; using the built-in pack alone', error);
    return null;
  }
}

/** The packs a page uses: the bundled pack unless switched off, then the enabled imported packs. */
export function pageLibraryOf(compiled: CompiledPacks | null, bundled: PackIndex = bundledIndex): PageLibrary {
  if (!compiled) return createPageLibrary(bundled);
  const imports = compiled.packs.filter((entry) => entry.enabled);
  return createPageLibrary(
    compiled.bundledEnabled ? bundled : null,
    imports.map((entry) => entry.pack),
    new Map(imports.map((entry) => [entry.id, entry.matcher])),
  );
}

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
      console.warn(
        `Gloss: imported pack "${status.id}" cannot be used and is skipped:`,
        status.problems.map((p) => `${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`).join('; '),
      );
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

let refreshing: Promise<unknown> = Promise.resolve();

/**
 * Brings `local:compiledPacks` in step with the stored packs, compiling only what changed, and
 * returns it; the key is written only when something did. Calls run one after another, never
 * interleaved (the background is the key's only writer).
 */
export function refreshCompiledPacks(): Promise<CompiledPacks> {
  const refresh = refreshing.then(async () => {
    const [userPacks, stored] = await Promise.all([loadUserPacks(), storage.getItem<unknown>(COMPILED_PACKS_KEY)]);
    const previous = readCompiledPacks(stored);
    const next = compilePacks(userPacks, previous);
    if (!samePacks(previous, next)) await storage.setItem<CompiledPacks>(COMPILED_PACKS_KEY, next);
    return next;
  });
  // A failed refresh (storage unavailable) must not stop the next one.
  refreshing = refresh.catch(() => undefined);
  return refresh;
}

/** Calls `onChange` with the raw stored value whenever it changes (see `pagePacksFrom`); returns the unsubscribe function. */
export function watchCompiledPacks(onChange: (stored: unknown) => void): () => void {
  return storage.watch<unknown>(COMPILED_PACKS_KEY, onChange);
}
