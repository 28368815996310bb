/**
 * The frame check's patterns (src/core/candidates.ts) stand in for the matcher in frames that mention
 * nothing: they must find a candidate wherever the matcher finds a mention, or a frame would go
 * without its highlights; and the common words that only look like aliases must not be candidates,
 * or every frame with text would start the whole content script.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, corpusFiles, readPageText } from '../../scripts/eval-lib';
import bundledCandidates from 'virtual:gloss-candidates';
import prebuiltMatcher from 'virtual:gloss-matcher';
import { CandidateFinder } from '../../src/core/candidates';
import { candidateData, Matcher } from '../../src/core/matcher';
import type { Alias, Entity } from '../../src/core/pack/compile';
import { pack } from '../../src/pack/bundled';
import { FIXTURES_DIR } from '../e2e/support/paths';

const matcher = new Matcher(pack.entities);
const finder = new CandidateFinder(bundledCandidates);

function alias(text: string, extra: Partial<Alias> = {}): Alias {
  return { text, case: 'proper', notBefore: [], notAfter: [], needsContext: false, needsStory: false, shortForm: false, ...extra };
}

function entity(id: string, aliases: Alias[]): Entity {
  return { id, name: id, kind: 'topic', category: 'topics', summary: 's', aliases, related: [], factIds: [] };
}

/** Each way a page may write `text`: as written, capitalised, in capitals, in lower case. */
function spellings(text: string): string[] {
  return [...new Set([text, text.charAt(0).toUpperCase() + text.slice(1), text.toUpperCase(), text.toLowerCase()])];
}

describe('candidate patterns', () => {
  it('are those of the bundled pack, as the build makes them, with the matcher\u2019s own pattern', () => {
    expect(bundledCandidates).toEqual(candidateData(pack.entities));
    expect(bundledCandidates.pattern).toBe(prebuiltMatcher.pattern);
    expect(Object.keys(bundledCandidates.oneCase)).toEqual(expect.arrayContaining(['us', 'hts']));
  });

  it('find a candidate wherever the matcher finds a mention: every alias, in every spelling, in sentences', () => {
    let mentions = 0;
    for (const { aliases } of pack.entities) {
      for (const { text } of aliases) {
        for (const spelling of spellings(text)) {
          for (const sentence of [`${spelling}`, `Reports from ${spelling}, on Tuesday.`, `(${spelling})`, `«${spelling}»: the latest`]) {
            if (matcher.findAll(sentence).length === 0) continue;
            mentions++;
            expect(finder.mayMention(sentence), sentence).toBe(true);
          }
        }
      }
    }
    // Most spellings of most aliases are mentions: the check above ran on them.
    expect(mentions).toBeGreaterThan(500);
  });

  it('find a candidate in every paragraph of the source article where the matcher finds a mention', () => {
    const paragraphs = pack.sourceText.split(/\n+/).filter((paragraph) => paragraph.trim() !== '');
    const withMentions = paragraphs.filter((paragraph) => matcher.findAll(paragraph).length > 0);
    expect(withMentions.length).toBeGreaterThan(10);
    for (const paragraph of withMentions) expect(finder.mayMention(paragraph), paragraph).toBe(true);
  });

  it.skipIf(!existsSync(CORPUS_DIR))('find a candidate in every text of every corpus page where the matcher finds a mention, and in few others', () => {
    let withMentions = 0;
    let candidatesOnly = 0;
    let texts = 0;
    for (const file of corpusFiles()) {
      for (const text of readPageText(file, 'parse5')) {
        texts++;
        const mentioned = matcher.findAll(text).length > 0;
        const candidate = finder.mayMention(text);
        if (mentioned) {
          withMentions++;
          expect(candidate, `${file}: ${text.slice(0, 80)}`).toBe(true);
        } else if (candidate) {
          candidatesOnly++;
        }
      }
    }
    expect(withMentions).toBeGreaterThan(500);
    // Candidates the matcher turns down ("turkey" in a recipe, "HTS code") are the exception.
    expect(candidatesOnly).toBeLessThan(texts / 20);
  }, 60_000);

  it('find names written with typographic apostrophes, diacritics, soft hyphens and line breaks', () => {
    for (const text of ['Hay\u2019at Tahrir al-Sham said', 'the port of Tart\u016bs', 'Khmei\u00admim Airbase', 'Alexander\n   Lavrentiev']) {
      expect(matcher.findAll(text).length, text).toBeGreaterThan(0);
      expect(finder.mayMention(text), text).toBe(true);
    }
  });

  it('take whole words only, and aliases allowed in one case only in that case', () => {
    for (const text of ['Let us know', 'contact us', 'Prussia and Belarussian', 'a trumpet solo', 'nights in hts form', 'Washingtonian']) {
      expect(finder.mayMention(text), text).toBe(false);
    }
    for (const text of ['US troops', 'the HTS', 'President Trump', 'Nato allies']) expect(finder.mayMention(text), text).toBe(true);
  });

  it('find none in the framed story of the imported-pack fixture, whose names only an imported pack has', () => {
    // tests/e2e/user-packs.test.ts: with a pack imported, frames start Gloss without this check.
    const texts = readPageText('doha-frame.html', 'parse5', path.join(FIXTURES_DIR, 'packs'));
    expect(texts.join(' ')).toContain('Doha');
    for (const text of texts) expect(finder.mayMention(text), text).toBe(false);
  });

  it('leave context words to the matcher: "HTS code" is a candidate it then rules out', () => {
    const customs = 'Look up the HTS code of the goods.';
    expect(finder.mayMention(customs)).toBe(true);
    expect(matcher.findAll(customs)).toEqual([]);
  });

  it('find nothing for a pack without aliases; check one-case aliases in their case, and word ends with shorter aliases', () => {
    expect(new CandidateFinder(candidateData([])).mayMention('Tartus')).toBe(false);
    const small = new CandidateFinder(
      candidateData([
        entity('hts', [alias('HTS', { case: 'exact' })]),
        entity('oil', [alias('oil and gas', { case: 'any' })]),
        entity('tartus', [alias('Tartus'), alias('Tartus Naval Base')]),
      ]),
    );
    expect(small.mayMention('HTS fighters')).toBe(true);
    expect(small.mayMention('hts fighters')).toBe(false);
    expect(small.mayMention('OIL AND GAS')).toBe(true);
    // The longest alias ends inside a word; the shorter one it begins with ends a word.
    expect(small.mayMention('Tartus Naval Basement')).toBe(true);
    expect(small.mayMention('Tartusian Naval Basement')).toBe(false);
    expect(small.mayMention('oil and gasoline')).toBe(false);
  });
});
