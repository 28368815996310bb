/**
 * The matcher runs one lower-case pattern and checks each alias's letter case on its matches. This
 * compares it with the plain way to write the same rules: one pattern that spells out every case an
 * alias allows ("Tartus", "TARTUS", "[oO][iI][lL]…"), longest alternative first. Both must find the
 * same mentions, at the same places, for the same entities: on every alias of the bundled pack
 * written in many cases and next to other aliases, and on the text of every corpus page.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../scripts/pack-files';
import { CORPUS_DIR, corpusFiles, readPageText } from '../../scripts/eval-lib';
import type { Entity } from '../../src/core/pack/compile';
import { aliasKey, lowerCaseSameLength, Matcher } from '../../src/core/matcher';
import { foldString, foldText, originalRange } from '../../src/core/text/fold';

type Found = [start: number, end: number, entityId: string];

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The matcher as one pattern spelling out every allowed case: the reference. */
function spelledOutMatcher(entities: readonly Entity[]): (text: string) => Found[] {
  const entityOf = new Map<string, string>();
  const alternatives: { pattern: string; length: number }[] = [];
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      const folded = foldString(alias.text);
      if (!entityOf.has(aliasKey(alias.text))) entityOf.set(aliasKey(alias.text), entity.id);
      const everyWordCapitalised = folded.replace(/(^|[\s-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
      const variants =
        alias.case === 'proper' ? [folded, folded.charAt(0).toUpperCase() + folded.slice(1), everyWordCapitalised, folded.toUpperCase()] : [folded];
      for (const variant of variants) {
        let pattern = '';
        for (const char of variant) {
          if (/\s/u.test(char)) pattern += '\\s+';
          else if (char === '-') pattern += '[-\\s]';
          else if (alias.case === 'any' && char.toLowerCase() !== char.toUpperCase()) {
            pattern += `[${escapeRegExp(char.toLowerCase())}${escapeRegExp(char.toUpperCase())}]`;
          } else pattern += escapeRegExp(char);
        }
        alternatives.push({ pattern, length: variant.length });
      }
    }
  }
  alternatives.sort((a, b) => b.length - a.length);
  const regex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.map((a) => a.pattern).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return (text) => {
    const folded = foldText(text);
    const found: Found[] = [];
    for (const match of folded.text.matchAll(regex)) {
      const entityId = entityOf.get(match[0].toLowerCase().replace(/[\s-]+/gu, ' '));
      if (!entityId) continue;
      const [start, end] = originalRange(folded, text, match.index, match.index + match[0].length);
      found.push([start, end, entityId]);
    }
    return found;
  };
}

const entities = loadBundledPack().entities;
const matcher = new Matcher(entities);
const reference = spelledOutMatcher(entities);

/**
 * Our mentions, ruled-out ones included. The reference knows no context words: the mentions found
 * inside a phrase they rule out (see Matcher.findAll) are left out, as the reference goes on after it.
 */
function ours(text: string): Found[] {
  let ruledOutEnd = -1;
  const found: Found[] = [];
  for (const match of matcher.findAll(text, true)) {
    if (match.start < ruledOutEnd) continue;
    if (match.ruledOut) ruledOutEnd = match.end;
    found.push([match.start, match.end, match.entityId]);
  }
  return found;
}

function titleCase(value: string): string {
  return value.replace(/(^|[\s-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

describe('lower-case pattern with case checks', () => {
  it('finds what a pattern spelling out every case finds, for every alias in many cases', () => {
    const aliases = entities.flatMap((entity) => entity.aliases.map((alias) => alias.text));
    const texts: string[] = [];
    for (const alias of aliases) {
      const writings = [alias, alias.toLowerCase(), alias.toUpperCase(), titleCase(alias), titleCase(alias.toLowerCase())];
      writings.push(alias.charAt(0).toLowerCase() + alias.slice(1), alias.replace(/ /g, '  '), alias.replace(/-/g, ' '));
      for (const writing of writings) texts.push(`At ${writing} today`, `${writing}: Naval Base, ${writing} Province`);
    }
    // Neighbouring aliases, so that longer and shorter spellings compete at one place.
    for (let index = 0; index + 1 < aliases.length; index++) texts.push(`${aliases[index]} ${aliases[index + 1]}`);
    let compared = 0;
    for (const text of texts) {
      expect(ours(text), text).toEqual(reference(text));
      compared += reference(text).length;
    }
    expect(compared).toBeGreaterThan(aliases.length * 10);
  });

  it.skipIf(!existsSync(CORPUS_DIR))('finds what a pattern spelling out every case finds, on every corpus page', () => {
    let compared = 0;
    for (const file of corpusFiles()) {
      for (const text of readPageText(file, 'parse5')) {
        const expected = reference(text);
        expect(ours(text), `${file}: ${text.slice(0, 80)}`).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  }, 60_000);
});

describe('lowerCaseSameLength', () => {
  it('keeps every length once text is folded, so offsets stay shared', () => {
    const changed: string[] = [];
    for (let codePoint = 0; codePoint <= 0x1ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const folded = foldString(String.fromCodePoint(codePoint));
      if (folded.toLowerCase().length !== folded.length) changed.push(codePoint.toString(16));
    }
    expect(changed).toEqual([]);
  });

  it('keeps a character as is when lower-casing would lengthen it', () => {
    expect('İ'.toLowerCase()).toHaveLength(2);
    expect(lowerCaseSameLength('İstanbul TARTUS')).toBe('İstanbul tartus');
  });
});
