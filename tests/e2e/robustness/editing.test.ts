/**
 * Gloss never breaks a page, 2 and 3: editors and forms. Typing into a contenteditable note, a
 * plaintext-only note and a CodeMirror-like editor (a model re-rendered as a div per line and a span
 * per word on every input, caret restored by the editor) must give the same text, the same caret and
 * the same DOM as without Gloss, with nothing highlighted inside the editable regions. Form fields
 * that contain entity names keep their values, nothing inside them is highlighted, and the form
 * submits the same data.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import {
  extraProblems,
  GLOSS_SETTLE_MS,
  glossHighlights,
  hoverForCard,
  openBoth,
  serializeDom,
  sleep,
  useBrowsers,
  type Side,
} from './support';

const browsers = useBrowsers();

/** Focuses an editable element and puts the caret at the end of `lineSelector`'s text (or the element's). */
async function caretAtEnd(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().evaluate((element) => {
    const editable = element.closest<HTMLElement>('[contenteditable]') ?? (element as HTMLElement);
    editable.focus();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
    const selection = document.getSelection()!;
    if (last) selection.collapse(last, last.length);
    else selection.collapse(element, element.childNodes.length);
  });
}

/** The caret as the page sees it: the text before it in `selector`, and the node it is in. */
async function caretOf(page: Page, selector: string): Promise<{ before: string; node: string }> {
  return page.locator(selector).first().evaluate((element) => {
    const selection = document.getSelection()!;
    const range = document.createRange();
    range.selectNodeContents(element);
    range.setEnd(selection.focusNode!, selection.focusOffset);
    return { before: range.toString(), node: `${selection.focusNode?.nodeName}:${selection.focusNode?.textContent}` };
  });
}

async function typeInBoth(pages: Page[], keys: (page: Page) => Promise<void>): Promise<void> {
  await Promise.all(pages.map(keys));
  await sleep(GLOSS_SETTLE_MS);
}

describe('editors', () => {
  let withGloss: Side;
  let without: Side;
  const pages = () => [withGloss.page, without.page];

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'editors.html');
  });

  afterAll(async () => {
    await Promise.all([withGloss?.page.close(), without?.page.close()]);
  });

  it('highlights the page around the editors but nothing inside them', async () => {
    const highlights = await glossHighlights(withGloss.page);
    expect(highlights.filter((highlight) => highlight.nearestId === 'intro').map((highlight) => highlight.text)).toEqual(
      expect.arrayContaining(['Tartus', 'Khmeimim']),
    );
    expect(highlights.filter((highlight) => highlight.insideControl !== '')).toEqual([]);
  });

  it('typing into a contenteditable note gives the same text, caret and DOM', async () => {
    await typeInBoth(pages(), async (page) => {
      await caretAtEnd(page, '#note');
      await page.keyboard.type(' Then Tartus again, and Latakia');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('a.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Mikhail Bogdanov');
    });
    const [note, noteWithout] = await Promise.all(pages().map((page) => page.locator('#note').innerText()));
    expect(note).toContain('Then Tartus again, and Latakia.');
    expect(note).toBe(noteWithout);
    expect(await caretOf(withGloss.page, '#note')).toEqual(await caretOf(without.page, '#note'));
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
  });

  it('typing into a plaintext-only note gives the same text and caret', async () => {
    await typeInBoth(pages(), async (page) => {
      await caretAtEnd(page, '#plain-note');
      await page.keyboard.type(' Khmeimim Airbase next.');
    });
    const [text, textWithout] = await Promise.all(pages().map((page) => page.locator('#plain-note').innerText()));
    expect(text).toBe('Mikhail Bogdanov met HTS envoys in Damascus. Khmeimim Airbase next.');
    expect(text).toBe(textWithout);
    expect(await caretOf(withGloss.page, '#plain-note')).toEqual(await caretOf(without.page, '#plain-note'));
  });

  it('the CodeMirror-like editor re-renders on input and keeps its caret, as without Gloss', async () => {
    await typeInBoth(pages(), async (page) => {
      await caretAtEnd(page, '#cm-content .cm-line >> nth=0');
      await page.keyboard.type(' near Latakia');
      await page.keyboard.press('Enter');
      await page.keyboard.type('// Tartus Naval Base');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('Base!');
    });
    const model = () => withGloss.page.evaluate(() => (window as unknown as { cmModel(): unknown }).cmModel());
    const modelWithout = () => without.page.evaluate(() => (window as unknown as { cmModel(): unknown }).cmModel());
    expect(await model()).toEqual({
      lines: ['// Bases: Tartus and Khmeimim near Latakia', '// Tartus Naval Base!', 'const envoy = "Mikhail Bogdanov";', 'route("Latakia", "Tartus");'],
      caret: { line: 1, column: 21 },
    });
    expect(await model()).toEqual(await modelWithout());
    expect(await caretOf(withGloss.page, '#cm-content')).toEqual(await caretOf(without.page, '#cm-content'));
    expect(await withGloss.page.locator('#cm-status').textContent()).toBe('line 2, column 22');
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
  });

  it('still highlights nothing inside the editors after typing, and adds no errors', async () => {
    const highlights = await glossHighlights(withGloss.page);
    expect(highlights.filter((highlight) => highlight.insideControl !== '')).toEqual([]);
    expect(highlights.filter((highlight) => ['note', 'plain-note', 'cm-content', 'cm'].includes(highlight.nearestId))).toEqual([]);
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });

  it('the card still opens on the page’s ordinary text', async () => {
    await withGloss.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const dialog = await hoverForCard(withGloss.page, '#intro', 'Tartus', 'Tartus');
    expect(await dialog.isVisible()).toBe(true);
  });
});

describe('forms', () => {
  let withGloss: Side;
  let without: Side;
  const pages = () => [withGloss.page, without.page];

  beforeAll(async () => {
    [withGloss, without] = await openBoth(browsers, 'forms.html');
  });

  afterAll(async () => {
    await Promise.all([withGloss?.page.close(), without?.page.close()]);
  });

  const fieldValues = (page: Page) =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'), (field) => ({
        id: field.id,
        value: field.value,
        checked: field instanceof HTMLInputElement ? field.checked : null,
        childNodes: field.childNodes.length,
      })),
    );

  it('leaves every field’s value as the page set it, and highlights nothing inside fields', async () => {
    const values = await fieldValues(withGloss.page);
    expect(values).toEqual(await fieldValues(without.page));
    expect(values.find((field) => field.id === 'subject')?.value).toBe('Tartus Naval Base');
    expect(values.find((field) => field.id === 'message')?.childNodes).toBe(1);
    const highlights = await glossHighlights(withGloss.page);
    expect(highlights.filter((highlight) => highlight.nearestId === 'form-intro').length).toBeGreaterThan(0);
    expect(highlights.filter((highlight) => highlight.insideControl !== '')).toEqual([]);
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
  });

  it('typing, choosing and submitting send the same data as without Gloss', async () => {
    await typeInBoth(pages(), async (page) => {
      await page.locator('#subject').press('End');
      await page.locator('#subject').pressSequentially(' and Latakia');
      await page.locator('#message').press('End');
      await page.locator('#message').pressSequentially(' Also HTS.');
      await page.locator('#base').selectOption('tartus');
      await page.locator('#to-hts').check();
    });
    expect(await withGloss.page.locator('#live-count').textContent()).toBe(await without.page.locator('#live-count').textContent());
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    await Promise.all(pages().map((page) => Promise.all([page.waitForURL(/submitted\.html\?/), page.locator('#send').click()])));
    const url = new URL(withGloss.page.url());
    expect(url.search).toBe(new URL(without.page.url()).search);
    expect(url.searchParams.get('subject')).toBe('Tartus Naval Base and Latakia');
    expect(url.searchParams.get('message')).toMatch(/Bogdanov was in town\. Also HTS\.$/);
    expect(url.searchParams.getAll('to')).toEqual(['hts', 'bogdanov']);
    await withGloss.page.locator('#received dd').first().waitFor();
    await without.page.locator('#received dd').first().waitFor();
    await sleep(GLOSS_SETTLE_MS);
    expect(await serializeDom(withGloss.page)).toBe(await serializeDom(without.page));
    expect(extraProblems(withGloss.problems.texts(), without.problems.texts())).toEqual([]);
  });
});
