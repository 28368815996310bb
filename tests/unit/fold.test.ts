import { describe, expect, it } from 'vitest';
import { foldChar, foldText, originalRange } from '../../src/core/text/fold';

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

  it('folds every character as folding it alone would, whichever path a text takes', () => {
    // Texts that need no folding skip the per-character loop; this compares both for every BMP
    // character, alone and next to a character that forces the slow path.
    const differing: string[] = [];
    for (let codePoint = 0x80; codePoint <= 0xffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCharCode(codePoint);
      const expected = codePoint < 0x80 ? char : foldChar(char);
      if (foldText(`a${char}`).text !== `a${expected}` || foldText(`é${char}`).text !== `e${expected}`) differing.push(codePoint.toString(16));
    }
    expect(differing).toEqual([]);
  });

  it('keeps offsets shared when folding keeps every character’s length', () => {
    expect(foldText('روسيا و سوريا').origins).toBeNull();
    expect(foldText('俄罗斯 叙利亚').origins).toBeNull();
    expect(foldText('Hay’at Tartūs')).toEqual({ text: "Hay'at Tartus", origins: null });
    // Folds that change the length (a dropped soft hyphen, a combining mark) need offsets mapped.
    expect(foldText('Tar\u00ADtūs').origins).not.toBeNull();
    expect(foldText('Tartu\u0304s').origins).not.toBeNull();
  });
});
