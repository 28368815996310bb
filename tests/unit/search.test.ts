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

  it('returns nothing for an empty query or nonsense', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('zzqxv')).toEqual([]);
  });
});
