import { describe, expect, it } from 'vitest';
import { PackSearch } from '../../src/core/search';
import { loadBundledPack } from '../../scripts/pack-files';

const pack = loadBundledPack();
const search = new PackSearch(pack);

function firstFactQuote(query: string): string {
  const hit = search.search(query).find((result) => result.type === 'fact');
  return hit?.type === 'fact' ? hit.fact.quote : '';
}

describe('PackSearch over the bundled pack', () => {
  it('finds the $23 million aid from "23 million"', () => {
    expect(firstFactQuote('23 million')).toContain('$23 million');
  });

  it('finds facts from prefixes, other spellings and typos', () => {
    expect(firstFactQuote('bogdanov')).toContain('Bogdanov');
    expect(firstFactQuote('bogdan')).toContain('Bogdanov');
    expect(firstFactQuote('tartous')).toContain('Tartus');
    expect(firstFactQuote('Tartūs')).toContain('Tartus');
    expect(firstFactQuote('lavrentev')).toContain('Lavrentiev');
  });

  it('needs every word where it can ("oil gas")', () => {
    expect(firstFactQuote('oil gas')).toContain('oil and gas');
  });

  it('finds NATO and entities by name', () => {
    expect(firstFactQuote('NATO')).toContain('NATO');
    const entityHit = search.search('Khmeimim').find((result) => result.type === 'entity');
    expect(entityHit?.id).toBe('khmeimim-airbase');
  });

  it('puts the entity a query names before the facts that mention it', () => {
    const firstHit = (query: string) => {
      const [hit] = search.search(query);
      return hit ? `${hit.type}:${hit.id}` : '';
    };
    // By its name, an alias, another spelling, in any case.
    expect(firstHit('HTS')).toBe('entity:hayat-tahrir-al-sham');
    expect(firstHit('Assad')).toBe('entity:bashar-al-assad');
    expect(firstHit('Lavrentiev')).toBe('entity:alexander-lavrentiev');
    expect(firstHit('Tartus')).toBe('entity:tartus');
    expect(firstHit('tartous')).toBe('entity:tartus');
    expect(firstHit('Bogdanov')).toBe('entity:mikhail-bogdanov');
    expect(firstHit('al-Sharaa')).toBe('entity:ahmed-al-sharaa');
    expect(firstHit('Russia')).toBe('entity:russia');
    // By the start of its name, while it is being typed.
    expect(firstHit('Lavr')).toBe('entity:alexander-lavrentiev');
    // Misspelt, possessive, or by some of its name's words.
    expect(firstHit('Bogdanof')).toBe('entity:mikhail-bogdanov');
    expect(firstHit('Lavrentev')).toBe('entity:alexander-lavrentiev');
    expect(firstHit('Tartos')).toBe('entity:tartus');
    expect(firstHit("Sharaa's")).toBe('entity:ahmed-al-sharaa');
    expect(firstHit('HTS’s')).toBe('entity:hayat-tahrir-al-sham');
    expect(firstHit('Hmeimim base')).toBe('entity:khmeimim-airbase');
  });

  it('takes a word the pack has as written for that word, not for a name one letter from it', () => {
    const [fact] = pack.facts;
    const withTarsus = new PackSearch({
      entities: pack.entities,
      facts: [...pack.facts, { ...fact!, id: 'tarsus', statement: 'Tarsus is a city in Turkey.', quote: 'Tarsus', entities: ['turkey'] }],
    });
    expect(withTarsus.search('Tarsus')[0]?.id).toBe('tarsus');
    // Where the pack has no such word, it is a misspelt name.
    expect(search.search('Tarsus')[0]?.id).toBe('tartus');
  });

  it('puts an entity the query names wholly before one whose name only begins with it', () => {
    const entityIds = search
      .search('Tartus')
      .filter((hit) => hit.type === 'entity')
      .map((hit) => hit.id);
    expect(entityIds.slice(0, 2)).toEqual(['tartus', 'tartus-naval-base']);
  });

  it('does not let a one- or two-letter query put entities first for beginning their names', () => {
    // "al" is the first word of "al-Assad", "al-Sharaa"…
    for (const query of ['a', 'al']) expect(search.search(query)[0]?.type, query).toBe('fact');
  });

  it('returns nothing for an empty query or nonsense', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('zzqxv')).toEqual([]);
  });
});
