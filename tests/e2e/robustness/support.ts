/**
 * Support for the "Gloss never breaks a page" suite: a fixture server on two ports (two origins,
 * for cross-origin iframes) that lets fixtures run their own scripts, serves Preact from
 * node_modules and sets per-fixture headers; a Chromium with Gloss and a plain Chromium without it
 * (the baseline every page is compared with); an error collector that sees every JavaScript world
 * of a page (the page's own and Gloss's isolated world); and readers for the CSS Custom Highlight
 * API registry, which the page's main world can see.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Frame,
  type Page,
  type Worker,
} from 'playwright-core';
import type { Settings } from '../../../src/core/settings';
import { builtExtensionDir, CHROMIUM_ARGS, extensionWorker, findChromium, launchInTempProfile, loadExtensionArgs, VIEWPORT } from '../support/browser';
import { cardDialog, seedSettings, tabIdOf, waitForScan } from '../support/helpers';
import { CORPUS_DIR, REPO_ROOT } from '../support/paths';
import { blockExternalRequests, htmlContentType, listenLocally, NO_SCRIPTS_CSP, readRequestedFile, resolveInside, type LocalServer } from '../support/server';
import { centreOfTextIn, type TextPoint } from '../support/text-point';

export const ROBUSTNESS_FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'robustness');

/** The strict policy of fixture 8: no script at all, styles only from the page's own origin. */
export const STRICT_CSP = "default-src 'none'; style-src 'self'";

/** Extra response headers per fixture file. */
const FIXTURE_HEADERS: Record<string, Record<string, string>> = {
  'strict-csp.html': { 'content-security-policy': STRICT_CSP },
};

/** Files served from node_modules, so framework fixtures load nothing from the internet. */
const VENDOR_FILES: Record<string, string> = {
  '/vendor/preact.mjs': path.join(REPO_ROOT, 'node_modules', 'preact', 'dist', 'preact.mjs'),
  '/vendor/hooks.mjs': path.join(REPO_ROOT, 'node_modules', 'preact', 'hooks', 'dist', 'hooks.mjs'),
};

/** React 19 ships no browser build: bundle React and react-dom/client into one ES module, once. */
async function bundleReact(): Promise<string> {
  const outfile = path.join(os.tmpdir(), `gloss-react-vendor-${process.pid}.mjs`);
  await build({
    stdin: {
      contents: "export { createElement, useState } from 'react'; export { createRoot } from 'react-dom/client';",
      resolveDir: REPO_ROOT,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

export interface FixtureServers {
  /** `http://127.0.0.1:PORT` of the main server. */
  origin: string;
  /** The same files from another port: a different origin. */
  otherOrigin: string;
  /** URL of tests/fixtures/robustness/NAME on the main origin. */
  url(name: string): string;
  /** URL of tests/fixtures/robustness/NAME on the other origin. */
  otherUrl(name: string): string;
  /** URL of a corpus page (served with `script-src 'none'`, like the shared e2e server does). */
  corpusUrl(name: string): string;
  /** Every request the two servers received, in order. */
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

export interface ReceivedRequest {
  url: string;
  method: string;
  /** The Origin header, if any (an extension's requests carry chrome-extension://...). */
  origin: string;
  referer: string;
  secFetchSite: string;
  secFetchDest: string;
  /** The Sec-Purpose header: `prefetch;prerender` for a page Chromium prerenders. */
  secPurpose: string;
}

/**
 * Two servers over the same files. In HTML, `%%OTHER_ORIGIN%%` becomes the other server's origin
 * and `%%SELF_ORIGIN%%` the serving one's.
 */
export async function startFixtureServers(): Promise<FixtureServers> {
  VENDOR_FILES['/vendor/react.mjs'] ??= await bundleReact();
  const origins: string[] = [];
  const received: ReceivedRequest[] = [];
  const handler = (serverIndex: number) => async (request: IncomingMessage, response: ServerResponse) => {
    const header = (name: string) => String(request.headers[name] ?? '');
    received.push({
      url: `${origins[serverIndex] ?? ''}${request.url ?? ''}`,
      method: request.method ?? 'GET',
      origin: header('origin'),
      referer: header('referer'),
      secFetchSite: header('sec-fetch-site'),
      secFetchDest: header('sec-fetch-dest'),
      secPurpose: header('sec-purpose'),
    });
    const requested = await readRequestedFile(request, response, (pathname) =>
      VENDOR_FILES[pathname] ??
      (pathname.startsWith('/corpus/') ? resolveInside(CORPUS_DIR, pathname.slice('/corpus/'.length)) : resolveInside(ROBUSTNESS_FIXTURES_DIR, pathname.slice(1))),
    );
    if (!requested) return;
    const { pathname, file } = requested;
    let { body } = requested;
    const isCorpus = pathname.startsWith('/corpus/');
    const ext = path.extname(file).toLowerCase();
    const isHtml = ext === '.html' || ext === '.htm';
    if (isHtml && !isCorpus) {
      const self = origins[serverIndex] ?? '';
      const other = origins[1 - serverIndex] ?? '';
      body = Buffer.from(body.toString('utf8').replaceAll('%%OTHER_ORIGIN%%', other).replaceAll('%%SELF_ORIGIN%%', self));
    }
    const headers: Record<string, string> = {
      'content-type': isHtml ? htmlContentType(body) : (TYPES[ext] ?? 'application/octet-stream'),
      // Pages may be kept in the back/forward cache: no `no-store` here.
      'cache-control': 'no-cache',
      ...(isCorpus ? { 'content-security-policy': NO_SCRIPTS_CSP } : (FIXTURE_HEADERS[path.basename(file)] ?? {})),
    };
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const servers: LocalServer[] = [];
  for (let index = 0; index < 2; index++) {
    const server = await listenLocally(handler(index));
    servers.push(server);
    origins.push(server.origin);
  }
  const [origin, otherOrigin] = origins as [string, string];
  return {
    origin,
    otherOrigin,
    url: (name) => `${origin}/${name}`,
    otherUrl: (name) => `${otherOrigin}/${name}`,
    corpusUrl: (name) => `${origin}/corpus/${encodeURI(name)}`,
    received,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}

export interface GlossChromium {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker as launched (`chrome.runtime.reload()` starts a new one). */
  serviceWorker: Worker;
  /** The DevTools port, when launched with `debuggingPort`. */
  devToolsPort?: number;
  close(): Promise<void>;
}

export interface GlossLaunchOptions {
  settings?: Partial<Settings>;
  /**
   * Keep Chromium's back/forward cache on. Playwright turns it off by default
   * (`--disable-back-forward-cache`); the bfcache test needs it.
   */
  backForwardCache?: boolean;
  /** Abort requests to non-local hosts (default true). */
  blockExternal?: boolean;
  /**
   * Let `chrome.runtime.reload()` bring the extension back, as an update would: developer mode on,
   * and without Playwright's default `--disable-extensions` switch (with it, or outside developer
   * mode, Chromium leaves a reloaded command-line extension disabled).
   */
  allowReload?: boolean;
  /** Also open a DevTools port, for `recordExtensionNetwork` (a second, browser-level CDP client). */
  debuggingPort?: boolean;
}

/** Chromium with the built extension, like tests/e2e/support/browser.ts, with a few more switches. */
export async function launchGloss(options: GlossLaunchOptions = {}): Promise<GlossChromium> {
  const ext = builtExtensionDir();
  const launched = await launchInTempProfile(
    'gloss-robust-',
    {
      viewport: VIEWPORT,
      ignoreDefaultArgs: [
        ...(options.backForwardCache ? ['--disable-back-forward-cache'] : []),
        ...(options.allowReload ? ['--disable-extensions'] : []),
      ],
      args: [
        ...loadExtensionArgs(ext),
        ...CHROMIUM_ARGS,
        ...(options.debuggingPort ? ['--remote-debugging-port=0', '--remote-allow-origins=*'] : []),
      ],
    },
    async (userDataDir) => {
      if (!options.allowReload) return;
      // Reloading an unpacked extension outside developer mode disables it
      // (DISABLE_UNSUPPORTED_DEVELOPER_EXTENSION): turn developer mode on in the new profile.
      await mkdir(path.join(userDataDir, 'Default'), { recursive: true });
      await writeFile(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
    },
  );
  try {
    const { serviceWorker, extensionId } = await extensionWorker(launched.context);
    if (options.blockExternal !== false) await blockExternalRequests(launched.context);
    if (options.settings) await seedSettings(serviceWorker, options.settings);
    const devToolsPort = options.debuggingPort
      ? Number((await readFile(path.join(launched.userDataDir, 'DevToolsActivePort'), 'utf8')).split('\n')[0])
      : undefined;
    return { context: launched.context, extensionId, serviceWorker, devToolsPort, close: launched.close };
  } catch (error) {
    await launched.close();
    throw error;
  }
}

export interface Baseline {
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
}

/** The same Chromium without any extension: what every page must look like with Gloss too. */
export async function launchBaseline(options: { backForwardCache?: boolean } = {}): Promise<Baseline> {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS],
    ignoreDefaultArgs: options.backForwardCache ? ['--disable-back-forward-cache'] : undefined,
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  await blockExternalRequests(context);
  return { browser, context, close: () => browser.close() };
}

// ---------------------------------------------------------------------------------------------
// Errors from every world of a page
// ---------------------------------------------------------------------------------------------

export interface PageProblem {
  /** exception | console | log (browser messages: CSP, network...) */
  kind: 'exception' | 'console' | 'log';
  /** 'main', 'isolated:<name>' (a content script world) or 'browser'. */
  world: string;
  text: string;
  /** The whole message, with its stack where there is one. */
  detail: string;
}

export interface ProblemLog {
  readonly problems: PageProblem[];
  /** Problems as comparable strings (world and text; the URL's port is the same in both browsers). */
  texts(): string[];
  /** Problems raised in an extension's isolated world. */
  fromExtensions(): PageProblem[];
  detach(): Promise<void>;
}

/**
 * Records exceptions, console.error calls and browser log errors of a page, in every JavaScript
 * world of every frame of its process, through a CDP session of its own. Playwright's `pageerror`
 * only reports the main world, where a content script's errors never show.
 */
export async function watchProblems(page: Page): Promise<ProblemLog> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const worlds = new Map<number, string>();
  const problems: PageProblem[] = [];
  const worldOf = (id: number | undefined) => (id === undefined ? 'browser' : (worlds.get(id) ?? `context-${id}`));
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = (context.auxData ?? {}) as { type?: string; isDefault?: boolean };
    worlds.set(context.id, aux.type === 'isolated' ? `isolated:${context.name}` : aux.isDefault ? 'main' : `other:${context.name}`);
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
    const text = exceptionDetails.exception?.description ?? exceptionDetails.text;
    const where = (exceptionDetails.stackTrace?.callFrames ?? []).map((frame) => `${frame.functionName || '(anonymous)'} ${frame.url}:${frame.lineNumber + 1}`);
    problems.push({
      kind: 'exception',
      world: worldOf(exceptionDetails.executionContextId),
      text: firstLine(text),
      detail: [text, ...where].join('\n'),
    });
  });
  cdp.on('Runtime.consoleAPICalled', ({ type, args, executionContextId }) => {
    if (type !== 'error' && type !== 'assert') return;
    const text = args.map((arg) => (arg.value !== undefined ? String(arg.value) : (arg.description ?? arg.type))).join(' ');
    problems.push({ kind: 'console', world: worldOf(executionContextId), text: firstLine(text), detail: text });
  });
  cdp.on('Log.entryAdded', ({ entry }) => {
    if (entry.level !== 'error') return;
    problems.push({ kind: 'log', world: 'browser', text: firstLine(`${entry.source}: ${entry.text}`), detail: `${entry.source}: ${entry.text} ${entry.url ?? ''}` });
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return {
    problems,
    texts: () => problems.map((problem) => `${problem.kind} [${problem.world === 'browser' || problem.world === 'main' ? problem.world : 'extension'}] ${problem.text}`),
    fromExtensions: () => problems.filter((problem) => problem.world.startsWith('isolated:')),
    detach: () => cdp.detach().catch(() => undefined),
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** Items of `withGloss` not matched one-for-one in `without`: the problems Gloss added. */
export function extraProblems(withGloss: string[], without: string[]): string[] {
  const left = [...without];
  return withGloss.filter((text) => {
    const index = left.indexOf(text);
    if (index < 0) return true;
    left.splice(index, 1);
    return false;
  });
}

// ---------------------------------------------------------------------------------------------
// The page's DOM, serialized for comparison
// ---------------------------------------------------------------------------------------------

/**
 * The document as the page's scripts see it: documentElement.outerHTML, the HTML of every open
 * shadow root (Gloss's own `<gloss-card>` left out), the live values of form controls, the
 * selection, and the same for same-origin iframes.
 */
export async function serializeDom(target: Page | Frame): Promise<string> {
  return target.evaluate(() => {
    const describe = (doc: Document): string => {
      const parts: string[] = [];
      const clone = doc.documentElement.cloneNode(true) as HTMLElement;
      for (const host of Array.from(clone.querySelectorAll('gloss-card'))) host.remove();
      parts.push(clone.outerHTML);
      const visit = (root: Document | ShadowRoot, trail: string) => {
        for (const element of Array.from(root.querySelectorAll('*'))) {
          if (element.localName === 'gloss-card') continue;
          const shadow = element.shadowRoot;
          if (shadow) {
            const where = `${trail}>${element.localName}${element.id ? '#' + element.id : ''}`;
            parts.push(`shadow(${where}): ${shadow.innerHTML}`);
            visit(shadow, where);
          }
          if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
            parts.push(`value(${element.id || element.getAttribute('name') || element.localName}): ${JSON.stringify(element.value)}`);
          }
          if (element instanceof HTMLIFrameElement) {
            let inner = 'cross-origin';
            try {
              if (element.contentDocument) inner = describe(element.contentDocument);
            } catch {
              // Cross-origin.
            }
            parts.push(`iframe(${element.id}): ${inner}`);
          }
        }
      };
      visit(doc, '');
      const selection = doc.getSelection();
      if (selection && selection.rangeCount > 0) {
        const anchor = selection.anchorNode;
        parts.push(`selection: ${anchor?.nodeName}:${JSON.stringify(anchor?.textContent?.slice(0, 40))}@${selection.anchorOffset}`);
      }
      return parts.join('\n');
    };
    return describe(document);
  });
}

// ---------------------------------------------------------------------------------------------
// Gloss's highlights, read from the page's world
// ---------------------------------------------------------------------------------------------

export interface RegisteredHighlight {
  /** The highlight's name in CSS.highlights, e.g. `gloss-underline-places`. */
  name: string;
  text: string;
  /** Whether the range's text is still in the document. */
  connected: boolean;
  /** The id of the nearest ancestor with one (crossing shadow roots), or ''. */
  nearestId: string;
  /** Whether the text is in a shadow tree. */
  inShadow: boolean;
  /** Tag name of the nearest form control or editable ancestor (textarea, option, contenteditable...), or ''. */
  insideControl: string;
}

/** Every range Gloss has registered in `CSS.highlights` (not the "active" one), in a page or frame. */
export async function glossHighlights(target: Page | Frame): Promise<RegisteredHighlight[]> {
  return target.evaluate(() => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    if (!registry) return [];
    const out: RegisteredHighlight[] = [];
    for (const [name, highlight] of registry) {
      if (!name.startsWith('gloss-') || name === 'gloss-active') continue;
      for (const range of highlight) {
        let element: Element | null = range.startContainer.parentElement;
        let nearestId = '';
        while (element) {
          if (element.id) {
            nearestId = element.id;
            break;
          }
          const next: Element | null = element.parentElement ?? ((element.getRootNode() as ShadowRoot).host ?? null);
          element = next;
        }
        const text = range instanceof Range ? range.toString() : (range.startContainer.textContent ?? '').slice(range.startOffset, range.endOffset);
        out.push({
          name,
          text,
          connected: range.startContainer.isConnected,
          nearestId,
          inShadow: range.startContainer.getRootNode() instanceof ShadowRoot,
          insideControl:
            range.startContainer.parentElement?.closest('input, textarea, select, option, button, [contenteditable]:not([contenteditable="false"])')
              ?.localName ?? '',
        });
      }
    }
    return out;
  });
}

/** Highlighted texts inside the element with id `id` (by nearest id), sorted. */
export function textsIn(highlights: RegisteredHighlight[], id: string): string[] {
  return highlights
    .filter((highlight) => highlight.nearestId === id && highlight.connected)
    .map((highlight) => highlight.text)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Pages and cards
// ---------------------------------------------------------------------------------------------

/** Opens `url` in a new tab of the Gloss browser, watching for problems, and waits for Gloss's first scan. */
export async function openWithGloss(gloss: GlossChromium, url: string, options: { waitForScan?: boolean } = {}) {
  const page = await gloss.context.newPage();
  const problems = await watchProblems(page);
  await page.goto(url);
  if (options.waitForScan !== false) await waitForScan(gloss.serviceWorker, await tabIdOf(gloss.serviceWorker, page));
  return { page, problems };
}

/** Opens `url` in the baseline browser, watching for problems. */
export async function openWithoutGloss(baseline: Baseline, url: string) {
  const page = await baseline.context.newPage();
  const problems = await watchProblems(page);
  await page.goto(url);
  return { page, problems };
}

/** One page as a test sees it: the tab, and the problems it logged. */
export type Side = { page: Page; problems: ProblemLog };

/** What every robustness file runs against: the fixture servers and both browsers. */
export interface Browsers {
  readonly fixtures: FixtureServers;
  readonly gloss: GlossChromium;
  readonly baseline: Baseline;
}

/**
 * Starts the fixture servers, the browser with Gloss and the one without before a file's tests, and
 * closes them after. Read the returned object's fields in tests and hooks, not at module level.
 */
export function useBrowsers(options: { gloss?: GlossLaunchOptions; baseline?: { backForwardCache?: boolean } } = {}): Browsers {
  let started: Browsers | undefined;
  beforeAll(async () => {
    const [fixtures, gloss, baseline] = await Promise.all([startFixtureServers(), launchGloss(options.gloss), launchBaseline(options.baseline)]);
    started = { fixtures, gloss, baseline };
  });
  afterAll(async () => {
    await Promise.all([started?.gloss.close(), started?.baseline.close(), started?.fixtures.close()]);
  });
  const get = (): Browsers => {
    if (!started) throw new Error('useBrowsers(): the servers and browsers start in beforeAll');
    return started;
  };
  return {
    get fixtures() {
      return get().fixtures;
    },
    get gloss() {
      return get().gloss;
    },
    get baseline() {
      return get().baseline;
    },
  };
}

/** Opens the fixture `file` in both browsers: with Gloss (after its first scan, by default) and without. */
export function openBoth(browsers: Browsers, file: string, options: { waitForScan?: boolean } = {}): Promise<[Side, Side]> {
  const url = browsers.fixtures.url(file);
  return Promise.all([openWithGloss(browsers.gloss, url, options), openWithoutGloss(browsers.baseline, url)]);
}

export async function closeBoth(sides: (Side | undefined)[]): Promise<void> {
  await Promise.all(sides.map((side) => side?.page.close()));
}

/**
 * Viewport centre of the `nth` occurrence of `needle` in the element `selector` (Playwright CSS,
 * which pierces open shadow roots; a host's own text is looked for in its shadow root), with the left
 * and bottom edges of its first line.
 */
export async function pointOfText(
  target: Page | Frame,
  selector: string,
  needle: string,
  nth = 0,
): Promise<TextPoint> {
  const element = target.locator(selector).first();
  await element.scrollIntoViewIfNeeded();
  const point = await element.evaluate(centreOfTextIn, { needle, nth });
  if (!point) throw new Error(`"${needle}" (#${nth}) not found in ${selector}`);
  return point;
}

/**
 * Rests the pointer on a term and waits for the card named `cardName`; returns its dialog locator.
 * Frames are offset by their iframe's position.
 */
export async function hoverForCard(page: Page, selector: string, needle: string, cardName: string, timeout = 3_000) {
  await page.mouse.move(2, 2);
  const { x, y } = await pointOfText(page, selector, needle);
  await page.mouse.move(x - 2, y);
  await page.mouse.move(x, y);
  const dialog = cardDialog(page, cardName);
  await dialog.waitFor({ state: 'visible', timeout });
  return dialog;
}

/** Number of `<gloss-card>` hosts in the page. */
export async function cardHostCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('gloss-card').length);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Gloss collects mutations for 120 ms before scanning them; give it that and a scan. */
export const GLOSS_SETTLE_MS = 250;

/**
 * Names from the story the fixtures use, longest first. Tests compare highlights only against
 * these, so changes to the rest of the pack (new aliases, new entities) do not break them.
 */
export const FIXTURE_TERMS = ['Tartus Naval Base', 'Khmeimim Airbase', 'Mikhail Bogdanov', 'Tartus', 'Khmeimim', 'Latakia', 'Bogdanov', 'HTS'];

/** The fixture terms in `text`, longest match first, as Gloss should find them. */
export function termsIn(text: string): string[] {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${FIXTURE_TERMS.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return [...text.matchAll(pattern)].map((match) => match[1] ?? '').sort();
}

/** Highlighted fixture terms inside the element with id `id` (nearest id), sorted. */
export function highlightedTermsIn(highlights: RegisteredHighlight[], id: string): string[] {
  return textsIn(highlights, id).filter((text) => FIXTURE_TERMS.includes(text));
}

/** textContent of elements by id (through open shadow roots too), from the page's world. */
export async function textsById(target: Page | Frame, ids: string[]): Promise<Record<string, string>> {
  return target.evaluate((wanted: string[]) => {
    const out: Record<string, string> = {};
    const find = (root: Document | ShadowRoot, id: string): Element | null => {
      const direct = root.getElementById(id);
      if (direct) return direct;
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.shadowRoot) {
          const inner = find(element.shadowRoot, id);
          if (inner) return inner;
        }
      }
      return null;
    };
    for (const id of wanted) out[id] = find(document, id)?.textContent ?? '';
    return out;
  }, ids);
}

/** Clicks the same controls in both pages, one after another, leaving Gloss time to catch up. */
export async function clickInBoth(pages: Page[], selectors: string[], pauseMs = GLOSS_SETTLE_MS): Promise<void> {
  for (const selector of selectors) {
    await Promise.all(pages.map((page) => page.click(selector)));
    await sleep(pauseMs);
  }
}

// ---------------------------------------------------------------------------------------------
// The extension's own network activity, seen from DevTools
// ---------------------------------------------------------------------------------------------

export interface NetworkAttempt {
  /** The DevTools target that made it: its type and URL. */
  target: string;
  url: string;
  /** Why it never reached the network, if it did not (e.g. "csp"). */
  blocked: string;
}

export interface ExtensionNetworkRecorder {
  readonly attempts: NetworkAttempt[];
  /** The extension targets (service worker, pages) being watched. */
  readonly watched: string[];
  stop(): Promise<void>;
}

/**
 * Watches every target of the extension (its service worker above all, which Playwright's
 * `request` events do not cover) through the DevTools Network domain, from a second, browser-level
 * CDP client: requests that were made, and those blocked before reaching the network (CSP).
 */
export async function recordExtensionNetwork(gloss: GlossChromium): Promise<ExtensionNetworkRecorder> {
  if (!gloss.devToolsPort) throw new Error('launchGloss({ debuggingPort: true }) is needed to watch the extension’s network');
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${gloss.devToolsPort}`);
  const cdp = await browser.newBrowserCDPSession();
  const attempts: NetworkAttempt[] = [];
  const watched: string[] = [];
  const sessions = new Map<string, string>();
  const pending = new Map<string, NetworkAttempt>();
  let nextId = 1;
  const sendTo = (sessionId: string, method: string, params: object = {}) =>
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method, params }) });
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const target = sessions.get(sessionId) ?? sessionId;
    const event = JSON.parse(message) as { method?: string; params?: Record<string, unknown> };
    const params = event.params ?? {};
    if (event.method === 'Network.requestWillBeSent') {
      const request = params.request as { url: string };
      const attempt = { target, url: request.url, blocked: '' };
      attempts.push(attempt);
      pending.set(`${sessionId}:${String(params.requestId)}`, attempt);
    } else if (event.method === 'Network.loadingFailed') {
      const attempt = pending.get(`${sessionId}:${String(params.requestId)}`);
      if (attempt) attempt.blocked = String(params.blockedReason ?? params.errorText ?? 'failed');
    } else if (event.method === 'Log.entryAdded') {
      // Requests the extension's own CSP refused never reach the Network domain; they are logged.
      const entry = params.entry as { text: string; url?: string };
      if (/Content Security Policy|Refused to connect/i.test(entry.text)) attempts.push({ target, url: entry.url ?? entry.text, blocked: 'csp' });
    }
  });
  const attach = async (info: { targetId: string; type: string; url: string }) => {
    if (!info.url.startsWith(`chrome-extension://${gloss.extensionId}/`) || [...sessions.values()].includes(`${info.type} ${info.url} ${info.targetId}`)) return;
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false });
    const label = `${info.type} ${info.url} ${info.targetId}`;
    sessions.set(sessionId, label);
    watched.push(`${info.type} ${info.url}`);
    await sendTo(sessionId, 'Network.enable');
    await sendTo(sessionId, 'Log.enable');
    await sendTo(sessionId, 'Runtime.runIfWaitingForDebugger');
  };
  cdp.on('Target.targetCreated', ({ targetInfo }) => void attach(targetInfo).catch(() => undefined));
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  const { targetInfos } = await cdp.send('Target.getTargets');
  for (const info of targetInfos) await attach(info);
  return {
    attempts,
    watched,
    async stop() {
      await cdp.detach().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}

/**
 * The `text-decoration-line` a Gloss highlight would be painted with on the text of the element
 * `id` (searched through open shadow roots): 'underline' when Gloss's stylesheet reaches it.
 */
export async function highlightDecoration(page: Page, id: string, highlightName = 'gloss-underline-places'): Promise<string> {
  return page.evaluate(
    ({ id, highlightName }) => {
      const find = (root: Document | ShadowRoot): Element | null => {
        const direct = root.getElementById(id);
        if (direct) return direct;
        for (const element of Array.from(root.querySelectorAll('*'))) {
          const inner = element.shadowRoot ? find(element.shadowRoot) : null;
          if (inner) return inner;
        }
        return null;
      };
      const element = find(document);
      return element ? getComputedStyle(element, `::highlight(${highlightName})`).textDecorationLine : 'missing';
    },
    { id, highlightName },
  );
}
