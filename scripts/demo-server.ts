/**
 * `npm run dev` opens Chromium on a demo page served from localhost (content scripts do not run on
 * extension pages, and file:// needs a switch users must find first).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const DEMO_PORT = Number(process.env.GLOSS_DEMO_PORT ?? 3917);
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}/demo.html`;
const DEMO_FILE = fileURLToPath(new URL('../tests/fixtures/demo.html', import.meta.url));

let server: Server | undefined;

export function startDemoServer(): void {
  if (server) return;
  server = createServer((request, response) => {
    readFile(DEMO_FILE)
      .then((body) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(body);
      })
      .catch(() => {
        response.writeHead(404).end();
      });
    void request;
  });
  server.listen(DEMO_PORT, '127.0.0.1', () => console.log(`Gloss demo page: ${DEMO_URL}`));
  server.unref();
}
