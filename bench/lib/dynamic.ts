/**
 * Pages that change after load (fixtures served with their scripts running):
 * - bench-append.html appends paragraphs in batches: Gloss's cost per batch must not grow with the page;
 * - bench-spa.html swaps its whole content with history.pushState: after many navigations, and after
 *   switching highlighting off and on many times, heap, DOM nodes and listeners must come back.
 */
import type { CDPSession, Page } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { packToDocument } from '../../src/pack/document';
import { loadBundledPack } from '../../scripts/pack-files';
import { pollUntil } from '../../tests/e2e/support/helpers';
import type { StaticServer } from '../../tests/e2e/support/server';
import { openTab, type BenchBrowser } from './browser';
import { installObserver, markPage } from './inpage';
import { runGlossPage, REPORT_SETTLE_MS, type Collected, type HighlightRecord } from './gloss-run';
import { drainHighlights, glossSettled, idleSince, memorySnapshot, sleep, status, waitForStatus, type MemorySnapshot } from './page-tools';
import { median } from './stats';
import { analyzeTrace, Tracer, type TraceAnalysis } from './trace';

export interface WindowCost {
  index: number;
  /** Main-thread time of Gloss's tasks that started in this batch's window. */
  glossMs: number;
  maxTaskMs: number;
  /** The longest any of those tasks ran on its thread. */
  maxThreadMs: number;
  /** Append (or navigation) → the window's last highlight change seen by the page (next frame). */
  latencyMs: number | null;
  /** Highlights registered at the end of the window. */
  highlights: number;
}

export interface FlatnessSummary {
  /** Medians over the first and the last `span` windows. */
  firstGlossMs: number | null;
  lastGlossMs: number | null;
  firstLatencyMs: number | null;
  lastLatencyMs: number | null;
  /** last / first of the per-window Gloss time. */
  growth: number | null;
  span: number;
  flat: boolean;
}

/** Per-window costs between consecutive marks `${prefix}0`, `${prefix}1`, … (trace times). */
function windowCosts(analysis: TraceAnalysis, collected: Collected, prefix: string, count: number, pageTimes: number[]): WindowCost[] {
  const starts: number[] = [];
  for (let index = 0; index < count; index++) {
    const ts = analysis.marks.get(`${prefix}${index}`)?.[0];
    if (ts === undefined) throw new Error(`The trace has no mark ${prefix}${index}`);
    starts.push(ts);
  }
  const anchor = analysis.marks.get('bench:anchor')?.[0] ?? Infinity;
  const costs: WindowCost[] = [];
  for (let index = 0; index < count; index++) {
    const from = starts[index]!;
    const to = starts[index + 1] ?? anchor;
    const tasks = analysis.tasks.filter((task) => task.gloss && task.start >= from && task.start < to);
    const pageFrom = pageTimes[index]!;
    const pageTo = pageTimes[index + 1] ?? Infinity;
    const changes = collected.highlights.filter((record) => record.t >= pageFrom && record.t < pageTo);
    const before = collected.highlights.filter((record) => record.t < pageTo).at(-1);
    costs.push({
      index,
      glossMs: tasks.reduce((sum, task) => sum + task.durMs, 0),
      maxTaskMs: tasks.reduce((max, task) => Math.max(max, task.durMs), 0),
      maxThreadMs: tasks.reduce((max, task) => Math.max(max, task.threadMs), 0),
      latencyMs: changes.length > 0 ? changes.at(-1)!.t - pageFrom : null,
      highlights: before?.total ?? 0,
    });
  }
  return costs;
}

/**
 * Flat: the last windows cost at most 1.5× the first ones, or less than 2 ms more (timer and
 * scheduling noise dominates below that).
 */
export function flatness(costs: WindowCost[], span = 5): FlatnessSummary {
  const width = Math.max(1, Math.min(span, Math.floor(costs.length / 2)));
  const first = costs.slice(0, width);
  const last = costs.slice(-width);
  const firstGlossMs = median(first.map((cost) => cost.glossMs));
  const lastGlossMs = median(last.map((cost) => cost.glossMs));
  const growth = firstGlossMs && lastGlossMs !== null ? lastGlossMs / firstGlossMs : null;
  const flat = firstGlossMs !== null && lastGlossMs !== null && (lastGlossMs <= firstGlossMs * 1.5 || lastGlossMs - firstGlossMs < 2);
  return {
    firstGlossMs,
    lastGlossMs,
    firstLatencyMs: median(first.map((cost) => cost.latencyMs)),
    lastLatencyMs: median(last.map((cost) => cost.latencyMs)),
    growth,
    span: width,
    flat,
  };
}

export interface AppendOptions {
  total: number;
  batch: number;
  intervalMs: number;
}

export interface AppendResult {
  options: AppendOptions;
  batches: WindowCost[];
  summary: FlatnessSummary;
  /** Gloss's longest task while the page grew, and the longest any of its tasks ran on its thread. */
  maxTaskMs: number;
  maxThreadMs: number;
  finalHighlights: number;
  /** Mentions in the appended paragraphs (one paragraph in ten has one). */
  appendedMentions: number;
}

export async function runAppend(browser: BenchBrowser, server: StaticServer, options: AppendOptions): Promise<AppendResult> {
  if (!browser.extension) throw new Error('runAppend needs the browser with Gloss');
  const batches = Math.ceil(options.total / options.batch);
  let log: { index: number; at: number }[] = [];
  let costs: WindowCost[] = [];
  let maxTaskMs = 0;
  const run = await runGlossPage(browser.context, server.fixtureUrl('bench-append.html'), {
    extensionId: browser.extension.id,
    async during(page) {
      log = (await page.evaluate(`benchAppend.run(${JSON.stringify(options)})`)) as typeof log;
      const ended = await status(page);
      // Gloss batches mutations for 120 ms, then scans: wait for an idle period after that.
      await waitForStatus(page, (value) => value.lastIdle > ended.now + 250 && value.lastIdle > value.lastChange, { timeoutMs: 60_000 });
    },
    inspect(analysis, collected) {
      costs = windowCosts(analysis, collected, 'bench:append:', batches, log.map((entry) => entry.at));
      maxTaskMs = costs.reduce((max, cost) => Math.max(max, cost.maxTaskMs), 0);
    },
  });
  return {
    options,
    batches: costs,
    summary: flatness(costs),
    maxTaskMs,
    maxThreadMs: costs.reduce((max, cost) => Math.max(max, cost.maxThreadMs), 0),
    finalHighlights: run.timings.highlights,
    appendedMentions: Math.ceil(options.total / 10),
  };
}

export interface SpaOptions {
  navigations: number;
  toggles: number;
}

/**
 * Memory at three points of a series of cycles (start, halfway, end), each after two forced GCs.
 * The first half warms up (JIT code, inline caches, lazily built tables); a leak is what keeps
 * growing in the second half.
 */
export interface MemorySeries {
  cycles: number;
  start: MemorySnapshot;
  middle: MemorySnapshot;
  end: MemorySnapshot;
  /** Heap growth over the second half, per cycle (bytes). */
  steadyHeapPerCycle: number;
  heapDeltaBytes: number;
  nodesDelta: number;
  listenersDelta: number;
}

function memorySeries(cycles: number, start: MemorySnapshot, middle: MemorySnapshot, end: MemorySnapshot): MemorySeries {
  const secondHalf = Math.max(1, cycles - Math.floor(cycles / 2));
  return {
    cycles,
    start,
    middle,
    end,
    steadyHeapPerCycle: (end.heapUsedBytes - middle.heapUsedBytes) / secondHalf,
    heapDeltaBytes: end.heapUsedBytes - start.heapUsedBytes,
    nodesDelta: end.nodes - start.nodes,
    listenersDelta: end.jsEventListeners - start.jsEventListeners,
  };
}

export interface SpaResult {
  options: SpaOptions;
  navigations: WindowCost[];
  summary: FlatnessSummary;
  maxTaskMs: number;
  maxThreadMs: number;
  highlights: { baseline: number; afterNavigations: number; afterToggles: number };
  /** Toggles after which the highlights did not come back within 10 s (the run stops after 3). */
  toggleTimeouts: number;
  /** With Gloss: the navigations, then the toggles (starting from the state after navigating). */
  navigationsWithGloss: MemorySeries;
  toggles: MemorySeries | null;
  /** The same navigations without Gloss: the page's own growth. */
  navigationsWithoutGloss: MemorySeries;
  /** Steady heap growth per navigation attributable to Gloss (with minus without), bytes. */
  glossHeapPerNavigation: number;
  /** Listeners and DOM nodes added over all navigations, with minus without Gloss. */
  glossListenersGrowth: number;
  glossNodesGrowth: number;
  leaks: boolean;
  /** Why `leaks` is true, in words. */
  leakReasons: string[];
}

/** Navigates the SPA fixture once and waits for Gloss's mutation batch (120 ms) and rescan to finish. */
async function navigateOnce(page: Page, index: number): Promise<number> {
  const at = (await page.evaluate(`(() => { const at = performance.now(); benchSpa.navigate(${index}); return at; })()`)) as number;
  await waitForStatus(page, (value) => value.lastIdle > at + 250 && value.lastIdle > value.lastChange, { timeoutMs: 20_000, intervalMs: 25 });
  return at;
}

/** Writes Gloss's settings through its service worker, as the popup and options page do. */
export async function writeSettings(browser: BenchBrowser, settings: Settings): Promise<void> {
  const worker = await browser.serviceWorker();
  await worker.evaluate(`chrome.storage.local.set({ settings: ${JSON.stringify(settings)} })`);
}

/** The bundled pack as an importable document under another id: an imported pack the bundled one's size. */
export function importedPackDocument(): Record<string, unknown> {
  return { ...packToDocument(loadBundledPack()), id: 'bench-import', title: 'Bench import' };
}

/**
 * Imports a pack as the options page does, then waits until the background has compiled it for
 * pages (`compiledPacks`), as it would have long before a reader's next page.
 */
export async function importPack(browser: BenchBrowser, document: Record<string, unknown>): Promise<void> {
  const worker = await browser.serviceWorker();
  const userPacks = { packs: [{ document, enabled: true, importedAt: new Date().toISOString() }], bundledEnabled: true };
  await worker.evaluate(`chrome.storage.local.set({ userPacks: ${JSON.stringify(userPacks)} })`);
  const compiled = `chrome.storage.local.get('compiledPacks').then(({ compiledPacks }) => Boolean(compiledPacks?.packs?.some((entry) => entry.id === ${JSON.stringify(document.id)})))`;
  await pollUntil(() => worker.evaluate(compiled), Boolean, { timeout: 20_000, interval: 50, message: 'the background did not compile the imported pack' });
}

export async function removeImportedPacks(browser: BenchBrowser): Promise<void> {
  const worker = await browser.serviceWorker();
  await worker.evaluate(`chrome.storage.local.set({ userPacks: { packs: [], bundledEnabled: true } })`);
}

async function setEnabled(browser: BenchBrowser, enabled: boolean): Promise<void> {
  await writeSettings(browser, { ...DEFAULT_SETTINGS, enabled });
}

/** Heap growth per cycle beyond which a difference counts as a leak (bytes). */
export const LEAK_BYTES_PER_CYCLE = 1024;

/**
 * Runs `cycles` cycles, with memory snapshots at the start, halfway and at the end. The observer's
 * highlight records are moved to `records` before each snapshot.
 */
async function cyclesWithMemory(
  page: Page,
  cdp: CDPSession,
  cycles: number,
  cycle: (index: number) => Promise<void>,
  records: HighlightRecord[] = [],
): Promise<MemorySeries> {
  const snapshot = async () => {
    records.push(...(await drainHighlights<HighlightRecord>(page)));
    return memorySnapshot(cdp);
  };
  const start = await snapshot();
  let middle = start;
  for (let index = 1; index <= cycles; index++) {
    await cycle(index);
    if (index === Math.floor(cycles / 2)) {
      await sleep(REPORT_SETTLE_MS);
      middle = await snapshot();
    }
  }
  await sleep(REPORT_SETTLE_MS);
  return memorySeries(cycles, start, middle, await snapshot());
}

export async function runSpa(glossBrowser: BenchBrowser, bareBrowser: BenchBrowser, server: StaticServer, options: SpaOptions): Promise<SpaResult> {
  if (!glossBrowser.extension) throw new Error('runSpa needs the browser with Gloss');
  const url = server.fixtureUrl('bench-spa.html');

  const { page, cdp } = await openTab(glossBrowser.context);
  let withGloss: Omit<SpaResult, 'navigationsWithoutGloss' | 'glossHeapPerNavigation' | 'glossListenersGrowth' | 'glossNodesGrowth' | 'leaks' | 'leakReasons'>;
  try {
    await installObserver(page);
    await page.goto('about:blank');
    // Navigations, traced: Gloss's cost per navigation.
    const tracer = new Tracer(cdp);
    await tracer.start();
    await page.goto(url, { waitUntil: 'load' });
    await waitForStatus(page, glossSettled, { timeoutMs: 30_000 });
    await sleep(REPORT_SETTLE_MS);
    const baselineHighlights = (await status(page)).total;
    const pageTimes: number[] = [];
    const records: HighlightRecord[] = [];
    const navigationsWithGloss = await cyclesWithMemory(
      page,
      cdp,
      options.navigations,
      async (index) => {
        pageTimes.push(await navigateOnce(page, index));
      },
      records,
    );
    await markPage(page, 'bench:anchor');
    const events = await tracer.stop();
    const highlightsAfterNavigations = (await status(page)).total;
    const analysis = analyzeTrace(events, 'bench:anchor', glossBrowser.extension.id);
    const collected = { highlights: records } as unknown as Collected;
    // Marks are bench:spa:1…N; window i covers navigation i+1.
    const marks = new Map(analysis.marks);
    for (let index = 1; index <= options.navigations; index++) {
      const ts = analysis.marks.get(`bench:spa:${index}`);
      if (ts) marks.set(`bench:nav:${index - 1}`, ts);
    }
    const navigations = windowCosts({ ...analysis, marks }, collected, 'bench:nav:', options.navigations, pageTimes);

    // Toggles, untraced: highlighting off and on through storage, as the popup's switch does.
    let toggles: MemorySeries | null = null;
    let toggleTimeouts = 0;
    if (options.toggles > 0) {
      toggles = await cyclesWithMemory(page, cdp, options.toggles, async () => {
        if (toggleTimeouts >= 3) return;
        await setEnabled(glossBrowser, false);
        const off = await waitForStatus(page, (value) => value.keys === 0, { timeoutMs: 10_000, intervalMs: 10 });
        await setEnabled(glossBrowser, true);
        const on = await waitForStatus(
          page,
          (value) => value.keys > 0 && value.total === highlightsAfterNavigations && value.lastIdle > value.lastChange,
          { timeoutMs: 10_000, intervalMs: 10 },
        );
        if (off.timedOut || on.timedOut) toggleTimeouts++;
      });
    }
    withGloss = {
      options,
      navigations,
      summary: flatness(navigations),
      maxTaskMs: navigations.reduce((max, cost) => Math.max(max, cost.maxTaskMs), 0),
      maxThreadMs: navigations.reduce((max, cost) => Math.max(max, cost.maxThreadMs), 0),
      highlights: { baseline: baselineHighlights, afterNavigations: highlightsAfterNavigations, afterToggles: (await status(page)).total },
      toggleTimeouts,
      navigationsWithGloss,
      toggles,
    };
  } finally {
    await setEnabled(glossBrowser, true).catch(() => undefined);
    await page.close().catch(() => undefined);
  }

  // Control: the same navigations without Gloss.
  const bare = await openTab(bareBrowser.context);
  let navigationsWithoutGloss: MemorySeries;
  try {
    await installObserver(bare.page);
    await bare.page.goto(url, { waitUntil: 'load' });
    const loaded = await status(bare.page);
    await waitForStatus(bare.page, idleSince(loaded.now));
    await sleep(REPORT_SETTLE_MS);
    navigationsWithoutGloss = await cyclesWithMemory(bare.page, bare.cdp, options.navigations, async (index) => {
      await navigateOnce(bare.page, index);
    });
  } finally {
    await bare.page.close().catch(() => undefined);
  }

  const nav = withGloss.navigationsWithGloss;
  const glossHeapPerNavigation = nav.steadyHeapPerCycle - navigationsWithoutGloss.steadyHeapPerCycle;
  const glossListenersGrowth = nav.listenersDelta - navigationsWithoutGloss.listenersDelta;
  const glossNodesGrowth = nav.nodesDelta - navigationsWithoutGloss.nodesDelta;
  const leakReasons: string[] = [];
  if (glossHeapPerNavigation > LEAK_BYTES_PER_CYCLE) {
    leakReasons.push(`heap grows ${(glossHeapPerNavigation / 1024).toFixed(1)} KB per SPA navigation (second half, beyond the page's own growth)`);
  }
  if (glossListenersGrowth > 0) leakReasons.push(`${glossListenersGrowth} event listeners added over ${options.navigations} SPA navigations`);
  if (glossNodesGrowth > 50) leakReasons.push(`${glossNodesGrowth} DOM nodes retained over ${options.navigations} SPA navigations`);
  const toggles = withGloss.toggles;
  if (toggles) {
    if (toggles.steadyHeapPerCycle > LEAK_BYTES_PER_CYCLE) {
      leakReasons.push(`heap grows ${(toggles.steadyHeapPerCycle / 1024).toFixed(1)} KB per off/on toggle (second half)`);
    }
    if (toggles.listenersDelta > 0) leakReasons.push(`${toggles.listenersDelta} event listeners added over ${toggles.cycles} off/on toggles`);
    if (toggles.nodesDelta > 50) leakReasons.push(`${toggles.nodesDelta} DOM nodes retained over ${toggles.cycles} off/on toggles`);
  }
  if (withGloss.toggleTimeouts > 0) leakReasons.push(`highlights did not come back after ${withGloss.toggleTimeouts} toggles`);
  return {
    ...withGloss,
    navigationsWithoutGloss,
    glossHeapPerNavigation,
    glossListenersGrowth,
    glossNodesGrowth,
    leaks: leakReasons.length > 0,
    leakReasons,
  };
}
