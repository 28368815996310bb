/**
 * Smoke tests on real third-party pages from ../shared/corpus/pages: a few relevant pages, the
 * false-friend traps, a non-UTF-8 page and a large one. Each must finish its scan quickly and the
 * page must stay where it is. Page scripts are off (CSP `script-src 'none'` from the server, plus
 * blocked script requests); the content script still runs.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageState } from '../../src/messaging/protocol';
import { CORPUS_DIR } from './support/paths';
import { NO_SCRIPTS_CSP } from './support/server';
import { marksOn, startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

interface CorpusCase {
  file: string;
  what: string;
  /** Time allowed from navigation to the end of the first scan. */
  budgetMs?: number;
  check(page: Page, state: PageState): Promise<void>;
}

const hasEntity = (state: PageState, id: string) => state.entities.some((entry) => entry.entityId === id);

const CASES: CorpusCase[] = [
  {
    file: '03-nd-russia-brittle-pillars-hmeimim.html',
    what: 'marks the spelling “Hmeimim” as Khmeimim Airbase',
    async check(page, state) {
      const hmeimim = (await marksOn(page)).filter((mark) => /Hmeimim/.test(mark.text));
      expect(hmeimim.length).toBeGreaterThan(0);
      expect(new Set(hmeimim.map((mark) => mark.entity))).toEqual(new Set(['khmeimim-airbase']));
      expect(hasEntity(state, 'khmeimim-airbase')).toBe(true);
    },
  },
  {
    file: '04-nd-turkey-idlib-hts.html',
    what: 'marks the acronym HTS as Hayat Tahrir al-Sham',
    async check(page) {
      const hts = (await marksOn(page)).filter((mark) => /^HTS/.test(mark.text));
      expect(hts.length).toBeGreaterThan(0);
      expect(new Set(hts.map((mark) => mark.entity))).toEqual(new Set(['hayat-tahrir-al-sham']));
    },
  },
  {
    file: '06-nd-us-special-ops-bogdanov.html',
    what: 'marks the Russian deputy foreign minister Bogdanov',
    async check(page) {
      const marks = (await marksOn(page)).filter((mark) => /Bogdanov/.test(mark.text));
      expect(marks.map((mark) => mark.entity)).toContain('mikhail-bogdanov');
    },
  },
  {
    file: '17-trap-ntv-bogdanovic-basketball-de.html',
    what: 'does not take the basketball player Bogdanovic for Bogdanov',
    async check(page, state) {
      const marks = await marksOn(page);
      expect(marks.filter((mark) => /Bogdanov/i.test(mark.text))).toEqual([]);
      expect(marks.filter((mark) => mark.entity === 'mikhail-bogdanov')).toEqual([]);
      expect(hasEntity(state, 'mikhail-bogdanov')).toBe(false);
    },
  },
  {
    file: '18-trap-turkey-farm-drought.html',
    what: 'does not mark the bird in “turkey farm”',
    async check(page) {
      const marks = await marksOn(page);
      expect(marks.filter((mark) => /turkey/i.test(mark.text))).toEqual([]);
    },
  },
  {
    file: '19-trap-country-selector-interior.html',
    what: 'marks nothing inside <select>/<option> country lists',
    async check(page) {
      expect(await page.locator('select mark, option mark, select .gloss-mark').count()).toBe(0);
      const optionTextsIntact = await page.evaluate(() =>
        Array.from(document.querySelectorAll('option')).every((option) => option.children.length === 0),
      );
      expect(optionTextsIntact).toBe(true);
      const countries = (await marksOn(page)).filter((mark) =>
        /^(Turkey|Qatar|Saudi Arabia|Libya|Ukraine)$/.test(mark.text),
      );
      expect(countries).toEqual([]);
    },
  },
  {
    file: '22-arabic-newspapers-cp1256.html',
    what: 'reads the windows-1256 page in its own encoding',
    async check(page) {
      expect(await page.evaluate(() => document.characterSet.toLowerCase())).toBe('windows-1256');
      expect(await page.evaluate(() => document.body.innerText)).toContain('ليبيا');
    },
  },
  {
    file: '27-large-sqlite-select-svg.html',
    what: 'scans a 2 MB page with 139 inline SVG diagrams, leaving the SVG alone',
    budgetMs: 20_000,
    async check(page) {
      expect(await page.locator('svg mark').count()).toBe(0);
    },
  },
];

let session: GlossSession;

beforeAll(async () => {
  if (!existsSync(CORPUS_DIR)) {
    throw new Error(
      `The page corpus is missing: ${CORPUS_DIR}. Check out the shared corpus beside this repository ` +
        '(../shared/corpus/pages) or set GLOSS_CORPUS_DIR.',
    );
  }
  session = await startSession({ settings: { highlightEngine: 'mark' } });
});

afterAll(async () => {
  await session?.close();
});

describe('corpus pages', () => {
  for (const testCase of CASES) {
    it(`${testCase.file}: ${testCase.what}`, async () => {
      expect(existsSync(path.join(CORPUS_DIR, testCase.file)), `${testCase.file} is in the corpus`).toBe(true);
      const budget = testCase.budgetMs ?? 10_000;
      const page = await session.context.newPage();
      try {
        const navigations: string[] = [];
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame()) navigations.push(frame.url());
        });
        const url = session.server.corpusUrl(testCase.file);
        const started = Date.now();
        const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
        expect(response?.headers()['content-security-policy']).toBe(NO_SCRIPTS_CSP);
        const tabId = await tabIdOf(session.serviceWorker, page);
        const state = await waitForScan(session.serviceWorker, tabId, budget);
        const elapsed = Date.now() - started;
        expect(elapsed, `first scan took ${elapsed} ms`).toBeLessThan(budget);
        expect(state.status).toBe('on');

        await testCase.check(page, state);

        expect(page.url()).toBe(url);
        expect(navigations).toEqual([url]);
      } finally {
        await page.close();
      }
    });
  }
});
