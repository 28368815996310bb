/**
 * One page load with Gloss, traced, and the timings read from it: when the content script was
 * injected, when its first and its last initially-visible highlights were registered, when its
 * first full scan ended, how much main-thread work it did and its longest task.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { openTab } from './browser';
import { callInPage, installObserver, markPage } from './inpage';
import { glossSettled, memorySnapshot, sleep, waitForStatus, type MemorySnapshot, type ObserverStatus } from './page-tools';
import { largestBy } from './stats';
import { analyzeTrace, profileSummary, taskContaining, toTraceTime, Tracer, type FunctionCost, type TraceAnalysis } from './trace';

/** Gloss reports its state to the background at most every 400 ms: wait for that report too. */
export const REPORT_SETTLE_MS = 600;
/** Gloss tasks of one scan follow each other closely; a longer gap means the scan was over. */
const SCAN_GAP_MS = 100;

export interface HighlightRecord {
  t: number;
  keys: number;
  total: number;
  sizes: Record<string, number>;
}

export interface Collected {
  highlights: HighlightRecord[];
  longtasks: { start: number; duration: number }[];
  frames: number;
  /** Page times of the idle periods after Gloss's highlights were registered. */
  idlesAfterRegistration: number[];
  visible: Record<string, { last: number; count: number; size: number }>;
  scrollY: number;
  elements: number;
}

export interface GlossTimings {
  /** How the end of the scan was found: Gloss's own performance marks, or the trace. */
  completion: 'marks' | 'trace';
  /** Injection (start of the content script's evaluation) → first highlight registered (next frame). */
  toFirstMs: number | null;
  /** Injection → every highlight in the initial viewport registered (next frame); null if none is visible. */
  toVisibleMs: number | null;
  /** Injection → end of the last task of the first full scan. */
  toDoneMs: number | null;
  /** Main-thread time of Gloss's tasks from injection to the end of the scan. */
  cpuMs: number | null;
  /** Main-thread time of every Gloss task in the trace (adds the state reports after the scan). */
  cpuAllMs: number;
  /** The same tasks' thread time: without the time their thread waited for a core (busy machine, other processes). */
  cpuAllThreadMs: number;
  /** Gloss's work in the page's frames of other sites, on their processes' main threads (see TraceAnalysis). */
  elsewhereMs: number;
  /** Sampled JavaScript time in the extension's frames, injection → end of scan. */
  jsMs: number | null;
  evaluateMs: number | null;
  compileMs: number | null;
  maxTaskMs: number;
  /** The thread time of that longest task: much less than `maxTaskMs` when it waited for a core. */
  maxTaskThreadMs: number;
  /** The longest any Gloss task ran on its thread (not always the longest task). */
  maxThreadMs: number;
  /** Gloss tasks longer than 50 ms. */
  longTasks: number;
  highlights: number;
  visibleHighlights: number;
}

export interface GlossPageRun {
  timings: GlossTimings;
  collected: Collected;
  memory: MemorySnapshot | null;
  settledTimedOut: boolean;
  profile?: FunctionCost[];
  /** The mentions Gloss found, as it reports them (`mentionsOf`); null when not asked. */
  mentions: number | null;
}

export interface GlossRunOptions {
  extensionId: string;
  timeoutMs?: number;
  /** Read heap and DOM counters after the scan (two forced GCs). */
  memory?: boolean;
  /** Also summarise where Gloss's profiled time went. */
  profile?: boolean;
  /** Runs after the first scan, while still tracing (dynamic pages). */
  during?: (page: Page) => Promise<void>;
  /** When the page is done (default: highlights registered and an idle period since; see glossSettled). */
  settled?: (status: ObserverStatus) => boolean;
  /**
   * Load this page in the tab first, untraced, so that the measured load is the next page of a site
   * in the same tab: the same renderer process, where V8 has the content script compiled already.
   */
  warmUpUrl?: string;
  /** Called with the trace analysis before the tab closes. */
  inspect?: (analysis: TraceAnalysis, collected: Collected) => void;
  /**
   * Asks Gloss how many mentions it found, after the trace. Not the highlights the page sees: on a
   * page with very many, Gloss registers only those near the viewport.
   */
  mentionsOf?: (page: Page) => Promise<number | null>;
}

export async function runGlossPage(context: BrowserContext, url: string, options: GlossRunOptions): Promise<GlossPageRun> {
  const { page, cdp } = await openTab(context);
  try {
    await installObserver(page);
    if (options.warmUpUrl) {
      await page.goto(options.warmUpUrl, { waitUntil: 'load', timeout: 60_000 });
      await waitForStatus(page, options.settled ?? glossSettled, { timeoutMs: options.timeoutMs ?? 60_000 });
      await sleep(REPORT_SETTLE_MS);
    }
    await page.goto('about:blank');
    const tracer = new Tracer(cdp);
    await tracer.start();
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const settled = await waitForStatus(page, options.settled ?? glossSettled, { timeoutMs: options.timeoutMs ?? 60_000 });
    if (options.during) await options.during(page);
    await sleep(REPORT_SETTLE_MS);
    await markPage(page, 'bench:anchor');
    const events = await tracer.stop();
    const collected = await callInPage<Collected>(page, 'collect');
    const memory = options.memory ? await memorySnapshot(cdp) : null;
    const analysis = analyzeTrace(events, 'bench:anchor', options.extensionId);
    options.inspect?.(analysis, collected);
    const timings = glossTimings(analysis, collected);
    const mentions = options.mentionsOf ? await options.mentionsOf(page) : null;
    const run: GlossPageRun = { timings, collected, memory, settledTimedOut: settled.timedOut, mentions };
    if (options.profile && analysis.contentScript) run.profile = profileSummary(analysis, analysis.contentScript.start);
    return run;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** The first trace time at which a gloss mark (from Gloss's own performance.mark calls) was made. */
function firstMark(analysis: TraceAnalysis, name: string, after: number): number | null {
  return analysis.marks.get(name)?.find((ts) => ts >= after) ?? null;
}

export function glossTimings(analysis: TraceAnalysis, collected: Collected): GlossTimings {
  const script = analysis.contentScript;
  const glossTasks = analysis.tasks.filter((task) => task.gloss);
  const cpuAllMs = glossTasks.reduce((sum, task) => sum + task.durMs, 0);
  const longestTask = largestBy(glossTasks, (task) => task.durMs);
  const longTasks = glossTasks.filter((task) => task.durMs > 50).length;
  const final = collected.highlights.at(-1);
  const visibleHighlights = Object.values(collected.visible).reduce((sum, entry) => sum + entry.count, 0);
  const base = {
    cpuAllMs,
    cpuAllThreadMs: glossTasks.reduce((sum, task) => sum + task.threadMs, 0),
    elsewhereMs: analysis.elsewhereMs,
    maxTaskMs: longestTask?.durMs ?? 0,
    maxTaskThreadMs: longestTask?.threadMs ?? 0,
    maxThreadMs: glossTasks.reduce((max, task) => Math.max(max, task.threadMs), 0),
    longTasks,
    highlights: final?.total ?? 0,
    visibleHighlights,
    evaluateMs: script?.durMs ?? null,
    compileMs: script?.compileMs ?? null,
  };
  if (!script) {
    return { ...base, completion: 'trace', toFirstMs: null, toVisibleMs: null, toDoneMs: null, cpuMs: null, jsMs: null };
  }
  const inject = script.start;
  const pageToTrace = (t: number) => toTraceTime(analysis, t);
  const sinceInject = (ts: number | null) => (ts === null ? null : (ts - inject) / 1000);

  const first = collected.highlights.find((record) => record.total > 0);
  const toFirstMs = first ? sinceInject(pageToTrace(first.t)) : null;

  let visibleAt: number | null = null;
  for (const [name, entry] of Object.entries(collected.visible)) {
    if (entry.last < 0) continue;
    const reached = collected.highlights.find((record) => (record.sizes[name] ?? 0) > entry.last);
    if (reached) visibleAt = Math.max(visibleAt ?? -Infinity, reached.t);
  }
  const toVisibleMs = visibleAt === null ? null : sinceInject(pageToTrace(visibleAt));

  // End of the first full scan: Gloss's own mark if it makes one, else the trace.
  let done = firstMark(analysis, 'gloss:scan-done', inject);
  let completion: GlossTimings['completion'] = 'marks';
  if (done === null) {
    completion = 'trace';
    done = scanEndFromTrace(analysis, collected, inject);
  }
  let cpuMs: number | null = null;
  let jsMs: number | null = null;
  if (done !== null) {
    const end = done;
    const inScan = glossTasks.filter((task) => task.end > inject && task.start <= end);
    cpuMs = inScan.reduce((sum, task) => sum + task.durMs, 0);
    jsMs = inScan.reduce((sum, task) => sum + task.glossJsMs, 0);
  }
  return { ...base, completion, toFirstMs, toVisibleMs, toDoneMs: sinceInject(done), cpuMs, jsMs };
}

/**
 * The scan's last task. A scan keeps its next slice queued until it ends, so the page has no idle
 * period in between: the scan ended before the first idle period after its highlights were
 * registered (the engine registers them with the first mentions it shows), unless it was waiting there for the
 * background's answer, which the last change of the highlights then shows. The last Gloss task
 * before the later of the two is the scan's last slice. Timer tasks (the throttled state report,
 * mutation batches) are not slices of the first scan and are skipped. Without an idle period
 * (the page kept the main thread busy), Gloss's tasks are followed while they come less than
 * SCAN_GAP_MS apart; so are they on a page where Gloss found nothing and registered no highlight.
 */
function scanEndFromTrace(analysis: TraceAnalysis, collected: Collected, inject: number): number | null {
  const evaluation = taskContaining(analysis.tasks, inject);
  const slices = analysis.tasks.filter(
    (task) => task.gloss && !task.timer && task.start > (evaluation?.end ?? inject),
  );
  const followed = (from: number) => {
    let index = from;
    while (index + 1 < slices.length && slices[index + 1]!.start - slices[index]!.end < SCAN_GAP_MS * 1000) index++;
    return slices[index]!.end;
  };
  const registered = collected.highlights.find((record) => record.keys > 0);
  // Nothing found, so nothing registered: the scan is the run of Gloss's tasks after its evaluation.
  if (!registered) return slices.length > 0 ? followed(0) : (evaluation?.end ?? null);
  const registeredTs = toTraceTime(analysis, registered.t);
  if (registeredTs === null) return null;
  const idle = collected.idlesAfterRegistration.find((t) => t > registered.t);
  const lastChange = collected.highlights.at(-1)?.t ?? registered.t;
  if (idle !== undefined) {
    const bound = toTraceTime(analysis, Math.max(idle, lastChange));
    const before = slices.filter((task) => bound !== null && task.start < bound);
    return before.at(-1)?.end ?? null;
  }
  let index = -1;
  for (let i = 0; i < slices.length; i++) if (slices[i]!.start <= registeredTs) index = i;
  if (index < 0) return null;
  return followed(index);
}
