/**
 * Gloss never breaks a page, 1: apps that re-render highlighted text. A Preact app (Preact from
 * node_modules), the same app in React 19 (bundled from node_modules with esbuild by the support
 * code) and a hand-written "framework" that keeps references to its text nodes and updates,
 * moves and removes them later (React's commit phase works this way). Each is clicked through the
 * same steps with and without Gloss; with the default engine (CSS Custom Highlight API) the DOM must
 * be identical, highlights must follow the re-renders and the card must open. The mark.js fallback
 * engine wraps text in <mark> elements, the documented way to break such apps: those tests record
 * the breakage (`it.fails`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { seedSettings } from '../support/helpers';
import {
  clickInBoth,
  extraProblems,
  glossHighlights,
  highlightedTermsIn,
  hoverForCard,
  openBoth,
  serializeDom,
  sleep,
  termsIn,
  textsById,
  useBrowsers,
  type ProblemLog,
} from './support';

interface App {
  name: string;
  file: string;
  /** Elements whose highlighted terms are checked after the clicks. */
  ids: string[];
  clicks: string[];
  /** A term in a re-rendered element, and the card it opens, after the clicks. */
  hover: { selector: string; needle: string; card: string };
  /** Whether the app still breaks with the mark.js engine (recorded with it.fails). */
  markEngineBreaks: boolean;
}

/** The Preact and React fixtures render one shared app module: the same elements and buttons. */
const SHARED_APP = {
  ids: ['counter', 'status', 'base-tartus', 'base-khmeimim', 'base-latakia', 'summary'],
  // Three visits (the status sentence flips each time), the list rotated twice, the envoy paragraph removed and re-added.
  clicks: ['#add-visit', '#rotate', '#toggle-envoy', '#add-visit', '#rotate', '#toggle-envoy', '#add-visit'],
  hover: { selector: '#status', needle: 'Khmeimim Airbase', card: 'Khmeimim Airbase' },
};

const APPS: App[] = [
  { name: 'Preact app', markEngineBreaks: false, file: 'preact-app.html', ...SHARED_APP },
  { name: 'React app', markEngineBreaks: false, file: 'react-app.html', ...SHARED_APP },
  {
    name: 'framework-like app (kept text-node references)',
    // Known issue: with <mark> wrapping this app still shows stale text after re-renders and throws
    // on insertBefore/removeChild once Gloss is switched off. The mark engine now gives split nodes
    // their text back and drops what it made from rewritten, moved or removed nodes (the Preact app
    // passes); this app's reordering of held nodes is not followed yet. The default engine is safe.
    markEngineBreaks: true,
    file: 'textref-app.html',
    ids: ['headline', 'item-0', 'item-1', 'item-2', 'byline'],
    clicks: ['#next', '#swap', '#drop', '#next', '#drop', '#swap'],
    hover: { selector: '#headline', needle: 'Latakia', card: 'Latakia' },
  },
];

const browsers = useBrowsers();

interface Run {
  withGloss: { page: Page; problems: ProblemLog };
  without: { page: Page; problems: ProblemLog };
}

/** Opens the app in both browsers and clicks through its steps. */
async function runApp(app: App): Promise<Run> {
  const [withGloss, without] = await openBoth(browsers, app.file);
  // The mark engine needs its marks in place before the app re-renders, as on a real page.
  await sleep(300);
  await clickInBoth([withGloss.page, without.page], app.clicks);
  return { withGloss, without };
}

async function closeRun(run: Run): Promise<void> {
  await Promise.all([run.withGloss.problems.detach(), run.without.problems.detach()]);
  await Promise.all([run.withGloss.page.close(), run.without.page.close()]);
}

async function appText(page: Page): Promise<string> {
  return page.evaluate(() => document.getElementById('app')?.innerText ?? '');
}

describe('apps that re-render highlighted text, default engine', () => {
  for (const app of APPS) {
    describe(app.name, () => {
      let run: Run;

      beforeAll(async () => {
        run = await runApp(app);
      });

      afterAll(async () => {
        if (run) await closeRun(run);
      });

      it('ends with exactly the DOM it has without Gloss, and no new errors', async () => {
        expect(await serializeDom(run.withGloss.page)).toBe(await serializeDom(run.without.page));
        expect(extraProblems(run.withGloss.problems.texts(), run.without.problems.texts())).toEqual([]);
        expect(run.without.problems.texts()).toEqual([]);
      });

      it('highlights what each re-rendered element says now, and nothing stale', async () => {
        const highlights = await glossHighlights(run.withGloss.page);
        expect(highlights.filter((highlight) => !highlight.connected), 'highlights over removed text').toEqual([]);
        const texts = await textsById(run.withGloss.page, app.ids);
        for (const id of app.ids) {
          expect(highlightedTermsIn(highlights, id), `#${id}: "${texts[id]}"`).toEqual(termsIn(texts[id] ?? ''));
        }
      });

      it('opens the card on a term the app re-rendered', async () => {
        const dialog = await hoverForCard(run.withGloss.page, app.hover.selector, app.hover.needle, app.hover.card);
        expect(await dialog.isVisible()).toBe(true);
      });
    });
  }
});

describe('the same apps with the mark.js engine (wrapping, the fallback)', () => {
  beforeAll(async () => {
    await seedSettings(browsers.gloss.serviceWorker, { highlightEngine: 'mark' });
  });

  afterAll(async () => {
    await seedSettings(browsers.gloss.serviceWorker, {});
  });

  for (const app of APPS) {
    describe(app.name, () => {
      let run: Run;

      beforeAll(async () => {
        run = await runApp(app);
      });

      afterAll(async () => {
        await seedSettings(browsers.gloss.serviceWorker, { highlightEngine: 'mark' });
        if (run) await closeRun(run);
      });

      // Wrapping splits the app's text nodes; the engine must give them back intact (see APPS).
      const itWithMarks = app.markEngineBreaks ? it.fails : it;
      itWithMarks('shows the same text as without Gloss after re-renders', async () => {
        expect(await run.withGloss.page.locator('mark.gloss-mark').count()).toBeGreaterThan(0);
        expect(await appText(run.withGloss.page)).toBe(await appText(run.without.page));
      });

      itWithMarks('keeps working after Gloss is switched off', async () => {
        await seedSettings(browsers.gloss.serviceWorker, { highlightEngine: 'mark', enabled: false });
        await expect.poll(() => run.withGloss.page.locator('mark.gloss-mark').count(), { timeout: 5_000 }).toBe(0);
        await clickInBoth([run.withGloss.page, run.without.page], app.clicks, 50);
        expect(extraProblems(run.withGloss.problems.texts(), run.without.problems.texts())).toEqual([]);
        expect(await appText(run.withGloss.page)).toBe(await appText(run.without.page));
      });
    });
  }
});
