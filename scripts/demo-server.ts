/**
 * `npm run dev` opens Chromium on a demo page served from localhost (content scripts do not run on
 * extension pages, and file:// needs a switch users must find first). Every page in
 * tests/fixtures is served, so the dynamic and plain fixtures can be tried by hand too.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

export const DEMO_PORT = Number(process.env.GLOSS_DEMO_PORT ?? 3917);
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}/demo.html`;
const FIXTURES_DIR = resolve(process.cwd(), 'tests/fixtures');

let server: Server | undefined;

export function startDemoServer(): void {
  if (server) return;
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', DEMO_URL).pathname);
    const file = resolve(FIXTURES_DIR, `.${path === '/' ? '/demo.html' : path}`);
    if (!file.startsWith(FIXTURES_DIR + sep) || !file.endsWith('.html')) {
      response.writeHead(404).end();
      return;
    }
    readFile(file)
      .then((body) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body))
      .catch(() => response.writeHead(404).end());
  });
  server.listen(DEMO_PORT, '127.0.0.1', () => console.log(`Gloss demo page: ${DEMO_URL}`));
  server.unref();
}
