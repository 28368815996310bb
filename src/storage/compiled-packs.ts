/**
 * Imported packs as pages use them (`local:compiledPacks`), compiled once by the background.
 * Compiling a pack and its matcher is the costliest thing a page could do at start (for a pack the
 * bundled one's size, 40 ms in every frame of every page), and the stored documents are large: so
 * pages read neither `userPacks` nor a compiler. The background keeps this key in step with
 * `userPacks` (compile-packs.ts) and is its only writer; a page that finds it made by another
 * build's compiler asks the background to redo it. This module is the pages' side: it does not load
 * the compiler.
 */
import compilerId from 'virtual:gloss-compiler-id';
import { watchLocal } from './page-storage';
import { isRecord } from '../core/is-record';
import type { DeferredPackedMatcher } from '../core/matcher';
import type { CompiledPack } from '../core/pack/compile';
import { createPageLibrary, type PackIndex, type PageLibrary } from '../core/pack/library';
import { bundledIndex } from '../pack/bundled-index';

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

function isCompiledImport(value: unknown): value is CompiledImport {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.importedAt !== 'string' || typeof value.enabled !== 'boolean') return false;
  const { pack, matcher } = value;
  return (
    isRecord(pack) &&
    pack.id === value.id &&
    // What a page's library reads of a pack before any card is shown (see createPageLibrary).
    Array.isArray(pack.entities) &&
    Array.isArray(pack.facts) &&
    Array.isArray(pack.anchors) &&
    Array.isArray(pack.storyAnchors) &&
    isRecord(matcher) &&
    typeof matcher.rowsJson === 'string'
  );
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
 * What a page uses, from the stored value. One that is missing (the background has not written it
 * yet: Gloss was just installed or updated), made by another build or damaged is made again by the
 * background (`compile`), which stores it for the pages after; if that fails the page goes on with
 * the bundled pack alone.
 */
export async function pagePacksFrom(stored: unknown, compile: () => Promise<unknown>): Promise<CompiledPacks | null> {
  const current = readCompiledPacks(stored);
  if (current) return current;
  try {
    return readCompiledPacks(await compile());
  } catch (error) {
    console.warn('Gloss: imported packs unavailable; using the built-in pack alone', error);
    return null;
  }
}

/** The imported packs switched on, in the stored order. */
export function enabledImports(compiled: CompiledPacks): CompiledImport[] {
  return compiled.packs.filter((entry) => entry.enabled);
}

/** The packs a page uses: the bundled pack unless switched off, then the enabled imported packs. */
export function pageLibraryOf(compiled: CompiledPacks | null, bundled: PackIndex = bundledIndex): PageLibrary {
  if (!compiled) return createPageLibrary(bundled);
  const imports = enabledImports(compiled);
  return createPageLibrary(
    compiled.bundledEnabled ? bundled : null,
    imports.map((entry) => entry.pack),
    new Map(imports.map((entry) => [entry.id, entry.matcher])),
  );
}

/** Calls `onChange` with the raw stored value whenever it changes (see `pagePacksFrom`); returns the unsubscribe function. */
export function watchCompiledPacks(onChange: (stored: unknown) => void): () => void {
  return watchLocal(COMPILED_PACKS_KEY, onChange);
}
