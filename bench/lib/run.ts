/**
 * The whole benchmark: every corpus page (floor, naive mark.js and Gloss side by side, several
 * runs each), content-script startup on small pages, the growing page, the SPA with its leak checks,
 * and the bundle size. Results go to `<outDir>/latest.json` and `<outDir>/latest.md`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CORPUS_DIR, EXTENSION_DIR, FIXTURES_DIR, REPO_ROOT } from '../../tests/e2e/support/paths';
import { pageStateOf } from '../../tests/e2e/support/helpers';
import { startStaticServer, type StaticServer } from '../../tests/e2e/support/server';
import { runBare, runFloorIsolated, runNaive, type BareRun, type FloorResult, type NaiveResult } from './baseline-run';
import { launchBenchBrowser, snapshotExtension, type BenchBrowser } from './browser';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { importedPackDocument, importPack, LEAK_BYTES_PER_CYCLE, removeImportedPacks, runAppend, runSpa, writeSettings, type AppendOptions, type AppendResult, type SpaOptions, type SpaResult } from './dynamic';
import { runGlossPage, type GlossPageRun, type GlossTimings } from './gloss-run';
import { glossSettled, idleSince, sleep, type ObserverStatus } from './page-tools';
import { searchTerms, type SearchTerms } from './pattern';
import { otherCpuMeter, waitForQuiet } from './machine';
import { REFERENCE_LABELS, writeReferenceExtension, type ReferenceKind } from './reference-extensions';
import { renderMarkdown } from './report';
import { geometricMean, largestBy, median, spread, type Spread } from './stats';
import type { FunctionCost } from './trace';

export interface BenchOptions {
  /** Runs per corpus page. */
  runs: number;
  /** Only corpus pages whose file name contains one of these (all pages when empty). */
  pages: string[];
  /** Naive mark.js is stopped after this long; later runs of that page skip it. */
  naiveCapMs: number;
  /** Unpacked Chrome build of Gloss (copied before the run). */
  extensionDir: string;
  /** Where latest.json and latest.md go; null writes nothing. */
  outDir: string | null;
  corpus: boolean;
  /** The page dense with mentions (tests/fixtures/bench-dense.html), measured as a corpus page is; null skips it. */
  dense: { updates: number } | null;
  startup: { pages: StartupPage[]; runs: number } | null;
  append: AppendOptions | null;
  spa: SpaOptions | null;
  /** Summarise where Gloss's time goes on these corpus pages (CPU profile by function). */
  profilePages: string[];
  /** Before each page, wait (up to 2 min) until other processes leave the CPUs below this busy fraction. */
  quietThreshold: number;
  log: (line: string) => void;
}

export interface StartupPage {
  name: string;
  kind: 'fixture' | 'corpus';
  /** Settings changed from the defaults for these runs, and how the report names the case. */
  settings?: { changes: Partial<Settings>; label: string };
  /** Import a pack the bundled one's size (the bundled pack exported under another id) for these runs. */
  importedPack?: { label: string };
  /** Measure a stand-in extension instead of Gloss (bench/lib/reference-extensions.ts). */
  reference?: ReferenceKind;
  /** Stop the extension's service worker before each run, as Chromium does after 30 s idle. */
  backgroundAsleep?: { label: string };
  /**
   * Load another page of the same site in the tab first: the measured page is then the reader's next
   * page on a site, in a renderer process that has run the content script before.
   */
  nextPageOfSite?: { label: string };
}

const NEXT_PAGE_OF_SITE = { label: 'the next page of a site, in the same tab' };

export const DEFAULT_OPTIONS: BenchOptions = {
  runs: 3,
  pages: [],
  naiveCapMs: 30_000,
  extensionDir: EXTENSION_DIR,
  outDir: path.join(REPO_ROOT, 'bench', 'results'),
  corpus: true,
  dense: { updates: 5_000 },
  startup: {
    pages: [
      { name: 'plain.html', kind: 'fixture' },
      { name: '34-hacker-news.html', kind: 'corpus' },
      // A reader who switched a category off (or hid an entity on a site) must not pay for it on every page.
      {
        name: 'plain.html',
        kind: 'fixture',
        settings: { changes: { categories: { ...DEFAULT_SETTINGS.categories, topics: false } }, label: 'topics switched off' },
      },
      // A reader who imported a pack: it is compiled once, not on every page.
      { name: 'plain.html', kind: 'fixture', importedPack: { label: 'a pack the bundled one’s size imported' } },
      // A reader's next page usually opens after the background went to sleep (30 s idle).
      { name: 'plain.html', kind: 'fixture', backgroundAsleep: { label: 'the background asleep' } },
      // Reading on within a site: the tab's renderer process has compiled the content script before.
      { name: 'plain.html', kind: 'fixture', nextPageOfSite: NEXT_PAGE_OF_SITE },
      { name: '34-hacker-news.html', kind: 'corpus', nextPageOfSite: NEXT_PAGE_OF_SITE },
      // A page with ten image-ad frames of another site, as news pages have: Gloss's work in their process too.
      { name: 'bench-frames.html', kind: 'fixture' },
      { name: 'bench-frames.html', kind: 'fixture', reference: 'empty' },
      // The same frames as text ads, none about the story: checked for it before the content script starts.
      { name: 'bench-frames.html?ads=text', kind: 'fixture' },
      // What the 10 ms target leaves room for: the browser's cost of any content script, and of the least highlighter.
      { name: 'plain.html', kind: 'fixture', reference: 'empty' },
      { name: 'plain.html', kind: 'fixture', reference: 'least' },
      { name: '34-hacker-news.html', kind: 'corpus', reference: 'least' },
      { name: 'plain.html', kind: 'fixture', reference: 'least', nextPageOfSite: NEXT_PAGE_OF_SITE },
    ],
    runs: 10,
  },
  append: { total: 10_000, batch: 200, intervalMs: 300 },
  spa: { navigations: 100, toggles: 100 },
  profilePages: [],
  quietThreshold: 0.3,
  log: (line) => console.log(line),
};

export interface GlossSummary {
  toFirstMs: Spread | null;
  toVisibleMs: Spread | null;
  toDoneMs: Spread | null;
  cpuMs: Spread | null;
  cpuAllMs: Spread | null;
  jsMs: Spread | null;
  evaluateMs: Spread | null;
  maxTaskMs: Spread | null;
  longestTask: LongestTask | null;
  /** The longest any Gloss task ran on its thread, per run. */
  maxThreadMs: Spread | null;
  completion: 'marks' | 'trace' | null;
}

/** The longest Gloss task over a page's runs: its wall time and its thread time (without waits for a core). */
export interface LongestTask {
  ms: number;
  threadMs: number;
}

/**
 * A page or series where Gloss's tasks were timed: its longest task (no thread time where the
 * measurement does not read it: dynamic pages) and the longest any of its tasks ran on its thread.
 */
interface TaskPlace {
  where: string;
  ms: number;
  threadMs: number | null;
  maxThreadMs: number | null;
}

function longestTaskOf(runs: readonly GlossTimings[]): LongestTask | null {
  const longest = largestBy(runs, (run) => run.maxTaskMs);
  return longest ? { ms: longest.maxTaskMs, threadMs: longest.maxTaskThreadMs } : null;
}

/** The place of a page measured with `runGlossPage` (corpus, dense, startup rows), if it had a Gloss task. */
function taskPlaceOf(where: string, summary: { longestTask: LongestTask | null; maxThreadMs: Spread | null }): TaskPlace[] {
  return summary.longestTask ? [{ where, ...summary.longestTask, maxThreadMs: summary.maxThreadMs?.max ?? null }] : [];
}

export interface CorpusPageResult {
  file: string;
  bytes: number;
  elements: number | null;
  textNodes: number | null;
  textChars: number | null;
  floorMatches: number | null;
  /** Mentions Gloss found (its own count); `highlights`: the ranges it registered, as the page sees them. */
  mentions: number | null;
  highlights: number | null;
  visibleHighlights: number | null;
  /** The floor in an isolated world, where an extension's highlighter runs: the reference of the ratios. */
  floorMs: Spread | null;
  /** The same floor in the page's own world (cheaper DOM access than any extension gets). */
  floorMainWorldMs: Spread | null;
  naive: { ms: Spread | null; timedOut: boolean; capMs: number; runs: number; marked: number | null };
  gloss: GlossSummary;
  /** The least a content-script highlighter does (bench/inpage/least-highlighter.js), timed as Gloss is. */
  least: { toDoneMs: Spread | null; cpuMs: Spread | null; highlights: number | null };
  longTasks: {
    /** Long tasks (≥ 50 ms, PerformanceObserver) per load: median count and the longest seen. */
    withGloss: { count: number | null; maxMs: number | null };
    withoutGloss: { count: number | null; maxMs: number | null };
  };
  heap: { withoutBytes: number | null; withBytes: number | null; deltaBytes: number | null };
  ratios: {
    /** median(Gloss to whole page done) / median(floor) */
    glossOverFloor: number | null;
    /** median(Gloss main-thread time to done) / median(floor) */
    glossCpuOverFloor: number | null;
    /** median(Gloss to whole page done) / median(main-world floor) */
    glossOverMainWorldFloor: number | null;
    /** median(naive) / median(Gloss to whole page done); a lower bound when naive timed out. */
    naiveOverGloss: number | null;
    naiveLowerBound: boolean;
    /** median(least highlighter to done) / median(floor): what any content script starts from. */
    leastOverFloor: number | null;
    /** median(Gloss to whole page done) / median(least highlighter to done) */
    glossOverLeast: number | null;
  };
  profile?: FunctionCost[];
  /** CPU busy fraction (all processes) just before the page was measured, after waiting for quiet. */
  machineBusy: number | null;
  /** Share of all cores used by other processes while the page was measured (0–1). */
  otherCpu: number | null;
  errors: string[];
}

export interface StartupResult {
  page: string;
  /** Set when a stand-in extension was measured, not Gloss. */
  reference: ReferenceKind | null;
  runs: number;
  evaluateMs: Spread | null;
  compileMs: Spread | null;
  /** All of Gloss's main-thread work from injection until it is idle (state report included). */
  cpuAllMs: Spread | null;
  /** The same work in thread time: without the time the page's thread waited for a core. */
  cpuAllThreadMs: Spread | null;
  /** Gloss's work in the page's frames of other sites (their own processes' main threads). */
  elsewhereMs: Spread | null;
  cpuMs: Spread | null;
  toDoneMs: Spread | null;
  maxTaskMs: Spread | null;
  longestTask: LongestTask | null;
  maxThreadMs: Spread | null;
}

export interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export interface BenchResults {
  meta: {
    date: string;
    cpu: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    chromium: string;
    playwright: string;
    git: { head: string | null; dirtyFiles: number | null };
    runs: number;
    naiveCapMs: number;
    pattern: { aliases: number; entities: number; sourceLength: number };
    durationS: number;
    loadAverage: { start: number[]; end: number[] };
    /** Pages measured while other processes kept the CPUs busy (the wait for quiet timed out, or
     * they used more than a quarter of the cores during the measurement). */
    busyPages: string[];
    /** The first content-script run in the fresh browser (cold caches), kept out of the tables. */
    coldStart: { evaluateMs: number | null; compileMs: number | null; cpuAllMs: number; maxTaskMs: number } | null;
  };
  bundle: { contentJsBytes: number; contentJsGzipBytes: number; contentCssBytes: number; embeddedJsonBytes: number };
  corpus: CorpusPageResult[];
  /** Measured like a corpus page, kept out of the overall means (a generated page, not a real one). */
  dense: CorpusPageResult | null;
  overall: {
    pages: number;
    glossOverFloorGeomean: number | null;
    glossCpuOverFloorGeomean: number | null;
    glossOverMainWorldFloorGeomean: number | null;
    naiveOverGlossGeomean: number | null;
    leastOverFloorGeomean: number | null;
    glossOverLeastGeomean: number | null;
    pagesWithin2xFloor: number;
    pagesNaive10x: number;
    maxGlossTaskMs: number | null;
    maxGlossTaskPage: string | null;
  };
  startup: StartupResult[];
  append: AppendResult | null;
  spa: SpaResult | null;
  targets: Target[];
  errors: string[];
}

function corpusFiles(filters: string[]): string[] {
  const files = readdirSync(CORPUS_DIR)
    .filter((name) => /\.html?$/i.test(name))
    .sort();
  return filters.length === 0 ? files : files.filter((name) => filters.some((filter) => name.includes(filter)));
}

function gitState(): BenchResults['meta']['git'] {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() && !line.includes('bench/')).length;
    return { head, dirtyFiles: dirty };
  } catch {
    return { head: null, dirtyFiles: null };
  }
}

function bundleSizes(extensionDir: string): BenchResults['bundle'] {
  const js = readFileSync(path.join(extensionDir, 'content-scripts', 'content.js'));
  const cssFile = path.join(extensionDir, 'content-scripts', 'content.css');
  const text = js.toString('utf8');
  let embeddedJsonBytes = 0;
  for (const match of text.matchAll(/JSON\.parse\((`(?:[^`\\]|\\.)*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)/g)) {
    embeddedJsonBytes += Buffer.byteLength(match[1]!, 'utf8');
  }
  return {
    contentJsBytes: js.length,
    contentJsGzipBytes: gzipSync(js, { level: 9 }).length,
    contentCssBytes: existsSync(cssFile) ? statSync(cssFile).size : 0,
    embeddedJsonBytes,
  };
}

function summariseGloss(runs: GlossPageRun[]): GlossSummary {
  const pick = (key: keyof GlossPageRun['timings']) => spread(runs.map((run) => run.timings[key] as number | null));
  return {
    toFirstMs: pick('toFirstMs'),
    toVisibleMs: pick('toVisibleMs'),
    toDoneMs: pick('toDoneMs'),
    cpuMs: pick('cpuMs'),
    cpuAllMs: pick('cpuAllMs'),
    jsMs: pick('jsMs'),
    evaluateMs: pick('evaluateMs'),
    maxTaskMs: pick('maxTaskMs'),
    longestTask: longestTaskOf(runs.map((run) => run.timings)),
    maxThreadMs: pick('maxThreadMs'),
    completion: runs[0]?.timings.completion ?? null,
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/** A page measured with the corpus columns: a corpus file, or the dense fixture. */
interface MeasuredPage {
  name: string;
  url: string;
  bytes: number;
}

async function benchCorpusPage(
  { name: file, url, bytes }: MeasuredPage,
  glossBrowser: BenchBrowser,
  bareBrowser: BenchBrowser,
  leastBrowser: BenchBrowser,
  terms: SearchTerms,
  options: BenchOptions,
  machineBusy: number | null,
): Promise<CorpusPageResult> {
  const meter = otherCpuMeter();
  const bares: BareRun[] = [];
  const isolatedFloors: FloorResult[] = [];
  const naives: NaiveResult[] = [];
  const glosses: GlossPageRun[] = [];
  const leasts: GlossPageRun[] = [];
  const errors: string[] = [];
  let naiveTimedOut = false;
  const profile = options.profilePages.some((name) => file.includes(name));
  for (let run = 1; run <= options.runs; run++) {
    try {
      bares.push(await runBare(bareBrowser.context, url, terms, true));
    } catch (error) {
      errors.push(`run ${run} floor: ${message(error)}`);
    }
    try {
      isolatedFloors.push(await runFloorIsolated(bareBrowser.context, url, terms));
    } catch (error) {
      errors.push(`run ${run} isolated floor: ${message(error)}`);
    }
    if (!naiveTimedOut) {
      try {
        const naive = await runNaive(bareBrowser.context, url, terms, options.naiveCapMs);
        naives.push(naive);
        naiveTimedOut = naive.timedOut;
      } catch (error) {
        errors.push(`run ${run} naive: ${message(error)}`);
      }
    }
    try {
      const gloss = await runGlossPage(glossBrowser.context, url, {
        extensionId: glossBrowser.extension!.id,
        memory: true,
        profile: profile && run === 1,
        mentionsOf: (page) => mentionsFound(glossBrowser, page),
      });
      if (gloss.settledTimedOut) errors.push(`run ${run} gloss: the scan did not settle in time`);
      glosses.push(gloss);
    } catch (error) {
      errors.push(`run ${run} gloss: ${message(error)}`);
    }
    try {
      leasts.push(await runGlossPage(leastBrowser.context, url, { extensionId: leastBrowser.extension!.id }));
    } catch (error) {
      errors.push(`run ${run} least highlighter: ${message(error)}`);
    }
  }
  const floorMs = spread(isolatedFloors.map((floor) => floor.ms));
  const floorMainWorldMs = spread(bares.map((bare) => bare.floor.ms));
  const mainWorldFloor = floorMainWorldMs?.median ?? null;
  const naiveDone = naives.filter((naive) => !naive.timedOut);
  const naiveMs = spread(naiveDone.map((naive) => naive.ms));
  const gloss = summariseGloss(glosses);
  const done = gloss.toDoneMs?.median ?? null;
  const cpu = gloss.cpuMs?.median ?? null;
  const floor = floorMs?.median ?? null;
  const naiveValue = naiveTimedOut ? options.naiveCapMs : (naiveMs?.median ?? null);
  const leastDone = spread(leasts.map((run) => run.timings.toDoneMs));
  const least = leastDone?.median ?? null;
  const longestOf = (lists: { duration: number }[][]) =>
    lists.length === 0 ? null : Math.max(0, ...lists.flatMap((list) => list.map((task) => task.duration)));
  const withHeap = median(glosses.map((run) => run.memory?.heapUsedBytes));
  const withoutHeap = median(bares.map((bare) => bare.memory?.heapUsedBytes));
  return {
    file,
    bytes,
    elements: bares[0]?.elements ?? glosses[0]?.collected.elements ?? null,
    textNodes: bares[0]?.floor.textNodes ?? null,
    textChars: bares[0]?.floor.chars ?? null,
    floorMatches: bares[0]?.floor.matches ?? null,
    mentions: median(glosses.map((run) => run.mentions)),
    highlights: median(glosses.map((run) => run.timings.highlights)),
    visibleHighlights: median(glosses.map((run) => run.timings.visibleHighlights)),
    floorMs,
    floorMainWorldMs,
    naive: { ms: naiveMs, timedOut: naiveTimedOut, capMs: options.naiveCapMs, runs: naives.length, marked: naiveDone[0]?.marked ?? null },
    gloss,
    least: {
      toDoneMs: leastDone,
      cpuMs: spread(leasts.map((run) => run.timings.cpuMs)),
      highlights: median(leasts.map((run) => run.timings.highlights)),
    },
    longTasks: {
      withGloss: { count: median(glosses.map((run) => run.collected.longtasks.length)), maxMs: longestOf(glosses.map((run) => run.collected.longtasks)) },
      withoutGloss: { count: median(bares.map((bare) => bare.longtasks.length)), maxMs: longestOf(bares.map((bare) => bare.longtasks)) },
    },
    heap: { withoutBytes: withoutHeap, withBytes: withHeap, deltaBytes: withHeap !== null && withoutHeap !== null ? withHeap - withoutHeap : null },
    ratios: {
      glossOverFloor: done !== null && floor ? done / floor : null,
      glossCpuOverFloor: cpu !== null && floor ? cpu / floor : null,
      glossOverMainWorldFloor: done !== null && mainWorldFloor ? done / mainWorldFloor : null,
      naiveOverGloss: naiveValue !== null && done ? naiveValue / done : null,
      naiveLowerBound: naiveTimedOut,
      leastOverFloor: least !== null && floor ? least / floor : null,
      glossOverLeast: done !== null && least ? done / least : null,
    },
    ...(glosses[0]?.profile ? { profile: glosses[0].profile } : {}),
    machineBusy,
    otherCpu: meter.stop(),
    errors,
  };
}

/** The mentions Gloss reports for the tab of `page` (the popup's count), asked through the service worker as the popup asks. */
async function mentionsFound(browser: BenchBrowser, page: Page): Promise<number | null> {
  const serviceWorker = await browser.serviceWorker();
  const url = page.url().split('#')[0]!;
  const tabId = await serviceWorker.evaluate(async (tabUrl: string) => (await chrome.tabs.query({ url: tabUrl }))[0]?.id ?? null, url);
  if (tabId === null) return null;
  const state = await pageStateOf(serviceWorker, tabId);
  return state ? state.entities.reduce((sum, entity) => sum + entity.count, 0) : null;
}

/** A generated live blog dense with the story's mentions (5,000 updates, 30,000 mentions by default). */
const DENSE_PAGE = 'bench-dense.html';

/** When a run is over: an empty content script registers nothing, so once the loaded page has been idle. */
function settledFor(reference: ReferenceKind | undefined): (status: ObserverStatus) => boolean {
  return reference === 'empty' ? idleSince(0) : glossSettled;
}

async function benchStartup(page: StartupPage, runs: number, server: StaticServer, browser: BenchBrowser): Promise<StartupResult> {
  const url = page.kind === 'fixture' ? server.fixtureUrl(page.name) : server.corpusUrl(page.name);
  const results: GlossPageRun[] = [];
  if (page.settings) await writeSettings(browser, { ...DEFAULT_SETTINGS, ...page.settings.changes });
  if (page.importedPack) await importPack(browser, importedPackDocument());
  try {
    const settled = settledFor(page.reference);
    const workerControl = page.backgroundAsleep ? await browser.openWorkerControl() : null;
    try {
      for (let run = 0; run < runs; run++) {
        if (workerControl) {
          await workerControl.stop();
          // Let the browser settle after stopping it.
          await sleep(300);
        }
        // Another URL of the same site (the query makes it another page to the browser).
        const warmUpUrl = page.nextPageOfSite ? `${url}${url.includes('?') ? '&' : '?'}previous-page` : undefined;
        results.push(await runGlossPage(browser.context, url, { extensionId: browser.extension!.id, settled, warmUpUrl }));
      }
    } finally {
      await workerControl?.close();
    }
  } finally {
    if (page.settings) await writeSettings(browser, DEFAULT_SETTINGS);
    if (page.importedPack) await removeImportedPacks(browser);
  }
  const pick = (key: keyof GlossPageRun['timings']) => spread(results.map((result) => result.timings[key] as number | null));
  return {
    page: startupLabel(page),
    reference: page.reference ?? null,
    runs,
    evaluateMs: pick('evaluateMs'),
    compileMs: pick('compileMs'),
    cpuAllMs: pick('cpuAllMs'),
    cpuAllThreadMs: pick('cpuAllThreadMs'),
    elsewhereMs: pick('elsewhereMs'),
    cpuMs: pick('cpuMs'),
    toDoneMs: pick('toDoneMs'),
    maxTaskMs: pick('maxTaskMs'),
    longestTask: longestTaskOf(results.map((result) => result.timings)),
    maxThreadMs: pick('maxThreadMs'),
  };
}

/** The page's name and what is particular about its runs, e.g. `plain.html (the background asleep)`. */
function startupLabel(page: StartupPage): string {
  const particulars = [
    page.reference ? `reference: ${REFERENCE_LABELS[page.reference]}` : null,
    page.settings?.label,
    page.importedPack?.label,
    page.backgroundAsleep?.label,
    page.nextPageOfSite?.label,
  ].filter((particular): particular is string => Boolean(particular));
  return particulars.length > 0 ? `${page.name} (${particulars.join('; ')})` : page.name;
}

const ms = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? 'n/a' : `${value.toFixed(digits)} ms`);

function targetsOf(results: Omit<BenchResults, 'targets'>, options: BenchOptions): Target[] {
  const targets: Target[] = [];
  const { overall } = results;
  if (options.corpus) {
    targets.push({
      name: 'Gloss total ≤ 2× floor',
      target: 'geometric mean of (injection → whole page done) / floor ≤ 2',
      measured:
        overall.glossOverFloorGeomean === null
          ? 'n/a'
          : `${overall.glossOverFloorGeomean.toFixed(2)}× (main-thread time only: ${overall.glossCpuOverFloorGeomean?.toFixed(2) ?? 'n/a'}×; against the floor in the page's own world: ${overall.glossOverMainWorldFloorGeomean?.toFixed(2) ?? 'n/a'}×); ${overall.pagesWithin2xFloor}/${overall.pages} pages within 2×. ` +
            `For reference, the least a content-script highlighter does: ${overall.leastOverFloorGeomean?.toFixed(2) ?? 'n/a'}× the floor; Gloss ${overall.glossOverLeastGeomean?.toFixed(2) ?? 'n/a'}× that`,
      met: overall.glossOverFloorGeomean === null ? null : overall.glossOverFloorGeomean <= 2,
    });
    targets.push({
      name: 'naive mark.js / Gloss ≥ 10×',
      target: 'geometric mean of naive / (Gloss whole page done) ≥ 10',
      measured:
        overall.naiveOverGlossGeomean === null
          ? 'n/a'
          : `${overall.naiveOverGlossGeomean.toFixed(1)}× (timed-out pages counted at the cap); ${overall.pagesNaive10x}/${overall.pages} pages ≥ 10×`,
      met: overall.naiveOverGlossGeomean === null ? null : overall.naiveOverGlossGeomean >= 10,
    });
  }
  // Where the longest task was, and its thread time: on 2 cores, a page's thread often waits for a
  // core while the browser and the page's other processes work, which lengthens a task's wall time.
  const corpusPlaces = results.corpus.flatMap((page) => taskPlaceOf(`corpus, ${page.file}`, page.gloss));
  const densePlaces = results.dense ? taskPlaceOf('page dense with mentions', results.dense.gloss) : [];
  const places: TaskPlace[] = [
    ...corpusPlaces,
    ...densePlaces,
    ...results.startup.flatMap((entry) => (entry.reference === null ? taskPlaceOf(`startup, ${entry.page}`, entry) : [])),
    ...(results.append ? [{ where: 'growing page', ms: results.append.maxTaskMs, threadMs: null, maxThreadMs: results.append.maxThreadMs }] : []),
    ...(results.spa ? [{ where: 'single-page app', ms: results.spa.maxTaskMs, threadMs: null, maxThreadMs: results.spa.maxThreadMs }] : []),
  ];
  const longest = largestBy(places, (place) => place.ms);
  const describe = (place: TaskPlace) =>
    `${ms(place.ms)}${place.threadMs === null ? '' : ` (${ms(place.threadMs)} on its thread)`} in ${place.where}`;
  // The corpus's and the dense page's longest are always named: they are the pages' own work.
  const others = [largestBy(corpusPlaces, (place) => place.ms), largestBy(densePlaces, (place) => place.ms)].filter(
    (place): place is TaskPlace => place !== null && place !== longest,
  );
  // The longest any Gloss task ran on its thread, anywhere: what Gloss's own slicing left.
  const longestOnThread = largestBy(places, (place) => place.maxThreadMs ?? -Infinity);
  const onThread = longestOnThread && longestOnThread.maxThreadMs !== null ? `. The longest any Gloss task ran on its thread: ${ms(longestOnThread.maxThreadMs)} (${longestOnThread.where})` : '';
  targets.push({
    name: 'No task caused by Gloss > 50 ms',
    target: 'longest main-thread task with Gloss code in it ≤ 50 ms (all pages, all runs; wall time)',
    measured: longest ? `${describe(longest)}${others.length > 0 ? `; ${others.map(describe).join('; ')}` : ''}${onThread}` : 'n/a',
    met: longest ? longest.ms <= 50 : null,
  });
  if (results.append || results.spa) {
    const parts: string[] = [];
    if (results.append) {
      const { summary } = results.append;
      parts.push(`append: first ${summary.span} batches ${ms(summary.firstGlossMs)}, last ${summary.span} ${ms(summary.lastGlossMs)} per batch`);
    }
    if (results.spa) {
      const { summary } = results.spa;
      parts.push(`SPA: first ${summary.span} navigations ${ms(summary.firstGlossMs)}, last ${summary.span} ${ms(summary.lastGlossMs)}`);
    }
    const flat = (results.append?.summary.flat ?? true) && (results.spa?.summary.flat ?? true);
    targets.push({ name: 'Per-batch cost flat', target: 'last batches ≤ 1.5× the first (or < 2 ms more)', measured: parts.join('; '), met: flat });
  }
  if (results.spa) {
    targets.push({
      name: 'No leaks',
      target: `heap (after GC) growth ≤ ${LEAK_BYTES_PER_CYCLE / 1024} KB per SPA navigation / toggle beyond the page's own; no added listeners or nodes`,
      measured: results.spa.leaks ? results.spa.leakReasons.join('; ') : 'heap, listeners and nodes back to baseline',
      met: !results.spa.leaks,
    });
  }
  const glossStartup = results.startup.filter((entry) => entry.reference === null);
  if (glossStartup.length > 0) {
    const worst = glossStartup.reduce((max, entry) => Math.max(max, entry.cpuAllMs?.median ?? 0), 0);
    const references = results.startup.filter((entry) => entry.reference !== null);
    targets.push({
      name: 'Startup < 10 ms on a small page',
      target: 'main-thread work from injection to idle < 10 ms',
      measured:
        glossStartup.map((entry) => `${entry.page}: ${ms(entry.cpuAllMs?.median)} (${ms(entry.cpuAllThreadMs?.median)} thread time)`).join('; ') +
        (references.length > 0
          ? `. For reference: ${references.map((entry) => `${entry.page}: ${ms(entry.cpuAllMs?.median)} (${ms(entry.cpuAllThreadMs?.median)})`).join('; ')}`
          : ''),
      met: worst < 10,
    });
  }
  return targets;
}


export async function runBench(partial: Partial<BenchOptions> = {}): Promise<BenchResults> {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, ...partial };
  const { log } = options;
  const started = Date.now();
  const loadStart = os.loadavg().map((value) => Math.round(value * 100) / 100);
  const terms = searchTerms();
  const snapshot = await snapshotExtension(options.extensionDir);
  const server = await startStaticServer();
  const browsers: BenchBrowser[] = [];
  const removals: (() => Promise<void>)[] = [snapshot.remove];
  const errors: string[] = [];
  const referenceBrowsers = new Map<ReferenceKind, BenchBrowser>();
  const referenceBrowser = async (kind: ReferenceKind) => {
    let browser = referenceBrowsers.get(kind);
    if (!browser) {
      const written = await writeReferenceExtension(kind, terms);
      removals.push(written.remove);
      browser = await launchBenchBrowser(written.dir);
      browsers.push(browser);
      referenceBrowsers.set(kind, browser);
      // Like Gloss's, its first page pays for cold caches.
      await runGlossPage(browser.context, server.fixtureUrl('plain.html'), { extensionId: browser.extension!.id, settled: settledFor(kind) });
    }
    return browser;
  };
  try {
    const glossBrowser = await launchBenchBrowser(snapshot.dir);
    browsers.push(glossBrowser);
    const bareBrowser = await launchBenchBrowser(null);
    browsers.push(bareBrowser);
    log(`Chromium ${glossBrowser.version}; Gloss ${glossBrowser.extension!.id} from ${options.extensionDir}`);
    const busyPages: string[] = [];
    const quiet = async (what: string) => {
      const result = await waitForQuiet(options.quietThreshold);
      if (result.busyAnyway) {
        busyPages.push(what);
        log(`  (the machine stayed busy: ${Math.round((result.busy ?? 0) * 100)}% CPU before ${what})`);
      } else if (result.waitedMs > 5_000) {
        log(`  (waited ${Math.round(result.waitedMs / 1000)} s for other processes to finish before ${what})`);
      }
      return result.busy;
    };

    // Warm-up: the first page a fresh browser shows pays for cold caches; keep it out of the tables.
    const warm = await runGlossPage(glossBrowser.context, server.fixtureUrl('plain.html'), { extensionId: glossBrowser.extension!.id });
    const coldStart = {
      evaluateMs: warm.timings.evaluateMs,
      compileMs: warm.timings.compileMs,
      cpuAllMs: warm.timings.cpuAllMs,
      maxTaskMs: warm.timings.maxTaskMs,
    };
    await runBare(bareBrowser.context, server.fixtureUrl('plain.html'), terms, false);
    log(`cold start (first content-script run, not in the tables): ${ms(coldStart.cpuAllMs)} main-thread work, longest task ${ms(coldStart.maxTaskMs)}`);

    const corpus: CorpusPageResult[] = [];
    if (options.corpus) {
      const files = corpusFiles(options.pages);
      const leastBrowser = await referenceBrowser('least');
      for (const [index, file] of files.entries()) {
        const busy = await quiet(file);
        const pageStarted = Date.now();
        const page = { name: file, url: server.corpusUrl(file), bytes: statSync(path.join(CORPUS_DIR, file)).size };
        const result = await benchCorpusPage(page, glossBrowser, bareBrowser, leastBrowser, terms, options, busy);
        corpus.push(result);
        if ((result.otherCpu ?? 0) > 0.25 && !busyPages.includes(file)) busyPages.push(file);
        log(
          `[${index + 1}/${files.length}] ${file}: floor ${ms(result.floorMs?.median)}, Gloss done ${ms(result.gloss.toDoneMs?.median)}, ` +
            `least highlighter done ${ms(result.least.toDoneMs?.median)}, ` +
            `naive ${result.naive.timedOut ? `> ${options.naiveCapMs / 1000} s` : ms(result.naive.ms?.median, 0)}, ` +
            `longest Gloss task ${ms(result.gloss.maxTaskMs?.max)} (${((Date.now() - pageStarted) / 1000).toFixed(0)} s` +
            `${result.otherCpu !== null && result.otherCpu > 0.05 ? `, other processes used ${Math.round(result.otherCpu * 100)}% CPU` : ''})` +
            (result.errors.length ? ` — ${result.errors.join('; ')}` : ''),
        );
      }
    }

    let dense: CorpusPageResult | null = null;
    if (options.dense) {
      const busy = await quiet(DENSE_PAGE);
      const page = { name: DENSE_PAGE, url: `${server.fixtureUrl(DENSE_PAGE)}?updates=${options.dense.updates}`, bytes: statSync(path.join(FIXTURES_DIR, DENSE_PAGE)).size };
      dense = await benchCorpusPage(page, glossBrowser, bareBrowser, await referenceBrowser('least'), terms, options, busy);
      log(
        `${DENSE_PAGE} (${options.dense.updates} updates): ${dense.highlights ?? '–'} highlights, floor ${ms(dense.floorMs?.median)}, Gloss done ${ms(dense.gloss.toDoneMs?.median)}, ` +
          `longest Gloss task ${ms(dense.gloss.maxTaskMs?.max)}, longest long task with / without Gloss ${ms(dense.longTasks.withGloss.maxMs)} / ${ms(dense.longTasks.withoutGloss.maxMs)}` +
          (dense.errors.length ? ` — ${dense.errors.join('; ')}` : ''),
      );
    }

    const startup: StartupResult[] = [];
    if (options.startup) {
      for (const page of options.startup.pages) {
        await quiet(`startup ${page.name}`);
        try {
          const browser = page.reference ? await referenceBrowser(page.reference) : glossBrowser;
          const result = await benchStartup(page, options.startup.runs, server, browser);
          startup.push(result);
          log(`startup ${result.page}: ${ms(result.cpuAllMs?.median)} main-thread work (evaluation ${ms(result.evaluateMs?.median)})`);
        } catch (error) {
          errors.push(`startup ${page.name}: ${message(error)}`);
        }
      }
    }

    let append: AppendResult | null = null;
    if (options.append) {
      await quiet('append');
      try {
        append = await runAppend(glossBrowser, server, options.append);
        log(`append: ${ms(append.summary.firstGlossMs)} → ${ms(append.summary.lastGlossMs)} per batch, longest task ${ms(append.maxTaskMs)}`);
      } catch (error) {
        errors.push(`append: ${message(error)}`);
      }
    }

    let spa: SpaResult | null = null;
    if (options.spa) {
      await quiet('spa');
      try {
        spa = await runSpa(glossBrowser, bareBrowser, server, options.spa);
        log(`SPA: ${ms(spa.summary.firstGlossMs)} → ${ms(spa.summary.lastGlossMs)} per navigation; leaks: ${spa.leaks ? spa.leakReasons.join('; ') : 'none'}`);
      } catch (error) {
        errors.push(`spa: ${message(error)}`);
      }
    }

    const ratios = corpus.map((page) => page.ratios);
    const maxTaskPage = largestBy(corpus, (page) => page.gloss.maxTaskMs?.max ?? -Infinity);
    const maxTask = maxTaskPage?.gloss.maxTaskMs ? { ms: maxTaskPage.gloss.maxTaskMs.max, page: maxTaskPage.file } : null;
    const results: Omit<BenchResults, 'targets'> = {
      meta: {
        date: new Date().toISOString(),
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        os: `${os.type()} ${os.release()} ${os.arch()}`,
        node: process.version,
        chromium: glossBrowser.version,
        playwright: playwrightVersion(),
        git: gitState(),
        runs: options.runs,
        naiveCapMs: options.naiveCapMs,
        pattern: { aliases: terms.aliases.length, entities: terms.entities, sourceLength: terms.pattern.source.length },
        durationS: 0,
        loadAverage: { start: loadStart, end: os.loadavg().map((value) => Math.round(value * 100) / 100) },
        busyPages,
        coldStart,
      },
      bundle: bundleSizes(snapshot.dir),
      corpus,
      dense,
      overall: {
        pages: corpus.length,
        glossOverFloorGeomean: geometricMean(ratios.map((ratio) => ratio.glossOverFloor)),
        glossCpuOverFloorGeomean: geometricMean(ratios.map((ratio) => ratio.glossCpuOverFloor)),
        glossOverMainWorldFloorGeomean: geometricMean(ratios.map((ratio) => ratio.glossOverMainWorldFloor)),
        naiveOverGlossGeomean: geometricMean(ratios.map((ratio) => ratio.naiveOverGloss)),
        leastOverFloorGeomean: geometricMean(ratios.map((ratio) => ratio.leastOverFloor)),
        glossOverLeastGeomean: geometricMean(ratios.map((ratio) => ratio.glossOverLeast)),
        pagesWithin2xFloor: ratios.filter((ratio) => ratio.glossOverFloor !== null && ratio.glossOverFloor <= 2).length,
        pagesNaive10x: ratios.filter((ratio) => ratio.naiveOverGloss !== null && ratio.naiveOverGloss >= 10).length,
        maxGlossTaskMs: maxTask?.ms ?? null,
        maxGlossTaskPage: maxTask?.page ?? null,
      },
      startup,
      append,
      spa,
      errors,
    };
    results.meta.durationS = Math.round((Date.now() - started) / 1000);
    const full: BenchResults = { ...results, targets: targetsOf(results, options) };
    if (options.outDir) {
      await mkdir(options.outDir, { recursive: true });
      await writeFile(path.join(options.outDir, 'latest.json'), JSON.stringify(full, null, 2) + '\n');
      await writeFile(path.join(options.outDir, 'latest.md'), renderMarkdown(full));
      log(`Wrote ${path.relative(process.cwd(), path.join(options.outDir, 'latest.md'))} and latest.json`);
    }
    return full;
  } finally {
    for (const browser of browsers) await browser.close();
    await server.close();
    for (const remove of removals) await remove();
  }
}

function playwrightVersion(): string {
  try {
    const file = path.join(REPO_ROOT, 'node_modules', 'playwright-core', 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
