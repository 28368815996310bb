/**
 * A localhost static server for the e2e tests: `/NAME` serves tests/fixtures/NAME and
 * `/corpus/NAME` serves ../shared/corpus/pages/NAME.
 *
 * Corpus pages always get `Content-Security-Policy: script-src 'none'`: they are third-party pages
 * whose own scripts may navigate away (see the corpus README), and CSP stops them while timers and
 * the extension's content script still run (turning JavaScript off would stop both). Fixtures run
 * their scripts unless the URL asks for `?csp=none`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Request } from 'playwright-core';
import { CORPUS_DIR, FIXTURES_DIR } from './paths';

export const NO_SCRIPTS_CSP = "script-src 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The charset a page declares in a `<meta>` within its first 1024 bytes (the HTML prescan window),
 * lower-cased, or undefined.
 */
export function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const match = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

/**
 * Content-Type for an HTML page, per the corpus README: pages declaring a non-UTF-8 charset get no
 * charset parameter (so their meta tag wins); every other page is served as UTF-8.
 */
export function htmlContentType(bytes: Buffer): string {
  const charset = declaredCharset(bytes);
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return 'text/html';
  return 'text/html; charset=utf-8';
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** URL of a fixture, e.g. `fixtureUrl('demo.html')`. */
  fixtureUrl(name: string, options?: { csp?: 'none' }): string;
  /** URL of a corpus page, e.g. `corpusUrl('03-nd-russia-brittle-pillars-hmeimim.html')`. */
  corpusUrl(name: string): string;
  close(): Promise<void>;
}

/** `relative` resolved under `root`, or undefined if it would leave it (`..`). */
export function resolveInside(root: string, relative: string): string | undefined {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + relative));
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

/**
 * The file a request asks for, found by `locate` from its decoded path, and its bytes. Answers 400
 * (undecodable path) or 404 (no such file) itself and gives null then.
 */
export async function readRequestedFile(
  request: IncomingMessage,
  response: ServerResponse,
  locate: (pathname: string) => string | undefined,
): Promise<{ url: URL; pathname: string; file: string; body: Buffer } | null> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400).end();
    return null;
  }
  const file = locate(pathname);
  if (!file || !(await stat(file).catch(() => undefined))?.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return null;
  }
  return { url, pathname, file, body: await readFile(file) };
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const requested = await readRequestedFile(request, response, (pathname) =>
    pathname.startsWith('/corpus/')
      ? resolveInside(CORPUS_DIR, pathname.slice('/corpus/'.length))
      : resolveInside(FIXTURES_DIR, pathname === '/' ? 'demo.html' : pathname.slice(1)),
  );
  if (!requested) return;
  const { url, pathname, file, body } = requested;
  const isCorpus = pathname.startsWith('/corpus/');
  const ext = path.extname(file).toLowerCase();
  const headers: Record<string, string> = {
    'content-type': ext === '.html' || ext === '.htm' ? htmlContentType(body) : (TYPES[ext] ?? 'application/octet-stream'),
    'cache-control': 'no-store',
  };
  if (isCorpus || url.searchParams.get('csp') === 'none') {
    headers['content-security-policy'] = NO_SCRIPTS_CSP;
  }
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** An HTTP server on 127.0.0.1 and a random free port. */
export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  close(): Promise<void>;
}

/** Serves `handle` locally; a handler that throws answers 500 with the error. */
export async function listenLocally(handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>): Promise<LocalServer> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts the server on 127.0.0.1 and a random free port. */
export async function startStaticServer(): Promise<StaticServer> {
  const { origin, close } = await listenLocally(handle);
  return {
    origin,
    fixtureUrl: (name, options) =>
      `${origin}/${encodeURI(name)}${options?.csp === 'none' ? '?csp=none' : ''}`,
    corpusUrl: (name) => `${origin}/corpus/${encodeURI(name)}`,
    close,
  };
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLocal(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

function comesFromCorpusPage(request: Request): boolean {
  try {
    const frameUrl = request.frame().url();
    if (frameUrl.includes('/corpus/')) return true;
  } catch {
    // Service-worker requests have no frame.
  }
  return (request.headers().referer ?? '').includes('/corpus/');
}

/**
 * Keeps a browser context off the network: every http(s)/ws request to a host other than
 * 127.0.0.1/localhost is aborted, as is every script a corpus page asks for. Extension URLs
 * (chrome-extension://) and data: URLs are not touched.
 */
export async function blockExternalRequests(context: BrowserContext): Promise<void> {
  await context.route('**/*', async (route) => {
    const request = route.request();
    let url: URL;
    try {
      url = new URL(request.url());
    } catch {
      await route.abort();
      return;
    }
    const web = /^(https?|wss?):$/.test(url.protocol);
    if (web && !isLocal(url)) {
      await route.abort('blockedbyclient');
      return;
    }
    if (request.resourceType() === 'script' && comesFromCorpusPage(request)) {
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
}
