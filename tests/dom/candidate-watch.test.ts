/**
 * A frame's check for the story (src/content/candidate-watch.ts): it starts Gloss at the first
 * candidate, in the text there at first or in text the frame adds or changes later, and reads only
 * what Gloss reads (no code, form fields or scripts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import bundledCandidates from 'virtual:gloss-candidates';
import { CandidateFinder } from '../../src/core/candidates';
import { watchForCandidates } from '../../src/content/candidate-watch';
import { MUTATION_BATCH_MS } from '../../src/content/slices';

const finder = new CandidateFinder(bundledCandidates);
const stops: (() => void)[] = [];

/** Starts looking at the document; `calls()` counts the calls to start Gloss. */
function watch(): { calls: () => number; firstRead: Promise<void> } {
  const onCandidate = vi.fn();
  const { stop, firstRead } = watchForCandidates(document, finder, onCandidate);
  stops.push(stop);
  return { calls: () => onCandidate.mock.calls.length, firstRead };
}

function paragraph(text: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.textContent = text;
  return element;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, MUTATION_BATCH_MS * 3));

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  document.body.replaceChildren();
});

describe('watchForCandidates', () => {
  it('starts Gloss once when the text mentions the story, and reads nothing after', async () => {
    document.body.append(paragraph('How to grow tomatoes.'), paragraph('Russia kept its base at Tartus.'), paragraph('Also Khmeimim.'));
    const { calls, firstRead } = watch();
    await firstRead;
    expect(calls()).toBe(1);
    document.body.append(paragraph('Lavrentiev met al-Sharaa.'));
    await settle();
    expect(calls()).toBe(1);
  });

  it('does not start it for text that mentions nothing, nor for names in code, form fields and scripts', async () => {
    const code = document.createElement('code');
    code.textContent = 'const base = "Tartus Naval Base";';
    const textarea = document.createElement('textarea');
    textarea.value = 'Notes on Khmeimim';
    textarea.textContent = 'Notes on Khmeimim';
    const script = document.createElement('script');
    script.textContent = 'window.topic = "Syria";';
    document.body.append(paragraph('How to grow tomatoes on a balcony: let us know how yours do.'), code, textarea, script);
    const { calls, firstRead } = watch();
    await firstRead;
    await settle();
    expect(calls()).toBe(0);
  });

  it('starts it once the frame adds a mention, or changes text to one', async () => {
    document.body.append(paragraph('Cherry tomatoes fruit early.'));
    const added = watch();
    await added.firstRead;
    document.body.append(paragraph('Nothing to see yet.'));
    await settle();
    expect(added.calls()).toBe(0);
    document.body.append(paragraph('Breaking: HTS fighters near Latakia.'));
    await vi.waitFor(() => expect(added.calls()).toBe(1));

    for (const stop of stops.splice(0)) stop();
    const changed = watch();
    await changed.firstRead;
    const text = document.body.firstElementChild!.firstChild as Text;
    text.data = 'Cherry tomatoes, and the Mediterranean.';
    await vi.waitFor(() => expect(changed.calls()).toBe(1));
  });

  it('reads open shadow roots, and follows text added in them later', async () => {
    const host = document.createElement('div');
    const shadowRoot = host.attachShadow({ mode: 'open' });
    shadowRoot.append(paragraph('A widget about gardening.'));
    document.body.append(host);
    const { calls, firstRead } = watch();
    await firstRead;
    expect(calls()).toBe(0);
    shadowRoot.append(paragraph('Moscow and Damascus talk about the bases.'));
    await vi.waitFor(() => expect(calls()).toBe(1));
  });

  it('finds a name at the end of one huge text node, read window by window', async () => {
    document.body.append(paragraph(`${'Tomatoes need sun. '.repeat(10_000)}Tartus.`));
    const { calls, firstRead } = watch();
    await firstRead;
    expect(calls()).toBe(1);
  });

  it('stops looking when told to', async () => {
    document.body.append(paragraph('Cherry tomatoes fruit early.'));
    const { calls, firstRead } = watch();
    await firstRead;
    for (const stop of stops.splice(0)) stop();
    document.body.append(paragraph('Russia and Syria.'));
    await settle();
    expect(calls()).toBe(0);
  });
});
