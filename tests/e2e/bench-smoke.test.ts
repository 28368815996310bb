/**
 * A short smoke run of the benchmark (npm run bench): one small and one medium corpus page, one run,
 * a few appended batches, SPA navigations and toggles. It checks only that the benchmark still
 * produces well-formed results with numbers in them — never how fast anything is: timings on a
 * shared 2-core machine are for bench/results, not for pass/fail.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { runBench, type BenchResults } from '../../bench/lib/run';

let outDir: string | undefined;

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

describe('benchmark smoke', () => {
  it('measures floor, naive mark.js and Gloss side by side and writes JSON and Markdown', async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'gloss-bench-smoke-'));
    const results = await runBench({
      runs: 1,
      pages: ['34-hacker-news', '13-politico-eu-ireland-nato'],
      naiveCapMs: 5_000,
      outDir,
      // The dense page, short: 100 updates, 600 mentions.
      dense: { updates: 100 },
      startup: {
        pages: [
          { name: 'plain.html', kind: 'fixture' },
          { name: 'plain.html', kind: 'fixture', reference: 'empty' },
          { name: 'plain.html', kind: 'fixture', backgroundAsleep: { label: 'the background asleep' } },
          { name: 'bench-frames.html', kind: 'fixture' },
          { name: 'plain.html', kind: 'fixture', nextPageOfSite: { label: 'the next page of a site, in the same tab' } },
        ],
        runs: 1,
      },
      append: { total: 400, batch: 100, intervalMs: 200 },
      spa: { navigations: 4, toggles: 2 },
      profilePages: [],
      // Never wait for a quiet machine: the smoke checks shape, not speed.
      quietThreshold: 1,
      log: () => undefined,
    });

    expect(results.corpus.map((page) => page.file)).toEqual(['13-politico-eu-ireland-nato.html', '34-hacker-news.html']);
    for (const page of results.corpus) {
      expect(page.errors).toEqual([]);
      expect(isNumber(page.floorMs?.median)).toBe(true);
      expect(isNumber(page.gloss.toDoneMs?.median)).toBe(true);
      expect(isNumber(page.gloss.cpuMs?.median)).toBe(true);
      expect(isNumber(page.gloss.maxTaskMs?.median)).toBe(true);
      expect(isNumber(page.ratios.glossOverFloor)).toBe(true);
      expect(isNumber(page.heap.deltaBytes)).toBe(true);
      expect(isNumber(page.textNodes)).toBe(true);
      // Naive mark.js either finished (a time) or hit the cap (flagged as a lower bound).
      if (page.naive.timedOut) expect(page.ratios.naiveLowerBound).toBe(true);
      else expect(isNumber(page.naive.ms?.median)).toBe(true);
      expect(isNumber(page.ratios.naiveOverGloss)).toBe(true);
      // The least highlighter ran beside Gloss and registered its highlights.
      expect(isNumber(page.least.toDoneMs?.median)).toBe(true);
      expect(isNumber(page.ratios.leastOverFloor)).toBe(true);
    }
    expect(isNumber(results.overall.glossOverFloorGeomean)).toBe(true);
    // Each of the dense page's updates names six entities; its title two more.
    expect(results.dense?.errors).toEqual([]);
    expect(results.dense?.highlights).toBe(602);
    // Under the limit, every mention Gloss found is registered.
    expect(results.dense?.mentions).toBe(602);
    expect(isNumber(results.dense?.gloss.maxTaskMs?.max)).toBe(true);
    expect(results.overall.pages).toBe(2);

    const [startup, empty, asleep, frames, nextPage] = results.startup;
    expect(startup?.page).toBe('plain.html');
    expect(isNumber(startup?.cpuAllMs?.median)).toBe(true);
    expect(isNumber(startup?.evaluateMs?.median)).toBe(true);
    // Thread time comes from the trace's thread clock: never more than the same tasks' wall time
    // (less when the page's thread waited for a core).
    expect(startup?.cpuAllThreadMs?.median).toBeGreaterThan(0);
    expect(startup!.cpuAllThreadMs!.median).toBeLessThanOrEqual(startup!.cpuAllMs!.median + 0.1);
    expect(startup!.longestTask!.threadMs).toBeLessThanOrEqual(startup!.longestTask!.ms + 0.1);
    // The longest time on the thread is over all tasks: at least the longest task's, at most the longest wall time.
    expect(startup!.maxThreadMs!.max).toBeGreaterThanOrEqual(startup!.longestTask!.threadMs);
    expect(startup!.maxThreadMs!.max).toBeLessThanOrEqual(startup!.maxTaskMs!.max + 0.1);
    expect(results.append!.maxThreadMs).toBeGreaterThan(0);
    // A page without frames has no work elsewhere; the ad frames of another site run Gloss's frame
    // probe in a process of their own, and that work is found.
    expect(startup?.elsewhereMs?.median).toBe(0);
    expect(frames?.page).toBe('bench-frames.html');
    expect(frames?.elsewhereMs?.median).toBeGreaterThan(0);
    expect(empty?.reference).toBe('empty');
    expect(isNumber(empty?.cpuAllMs?.median)).toBe(true);
    // The service worker was stopped before the run (chrome://serviceworker-internals) and the page still finished.
    expect(asleep?.page).toBe('plain.html (the background asleep)');
    expect(isNumber(asleep?.toDoneMs?.median)).toBe(true);
    // Measured on the page after another of the same site in the tab (loaded first, untraced).
    expect(nextPage?.page).toBe('plain.html (the next page of a site, in the same tab)');
    expect(isNumber(nextPage?.toDoneMs?.median)).toBe(true);

    expect(results.append?.batches).toHaveLength(4);
    for (const batch of results.append?.batches ?? []) expect(isNumber(batch.glossMs)).toBe(true);
    expect(results.spa?.navigations).toHaveLength(4);
    expect(isNumber(results.spa?.navigationsWithGloss.end.heapUsedBytes)).toBe(true);
    expect(isNumber(results.spa?.navigationsWithoutGloss.end.jsEventListeners)).toBe(true);
    expect(results.spa?.toggles?.cycles).toBe(2);

    expect(results.bundle.contentJsBytes).toBeGreaterThan(0);
    expect(results.bundle.contentJsGzipBytes).toBeGreaterThan(0);
    expect(results.meta.chromium).toMatch(/\d+\.\d+/);
    expect(results.targets.map((target) => target.name)).toHaveLength(6);
    // The longest task is named with where it was and its thread time.
    expect(results.targets.find((target) => target.name === 'No task caused by Gloss > 50 ms')?.measured).toMatch(/ms \(\d+\.\d ms on its thread\) in .*The longest any Gloss task ran on its thread: \d+\.\d ms \(/);
    expect(results.errors).toEqual([]);

    const written = JSON.parse(await readFile(path.join(outDir, 'latest.json'), 'utf8')) as BenchResults;
    expect(written.corpus).toHaveLength(2);
    const markdown = await readFile(path.join(outDir, 'latest.md'), 'utf8');
    expect(markdown).toContain('| Page | KB |');
    expect(markdown).toContain('## Targets');
    expect(markdown).toContain('## A page dense with mentions (bench-dense.html)');
  }, 90_000);
});
