/**
 * The two browsers of a benchmark run: Debian Chromium with Gloss loaded, and the same Chromium
 * without it (baselines: floor, naive mark.js, long tasks and heap of the bare page). Both keep off
 * the network (tests/e2e/support/server.ts: corpus scripts and every non-local request aborted).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { CHROMIUM_ARGS, extensionWorker, launchInTempProfile, loadExtensionArgs, VIEWPORT } from '../../tests/e2e/support/browser';
import { pollUntil } from '../../tests/e2e/support/helpers';
import { blockExternalRequests } from '../../tests/e2e/support/server';

export interface BenchBrowser {
  context: BrowserContext;
  /** Set for the browser with Gloss. */
  extension: { id: string; dir: string } | null;
  /** The extension's service worker (restarted if Chromium stopped it). */
  serviceWorker(): Promise<Worker>;
  /**
   * A tab that stops the extension's service worker on demand, as Chromium does after 30 s idle. It
   * stays open between stops: closing a tab would wake the worker (Gloss listens for closed tabs).
   */
  openWorkerControl(): Promise<{ stop(): Promise<void>; close(): Promise<void> }>;
  version: string;
  close(): Promise<void>;
}

/**
 * Copies the built extension to a temporary directory, so that a rebuild while the benchmark runs
 * (other work in the same checkout) cannot swap the content script halfway through.
 */
export async function snapshotExtension(builtDir: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'gloss-bench-ext-'));
  const dir = path.join(parent, 'chrome-mv3');
  await cp(builtDir, dir, { recursive: true });
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}

export async function launchBenchBrowser(extensionDir: string | null): Promise<BenchBrowser> {
  const launched = await launchInTempProfile('gloss-bench-profile-', {
    viewport: VIEWPORT,
    args: extensionDir ? [...loadExtensionArgs(extensionDir), ...CHROMIUM_ARGS] : [...CHROMIUM_ARGS],
  });
  const opened = launched.context;
  try {
    await blockExternalRequests(opened);
    let extension: BenchBrowser['extension'] = null;
    if (extensionDir) extension = { id: (await extensionWorker(opened)).extensionId, dir: extensionDir };
    const version = await browserVersion(opened);
    return {
      context: opened,
      extension,
      version,
      async serviceWorker() {
        if (!extension) throw new Error('This browser has no extension');
        const running = opened.serviceWorkers().find((worker) => worker.url().includes(extension.id));
        if (running) return running;
        // An MV3 worker stops when idle; opening an extension page starts it again.
        const page = await opened.newPage();
        const started = opened.waitForEvent('serviceworker', { timeout: 20_000 });
        await page.goto(`chrome-extension://${extension.id}/popup.html`);
        const worker = await started;
        await page.close();
        return worker;
      },
      async openWorkerControl() {
        // No DevTools command stops an extension's worker; Chromium's own page for workers can. The
        // benchmark's browsers hold one extension, so every worker listed there is its.
        const page = await opened.newPage();
        return {
          async stop() {
            await page.goto('chrome://serviceworker-internals/');
            const stop = page.getByText('Stop', { exact: true });
            await stop.first().waitFor({ timeout: 10_000 });
            for (const button of await stop.all()) if (await button.isVisible()) await button.click();
            await pollUntil(async () => /Running Status: RUNNING/.test(await page.locator('body').innerText()), (running) => !running, {
              timeout: 5_000,
              message: 'the extension service worker did not stop',
            });
          },
          close: () => page.close(),
        };
      },
      close: launched.close,
    };
  } catch (error) {
    await launched.close();
    throw error;
  }
}

async function browserVersion(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  try {
    const session = await context.newCDPSession(page);
    const info = (await session.send('Browser.getVersion')) as { product: string };
    return info.product;
  } finally {
    await page.close();
  }
}

/** A fresh tab with its own DevTools session. */
export async function openTab(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  return { page, cdp };
}
