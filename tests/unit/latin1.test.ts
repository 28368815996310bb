import { describe, expect, it } from 'vitest';
import prebuiltMatcher from 'virtual:gloss-matcher';
import bundledCandidates from 'virtual:gloss-candidates';
import { latin1Subject, patternIsLatin1 } from '../../src/core/text/latin1';

describe('latin1Subject', () => {
  it('returns a text whose original is all Latin-1 as it is', () => {
    const text = 'tartus, lattaquié — no: “latakia”'.replace(/[^\x00-\xff]/g, ' ');
    expect(latin1Subject(text, text)).toBe(text);
  });

  it('keeps every Latin-1 character and the length, and replaces the others by a space or ¤', () => {
    const original = 'A “Tartus” –\u2028Naval\u3000Base \u{1F600} ٣ Тартус é';
    const lowered = original.toLowerCase();
    const subject = latin1Subject(lowered, original);
    expect(subject).toHaveLength(lowered.length);
    expect(subject).toBe('a ¤tartus¤ ¤ naval base ¤¤ ¤ ¤¤¤¤¤¤ é');
    expect([...subject].every((char) => char.charCodeAt(0) <= 0xff)).toBe(true);
  });

  it('keeps a long text whole', () => {
    const original = 'Tartus “port” '.repeat(3000);
    const subject = latin1Subject(original, original);
    expect(subject).toHaveLength(original.length);
    expect(subject).toBe(original.replace(/[“”]/g, '¤'));
  });
});

describe('patternIsLatin1', () => {
  it('holds for the bundled pack’s patterns, which then only meet one-byte strings on pages', () => {
    expect(patternIsLatin1(prebuiltMatcher.pattern!)).toBe(true);
    expect(patternIsLatin1(bundledCandidates.pattern!)).toBe(true);
  });

  it('fails for a pattern with a character beyond Latin-1 or with the stand-in', () => {
    expect(patternIsLatin1('tartus|тартус')).toBe(false);
    expect(patternIsLatin1('tartus|a¤b')).toBe(false);
    expect(patternIsLatin1('tartus|lattaquie|t\\s+naval')).toBe(true);
  });
});
