/**
 * Precision and recall of the bundled pack on the shared page corpus (../shared/corpus/pages,
 * GLOSS_CORPUS_DIR overrides it), against the gold annotations in tests/data/corpus-gold.json: the
 * same evaluation as `npm run eval`. Fails when overall precision or recall falls below the figures
 * committed in tests/data/eval-baseline.json, or when a false-friend page gets the match it is
 * there to catch. Pages of 1 MB or more are read with parse5 instead of jsdom to keep the run short;
 * `npm run eval` checks that both read the same text on every page. Skipped without the corpus.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledPack } from '../../scripts/pack-files';
import {
  BASELINE_FILE,
  CORPUS_DIR,
  LARGE_PAGE_BYTES,
  corpusFiles,
  decodeHtml,
  evaluate,
  readPageText,
  withPageDom,
  type EvalResult,
  type ExtractMode,
  type PageResult,
} from '../../scripts/eval-lib';

interface Baseline {
  overall: { precision: number; recall: number };
}

const hasCorpus = corpusFiles().length > 0;
const round = (value: number) => Math.round(value * 10_000) / 10_000;

describe.skipIf(!hasCorpus)('precision and recall on the page corpus', () => {
  const cache = new Map<string, { nodes: string[]; mode: ExtractMode; ms: number }>();
  let result: EvalResult;

  beforeAll(() => {
    result = evaluate({
      pack: loadBundledPack(),
      mode: (_file, bytes) => (bytes >= LARGE_PAGE_BYTES ? 'parse5' : 'jsdom'),
      cache,
    });
  }, 60_000);

  const page = (prefix: string): PageResult => {
    const found = result.pages.find((candidate) => candidate.page.startsWith(prefix));
    if (!found) throw new Error(`no corpus page ${prefix}`);
    return found;
  };

  it('has gold for every corpus page, and the gold fits the pages', () => {
    expect(result.missing).toEqual([]);
    expect(result.goldErrors).toEqual([]);
    expect(result.pages.length).toBe(corpusFiles().length);
  });

  it('keeps overall precision and recall at or above the committed baseline', () => {
    const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;
    const { overall } = result;
    const falsePositives = result.falsePositives.map((fp) => `${fp.page.slice(0, 2)} ${fp.entityId} …${fp.context}…`).join('\n');
    const falseNegatives = result.falseNegatives.map((fn) => `${fn.page.slice(0, 2)} ${fn.entityId} …${fn.context}…`).join('\n');
    expect(round(overall.precision), `precision fell; false positives:\n${falsePositives}`).toBeGreaterThanOrEqual(baseline.overall.precision);
    expect(round(overall.recall), `recall fell; false negatives:\n${falseNegatives}`).toBeGreaterThanOrEqual(baseline.overall.recall);
  });

  it('does not take the computer scientist in "Bogdanov-Rosen \'17" for Mikhail Bogdanov', () => {
    const matches = page('16-').matches;
    expect(matches.filter((match) => match.entityId === 'mikhail-bogdanov' || /bogdanov/i.test(match.text))).toEqual([]);
  });

  it('does not take the bird in "turkey farm" for Turkey', () => {
    const matches = page('18-').matches;
    expect(matches.filter((match) => match.entityId === 'turkey' || /turkey/i.test(match.text))).toEqual([]);
  });

  it('finds nothing inside <select>/<option> country lists', () => {
    const file = page('19-').page;
    const { html } = decodeHtml(readFileSync(path.join(CORPUS_DIR, file)));
    withPageDom(html, (document, textNodes) => {
      // The trap is real: the country names are there, in options.
      const options = [...document.querySelectorAll('option')].map((option) => option.textContent ?? '');
      expect(options).toContain('Turkey');
      expect(options).toContain('Saudi Arabia');
      expect(textNodes.filter((node) => node.parentElement?.closest('select, option, optgroup'))).toEqual([]);
    });
    const countries = ['turkey', 'qatar', 'saudi-arabia', 'libya', 'ukraine', 'syria', 'russia'];
    expect(page('19-').matches.filter((match) => countries.includes(match.entityId))).toEqual([]);
  });

  it('does not take the Mediterranean diet for the Mediterranean Sea', () => {
    expect(page('20-').matches.filter((match) => match.entityId === 'mediterranean-sea')).toEqual([]);
  });

  it('reads with parse5 the same text nodes as jsdom on pages with forms, inline SVG and code', () => {
    for (const prefix of ['11-', '19-', '22-', '32-']) {
      const file = page(prefix).page;
      const cached = cache.get(file);
      expect(cached?.mode).toBe('jsdom');
      expect(readPageText(file, 'parse5')).toEqual(cached?.nodes);
    }
  });
});
