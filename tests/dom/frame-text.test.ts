import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRAME_TEXT_MINIMUM, hasReadableText, RECHECK_DELAY_MS, whenReadable } from '../../src/content/frame-text';

function paragraph(text: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.textContent = text;
  return element;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('hasReadableText', () => {
  it('needs a short headline of text: one character fewer is not enough', () => {
    const text = 'Russia keeps Tartus base';
    expect(text.length).toBe(FRAME_TEXT_MINIMUM);
    document.body.append(paragraph(text));
    expect(hasReadableText(document)).toBe(true);
    document.body.replaceChildren(paragraph(text.slice(1)));
    expect(hasReadableText(document)).toBe(false);
  });

  it('adds up the text of many small nodes, not the white space around them', () => {
    for (const word of ['Ad', 'Why this ad?', 'Stop seeing this ad']) document.body.append(paragraph(`\n    ${word}\n  `));
    // 2 + 12 + 19 characters.
    expect(hasReadableText(document)).toBe(true);
    document.body.replaceChildren(paragraph('   Ad   '), paragraph('\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n'));
    expect(hasReadableText(document)).toBe(false);
  });

  it('does not count what Gloss never reads: scripts, styles, code, form controls', () => {
    const script = document.createElement('script');
    script.textContent = 'window.adConfig = { slot: "top-banner", sizes: [[300, 250]] };';
    const style = document.createElement('style');
    style.textContent = 'body { margin: 0; background: transparent; }';
    const code = document.createElement('code');
    code.textContent = 'const russia = "Tartus Naval Base";';
    const textarea = document.createElement('textarea');
    textarea.value = 'Tartus Naval Base and Khmeimim Airbase';
    textarea.textContent = 'Tartus Naval Base and Khmeimim Airbase';
    document.body.append(script, style, code, textarea);
    expect(hasReadableText(document)).toBe(false);
  });

  it('counts text inside open shadow roots, as the page shows it', () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(paragraph('An embedded post about Khmeimim Airbase'));
    document.body.append(host);
    expect(hasReadableText(document)).toBe(true);
  });
});

describe('whenReadable', () => {
  it('starts at once in a frame that already has text', () => {
    document.body.append(paragraph('Russia and Syria discuss the Tartus Naval Base.'));
    const start = vi.fn();
    whenReadable(document, start);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts once the page adds enough text, after its changes settle, and only once', async () => {
    vi.useFakeTimers();
    const start = vi.fn();
    whenReadable(document, start);
    expect(start).not.toHaveBeenCalled();

    document.body.append(paragraph('AdChoices'));
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS);
    expect(start, 'a label is not enough').not.toHaveBeenCalled();

    document.body.append(paragraph('Moscow wants to keep Khmeimim Airbase'));
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS - 1);
    expect(start, 'not before the changes settle').not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(start).toHaveBeenCalledTimes(1);

    document.body.append(paragraph('More text about the Syrian ports and bases.'));
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS * 2);
    expect(start, 'nothing is watched once started').toHaveBeenCalledTimes(1);
  });

  it('notices text written into an existing node', async () => {
    vi.useFakeTimers();
    const slot = paragraph('');
    document.body.append(slot);
    const start = vi.fn();
    whenReadable(document, start);
    slot.firstChild?.remove();
    slot.append(document.createTextNode('x'));
    (slot.firstChild as Text).data = 'Lavrentiev visited Damascus this week';
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('notices text a web component writes into its shadow root later, without changing the page around it', async () => {
    vi.useFakeTimers();
    const host = document.createElement('div');
    const shadowRoot = host.attachShadow({ mode: 'open' });
    shadowRoot.append(paragraph('Loading'));
    const later = document.createElement('div');
    const laterShadowRoot = later.attachShadow({ mode: 'open' });
    document.body.append(host);
    const start = vi.fn();
    whenReadable(document, start);
    // A shadow root added with a host the page inserts is watched from the next reading on.
    document.body.append(later);
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS);
    expect(start).not.toHaveBeenCalled();

    laterShadowRoot.append(paragraph('Tartus'));
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS);
    expect(start, 'too little text yet').not.toHaveBeenCalled();
    (shadowRoot.firstChild!.firstChild as Text).data = 'An embedded post about Khmeimim Airbase';
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('stops watching when told to', async () => {
    vi.useFakeTimers();
    const start = vi.fn();
    const stop = whenReadable(document, start);
    document.body.append(paragraph('Moscow wants to keep Khmeimim Airbase'));
    stop();
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS * 2);
    document.body.append(paragraph('Another sentence about Tartus'));
    await vi.advanceTimersByTimeAsync(RECHECK_DELAY_MS * 2);
    expect(start).not.toHaveBeenCalled();
  });
});
