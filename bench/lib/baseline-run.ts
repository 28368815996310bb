/**
 * The baselines, in the browser without Gloss: the bare page's long tasks and heap, the floor
 * (one TreeWalker, one RegExp) and naive mark.js.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { openTab } from './browser';
import { callInPage, callExpression, injectMarkJs, installObserver, markPage } from './inpage';
import { idleSince, memorySnapshot, sleep, status, waitForStatus, type MemorySnapshot } from './page-tools';
import type { SearchTerms } from './pattern';
import { Tracer } from './trace';
import type { Collected } from './gloss-run';

export interface FloorResult {
  ms: number;
  walkMs: number;
  matchMs: number;
  matches: number;
  textNodes: number;
  chars: number;
}

/** Loads `url` with the observer installed, and waits until the page has been idle a moment. */
async function loadUntilIdle(page: Page, url: string): Promise<void> {
  await installObserver(page);
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  const loaded = await status(page);
  await waitForStatus(page, idleSince(loaded.now), { timeoutMs: 30_000 });
}

export interface BareRun {
  floor: FloorResult;
  longtasks: { start: number; duration: number }[];
  memory: MemorySnapshot | null;
  elements: number;
}

/**
 * Loads the page without Gloss, waits until it is idle, records its long tasks and heap, then runs
 * the floor. The floor runs under the same tracing as Gloss's runs (same profiler overhead).
 */
export async function runBare(context: BrowserContext, url: string, terms: SearchTerms, withMemory: boolean): Promise<BareRun> {
  const { page, cdp } = await openTab(context);
  try {
    await loadUntilIdle(page, url);
    // As long as Gloss's runs wait for its state report, so that late page work is counted alike.
    await sleep(600);
    const collected = await callInPage<Collected>(page, 'collect');
    const memory = withMemory ? await memorySnapshot(cdp) : null;
    const tracer = new Tracer(cdp);
    await tracer.start();
    const floor = await callInPage<FloorResult>(page, 'floor', terms.pattern);
    await markPage(page, 'bench:anchor');
    await tracer.stop();
    return { floor, longtasks: collected.longtasks, memory, elements: collected.elements };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * The floor again, on a fresh load of the page, in an isolated world of its own: where any
 * extension's highlighter runs (content scripts never share the page's world). Blink reaches DOM
 * wrappers of isolated worlds through a per-world map rather than the node itself, so the same walk
 * costs there about three times what it costs in the page's world; the main-world floor (runBare)
 * is reported beside it.
 */
export async function runFloorIsolated(context: BrowserContext, url: string, terms: SearchTerms): Promise<FloorResult> {
  const { page, cdp } = await openTab(context);
  try {
    await loadUntilIdle(page, url);
    await sleep(600);
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'gloss-bench-floor',
    })) as { executionContextId: number };
    const tracer = new Tracer(cdp);
    await tracer.start();
    const evaluated = (await cdp.send('Runtime.evaluate', {
      expression: callExpression('floor', terms.pattern),
      contextId: executionContextId,
      returnByValue: true,
    })) as { result: { value?: FloorResult }; exceptionDetails?: { text: string } };
    await markPage(page, 'bench:anchor');
    await tracer.stop();
    if (evaluated.exceptionDetails || !evaluated.result.value) throw new Error(`floor in an isolated world: ${evaluated.exceptionDetails?.text ?? 'no result'}`);
    return evaluated.result.value;
  } finally {
    await page.close().catch(() => undefined);
  }
}

export interface NaiveResult {
  /** Script time of mark.js; null when it did not finish within the cap. */
  ms: number | null;
  withLayoutMs: number | null;
  marked: number | null;
  timedOut: boolean;
  capMs: number;
}

/** mark.js with every alias over the bare page; stopped (Runtime.terminateExecution) after `capMs`. */
export async function runNaive(context: BrowserContext, url: string, terms: SearchTerms, capMs: number): Promise<NaiveResult> {
  const { page, cdp } = await openTab(context);
  try {
    await loadUntilIdle(page, url);
    await injectMarkJs(page);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const capped = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), capMs);
    });
    const running = page
      .evaluate(callExpression('naive', { aliases: terms.aliases }))
      .then((value) => value as { ms: number; withLayoutMs: number; marked: number })
      .catch((error: unknown) => error as Error);
    const outcome = await Promise.race([running, capped]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await cdp.send('Runtime.terminateExecution').catch(() => undefined);
      await running;
      return { ms: null, withLayoutMs: null, marked: null, timedOut: true, capMs };
    }
    if (outcome instanceof Error) throw outcome;
    // Beyond the cap but finished before the timer fired: still a timeout.
    if (outcome.ms > capMs) return { ms: null, withLayoutMs: null, marked: outcome.marked, timedOut: true, capMs };
    return { ms: outcome.ms, withLayoutMs: outcome.withLayoutMs, marked: outcome.marked, timedOut: false, capMs };
  } finally {
    await page.close().catch(() => undefined);
  }
}
