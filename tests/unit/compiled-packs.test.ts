/**
 * Imported packs compiled ahead by the background (`local:compiledPacks`): what is compiled and
 * kept, what a page takes from it (and what it compiles itself instead), and that a page's
 * matcher from a compiled entry finds exactly what one compiled on the page finds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import compilerId from 'virtual:gloss-compiler-id';

/** An in-memory stand-in for WXT's storage (Node has no extension storage), counting writes. */
const memory = vi.hoisted(() => {
  const items = new Map<string, unknown>();
  const writes: string[] = [];
  return {
    items,
    writes,
    storage: {
      async getItem(key: string) {
        return items.has(key) ? structuredClone(items.get(key)) : null;
      },
      async setItem(key: string, value: unknown) {
        writes.push(key);
        items.set(key, structuredClone(value));
      },
      watch() {
        return () => undefined;
      },
    },
  };
});
vi.mock('wxt/utils/storage', () => ({ storage: memory.storage }));

import { compilePackDocument } from '../../src/core/pack/compile';
import { pack as bundled } from '../../src/pack/bundled';
import { packToDocument } from '../../src/pack/document';
import { libraryMatcher } from '../../src/pack/library-matcher';
import {
  COMPILED_PACKS_KEY,
  compiledImportsFromStored,
  compileImports,
  prebuiltFrom,
  refreshCompiledImports,
  type CompiledImports,
} from '../../src/storage/compiled-packs';
import { pageLibraryFrom, USER_PACKS_KEY, type StoredPack, type UserPacks } from '../../src/storage/user-packs';

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

/** What storage hands back: a copy, as every read from extension storage is. */
function roundTrip(value: CompiledImports): ReturnType<typeof compiledImportsFromStored> {
  return compiledImportsFromStored(structuredClone(value));
}

beforeEach(() => {
  memory.items.clear();
  memory.writes.length = 0;
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('compileImports', () => {
  it('compiles every stored pack, on or off, under this build’s compiler', () => {
    const compiled = compileImports(userPacksOf(stored(gulfNotes), stored(bigCopy, { enabled: false })), new Map());
    expect(compiled.compiler).toBe(compilerId);
    expect(compiled.compiler).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(compiled.packs)).toEqual(['gulf-notes', 'big-copy']);
    expect(compiled.packs['gulf-notes']).toMatchObject({ importedAt: IMPORTED_AT, pack: compilePackDocument('gulf-notes.json', gulfNotes) });
    // The matcher finds entities under the ids pages know them by.
    expect(compiled.packs['gulf-notes']!.matcher.rowsJson).toContain('"gulf-notes--doha"');
  });

  it('leaves out packs that do not compile and packs without an import time', () => {
    const broken = { ...gulfNotes, id: 'old-format', facts: [{ id: 'x', statement: 'S.', quote: 'Not in the text.', entities: ['doha'] }] };
    const claimsBundled = { ...gulfNotes, id: bundled.id };
    const compiled = compileImports(userPacksOf(stored(broken), stored(claimsBundled), stored(bigCopy, { importedAt: '' }), stored(gulfNotes)), new Map());
    expect(Object.keys(compiled.packs)).toEqual(['gulf-notes']);
  });

  it('keeps the entries still compiled from their document and compiles a pack imported again', () => {
    const first = compileImports(userPacksOf(stored(gulfNotes), stored(bigCopy)), new Map());
    const previous = roundTrip(first);
    const again = compileImports(userPacksOf(stored(gulfNotes), stored(bigCopy, { importedAt: LATER })), previous);
    expect(again.packs['gulf-notes']).toBe(previous.get('gulf-notes'));
    expect(again.packs['big-copy']).not.toBe(previous.get('big-copy'));
    expect(again.packs['big-copy']!.importedAt).toBe(LATER);
  });
});

describe('compiledImportsFromStored', () => {
  it('takes nothing compiled by another build, and nothing that is not an entry', () => {
    const compiled = compileImports(userPacksOf(stored(gulfNotes)), new Map());
    expect([...roundTrip(compiled).keys()]).toEqual(['gulf-notes']);
    expect(compiledImportsFromStored(structuredClone(compiled), 'another-build').size).toBe(0);
    for (const damaged of [
      undefined,
      'garbage',
      { compiler: compilerId, packs: [] },
      { compiler: compilerId, packs: { 'gulf-notes': { ...compiled.packs['gulf-notes'], matcher: { pattern: null } } } },
      // Filed under another id than its pack's.
      { compiler: compilerId, packs: { other: compiled.packs['gulf-notes'] } },
    ]) {
      expect(compiledImportsFromStored(damaged).size).toBe(0);
    }
  });
});

describe('a page’s library from compiled entries', () => {
  it('takes the pack and matcher of an entry compiled from the stored document', () => {
    const compiled = roundTrip(compileImports(userPacksOf(stored(gulfNotes)), new Map()));
    const library = pageLibraryFrom(userPacksOf(stored(gulfNotes)), { prebuilt: prebuiltFrom(compiled) });
    expect(library.imported.map((pack) => pack.title)).toEqual(['Gulf notes']);
    expect(library.prebuiltMatchers.get('gulf-notes')).toBe(compiled.get('gulf-notes')!.matcher);
  });

  it('compiles a pack itself when the entry is of an earlier import, or missing', () => {
    const compiled = roundTrip(compileImports(userPacksOf(stored(gulfNotes)), new Map()));
    const reimported = pageLibraryFrom(userPacksOf(stored(gulfNotes, { importedAt: LATER }), stored(bigCopy)), { prebuilt: prebuiltFrom(compiled) });
    expect(reimported.imported.map((pack) => pack.id)).toEqual(['gulf-notes', 'big-copy']);
    expect(reimported.prebuiltMatchers.size).toBe(0);
  });

  it('finds exactly what a matcher compiled on the page finds', () => {
    const userPacks: UserPacks = { packs: [stored(gulfNotes), stored(bigCopy)], bundledEnabled: false };
    const compiled = roundTrip(compileImports(userPacks, new Map()));
    const fromEntries = pageLibraryFrom(userPacks, { prebuilt: prebuiltFrom(compiled) });
    const onPage = pageLibraryFrom(userPacks);
    expect(fromEntries.prebuiltMatchers.size).toBe(2);
    const aliases = bundled.entities.flatMap((entity) => entity.aliases.map((alias) => alias.text));
    const text = [
      bundled.sourceText,
      String(gulfNotes.sourceText),
      ...aliases.flatMap((alias) => [alias, alias.toLowerCase(), alias.toUpperCase(), `in ${alias} today`]),
    ].join('\n');
    const found = (library: typeof onPage, shown = library.entities) =>
      libraryMatcher(library, shown)
        .findAll(text, true)
        .map((match) => `${match.start}:${match.end}:${match.entityId}:${match.ruledOut}`);
    const expected = found(onPage);
    expect(expected.length).toBeGreaterThan(aliases.length);
    expect(found(fromEntries)).toEqual(expected);
    // Restricted to some entities (a category off), too.
    const places = (library: typeof onPage) => library.entities.filter((entity) => entity.category === 'places');
    expect(found(fromEntries, places(fromEntries))).toEqual(found(onPage, places(onPage)));
  });
});

describe('refreshCompiledImports', () => {
  it('writes the compiled packs when they change, and only then', async () => {
    memory.items.set(USER_PACKS_KEY, userPacksOf(stored(gulfNotes)));
    await refreshCompiledImports();
    expect(memory.writes).toEqual([COMPILED_PACKS_KEY]);
    expect(Object.keys((memory.items.get(COMPILED_PACKS_KEY) as CompiledImports).packs)).toEqual(['gulf-notes']);

    await refreshCompiledImports();
    expect(memory.writes).toHaveLength(1);

    memory.items.set(USER_PACKS_KEY, userPacksOf(stored(gulfNotes), stored(bigCopy)));
    await refreshCompiledImports();
    memory.items.set(USER_PACKS_KEY, userPacksOf(stored(bigCopy)));
    await refreshCompiledImports();
    expect(memory.writes).toHaveLength(3);
    expect(Object.keys((memory.items.get(COMPILED_PACKS_KEY) as CompiledImports).packs)).toEqual(['big-copy']);
  });

  it('compiles everything again for a build with another compiler', async () => {
    memory.items.set(USER_PACKS_KEY, userPacksOf(stored(gulfNotes)));
    memory.items.set(COMPILED_PACKS_KEY, { ...compileImports(userPacksOf(stored(gulfNotes)), new Map()), compiler: 'an-older-build' });
    await refreshCompiledImports();
    expect(memory.writes).toEqual([COMPILED_PACKS_KEY]);
    expect((memory.items.get(COMPILED_PACKS_KEY) as CompiledImports).compiler).toBe(compilerId);
  });

  it('runs refreshes one after another, and goes on after one fails', async () => {
    memory.items.set(USER_PACKS_KEY, userPacksOf(stored(gulfNotes)));
    const getItem = vi.spyOn(memory.storage, 'getItem').mockRejectedValueOnce(new Error('storage unavailable'));
    await Promise.all([refreshCompiledImports(), refreshCompiledImports()]);
    expect(console.warn).toHaveBeenCalledWith('Gloss: could not compile the imported packs ahead', expect.any(Error));
    expect(memory.writes).toEqual([COMPILED_PACKS_KEY]);
    getItem.mockRestore();
  });
});
