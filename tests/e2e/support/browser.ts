/**
 * Launches the system Chromium with the built extension loaded. Never downloads a browser: the
 * e2e tests use `CHROME_PATH` or `/usr/bin/chromium`, and say how to install one if neither exists.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type BrowserType, type Worker } from 'playwright-core';

type PersistentContextOptions = NonNullable<Parameters<BrowserType['launchPersistentContext']>[1]>;
import { EXTENSION_DIR } from './paths';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The switches every Chromium of the tests, the benchmark and the tools starts with. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Containers often have a tiny /dev/shm; large pages would crash the renderer.
  '--disable-dev-shm-usage',
];

/** Both are needed to load an unpacked extension in a headless Chromium. */
export function loadExtensionArgs(dir: string): string[] {
  return [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`];
}

export const VIEWPORT = { width: 1280, height: 800 };

/** The Chromium executable to use; throws with install instructions when there is none. */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (!existsSync(fromEnv)) {
      throw new Error(
        `CHROME_PATH is set to "${fromEnv}", but no file exists there. ` +
          'Point CHROME_PATH at a Chromium/Chrome executable, or unset it and install Chromium ' +
          'with: apt-get install -y chromium chromium-l10n',
      );
    }
    return fromEnv;
  }
  if (existsSync(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
  throw new Error(
    `Chromium was not found at ${DEFAULT_CHROMIUM} and CHROME_PATH is not set. ` +
      'The e2e tests never download a browser. Install one with: ' +
      'apt-get update && apt-get install -y chromium chromium-l10n ' +
      '(or set CHROME_PATH=/path/to/chromium-or-chrome).',
  );
}

/** Absolute path of the built extension; throws if `npm run build` has not been run. */
export function builtExtensionDir(): string {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `The Chrome build of Gloss is missing (${EXTENSION_DIR}/manifest.json). ` +
        'Run npm run build first (npm run test:e2e does this for you).',
    );
  }
  return EXTENSION_DIR;
}

export interface GlossBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Closes the browser and deletes its temporary profile. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Extra Chromium switches. */
  args?: string[];
  /** Viewport of new pages; defaults to 1280x800. */
  viewport?: { width: number; height: number };
  /** The browser's interface language, and so Gloss's (a LANGUAGE value such as `de`); English by default. */
  language?: string;
}

/** A persistent Chromium context whose profile is a temporary directory. */
export interface TempProfileContext {
  context: BrowserContext;
  userDataDir: string;
  /** Closes the browser and deletes the profile (once; later calls do nothing). */
  close(): Promise<void>;
}

/**
 * The environment for a browser whose interface, and so Gloss's, is English: on Linux Chromium takes
 * its language from the environment (a German desktop gives German cards and popup), and the tests
 * and screenshots read the English text.
 */
export function englishBrowserEnv(): Record<string, string | undefined> {
  return { ...process.env, LANGUAGE: 'en_US' };
}

/**
 * Launches the system Chromium (headless) in a fresh temporary profile. `prepare` may write into
 * the profile first. If launching fails, the profile is deleted again.
 */
export async function launchInTempProfile(
  prefix: string,
  options: PersistentContextOptions,
  prepare?: (userDataDir: string) => Promise<void>,
): Promise<TempProfileContext> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true });
  try {
    await prepare?.(userDataDir);
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: true,
      env: englishBrowserEnv(),
      ...options,
    });
    let closed = false;
    return {
      context,
      userDataDir,
      async close() {
        if (closed) return;
        closed = true;
        await context.close().catch(() => undefined);
        await removeProfile();
      },
    };
  } catch (error) {
    await removeProfile();
    throw error;
  }
}

/** The extension's service worker as Chromium started it, and the extension id in its URL. */
export async function extensionWorker(context: BrowserContext): Promise<{ serviceWorker: Worker; extensionId: string }> {
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  if (!/^[a-p]{32}$/.test(extensionId)) throw new Error(`Unexpected extension service worker URL: ${serviceWorker.url()}`);
  return { serviceWorker, extensionId };
}

/** Starts headless Chromium with Gloss loaded, in a fresh temporary profile. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<GlossBrowser> {
  const ext = builtExtensionDir();
  const launched = await launchInTempProfile('gloss-e2e-', {
    viewport: options.viewport ?? VIEWPORT,
    args: [...loadExtensionArgs(ext), ...CHROMIUM_ARGS, ...(options.args ?? [])],
    ...(options.language ? { env: { ...englishBrowserEnv(), LANGUAGE: options.language } } : {}),
  });
  try {
    const { serviceWorker, extensionId } = await extensionWorker(launched.context);
    return { context: launched.context, extensionId, serviceWorker, close: launched.close };
  } catch (error) {
    await launched.close();
    throw error;
  }
}
