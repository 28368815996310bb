/** Waiting for pages and Gloss to settle, and reading memory, from Node. */
import type { CDPSession, Page } from 'playwright-core';
import { callInPage } from './inpage';

export interface ObserverStatus {
  now: number;
  keys: number;
  total: number;
  registeredAt: number;
  loadedAt: number;
  lastChange: number;
  lastIdle: number;
  frames: number;
}

export async function status(page: Page): Promise<ObserverStatus> {
  const value = await callInPage<ObserverStatus | null>(page, 'status');
  if (!value) throw new Error('The benchmark observer is not installed in this page');
  return value;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls the in-page observer until `done` holds; returns the last status and whether it timed out.
 */
export async function waitForStatus(
  page: Page,
  done: (value: ObserverStatus) => boolean,
  { timeoutMs = 30_000, intervalMs = 50 } = {},
): Promise<{ status: ObserverStatus; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await status(page);
    if (done(value)) return { status: value, timedOut: false };
    if (Date.now() > deadline) return { status: value, timedOut: true };
    await sleep(intervalMs);
  }
}

/**
 * How long after the load event a page with no highlight counts as one where Gloss found nothing:
 * Gloss registers its highlights with the first mention it shows, and starts at the latest with the
 * load event (document_idle), so by then it has read its settings and scanned a page of any size.
 */
export const NOTHING_FOUND_AFTER_MS = 1500;

/**
 * Gloss's first scan is over: its highlights are registered and the main thread has been idle
 * since (a scan queues its next slice before yielding, so it leaves no idle period until it ends);
 * or none are, and the main thread was idle NOTHING_FOUND_AFTER_MS after the load event.
 */
export function glossSettled(value: ObserverStatus): boolean {
  if (value.registeredAt < 0) return value.loadedAt >= 0 && value.lastIdle > value.loadedAt + NOTHING_FOUND_AFTER_MS;
  return value.lastIdle > value.registeredAt && value.lastIdle > value.lastChange;
}

/** The page has had an idle period after `since` (page time, ms). */
export function idleSince(since: number): (value: ObserverStatus) => boolean {
  return (value) => value.lastIdle > since;
}

/** Takes the observer's highlight records out of the page (see bench/inpage/drain.js). */
export async function drainHighlights<T>(page: Page): Promise<T[]> {
  return callInPage<T[]>(page, 'drain');
}

export interface MemorySnapshot {
  /** V8 heap of the tab's isolate after two forced GCs: the page's and the content script's worlds. */
  heapUsedBytes: number;
  documents: number;
  nodes: number;
  jsEventListeners: number;
  /** Listeners on window and document, as DevTools lists them. */
  windowListeners: number;
  documentListeners: number;
}

export async function memorySnapshot(cdp: CDPSession): Promise<MemorySnapshot> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const counters = (await cdp.send('Memory.getDOMCounters')) as { documents: number; nodes: number; jsEventListeners: number };
  const listenersOf = async (expression: string) => {
    const { result } = (await cdp.send('Runtime.evaluate', { expression })) as { result: { objectId?: string } };
    if (!result.objectId) return -1;
    const { listeners } = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })) as { listeners: unknown[] };
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId }).catch(() => undefined);
    return listeners.length;
  };
  return {
    heapUsedBytes: heap.usedSize,
    documents: counters.documents,
    nodes: counters.nodes,
    jsEventListeners: counters.jsEventListeners,
    windowListeners: await listenersOf('window'),
    documentListeners: await listenersOf('document'),
  };
}
