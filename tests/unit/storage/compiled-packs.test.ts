/**
 * Imported packs compiled by the background for pages (`local:compiledPacks`): what is compiled and
 * kept, what a page takes from it (and when it asks for it again), and that a page's matcher from a
 * compiled entry finds exactly what one compiled from the pack finds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import compilerId from 'virtual:gloss-compiler-id';
import { storage } from 'wxt/utils/storage';

import { compilePackDocument } from '@/src/core/pack/compile';
import { createPageLibrary, type PageLibrary } from '@/src/core/pack/library';
import { pack as bundled } from '@/src/pack/bundled';
import { bundledIndex } from '@/src/pack/bundled-index';
import { packToDocument } from '@/src/pack/document';
import { libraryMatcher } from '@/src/pack/library-matcher';
import { compilePacks, refreshCompiledPacks } from '@/src/storage/compile-packs';
import { COMPILED_PACKS_KEY, pageLibraryOf, pagePacksFrom, readCompiledPacks, type CompiledPacks } from '@/src/storage/compiled-packs';
import { USER_PACKS_KEY, type StoredPack, type UserPacks } from '@/src/storage/user-packs';
import { logWrites, peek, seed } from './support';

const gulfNotes = JSON.parse(readFileSync(join(process.cwd(), 'tests', 'fixtures', 'packs', 'gulf-notes.json'), 'utf8')) as Record<string, unknown>;
/** A pack the bundled one's size: the bundled pack exported under another id. */
const bigCopy = { ...packToDocument(bundled), id: 'big-copy', title: 'Big copy' };
const IMPORTED_AT = '2026-11-26T08:00:00.000Z';
const LATER = '2026-11-26T09:00:00.000Z';

function stored(document: unknown, { enabled = true, importedAt = IMPORTED_AT } = {}): StoredPack {
  return { document, enabled, importedAt };
}

function userPacksOf(...packs: StoredPack[]): UserPacks {
  return { packs, bundledEnabled: true };
}

/** What a page reads back: a copy, as every read from extension storage is. */
function roundTrip(value: CompiledPacks): CompiledPacks {
  const read = readCompiledPacks(structuredClone(value));
  if (!read) throw new Error('not readable');
  return read;
}

const neverCalled = () => Promise.reject(new Error('the background was asked'));

let writes: ReturnType<typeof logWrites>;
/** The keys written, in order. */
const writtenKeys = () => writes.map(([key]) => key);

beforeEach(() => {
  writes = logWrites();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('compilePacks', () => {
  it('compiles every stored pack, on or off, in order, under this build’s compiler', () => {
    const compiled = compilePacks(userPacksOf(stored(gulfNotes), stored(bigCopy, { enabled: false })), null);
    expect(compiled.compiler).toBe(compilerId);
    expect(compiled.compiler).toMatch(/^[0-9a-f]{16}$/);
    expect(compiled.bundledEnabled).toBe(true);
    expect(compiled.packs.map((entry) => [entry.id, entry.enabled, entry.importedAt])).toEqual([
      ['gulf-notes', true, IMPORTED_AT],
      ['big-copy', false, IMPORTED_AT],
    ]);
    expect(compiled.packs[0]!.pack).toEqual(compilePackDocument('gulf-notes.json', gulfNotes));
    // The matcher finds entities under the ids pages know them by.
    expect(compiled.packs[0]!.matcher.rowsJson).toContain('"gulf-notes--doha"');
  });

  it('leaves out packs that do not compile, with a warning', () => {
    const broken = { ...gulfNotes, id: 'old-format', facts: [{ id: 'x', statement: 'S.', quote: 'Not in the text.', entities: ['doha'] }] };
    const claimsBundled = { ...gulfNotes, id: bundled.id };
    const compiled = compilePacks(userPacksOf(stored(broken), stored(claimsBundled), stored(gulfNotes)), null);
    expect(compiled.packs.map((entry) => entry.id)).toEqual(['gulf-notes']);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('"old-format" cannot be used'), expect.stringContaining('[0].quote'));
  });

  it('keeps what was compiled from the same document, and compiles a pack imported again', () => {
    const previous = roundTrip(compilePacks(userPacksOf(stored(gulfNotes), stored(bigCopy)), null));
    const again = compilePacks(userPacksOf(stored(gulfNotes, { enabled: false }), stored(bigCopy, { importedAt: LATER })), previous);
    expect(again.packs[0]).toEqual({ ...previous.packs[0], enabled: false });
    expect(again.packs[0]!.pack).toBe(previous.packs[0]!.pack);
    expect(again.packs[1]!.pack).not.toBe(previous.packs[1]!.pack);
    expect(again.packs[1]!.importedAt).toBe(LATER);
    // Without an import time a document cannot be told from another: compiled every time.
    const unknownTime = userPacksOf(stored(gulfNotes, { importedAt: '' }));
    const once = compilePacks(unknownTime, null);
    expect(compilePacks(unknownTime, once).packs[0]!.pack).not.toBe(once.packs[0]!.pack);
  });
});

describe('readCompiledPacks', () => {
  it('reads only what this build’s compiler made, whole', () => {
    const compiled = compilePacks(userPacksOf(stored(gulfNotes)), null);
    expect(roundTrip(compiled).packs.map((entry) => entry.id)).toEqual(['gulf-notes']);
    expect(readCompiledPacks(structuredClone(compiled), 'another-build')).toBeNull();
    const entry = compiled.packs[0]!;
    for (const damaged of [
      undefined,
      'garbage',
      { ...compiled, packs: {} },
      { ...compiled, bundledEnabled: 'yes' },
      { ...compiled, packs: [{ ...entry, matcher: { pattern: null } }] },
      { ...compiled, packs: [{ ...entry, enabled: undefined }] },
      { ...compiled, packs: [{ ...entry, pack: { ...entry.pack, anchors: undefined } }] },
      { ...compiled, packs: [{ ...entry, pack: { ...entry.pack, facts: null } }] },
      // Filed under another id than its pack's.
      { ...compiled, packs: [{ ...entry, id: 'other' }] },
    ]) {
      expect(readCompiledPacks(damaged)).toBeNull();
    }
  });
});

describe('pagePacksFrom', () => {
  it('takes a value this build made as it is', async () => {
    const compiled = compilePacks(userPacksOf(stored(gulfNotes)), null);
    expect(await pagePacksFrom(structuredClone(compiled), neverCalled)).toEqual(compiled);
  });

  it('has the background compile again what another build made, or what is not stored yet, and goes on without it if that fails', async () => {
    const compiled = compilePacks(userPacksOf(stored(gulfNotes)), null);
    const older = { ...structuredClone(compiled), compiler: 'an-older-build' };
    for (const value of [older, undefined]) {
      const compile = vi.fn(async () => structuredClone(compiled));
      expect(await pagePacksFrom(value, compile)).toEqual(compiled);
      expect(compile).toHaveBeenCalledOnce();
    }
    expect(await pagePacksFrom(older, neverCalled)).toBeNull();
    expect(console.warn).toHaveBeenCalledWith('Gloss: imported packs unavailable; using the built-in pack alone', expect.any(Error));
  });
});

describe('a page’s library', () => {
  it('is the enabled packs, with the matchers compiled for them, and the bundled pack unless switched off', () => {
    const compiled = roundTrip(compilePacks({ packs: [stored(gulfNotes), stored(bigCopy, { enabled: false })], bundledEnabled: false }, null));
    const library = pageLibraryOf(compiled);
    expect(library.bundled).toBeNull();
    expect(library.imported.map((pack) => pack.title)).toEqual(['Gulf notes']);
    expect(library.prebuiltMatchers.get('gulf-notes')).toBe(compiled.packs[0]!.matcher);
    expect(library.entities.map((entity) => entity.id)).toEqual(['gulf-notes--doha', 'gulf-notes--gulf-cooperation-council', 'gulf-notes--riyadh']);
    expect(pageLibraryOf(null)).toMatchObject({ bundled: bundledIndex, imported: [] });
  });

  it('finds exactly what a matcher compiled from the packs finds', () => {
    const userPacks: UserPacks = { packs: [stored(gulfNotes), stored(bigCopy)], bundledEnabled: false };
    const compiled = roundTrip(compilePacks(userPacks, null));
    const fromEntries = pageLibraryOf(compiled);
    const fromPacks = createPageLibrary(null, compiled.packs.map((entry) => entry.pack));
    expect(fromEntries.prebuiltMatchers.size).toBe(2);
    expect(fromPacks.prebuiltMatchers.size).toBe(0);
    const aliases = bundled.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text));
    const text = [
      bundled.sourceText,
      String(gulfNotes.sourceText),
      ...aliases.flatMap((alias) => [alias, alias.toLowerCase(), alias.toUpperCase(), `in ${alias} today`]),
    ].join('\n');
    const found = (library: PageLibrary, shown = library.entities) =>
      libraryMatcher(library, shown)
        .findAll(text, true)
        .map((match) => `${match.start}:${match.end}:${match.entityId}:${match.ruledOut}`);
    const expected = found(fromPacks);
    expect(expected.length).toBeGreaterThan(aliases.length);
    expect(found(fromEntries)).toEqual(expected);
    // Restricted to some entities (a category off), too.
    const places = (library: PageLibrary) => library.entities.filter((entity) => entity.category === 'places');
    expect(found(fromEntries, places(fromEntries))).toEqual(found(fromPacks, places(fromPacks)));
  });
});

describe('refreshCompiledPacks', () => {
  it('writes the packs as pages use them when they change, and only then', async () => {
    await seed(USER_PACKS_KEY, userPacksOf(stored(gulfNotes)));
    expect((await refreshCompiledPacks()).packs.map((entry) => entry.id)).toEqual(['gulf-notes']);
    expect(writtenKeys()).toEqual([COMPILED_PACKS_KEY]);
    expect(((await peek(COMPILED_PACKS_KEY)) as CompiledPacks).packs.map((entry) => entry.id)).toEqual(['gulf-notes']);

    await refreshCompiledPacks();
    expect(writes).toHaveLength(1);

    // Switched off; another pack imported; the first removed: each is written.
    await seed(USER_PACKS_KEY, userPacksOf(stored(gulfNotes, { enabled: false })));
    await refreshCompiledPacks();
    await seed(USER_PACKS_KEY, userPacksOf(stored(gulfNotes, { enabled: false }), stored(bigCopy)));
    await refreshCompiledPacks();
    await seed(USER_PACKS_KEY, userPacksOf(stored(bigCopy)));
    await refreshCompiledPacks();
    expect(writes).toHaveLength(4);
    expect(((await peek(COMPILED_PACKS_KEY)) as CompiledPacks).packs.map((entry) => [entry.id, entry.enabled])).toEqual([['big-copy', true]]);
  });

  it('writes the bundled pack’s switch and, on a fresh install, that nothing is imported', async () => {
    await refreshCompiledPacks();
    expect((await peek(COMPILED_PACKS_KEY))).toEqual({ compiler: compilerId, bundledEnabled: true, packs: [] });
    await seed(USER_PACKS_KEY, { packs: [], bundledEnabled: false });
    await refreshCompiledPacks();
    expect(((await peek(COMPILED_PACKS_KEY)) as CompiledPacks).bundledEnabled).toBe(false);
  });

  it('compiles everything again for a build with another compiler', async () => {
    await seed(USER_PACKS_KEY, userPacksOf(stored(gulfNotes)));
    await seed(COMPILED_PACKS_KEY, { ...compilePacks(userPacksOf(stored(gulfNotes)), null), compiler: 'an-older-build' });
    await refreshCompiledPacks();
    expect(writtenKeys()).toEqual([COMPILED_PACKS_KEY]);
    expect(((await peek(COMPILED_PACKS_KEY)) as CompiledPacks).compiler).toBe(compilerId);
  });

  it('runs refreshes one after another: two at once compile and write once', async () => {
    await seed(USER_PACKS_KEY, userPacksOf(stored(gulfNotes)));
    await Promise.all([refreshCompiledPacks(), refreshCompiledPacks()]);
    expect(writtenKeys()).toEqual([COMPILED_PACKS_KEY]);
  });

  it('goes on after a refresh fails', async () => {
    await seed(USER_PACKS_KEY, userPacksOf(stored(gulfNotes)));
    const getItem = vi.spyOn(storage, 'getItem').mockRejectedValueOnce(new Error('storage unavailable'));
    const [first, second] = await Promise.allSettled([refreshCompiledPacks(), refreshCompiledPacks()]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
    expect(writtenKeys()).toEqual([COMPILED_PACKS_KEY]);
    getItem.mockRestore();
  });
});
