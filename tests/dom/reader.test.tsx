import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { germanMessage } from './support/german';
import { container, unmount, useContainer } from './support/render';
import { describe, expect, it, vi } from 'vitest';
import { entityById, factById, factsOf, pack } from '@/src/pack/bundled';
import { quoteRangesByRun, splitArticle, textRuns } from '@/src/ui/reader/article';
import { QUOTE_CLASS, Reader } from '@/src/ui/reader/Reader';
import { parseReaderSearch, readerSearch } from '@/src/ui/reader/reader-url';

useContainer({ resetBrowser: true, resetUrl: true });

async function openReader(search: string, copyText?: (text: string) => Promise<void>): Promise<void> {
  history.replaceState(null, '', `/reader.html${search}`);
  await act(() => {
    render(<Reader copyText={copyText} />, container);
  });
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function marks(): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(`mark.${QUOTE_CLASS}`)];
}

/** Marked text, one string per run of adjacent marks (mark.js may split a quote at element edges). */
function markedText(): string {
  return marks()
    .map((mark) => mark.textContent ?? '')
    .join('');
}

describe('splitArticle', () => {
  const blocks = splitArticle(pack.sourceText);
  const runs = textRuns(blocks);

  it('keeps every run at its offset in the source text', () => {
    expect(runs.length).toBeGreaterThan(3);
    for (const run of runs) expect(pack.sourceText.slice(run.textStart, run.textStart + run.text.length)).toBe(run.text);
  });

  it('groups "- " lines into lists without the prefix, and finds short unpunctuated headings', () => {
    const sample = 'Intro paragraph ends here.\nA Short Heading\n- first item\n- second item\nAfter the list: a paragraph.';
    const sampleBlocks = splitArticle(sample);
    expect(sampleBlocks.map((block) => block.type)).toEqual(['paragraph', 'heading', 'list', 'paragraph']);
    const list = sampleBlocks[2];
    if (list?.type !== 'list') throw new Error('no list');
    expect(list.items.map((item) => item.text)).toEqual(['first item', 'second item']);
    expect(sample.slice(list.items[1]?.textStart ?? 0)).toMatch(/^second item/);
  });

  it('maps a quote that includes the "- " prefix onto the item text', () => {
    const sample = 'Intro.\n- Investment in oil\n- Ports';
    const sampleRuns = textRuns(splitArticle(sample));
    const quote = '- Investment in oil';
    const start = sample.indexOf(quote);
    const ranges = quoteRangesByRun(sampleRuns, [
      { id: 'f', statement: 's', quote, entities: ['e'], quoteStart: start, quoteEnd: start + quote.length },
    ]);
    const item = sampleRuns[1];
    expect(ranges.get(item?.textStart ?? -1)).toEqual([{ start: 0, length: 'Investment in oil'.length, factIds: ['f'] }]);
  });

  it('merges overlapping quotes in one run', () => {
    const sample = 'One two three four five.';
    const sampleRuns = textRuns(splitArticle(sample));
    const fact = (id: string, quote: string) => {
      const start = sample.indexOf(quote);
      return { id, statement: id, quote, entities: ['e'], quoteStart: start, quoteEnd: start + quote.length };
    };
    const ranges = quoteRangesByRun(sampleRuns, [fact('a', 'two three'), fact('b', 'three four')]);
    expect(ranges.get(0)).toEqual([{ start: 4, length: 'two three four'.length, factIds: ['a', 'b'] }]);
  });
});

describe('reader URLs', () => {
  it('round-trips fact and entity selections', () => {
    expect(parseReaderSearch(readerSearch({ factId: 'moscow-gave-23-million' }))).toEqual({ kind: 'fact', id: 'moscow-gave-23-million' });
    expect(parseReaderSearch(readerSearch({ entityId: 'mikhail-bogdanov' }))).toEqual({ kind: 'entity', id: 'mikhail-bogdanov' });
    expect(parseReaderSearch(readerSearch({}))).toEqual({ kind: 'none' });
  });
});

describe('source reader', () => {
  it('shows the article with its title, headings, lists and paragraphs', async () => {
    await openReader('');
    expect(container.querySelector('h1')?.textContent).toBe(pack.source.title);
    const blocks = splitArticle(pack.sourceText);
    expect(container.querySelectorAll('.article__body h2')).toHaveLength(blocks.filter((block) => block.type === 'heading').length);
    expect(container.querySelectorAll('.article__body ul')).toHaveLength(blocks.filter((block) => block.type === 'list').length);
    expect(container.querySelectorAll('.article__body li').length).toBeGreaterThan(0);
    for (const li of container.querySelectorAll('.article__body li')) expect(li.textContent?.startsWith('- ')).toBe(false);
    expect(marks()).toHaveLength(0);
    expect(document.title).toBe(`Gloss — ${pack.source.title}`);
  });

  it('given ?fact=<id>, wraps exactly the quote in mark.gloss-quote', async () => {
    const fact = pack.facts.find((candidate) => candidate.quote.includes('$23 million'));
    if (!fact) throw new Error('no $23 million fact in the pack');
    await openReader(`?fact=${fact.id}`);
    expect(marks().length).toBeGreaterThan(0);
    expect(markedText()).toBe(fact.quote);
    expect(container.querySelector('.selection__statement')?.textContent).toBe(fact.statement);
    expect(document.activeElement?.contains(marks()[0] ?? null)).toBe(true);
    expect(document.activeElement?.matches('[data-text-start]')).toBe(true);
    expect(document.title.startsWith('Gloss — ')).toBe(true);
  });

  it('marks every fact’s quote exactly, including quotes in list items', async () => {
    for (const fact of pack.facts) {
      await openReader(`?fact=${fact.id}`);
      expect(markedText(), fact.id).toBe(fact.quote);
      await unmount();
    }
    const listFact = pack.facts.find((fact) => {
      const lineStart = pack.sourceText.lastIndexOf('\n', fact.quoteStart) + 1;
      return pack.sourceText.startsWith('- ', lineStart);
    });
    if (listFact) {
      await openReader(`?fact=${listFact.id}`);
      expect(marks()[0]?.closest('li')).not.toBeNull();
    }
  });

  it('given ?entity=<id>, marks every quote of that entity’s facts and names it in the title', async () => {
    const entity = entityById('mikhail-bogdanov');
    if (!entity) throw new Error('no mikhail-bogdanov in the pack');
    await openReader('?entity=mikhail-bogdanov');
    expect(document.title).toBe('Gloss — Mikhail Bogdanov');
    const marked = markedText();
    for (const fact of factsOf(entity)) {
      const inMarks = marks().some((mark) => mark.textContent?.includes(fact.quote) || fact.quote.includes(mark.textContent ?? ''));
      expect(inMarks, fact.id).toBe(true);
    }
    expect(marked.length).toBeGreaterThan(0);
    expect(container.querySelector('.selection__name')?.textContent).toBe(entity.name);
    const count = factsOf(entity).length;
    expect(container.querySelector('.panel__subtitle')?.textContent).toBe(count === 1 ? '1 fact from the article' : `${count} facts from the article`);
    expect(container.querySelector('.reader > [role="status"]')?.textContent).toBe(
      count === 1 ? 'Mikhail Bogdanov: 1 quote marked in the article.' : `Mikhail Bogdanov: ${count} quotes marked in the article.`,
    );
    const current = container.querySelector('[aria-current="page"]');
    expect(current?.textContent).toContain('Mikhail Bogdanov');
  });

  it('lists every entity by category with its number of facts, and a click selects it', async () => {
    await openReader('?fact=moscow-gave-23-million');
    const links = [...container.querySelectorAll<HTMLAnchorElement>('.entity-index__link')];
    expect(links).toHaveLength(pack.entities.length);
    const headings = [...container.querySelectorAll('.entity-index__heading')].map((heading) => heading.textContent);
    expect(headings.every((heading) => ['People', 'Groups', 'Places', 'Topics'].includes(heading ?? ''))).toBe(true);

    const nato = links.find((link) => link.getAttribute('href') === '?entity=nato');
    const natoEntity = entityById('nato');
    if (!nato || !natoEntity) throw new Error('no NATO link');
    expect(nato.textContent).toContain(`${natoEntity.factIds.length} fact`);
    await act(() => nato.click());
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(location.search).toBe('?entity=nato');
    expect(document.title).toBe('Gloss — NATO');
    const natoQuotes = factsOf(natoEntity).map((fact) => fact.quote);
    expect(natoQuotes.every((quote) => markedText().includes(quote))).toBe(true);
    expect(markedText()).not.toContain(factById('moscow-gave-23-million')?.quote ?? '—');
  });

  describe('Copy quote', () => {
    const fact = factById('moscow-gave-23-million');
    if (!fact) throw new Error('no moscow-gave-23-million fact in the pack');
    const copyButton = () => [...container.querySelectorAll('button')].find((button) => button.textContent === 'Copy quote');
    const copyStatus = () => container.querySelector('.selection [role="status"]')?.textContent;

    it('puts the fact’s exact quote and the article’s title on the clipboard, and says so for a while', async () => {
      const copied: string[] = [];
      await openReader(`?fact=${fact.id}`, async (text) => void copied.push(text));
      expect(copyStatus()).toBe('');
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        await act(async () => copyButton()?.click());
        expect(copied).toEqual([`“${fact.quote}” — ${pack.source.title}`]);
        expect(copyStatus()).toBe('Copied');
        await act(() => {
          vi.advanceTimersByTime(2_000);
        });
        expect(copyStatus()).toBe('');
      } finally {
        vi.useRealTimers();
      }
    });

    it('says how to copy by hand when the browser refuses', async () => {
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      await openReader(`?fact=${fact.id}`, () => Promise.reject(new DOMException('Document is not focused.', 'NotAllowedError')));
      await act(async () => copyButton()?.click());
      expect(copyStatus()).toBe('The browser did not allow copying here. Select the quote and copy it instead.');
    });

    it('is offered for a fact, not for an entity', async () => {
      await openReader('?entity=mikhail-bogdanov');
      expect(copyButton()).toBeUndefined();
    });
  });

  it('in a window too narrow for the sidebar, puts the chosen fact and its Copy quote before the article, and the index after it', async () => {
    const narrow = (query: string) => ({
      matches: query === '(max-width: 860px)',
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    });
    vi.stubGlobal('matchMedia', vi.fn(narrow));
    try {
      await openReader('?fact=moscow-gave-23-million');
      const selection = container.querySelector('.selection');
      const article = container.querySelector('article');
      const index = container.querySelector('.entity-index');
      if (!selection || !article || !index) throw new Error('reader parts missing');
      expect(selection.compareDocumentPosition(article) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(article.compareDocumentPosition(index) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect([...selection.querySelectorAll('button')].map((button) => button.textContent)).toContain('Copy quote');
      // Focus still goes to the quote, as on a wide window.
      expect(document.activeElement?.contains(marks()[0] ?? null)).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says so when the fact is not in the pack', async () => {
    await openReader('?fact=no-such-fact');
    expect(container.querySelector('#selection-title')?.textContent).toBe('Not in this pack');
    expect(container.textContent).toContain('This knowledge pack has no fact “no-such-fact”.');
    expect(marks()).toHaveLength(0);
  });
});


describe('source reader in German', () => {
  it('translates the interface but leaves the article and the pack’s text in English, marked as such', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(germanMessage as typeof fakeBrowser.i18n.getMessage);
    await openReader('?entity=nato');
    expect(document.title).toBe('Gloss – NATO');
    const headings = [...container.querySelectorAll('.entity-index__heading')].map((heading) => heading.textContent);
    expect(headings).toEqual(['Personen', 'Gruppen', 'Orte', 'Themen']);
    expect(container.querySelector('#entity-index-title')?.textContent).toBe('In diesem Bericht');
    expect(container.querySelector('.panel__eyebrow .kind-label')?.textContent).toBe('Bündnis');
    expect(container.querySelector('.reader__sidebar')?.getAttribute('aria-label')).toBe('Fakten und Begriffe');
    expect(container.querySelector('.selection__summary')?.getAttribute('lang')).toBe(pack.language);
    expect(container.querySelector('article')?.getAttribute('lang')).toBe(pack.language);
    expect(container.querySelector('h1')?.textContent).toBe(pack.source.title);
  });
});
