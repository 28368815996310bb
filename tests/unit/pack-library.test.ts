import { describe, expect, it } from 'vitest';
import { createLibrary, createPageLibrary, indexOfPack, namespacePack, sharedSpellings } from '../../src/core/pack/library';
import { compilePackDocument } from '../../src/core/pack/compile';
import { loadBundledPack } from '../../scripts/pack-files';

const bundled = loadBundledPack();
const imported = compilePackDocument('qatar-pack.json', {
  format: 1,
  id: 'gulf-notes',
  title: 'Gulf notes',
  version: '0.1.0',
  language: 'en',
  anchors: ['doha'],
  storyAnchors: ['emir'],
  source: { title: 'Notes on Doha' },
  sourceText: 'Doha hosts talks. The emir met envoys in Doha.',
  entities: [
    { id: 'doha', name: 'Doha', kind: 'city', summary: 'Capital of Qatar.', aliases: ['Doha'], related: ['emir'] },
    { id: 'emir', name: 'The emir', kind: 'person', summary: 'Ruler of Qatar.', aliases: [{ text: 'emir', case: 'any' }] },
  ],
  facts: [
    { id: 'talks', statement: 'Doha hosts talks.', quote: 'Doha hosts talks.', entities: ['doha'] },
    { id: 'envoys', statement: 'The emir met envoys.', quote: 'The emir met envoys in Doha.', entities: ['emir', 'doha'] },
  ],
});

describe('PackLibrary', () => {
  it('prefixes every id of an imported pack, references included', () => {
    const named = namespacePack(imported);
    expect(named.entities.map((entity) => entity.id)).toEqual(['gulf-notes--doha', 'gulf-notes--emir']);
    expect(named.entities[0]?.related).toEqual(['gulf-notes--emir']);
    expect(named.entities[0]?.factIds).toEqual(['gulf-notes--talks', 'gulf-notes--envoys']);
    expect(named.facts[1]?.entities).toEqual(['gulf-notes--emir', 'gulf-notes--doha']);
    expect(named.anchors).toEqual(['gulf-notes--doha']);
    expect(named.storyAnchors).toEqual(['gulf-notes--emir']);
  });

  it('serves the bundled pack unchanged next to imported ones, and knows where each id comes from', () => {
    const library = createLibrary(bundled, [imported]);
    expect(library.packs.map((pack) => pack.id)).toEqual([bundled.id, 'gulf-notes']);
    expect(library.entity('mikhail-bogdanov')?.name).toBe('Mikhail Bogdanov');
    expect(library.entity('gulf-notes--doha')?.name).toBe('Doha');
    expect(library.packOf('gulf-notes--envoys')?.source.title).toBe('Notes on Doha');
    expect(library.packOf('mikhail-bogdanov')?.id).toBe(bundled.id);
    expect(library.fact('gulf-notes--talks')?.quote).toBe('Doha hosts talks.');
    expect(library.entities).toHaveLength(bundled.entities.length + 2);
    expect(library.anchors).toEqual([...bundled.anchors, 'gulf-notes--doha']);
    expect(library.storyAnchors).toEqual([...bundled.storyAnchors, 'gulf-notes--emir']);
  });

  it('works without the bundled pack when the reader turned it off', () => {
    const library = createLibrary(null, [imported]);
    expect(library.entities.map((entity) => entity.id)).toEqual(['gulf-notes--doha', 'gulf-notes--emir']);
  });
});

describe('PageLibrary', () => {
  it('knows of each pack what the scan needs, and completes to the whole library with the bundled pack', () => {
    const page = createPageLibrary(indexOfPack(bundled), [imported]);
    expect(page.imported.map((pack) => pack.id)).toEqual(['gulf-notes']);
    expect(page.entities.map(({ id, category }) => ({ id, category }))).toEqual([
      ...bundled.entities.map(({ id, category }) => ({ id, category })),
      { id: 'gulf-notes--doha', category: 'places' },
      { id: 'gulf-notes--emir', category: 'people' },
    ]);
    expect(page.anchors).toEqual([...bundled.anchors, 'gulf-notes--doha']);
    expect(page.storyAnchors).toEqual([...bundled.storyAnchors, 'gulf-notes--emir']);
    const whole = page.complete(bundled);
    const expected = createLibrary(bundled, [imported]);
    expect(whole.packs).toEqual(expected.packs);
    expect(whole.entities).toEqual(expected.entities);
    expect(whole.facts).toEqual(expected.facts);
    expect(whole.packOf('gulf-notes--talks')?.source.title).toBe('Notes on Doha');
    expect(page.complete(bundled)).toBe(whole);
  });

  it('leaves the bundled pack out of both when the reader turned it off', () => {
    const page = createPageLibrary(null, [imported]);
    expect(page.bundled).toBeNull();
    expect(page.entities.map((entity) => entity.id)).toEqual(['gulf-notes--doha', 'gulf-notes--emir']);
    expect(page.complete(bundled).packs.map((pack) => pack.id)).toEqual(['gulf-notes']);
  });

  it('carries a small part of the bundled pack', () => {
    expect(JSON.stringify(indexOfPack(bundled)).length).toBeLessThan(JSON.stringify(bundled).length / 10);
  });
});

describe('sharedSpellings', () => {
  it('lists the spellings an imported pack shares with another, letter case and hyphens aside, once each', () => {
    const sharing = compilePackDocument('sharing.json', {
      format: 1,
      id: 'sharing',
      title: 'Sharing',
      version: '1.0.0',
      language: 'en',
      anchors: [],
      source: { title: 'Notes' },
      sourceText: 'The port of TARTUS and Hayat Tahrir al Sham.',
      entities: [
        { id: 'port', name: 'Port', kind: 'city', summary: 'A port.', aliases: ['Tartus', 'TARTUS', 'Tartus docks'] },
        { id: 'hts', name: 'HTS', kind: 'armed-group', summary: 'A group.', aliases: ['Hayat Tahrir al Sham'] },
      ],
      facts: [{ id: 'f', statement: 'S.', quote: 'The port of TARTUS and Hayat Tahrir al Sham.', entities: ['port', 'hts'] }],
    });
    expect(sharedSpellings(sharing, bundled)).toEqual(['Tartus', 'Hayat Tahrir al Sham']);
    expect(sharedSpellings(imported, bundled)).toEqual([]);
  });
});
