import { describe, expect, it } from 'vitest';
import { foldText, originalRange } from '../../src/core/text/fold';

describe('foldText', () => {
  it('leaves ASCII alone and shares offsets', () => {
    expect(foldText('Tartus port')).toEqual({ text: 'Tartus port', origins: null });
  });

  it('removes diacritics and maps offsets back', () => {
    const original = 'in Tartūs, Lattaquié';
    const folded = foldText(original);
    expect(folded.text).toBe('in Tartus, Lattaquie');
    const start = folded.text.indexOf('Lattaquie');
    const [s, e] = originalRange(folded, original, start, start + 'Lattaquie'.length);
    expect(original.slice(s, e)).toBe('Lattaquié');
  });

  it('keeps decomposed combining marks inside the match', () => {
    const original = 'Tartu\u0304s base';
    const folded = foldText(original);
    expect(folded.text).toBe('Tartus base');
    const [s, e] = originalRange(folded, original, 0, 6);
    expect(original.slice(s, e)).toBe('Tartu\u0304s');
  });

  it('makes apostrophes and hyphens plain and drops invisible characters', () => {
    expect(foldText('Hay’at Tahrir al‑Sham').text).toBe("Hay'at Tahrir al-Sham");
    expect(foldText('Tar\u00ADtus\u200B').text).toBe('Tartus');
    expect(foldText('al\u00A0Assad').text).toBe('al Assad');
  });

  it('maps astral characters to both of their units', () => {
    const original = '😀 Qatar';
    const folded = foldText(original);
    expect(folded.text).toBe(original);
  });
});
