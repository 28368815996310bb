/**
 * The e2e harness itself (browser, extension, server, network guard, tab ids, popup), independent
 * of what the content script does, so a red e2e run can be told apart from a broken harness.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EXTENSION_DIR, FIXTURES_DIR } from './support/paths';
import { findChromium } from './support/browser';
import { NO_SCRIPTS_CSP, declaredCharset, htmlContentType } from './support/server';
import { openPopup, startSession, tabIdOf, type GlossSession } from './support/helpers';

let session: GlossSession;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  await session?.close();
});

describe('the e2e harness', () => {
  it('loads the built extension and finds its id from the service worker', async () => {
    expect(session.extensionId).toMatch(/^[a-p]{32}$/);
    expect(session.serviceWorker.url()).toMatch(new RegExp(`^chrome-extension://${session.extensionId}/`));
    const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { version: string };
    const loaded = await session.serviceWorker.evaluate(() => ({
      version: chrome.runtime.getManifest().version,
      name: chrome.i18n.getMessage('extensionName'),
    }));
    // The loaded extension is the build on disk, with its name from the English catalogue.
    expect(loaded).toEqual({ version: manifest.version, name: 'Gloss' });
  });

  it('serves fixtures with their scripts allowed, unless asked for csp=none', async () => {
    const page = await session.context.newPage();
    const plain = await page.goto(session.server.fixtureUrl('dynamic.html'));
    expect(plain?.status()).toBe(200);
    expect(plain?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(plain?.headers()['content-security-policy']).toBeUndefined();
    await page.locator('#add-update').click();
    await page.locator('#update-1').waitFor({ timeout: 5_000 });

    const locked = await page.goto(session.server.fixtureUrl('dynamic.html', { csp: 'none' }));
    expect(locked?.headers()['content-security-policy']).toBe(NO_SCRIPTS_CSP);
    await page.locator('#add-update').click();
    expect(await page.locator('#feed p').count()).toBe(0);

    expect((await page.goto(`${session.server.origin}/nope.html`))?.status()).toBe(404);
    expect((await page.goto(`${session.server.origin}/../package.json`))?.status()).not.toBe(200);
    await page.close();
  });

  it('serves corpus pages with scripts off and the README’s charsets', async () => {
    const page = await session.context.newPage();
    const utf8 = await page.goto(session.server.corpusUrl('34-hacker-news.html'));
    expect(utf8?.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(utf8?.headers()['content-security-policy']).toBe(NO_SCRIPTS_CSP);
    const arabic = await page.goto(session.server.corpusUrl('22-arabic-newspapers-cp1256.html'));
    expect(arabic?.headers()['content-type']).toBe('text/html');
    expect(await page.evaluate(() => document.characterSet)).toBe('windows-1256');
    await page.close();
    expect(declaredCharset(Buffer.from('<meta charset="windows-1256">'))).toBe('windows-1256');
    expect(htmlContentType(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'))).toBe(
      'text/html; charset=utf-8',
    );
  });

  it('keeps the browser off the network', async () => {
    const page = await session.context.newPage();
    await page.goto(session.server.fixtureUrl('plain.html'));
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/', { mode: 'no-cors' });
        return 'reached';
      } catch {
        return 'blocked';
      }
    });
    expect(outcome).toBe('blocked');
    await expect(page.goto('http://example.com/')).rejects.toThrow();
    await page.close();
  });

  it('finds a page’s tab id and opens the popup for it', async () => {
    const first = await session.context.newPage();
    await first.goto(session.server.fixtureUrl('plain.html'));
    const second = await session.context.newPage();
    await second.goto(session.server.fixtureUrl('demo.html'));
    const firstId = await tabIdOf(session.serviceWorker, first);
    const secondId = await tabIdOf(session.serviceWorker, second);
    expect(firstId).not.toBe(secondId);
    // The id really is the tab: the tab the popup page lives in is a different one, and asking
    // again for the first page gives the same id.
    expect(await tabIdOf(session.serviceWorker, first)).toBe(firstId);

    const popup = await openPopup(session.context, session.extensionId, secondId);
    expect(popup.url()).toBe(`chrome-extension://${session.extensionId}/popup.html?tab=${secondId}`);
    expect(await popup.evaluate(() => new URLSearchParams(location.search).get('tab'))).toBe(String(secondId));
    const ownTab = await popup.evaluate(async () => (await chrome.tabs.getCurrent())?.id);
    expect(ownTab).not.toBe(secondId);
    await expect
      .poll(() => popup.evaluate(() => document.getElementById('app')?.childElementCount ?? 0), { timeout: 5_000 })
      .toBeGreaterThan(0);
    await Promise.all([popup.close(), first.close(), second.close()]);
  });

  it('explains how to get a browser instead of downloading one', () => {
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chromium';
    try {
      expect(() => findChromium()).toThrow(/apt-get install -y chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });

  it('has the fixtures the tests rely on', async () => {
    const demo = await readFile(path.join(FIXTURES_DIR, 'demo.html'), 'utf8');
    for (const id of ['bogdanov-paragraph', 'comment-box', 'search-input', 'editable-note', 'page-data', 'hts-code', 'turkey-recipe', 'section-two']) {
      expect(demo, id).toContain(`id="${id}"`);
    }
    expect(demo).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
