/**
 * A page saved on the computer and opened as a file: Gloss reads it while Chrome lets it read files
 * ("Allow access to file URLs"), and otherwise its popup says how to allow it. Switching that setting
 * reloads the extension, so this file has a session of its own.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onExtensionDetails, openPopup, startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

const FILES_HINT = 'Gloss reads files only with “Allow access to file URLs”';

let session: GlossSession;
let folder: string;
let fileUrl: string;

beforeAll(async () => {
  session = await startSession();
  folder = await mkdtemp(join(tmpdir(), 'gloss-file-'));
  const file = join(folder, 'saved-article.html');
  await writeFile(file, '<!doctype html><meta charset="utf-8"><title>Saved</title><p>Russian ships left Tartus for Libya.</p>');
  fileUrl = pathToFileURL(file).href;
});

afterAll(async () => {
  await session?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** Switches "Allow access to file URLs" on Gloss's chrome://extensions page; returns the restarted service worker. */
async function setFileAccess(allowed: boolean): Promise<Worker> {
  return onExtensionDetails(session, '#allow-on-file-urls', '"Allow access to file URLs" toggle', async (toggle, details) => {
    if (((await toggle.getAttribute('checked')) !== null) === allowed) throw new Error(`File access is already ${allowed ? 'on' : 'off'}`);
    // The switch reloads the extension, which Chromium then keeps on only in developer mode (Gloss is unpacked here).
    const developerMode = details.locator('#devMode');
    if ((await developerMode.getAttribute('checked')) === null) await developerMode.click();
    const restarted = session.context.waitForEvent('serviceworker', { timeout: 20_000 });
    await toggle.click();
    const worker = await restarted;
    await expect.poll(() => worker.evaluate(() => chrome.extension.isAllowedFileSchemeAccess())).toBe(allowed);
    return worker;
  });
}

async function openFile(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(fileUrl);
  return page;
}

describe('a page saved on the computer', () => {
  it('is read while Chrome lets Gloss read files, and the popup lists what it found', async () => {
    const page = await openFile();
    const tabId = await tabIdOf(session.serviceWorker, page);
    const state = await waitForScan(session.serviceWorker, tabId);
    expect(state.entities.map((entity) => entity.entityId).sort()).toEqual(['libya', 'tartus']);
    const popup = await openPopup(session.context, session.extensionId, tabId);
    await expect.poll(() => popup.locator('.page-entities').count(), { timeout: 10_000 }).toBe(1);
    expect(await popup.locator('.page-panel').innerText()).not.toContain(FILES_HINT);
    await popup.close();
    await page.close();
  });

  it('is not read once files are kept from Gloss, and the popup says how to allow them', async () => {
    const worker = await setFileAccess(false);
    const page = await openFile();
    const tabId = await tabIdOf(worker, page);
    const popup = await openPopup(session.context, session.extensionId, tabId);
    await expect.poll(() => popup.locator('.page-panel').innerText(), { timeout: 10_000 }).toContain(FILES_HINT);
    expect(await page.evaluate(() => [...CSS.highlights.keys()].filter((name) => name.startsWith('gloss-')))).toEqual([]);
    await popup.close();
    await page.close();
  });
});
