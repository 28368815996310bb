/**
 * User packs end to end: a pack imported through the options page's file chooser is used on the
 * next page load (marks, the card with the imported fact and its source title, the reader, the
 * popup's search), follows its switch on an open page, and exports as a file that compiles again.
 * The background compiles it once for every page, and pages take that copy.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compilePackDocument, type CompiledPack } from '../../src/core/pack/compile';
import {
  cardDialog,
  dismissCards,
  markOf,
  openPopup,
  pastedText,
  startSession,
  tabIdOf,
  waitForStableMarks,
  type GlossSession,
} from './support/helpers';
import { FIXTURES_DIR } from './support/paths';

const GULF_NOTES = path.join(FIXTURES_DIR, 'packs', 'gulf-notes.json');
const SOURCE_TITLE = 'Notes on Doha and the Gulf Cooperation Council';

let session: GlossSession;
let options: Page;

async function storedUserPacks(): Promise<unknown> {
  return session.serviceWorker.evaluate(async () => (await chrome.storage.local.get('userPacks')).userPacks);
}

interface StoredCompiledPacks {
  compiler: string;
  bundledEnabled: boolean;
  packs: { id: string; importedAt: string; enabled: boolean; pack: CompiledPack; matcher: { pattern: string | null; rowsJson: string } }[];
}

async function storedCompiledPacks(): Promise<StoredCompiledPacks | undefined> {
  return session.serviceWorker.evaluate(async () => (await chrome.storage.local.get('compiledPacks')).compiledPacks as StoredCompiledPacks | undefined);
}

beforeAll(async () => {
  session = await startSession({ settings: { highlightEngine: 'mark' } });
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
});

afterAll(async () => {
  await session?.close();
});

/** The imported-pack fixture's framed story, and the number of Doha's marks in its frame (null until the frame is there). */
async function openFramedStory(): Promise<{ page: Page; dohaMarks: () => Promise<number> }> {
  const page = await session.context.newPage();
  await page.goto(session.server.fixtureUrl('packs/doha-framed.html'));
  const frame = await (await page.waitForSelector('#story')).contentFrame();
  if (!frame) throw new Error('The fixture has no #story frame');
  return { page, dohaMarks: () => frame.locator('#framed-doha mark.gloss-mark[data-gloss-entity="gulf-notes--doha"]').count() };
}

/** The framed story opened before the import, kept open. */
let openBeforeImport: Awaited<ReturnType<typeof openFramedStory>> | undefined;

describe('before a pack is imported', () => {
  it('does not start Gloss in a frame that names only what no pack in use has', async () => {
    openBeforeImport = await openFramedStory();
    // The frame gets its check (the background now knows no imported pack is in use), which finds nothing.
    await openBeforeImport.page.waitForTimeout(1_500);
    expect(await openBeforeImport.dohaMarks()).toBe(0);
  });
});

describe('importing a pack in the options page', () => {
  it('imports the file chosen after “Import a pack…” and says what it holds', async () => {
    const importButton = options.getByRole('button', { name: 'Import a pack…' });
    await expect.poll(() => importButton.isEnabled(), { timeout: 10_000 }).toBe(true);
    const [chooser] = await Promise.all([options.waitForEvent('filechooser'), importButton.click()]);
    expect(chooser.isMultiple()).toBe(false);
    await chooser.setFiles(GULF_NOTES);
    const status = options.locator('.packs__status');
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Imported Gulf notes: 3 terms, 5 facts.');
    // Focus stays where the reader was, so the next Tab goes on from there, not from the top of the page.
    expect(await importButton.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await options.getByRole('switch', { name: 'Gulf notes', exact: true }).isChecked()).toBe(true);
    const stored = (await storedUserPacks()) as { packs: { document: { id: string }; enabled: boolean }[]; bundledEnabled: boolean };
    expect(stored.bundledEnabled).toBe(true);
    expect(stored.packs.map((entry) => [entry.document.id, entry.enabled])).toEqual([['gulf-notes', true]]);
  });

  it('has the background compile the pack, once for every page', async () => {
    await expect.poll(async () => (await storedCompiledPacks())?.packs.map((entry) => entry.id), { timeout: 10_000 }).toEqual(['gulf-notes']);
    const compiled = (await storedCompiledPacks())!;
    const stored = (await storedUserPacks()) as { packs: { importedAt: string }[] };
    expect(compiled.compiler).toMatch(/^[0-9a-f]{16}$/);
    expect(compiled.bundledEnabled).toBe(true);
    const [entry] = compiled.packs;
    expect(entry).toMatchObject({ id: 'gulf-notes', enabled: true, importedAt: stored.packs[0]!.importedAt });
    const original = JSON.parse(await readFile(GULF_NOTES, 'utf8')) as unknown;
    expect(entry!.pack).toEqual(compilePackDocument('gulf-notes.json', original));
    expect(entry!.matcher.rowsJson).toContain('"gulf-notes--doha"');
  });

  it('a broken file changes nothing and lists its problems', async () => {
    const importButton = options.getByRole('button', { name: 'Import a pack…' });
    await importButton.focus();
    await options.locator('input[type="file"]').setInputFiles(path.join(FIXTURES_DIR, 'packs', 'broken-pack.json'));
    const alert = options.getByRole('alert');
    await alert.waitFor({ timeout: 5_000 });
    expect(await importButton.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await alert.textContent()).toContain('broken-pack.json is not a valid pack: 3 problems. Nothing was changed.');
    expect(await alert.locator('li').first().textContent()).toBe(
      'The quote of fact doha-capital is not word for word in the article (sourceText); copy it from there exactly: Doha is the capital city of Qatar. In the file: facts[0].quote',
    );
    expect(await alert.locator('details pre').textContent()).toMatch(/^broken-pack\.json \(facts\) at \[0\]\.quote: /);
    expect(((await storedUserPacks()) as { packs: unknown[] }).packs).toHaveLength(1);
  });
});

describe('the imported pack on a page', () => {
  let page: Page;

  beforeAll(async () => {
    // A new page load reads the packs anew.
    page = await session.context.newPage();
    await page.goto(session.server.fixtureUrl('packs/doha.html'));
    await waitForStableMarks(page);
  });

  it('marks the imported entities, with namespaced ids', async () => {
    expect(await markOf(page, 'gulf-notes--doha', '#doha-paragraph').textContent()).toBe('Doha');
    expect(await markOf(page, 'gulf-notes--gulf-cooperation-council', '#gcc-paragraph').textContent()).toBe('Gulf Cooperation Council');
    expect(await page.locator('#plain-paragraph mark.gloss-mark').count()).toBe(0);
  });

  it('shows the imported fact and its source title in the hover card', async () => {
    await markOf(page, 'gulf-notes--doha', '#doha-paragraph').hover();
    const dialog = cardDialog(page, 'Doha');
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Doha is the capital of Qatar.');
    expect(text).toContain('“Doha is the capital of Qatar and home to most of its people.”');
    expect(await dialog.locator('cite').textContent()).toBe(SOURCE_TITLE);
  });

  it('“Read in the article” opens the reader at the imported fact, in its pack’s article', async () => {
    const dialog = cardDialog(page, 'Doha');
    const [reader] = await Promise.all([
      session.context.waitForEvent('page', { timeout: 10_000 }),
      dialog.getByRole('button', { name: 'Read in the article' }).first().click(),
    ]);
    await reader.waitForLoadState();
    expect(new URL(reader.url()).searchParams.get('fact')).toBe('gulf-notes--doha-capital');
    await reader.locator('h1').filter({ hasText: SOURCE_TITLE }).waitFor({ timeout: 5_000 });
    expect(await reader.locator('mark.gloss-quote').first().textContent()).toBe('Doha is the capital of Qatar and home to most of its people.');

    // "Copy quote" cites this pack's article, through the browser's real clipboard.
    await reader.getByRole('button', { name: 'Copy quote' }).click();
    await reader.getByRole('status').filter({ hasText: 'Copied' }).waitFor({ timeout: 5_000 });
    expect(await pastedText(reader)).toBe(
      `“Doha is the capital of Qatar and home to most of its people.” — ${SOURCE_TITLE}, Gloss test fixtures`,
    );
    await reader.close();
    await dismissCards(page);
  });

  it('the popup finds the imported facts and says which pack they come from', async () => {
    const tabId = await tabIdOf(session.serviceWorker, page);
    const popup = await openPopup(session.context, session.extensionId, tabId);
    await popup.getByRole('searchbox').fill('secretariat');
    const first = popup.getByRole('option').first();
    await first.waitFor({ timeout: 5_000 });
    expect(await first.locator('.result__statement').textContent()).toBe('The council’s secretariat sits in Riyadh.');
    expect(await first.locator('.result__pack').textContent()).toBe('From Gulf notes');
    await popup.close();
  });

  it('marks the imported entities in a frame too, which is not checked for the bundled pack’s names alone, also in a page opened before the import', async () => {
    // The frame names Doha and nothing of the bundled pack (tests/unit/candidates.test.ts checks this):
    // a frame checked for the bundled pack's names only would never start Gloss. The same page before
    // the import did not: the background reads again which packs are in use when they change.
    const { page: framed, dohaMarks } = await openFramedStory();
    try {
      await expect.poll(dohaMarks, { timeout: 10_000 }).toBe(1);
    } finally {
      await framed.close();
    }
    // The page opened before the import: its frame's check handed over to the content script when the
    // packs changed, without a reload.
    const before = openBeforeImport!;
    await expect.poll(before.dohaMarks, { timeout: 10_000 }).toBe(1);
    await before.page.close();
  });

  it('follows the pack’s switch on the open page', async () => {
    await options.bringToFront();
    const toggle = options.getByRole('switch', { name: 'Gulf notes', exact: true });
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await expect.poll(() => page.locator('mark.gloss-mark[data-gloss-entity^="gulf-notes--"]').count(), { timeout: 10_000 }).toBe(0);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect.poll(() => page.locator('mark.gloss-mark[data-gloss-entity="gulf-notes--doha"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });
});

describe('exporting', () => {
  it('downloads <id>-<version>.json, which compiles to the imported pack', async () => {
    await options.bringToFront();
    const [download] = await Promise.all([
      options.waitForEvent('download', { timeout: 10_000 }),
      options.getByRole('button', { name: 'Export Gulf notes' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('gulf-notes-0.1.0.json');
    const file = await download.path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as unknown;
    const original = JSON.parse(await readFile(GULF_NOTES, 'utf8')) as unknown;
    expect(compilePackDocument('exported.json', exported)).toEqual(compilePackDocument('gulf-notes.json', original));
  });
});

describe('the pack compiled by the background', () => {
  it('is what a page uses: pages do not compile packs', async () => {
    const compiled = (await storedCompiledPacks())!;
    // Changed in storage only: a page that compiled the stored document itself would not show it.
    const changed = structuredClone(compiled);
    const fact = changed.packs[0]!.pack.facts.find((candidate) => candidate.id === 'doha-capital')!;
    fact.statement = 'Doha is the capital of Qatar (as compiled ahead).';
    await session.serviceWorker.evaluate((value) => chrome.storage.local.set({ compiledPacks: value }), changed);
    const page = await session.context.newPage();
    try {
      await page.goto(session.server.fixtureUrl('packs/doha.html'));
      await waitForStableMarks(page);
      await markOf(page, 'gulf-notes--doha', '#doha-paragraph').hover();
      const dialog = cardDialog(page, 'Doha');
      await dialog.waitFor({ state: 'visible', timeout: 5_000 });
      expect(await dialog.textContent()).toContain('Doha is the capital of Qatar (as compiled ahead).');
    } finally {
      await page.close();
      await session.serviceWorker.evaluate((value) => chrome.storage.local.set({ compiledPacks: value }), compiled);
    }
  });

  it('is made again by the background when a page finds it made by another build (after an update)', async () => {
    const compiled = (await storedCompiledPacks())!;
    await session.serviceWorker.evaluate((value) => chrome.storage.local.set({ compiledPacks: value }), { ...compiled, compiler: 'an-older-build' });
    const page = await session.context.newPage();
    try {
      await page.goto(session.server.fixtureUrl('packs/doha.html'));
      await waitForStableMarks(page);
      expect(await markOf(page, 'gulf-notes--doha', '#doha-paragraph').textContent()).toBe('Doha');
      expect((await storedCompiledPacks())?.compiler).toBe(compiled.compiler);
    } finally {
      await page.close();
    }
  });
});
