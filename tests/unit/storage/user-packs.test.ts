/**
 * Imported packs in storage: repairing whatever is stored, and the library built from it (bundled
 * pack switched off, a stored document that no longer compiles skipped but kept).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { compilePackDocument } from '@/src/core/pack/compile';
import { pack as bundled } from '@/src/pack/bundled';
import {
  compileStoredPacks,
  libraryFrom,
  DEFAULT_USER_PACKS,
  loadUserPacks,
  readUserPacks,
  updateUserPacks,
  USER_PACKS_KEY,
  watchUserPacks,
  withBundledEnabled,
  withImportedPack,
  withoutPack,
  withPackEnabled,
  type UserPacks,
} from '@/src/storage/user-packs';
import { peek, seed } from './support';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'packs');
const gulfNotes = JSON.parse(readFileSync(join(FIXTURES, 'gulf-notes.json'), 'utf8')) as Record<string, unknown>;
const IMPORTED_AT = '2025-11-25T10:00:00.000Z';

function stored(document: unknown, enabled = true) {
  return { document, enabled, importedAt: IMPORTED_AT };
}

async function store(value: unknown): Promise<void> {
  await seed(USER_PACKS_KEY, value);
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('readUserPacks', () => {
  it('gives the bundled pack alone for a fresh install', () => {
    expect(readUserPacks(undefined)).toEqual({ userPacks: DEFAULT_USER_PACKS, repairs: [] });
    expect(readUserPacks(null).userPacks).toEqual({ packs: [], bundledEnabled: true });
  });

  it('keeps a well-formed value as it is', () => {
    const value: UserPacks = { packs: [stored(gulfNotes, false)], bundledEnabled: false };
    expect(readUserPacks(structuredClone(value))).toEqual({ userPacks: value, repairs: [] });
  });

  it.each([['a string'], [42], [[1, 2]], [true]])('replaces a stored %j that is not an object', (value) => {
    const { userPacks, repairs } = readUserPacks(value);
    expect(userPacks).toEqual(DEFAULT_USER_PACKS);
    expect(repairs).toHaveLength(1);
  });

  it('repairs each part on its own and keeps every pack it can', () => {
    const { userPacks, repairs } = readUserPacks({
      bundledEnabled: 'no',
      packs: [
        { document: gulfNotes, enabled: 'yes', importedAt: 'last week' },
        'not a pack',
        { enabled: true },
        { document: { title: 'no id' }, enabled: true, importedAt: IMPORTED_AT },
        { document: { ...gulfNotes, title: 'Same id again' }, enabled: false, importedAt: IMPORTED_AT },
        { document: { id: 'future-pack', format: 2, shape: 'unknown' }, enabled: false, importedAt: IMPORTED_AT },
      ],
    });
    expect(userPacks.bundledEnabled).toBe(true);
    expect(userPacks.packs).toEqual([
      { document: gulfNotes, enabled: true, importedAt: '' },
      // A document this version cannot compile is still a stored pack: kept, with all its fields.
      { document: { id: 'future-pack', format: 2, shape: 'unknown' }, enabled: false, importedAt: IMPORTED_AT },
    ]);
    expect(repairs).toEqual([
      '"bundledEnabled" was not true or false; the bundled pack is on',
      'packs[0].enabled was invalid; the pack is on',
      'packs[0].importedAt was invalid; cleared',
      'packs[1] is not a stored pack (a document with an id); dropped',
      'packs[2] is not a stored pack (a document with an id); dropped',
      'packs[3] is not a stored pack (a document with an id); dropped',
      'packs[4] repeats the pack id "gulf-notes"; dropped',
    ]);
  });

  it('empties a pack list that is not a list', () => {
    const { userPacks, repairs } = readUserPacks({ packs: { 0: gulfNotes }, bundledEnabled: false });
    expect(userPacks).toEqual({ packs: [], bundledEnabled: false });
    expect(repairs).toEqual(['"packs" was not a list; emptied']);
  });
});

describe('changes', () => {
  const base: UserPacks = { packs: [stored(gulfNotes)], bundledEnabled: true };

  it('adds an imported pack, or replaces the one with its id in place, keeping its switch', () => {
    const other = { ...gulfNotes, id: 'other-notes' };
    const added = withImportedPack(base, other, IMPORTED_AT);
    expect(added.replaced).toBeUndefined();
    expect(added.userPacks.packs.map((entry) => (entry.document as { id: string }).id)).toEqual(['gulf-notes', 'other-notes']);

    const off = withPackEnabled(added.userPacks, 'gulf-notes', false);
    const newer = { ...gulfNotes, version: '0.2.0' };
    const updated = withImportedPack(off, newer, '2025-12-01T00:00:00.000Z');
    expect(updated.replaced?.document).toBe(gulfNotes);
    expect(updated.userPacks.packs[0]).toEqual({ document: newer, enabled: false, importedAt: '2025-12-01T00:00:00.000Z' });
    expect(updated.userPacks.packs).toHaveLength(2);
  });

  it('switches packs and removes them by id', () => {
    expect(withPackEnabled(base, 'gulf-notes', false).packs[0]?.enabled).toBe(false);
    expect(withBundledEnabled(base, false).bundledEnabled).toBe(false);
    expect(withoutPack(base, 'gulf-notes').packs).toEqual([]);
    expect(withoutPack(base, 'unknown').packs).toHaveLength(1);
  });
});

describe('compileStoredPacks', () => {
  it('compiles what it can and gives the problems of the rest', () => {
    const statuses = compileStoredPacks({
      bundledEnabled: true,
      packs: [stored(gulfNotes), stored({ ...gulfNotes, id: 'gulf-notes-v2', format: 2 }), stored({ ...gulfNotes, id: bundled.id })],
    });
    expect(statuses.map((status) => status.ok)).toEqual([true, false, false]);
    const [ok, future, clash] = statuses;
    if (!ok?.ok || future?.ok !== false || clash?.ok !== false) throw new Error('unexpected statuses');
    expect(ok.pack.title).toBe('Gulf notes');
    expect(future.problems).toEqual([expect.objectContaining({ file: 'gulf-notes-v2-0.1.0.json', path: 'format' })]);
    expect(clash.problems[0]?.message).toContain('built-in pack');
  });
});

describe('the library of stored packs', () => {
  it('is the bundled pack alone when nothing is stored', async () => {
    const library = libraryFrom(await loadUserPacks(), bundled);
    expect(library.packs.map((pack) => pack.id)).toEqual([bundled.id]);
    expect(library.entities).toHaveLength(bundled.entities.length);
  });

  it('adds enabled imported packs with namespaced ids, and leaves disabled ones out', async () => {
    await store({ packs: [stored(gulfNotes), stored({ ...gulfNotes, id: 'switched-off' }, false)], bundledEnabled: true });
    const library = libraryFrom(await loadUserPacks(), bundled);
    expect(library.packs.map((pack) => pack.id)).toEqual([bundled.id, 'gulf-notes']);
    expect(library.entity('gulf-notes--doha')?.name).toBe('Doha');
    expect(library.packOf('gulf-notes--doha-capital')?.source.title).toBe('Notes on Doha and the Gulf Cooperation Council');
    expect(library.entity('switched-off--doha')).toBeUndefined();
  });

  it('leaves the bundled pack out when it is switched off', async () => {
    await store({ packs: [stored(gulfNotes)], bundledEnabled: false });
    const library = libraryFrom(await loadUserPacks(), bundled);
    expect(library.packs.map((pack) => pack.id)).toEqual(['gulf-notes']);
    expect(library.entities.map((entity) => entity.id)).toEqual(['gulf-notes--doha', 'gulf-notes--gulf-cooperation-council', 'gulf-notes--riyadh']);
    expect(library.entity(bundled.entities[0]?.id ?? '')).toBeUndefined();
  });

  it('skips a stored document that no longer compiles, with a warning, and keeps it in storage', async () => {
    const broken = { ...gulfNotes, id: 'old-format', facts: [{ id: 'x', statement: 'S.', quote: 'Not in the text.', entities: ['doha'] }] };
    await store({ packs: [stored(broken), stored(gulfNotes)], bundledEnabled: true });
    const library = libraryFrom(await loadUserPacks(), bundled);
    expect(library.packs.map((pack) => pack.id)).toEqual([bundled.id, 'gulf-notes']);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('"old-format" cannot be used'), expect.stringContaining('[0].quote'));
    expect((await loadUserPacks()).packs.map((entry) => (entry.document as { id: string }).id)).toEqual(['old-format', 'gulf-notes']);
  });

  it('repairs malformed storage without throwing', async () => {
    await store('garbage');
    await expect(loadUserPacks().then((userPacks) => libraryFrom(userPacks, bundled))).resolves.toMatchObject({ packs: [expect.objectContaining({ id: bundled.id })] });
    await store({ packs: [null, stored(gulfNotes)], bundledEnabled: 0 });
    const library = libraryFrom(await loadUserPacks(), bundled);
    expect(library.packs.map((pack) => pack.id)).toEqual([bundled.id, 'gulf-notes']);
    expect(console.warn).toHaveBeenCalledWith('Gloss: stored user packs repaired:', expect.stringContaining('packs[0]'));
  });

  it('writes changes and tells watchers, repaired', async () => {
    const seen: UserPacks[] = [];
    const unwatch = watchUserPacks((value) => seen.push(value));
    await updateUserPacks((current) => withImportedPack(current, gulfNotes, IMPORTED_AT).userPacks);
    await updateUserPacks((current) => withBundledEnabled(current, false));
    unwatch();
    expect(seen.map((value) => [value.bundledEnabled, value.packs.length])).toEqual([
      [true, 1],
      [false, 1],
    ]);
    const compiled = compilePackDocument('gulf-notes.json', gulfNotes);
    expect((libraryFrom(await loadUserPacks(), bundled)).facts).toHaveLength(compiled.facts.length);
  });
});

describe('updateUserPacks', () => {
  it('loses no change when several are made at once', async () => {
    await store({ packs: [stored({ id: 'a' }), stored({ id: 'b' })], bundledEnabled: true });
    // What the options page does for clicks made before the first write lands: pack a off, the bundled pack off, an import.
    await Promise.all([
      updateUserPacks((current) => withPackEnabled(current, 'a', false)),
      updateUserPacks((current) => withBundledEnabled(current, false)),
      updateUserPacks((current) => withImportedPack(current, gulfNotes, IMPORTED_AT).userPacks),
    ]);
    const after = await loadUserPacks();
    expect(after).toEqual({ packs: [stored({ id: 'a' }, false), stored({ id: 'b' }), stored(gulfNotes)], bundledEnabled: false });
    expect(await peek(USER_PACKS_KEY)).toEqual(after);
  });

  it('goes on after a change that fails', async () => {
    const failed = updateUserPacks(() => {
      throw new Error('a broken change');
    });
    const next = updateUserPacks((current) => withBundledEnabled(current, false));
    await expect(failed).rejects.toThrow('a broken change');
    expect((await next).bundledEnabled).toBe(false);
    expect(await peek(USER_PACKS_KEY)).toEqual({ packs: [], bundledEnabled: false });
  });
});
