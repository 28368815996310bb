/**
 * Knowledge packs the reader imported, in extension storage (`local:userPacks`), next to a switch
 * for the bundled pack. Each pack is kept as the document the reader imported (the single-document
 * format, docs/pack-format.md), not compiled: it is compiled whenever it is read, so a pack that a
 * later Gloss can no longer use is reported, never silently changed or dropped.
 *
 * Whatever is in storage goes through `readUserPacks`, which repairs what it can and never throws.
 */
import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { isRecord } from '../core/is-record';
import { compilePackDocument, PackError, type CompiledPack, type PackProblem } from '../core/pack/compile';
import { createLibrary, type PackLibrary } from '../core/pack/library';
import { bundledIndex } from '../pack/bundled-index';
import { storedValueUpdater } from './in-turn';

export const USER_PACKS_KEY = 'local:userPacks' as const;

export interface StoredPack {
  /** The pack as imported: a single-document pack (validated when it is compiled, not here). */
  document: unknown;
  enabled: boolean;
  /** When it was imported (ISO 8601); empty if unknown. */
  importedAt: string;
}

export interface UserPacks {
  packs: StoredPack[];
  bundledEnabled: boolean;
}

export const DEFAULT_USER_PACKS: UserPacks = { packs: [], bundledEnabled: true };

/** A stored document must at least be an object with an id: otherwise nothing can address it. */
const StoredDocumentSchema = v.looseObject({ id: v.pipe(v.string(), v.nonEmpty()) });

const StoredPackSchema = v.object({
  document: StoredDocumentSchema,
  enabled: v.fallback(v.boolean(), true),
  importedAt: v.fallback(v.pipe(v.string(), v.isoTimestamp()), ''),
});

const UserPacksSchema = v.object({
  packs: v.fallback(v.array(v.unknown()), []),
  bundledEnabled: v.fallback(v.boolean(), true),
});

export interface UserPacksReadResult {
  userPacks: UserPacks;
  /** What was wrong with the stored value, for logs; empty when it was fine. */
  repairs: string[];
}

/** The id a stored pack's document claims, or undefined for a document without one. */
export function storedPackId(stored: Pick<StoredPack, 'document'>): string | undefined {
  const { document } = stored;
  return isRecord(document) && typeof document.id === 'string' ? document.id : undefined;
}

/** A field of the stored document, if it is a non-empty string (for showing packs that no longer compile). */
export function storedPackField(stored: Pick<StoredPack, 'document'>, field: 'title' | 'version' | 'language'): string | undefined {
  const { document } = stored;
  const value = isRecord(document) ? document[field] : undefined;
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * Reads stored user packs, repairing each part on its own: an entry that is not a pack (no document
 * object with an id) and a second entry with an id already seen are dropped; a bad `enabled` or
 * `importedAt` gets its default. Never throws.
 */
export function readUserPacks(stored: unknown): UserPacksReadResult {
  const repairs: string[] = [];
  if (stored === undefined || stored === null) return { userPacks: structuredClone(DEFAULT_USER_PACKS), repairs };
  if (!isRecord(stored)) {
    return { userPacks: structuredClone(DEFAULT_USER_PACKS), repairs: ['stored user packs were not an object; none used'] };
  }
  const top = v.parse(UserPacksSchema, stored);
  if ('packs' in stored && !Array.isArray(stored.packs)) repairs.push('"packs" was not a list; emptied');
  if ('bundledEnabled' in stored && typeof stored.bundledEnabled !== 'boolean') {
    repairs.push('"bundledEnabled" was not true or false; the bundled pack is on');
  }
  const packs: StoredPack[] = [];
  const seen = new Set<string>();
  top.packs.forEach((entry, index) => {
    const parsed = v.safeParse(StoredPackSchema, entry);
    if (!parsed.success) {
      repairs.push(`packs[${index}] is not a stored pack (a document with an id); dropped`);
      return;
    }
    const { document, enabled, importedAt } = parsed.output;
    if (seen.has(document.id)) {
      repairs.push(`packs[${index}] repeats the pack id "${document.id}"; dropped`);
      return;
    }
    seen.add(document.id);
    const raw = entry as Record<string, unknown>;
    if (raw.enabled !== enabled) repairs.push(`packs[${index}].enabled was invalid; the pack is on`);
    if (raw.importedAt !== importedAt) repairs.push(`packs[${index}].importedAt was invalid; cleared`);
    // The document as stored, with any fields the schema above does not know about.
    packs.push({ document: raw.document, enabled, importedAt });
  });
  return { userPacks: { packs, bundledEnabled: top.bundledEnabled }, repairs };
}

/** A stored pack with the result of compiling it. */
export type StoredPackStatus =
  | { ok: true; stored: StoredPack; id: string; pack: CompiledPack }
  | { ok: false; stored: StoredPack; id: string; problems: PackProblem[] };

/** The file name a pack is exported (and reported) under: `<id>-<version>.json`. */
export function packFileName(id: string, version: string | undefined): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9.-]+/g, '_');
  return version ? `${safe(id)}-${safe(version)}.json` : `${safe(id)}.json`;
}

/**
 * Compiles every stored pack. A document that no longer compiles (or claims the bundled pack's id,
 * or says it has another id than it is stored under) is reported with its problems.
 */
export function compileStoredPacks(userPacks: UserPacks, bundledId: string = bundledIndex.id): StoredPackStatus[] {
  return userPacks.packs.map((stored) => {
    const id = storedPackId(stored) ?? '';
    const file = packFileName(id || 'pack', storedPackField(stored, 'version'));
    if (id === bundledId) {
      return { ok: false, stored, id, problems: [{ file, path: 'id', message: `"${id}" is the id of the built-in pack` }] };
    }
    try {
      return { ok: true, stored, id, pack: compilePackDocument(file, stored.document) };
    } catch (error) {
      const problems =
        error instanceof PackError ? error.problems : [{ file, path: '', message: error instanceof Error ? error.message : String(error) }];
      return { ok: false, stored, id, problems };
    }
  });
}

/** Says in the console that a stored pack that does not compile is skipped, and why. */
export function warnSkippedPack(status: Extract<StoredPackStatus, { ok: false }>): void {
  console.warn(
    `Gloss: imported pack "${status.id}" cannot be used and is skipped:`,
    status.problems.map((p) => `${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`).join('; '),
  );
}

/** The enabled imported packs that compile; one that does not is skipped (and stays in storage), with a warning. */
function usableImports(userPacks: UserPacks, bundledId: string): CompiledPack[] {
  const enabled: UserPacks = { ...userPacks, packs: userPacks.packs.filter((stored) => stored.enabled) };
  const compiled: CompiledPack[] = [];
  for (const status of compileStoredPacks(enabled, bundledId)) {
    if (status.ok) compiled.push(status.pack);
    else warnSkippedPack(status);
  }
  return compiled;
}

/** The library of packs in use: the bundled pack unless it is switched off, then every enabled imported pack that compiles. */
export function libraryFrom(userPacks: UserPacks, bundled: CompiledPack): PackLibrary {
  return createLibrary(userPacks.bundledEnabled ? bundled : null, usableImports(userPacks, bundled.id));
}

// State changes, pure: the options page applies them through `updateUserPacks`.

export function withBundledEnabled(userPacks: UserPacks, enabled: boolean): UserPacks {
  return { ...userPacks, bundledEnabled: enabled };
}

export function withPackEnabled(userPacks: UserPacks, id: string, enabled: boolean): UserPacks {
  return { ...userPacks, packs: userPacks.packs.map((stored) => (storedPackId(stored) === id ? { ...stored, enabled } : stored)) };
}

export function withoutPack(userPacks: UserPacks, id: string): UserPacks {
  return { ...userPacks, packs: userPacks.packs.filter((stored) => storedPackId(stored) !== id) };
}

/**
 * Adds an imported document, or replaces the installed pack with the same id in place (keeping
 * whether it is on). Returns the pack it replaced, if any. Validate the document first.
 */
export function withImportedPack(
  userPacks: UserPacks,
  document: unknown,
  importedAt: string,
): { userPacks: UserPacks; replaced: StoredPack | undefined } {
  const id = storedPackId({ document });
  if (!id) throw new Error('An imported pack needs an id');
  const index = userPacks.packs.findIndex((stored) => storedPackId(stored) === id);
  const replaced = index >= 0 ? userPacks.packs[index] : undefined;
  const entry: StoredPack = { document, enabled: replaced?.enabled ?? true, importedAt };
  const packs = replaced ? userPacks.packs.map((stored, i) => (i === index ? entry : stored)) : [...userPacks.packs, entry];
  return { userPacks: { ...userPacks, packs }, replaced };
}

// Storage.

/** The user packs in a stored value, repaired where needed (and the repairs logged). */
export function userPacksFromStored(stored: unknown): UserPacks {
  const { userPacks, repairs } = readUserPacks(stored);
  if (repairs.length > 0) console.warn('Gloss: stored user packs repaired:', repairs.join('; '));
  return userPacks;
}

export async function loadUserPacks(): Promise<UserPacks> {
  return userPacksFromStored(await storage.getItem<unknown>(USER_PACKS_KEY));
}

export async function saveUserPacks(userPacks: UserPacks): Promise<void> {
  await storage.setItem<UserPacks>(USER_PACKS_KEY, userPacks);
}

/**
 * Reads, changes and writes the user packs in one step, one change after another; returns what was
 * written. Changes made at once (a pack and the bundled pack switched in quick succession, an import
 * while a switch is being saved) must not each write the packs without the other's change.
 */
export const updateUserPacks: (change: (current: UserPacks) => UserPacks) => Promise<UserPacks> = storedValueUpdater(
  'user-packs',
  loadUserPacks,
  saveUserPacks,
);

/**
 * Whether a pack the reader imported is switched on: frames are then not checked for the bundled
 * pack's candidates before Gloss starts in them (entrypoints/frame-check.ts), which would miss its names.
 */
export function importedPackInUse(userPacks: UserPacks): boolean {
  return userPacks.packs.some((pack) => pack.enabled);
}

/** Calls `onChange` with the repaired user packs whenever they change; returns the unsubscribe function. */
export function watchUserPacks(onChange: (userPacks: UserPacks) => void): () => void {
  return storage.watch<unknown>(USER_PACKS_KEY, (stored) => onChange(readUserPacks(stored).userPacks));
}
