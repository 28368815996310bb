/**
 * The scripts the benchmark runs inside pages (bench/inpage/*.js), as source text.
 *
 * They are plain JavaScript read from disk and passed to Playwright as strings: a function object
 * compiled by tsx would carry esbuild's `__name(...)` helper calls, which do not exist in the page.
 * page.evaluate runs through the DevTools protocol, so `script-src 'none'` does not stop them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Worker } from 'playwright-core';

const INPAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'inpage');

const cache = new Map<string, string>();

function source(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(INPAGE_DIR, `${name}.js`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** `(function …)(args)` for one of the in-page scripts. */
export function callExpression(name: string, args?: unknown): string {
  return `(${source(name)})(${args === undefined ? '' : JSON.stringify(args)})`;
}

export async function callInPage<T>(page: Page, name: string, args?: unknown): Promise<T> {
  return (await page.evaluate(callExpression(name, args))) as T;
}

/** The observer (long tasks, highlights, idle) in every document the page loads from now on. */
export async function installObserver(page: Page): Promise<void> {
  await page.addInitScript({ content: callExpression('observer') });
}

/** mark.js's UMD build, evaluated so that it sets window.Mark even on pages with AMD or CommonJS globals. */
export async function injectMarkJs(page: Page): Promise<void> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('mark.js/dist/mark.min.js');
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  await page.evaluate(`(function () { var module, exports, define;\n${text}\n}).call(window); typeof window.Mark`);
}

/** Evaluates an expression in the extension's service worker (a string: see above). */
export async function inWorker<T>(worker: Worker, expression: string): Promise<T> {
  return (await worker.evaluate(expression)) as T;
}

/** performance.mark in the page's main world; the mark shows in the trace with both clocks. */
export async function markPage(page: Page, name: string): Promise<void> {
  await page.evaluate(`performance.mark(${JSON.stringify(name)}); undefined`);
}
