/** The card's "Copy quote" under each fact (the card itself is driven through GlossPage in gloss-page.test.ts). */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { entityById, factsOf, pack } from '@/src/pack/bundled';
import { Card, type CardProps } from '@/src/ui/card/Card';
import { CardLayer } from '@/src/ui/card/CardLayer';
import type { CopyText } from '@/src/ui/shared/CopyQuoteButton';
import { container, mount, settle, useContainer } from './support/render';

useContainer();

const bogdanov = entityById('mikhail-bogdanov');
if (!bogdanov) throw new Error('no mikhail-bogdanov in the pack');
const facts = factsOf(bogdanov);

async function showCard(copyText?: CopyText): Promise<void> {
  const ignore = () => undefined;
  await mount(
    <Card entity={bogdanov!} facts={facts} related={[]} source={pack.source} pinned onSelectEntity={ignore} onReadSource={ignore} onHide={ignore} onClose={ignore} copyText={copyText} />,
  );
}

const factItems = () => [...container.querySelectorAll<HTMLElement>('.fact')];
const copyButtonIn = (item: HTMLElement | undefined) => [...(item?.querySelectorAll('button') ?? [])].find((button) => button.textContent === 'Copy quote');

describe('Copy quote on a card', () => {
  it('is offered under every fact shown, beside Read in the article, and copies that fact’s quote with the article', async () => {
    const copied: string[] = [];
    await showCard(async (text) => void copied.push(text));
    expect(facts.length).toBeGreaterThan(1);
    expect(factItems()).toHaveLength(Math.min(facts.length, 3));
    for (const item of factItems()) expect(copyButtonIn(item)?.previousElementSibling?.textContent).toBe('Read in the article');

    const second = factItems()[1];
    await act(async () => copyButtonIn(second)?.click());
    expect(copied).toEqual([`“${facts[1]?.quote}” — ${pack.source.title}`]);
    expect(second?.querySelector('[role="status"]')?.textContent).toBe('Copied');
    expect(factItems()[0]?.querySelector('[role="status"]')?.textContent).toBe('');
  });

  it('is not offered where the page has no clipboard (a page served without TLS)', async () => {
    expect('clipboard' in navigator).toBe(false);
    await showCard();
    expect(factItems().length).toBeGreaterThan(0);
    expect(factItems().map((item) => copyButtonIn(item))).toEqual(factItems().map(() => undefined));
    expect(container.textContent).toContain('Read in the article');
  });

  it('says how to copy by hand when the page’s clipboard refuses', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await showCard(() => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'writeText')")));
    const first = factItems()[0];
    await act(async () => copyButtonIn(first)?.click());
    expect(first?.querySelector('[role="status"]')?.textContent).toBe('The browser did not allow copying here. Select the quote and copy it instead.');
  });
});

describe('a card’s fact buttons for screen readers', () => {
  it('describes each fact’s Read in the article and Copy quote by that fact, so a list of buttons tells them apart', async () => {
    await showCard(async () => undefined);
    expect(factItems().length).toBeGreaterThan(1);
    const descriptions = factItems().map((item) =>
      [...item.querySelectorAll('button')].map((button) => {
        const describedBy = button.getAttribute('aria-describedby') ?? '';
        return `${button.textContent}: ${container.querySelector(`[id="${describedBy}"]`)?.textContent ?? '(none)'}`;
      }),
    );
    expect(descriptions).toEqual(
      factItems().map((_, index) => [`Read in the article: ${facts[index]?.statement}`, `Copy quote: ${facts[index]?.statement}`]),
    );
  });
});

describe('a card of an entity with many facts and related entities', () => {
  const syria = entityById('syria');
  if (!syria) throw new Error('no syria in the pack');
  const related = syria.related.map((id) => entityById(id)).filter((entity) => entity !== undefined);
  const ignore = () => undefined;
  const showSyria = () =>
    mount(<Card entity={syria} facts={factsOf(syria)} related={related} source={pack.source} pinned onSelectEntity={ignore} onReadSource={ignore} onClose={ignore} />);
  const chips = () => [...container.querySelectorAll<HTMLButtonElement>('.chips .chip')];

  it('shows the first eight related entities and a chip for the rest, which shows them all and focuses the first revealed', async () => {
    expect(related.length).toBeGreaterThan(9);
    await showSyria();
    const more = chips().at(-1)!;
    expect(chips().slice(0, -1).map((chip) => chip.textContent)).toEqual(related.slice(0, 8).map((entity) => entity.name));
    // Its name starts with what it shows (WCAG 2.5.3: a voice-control reader says what they see), with no space before the colon.
    expect(more.textContent).toBe(`+${related.length - 8} more`);
    expect(more.getAttribute('aria-label')).toBe(`+${related.length - 8} more: Show all ${related.length} related`);
    more.focus();
    await act(async () => more.click());
    expect(chips().map((chip) => chip.textContent)).toEqual(related.map((entity) => entity.name));
    expect(document.activeElement).toBe(chips()[8]);
  });

  it('focuses the first fact revealed by "Show all facts", not the page', async () => {
    await showSyria();
    const showAll = [...container.querySelectorAll<HTMLButtonElement>('button.more')][0]!;
    expect(showAll.textContent).toBe(`Show all ${factsOf(syria).length} facts`);
    showAll.focus();
    await act(async () => showAll.click());
    expect(factItems()).toHaveLength(factsOf(syria).length);
    expect(document.activeElement).toBe(factItems()[3]?.querySelector('button'));
  });

  it('moves focus to the revealed fact as the list expands, not after the next paint with the page focused meanwhile', async () => {
    await showSyria();
    const showAll = [...container.querySelectorAll<HTMLButtonElement>('button.more')][0]!;
    showAll.focus();
    // Outside act(): Preact renders in a microtask and runs plain effects only after the next paint.
    showAll.click();
    await Promise.resolve();
    await Promise.resolve();
    expect(factItems()).toHaveLength(factsOf(syria).length);
    expect(document.activeElement).toBe(factItems()[3]?.querySelector('button'));
    await settle();
  });
});

describe('the language of the pack\'s words', () => {
  it('sets the pack\'s language and direction on its words, not on the card\'s own', async () => {
    const ignore = () => undefined;
    await mount(<Card entity={bogdanov!} facts={facts} related={[]} source={pack.source} contentLang="ar" pinned onSelectEntity={ignore} onReadSource={ignore} onClose={ignore} />);
    for (const part of ['.name', '.summary', '.statement', '.quote', 'cite']) {
      const element = container.querySelector(part);
      expect([element?.getAttribute('lang'), element?.getAttribute('dir')], part).toEqual(['ar', 'rtl']);
    }
    expect(container.querySelector('.fact-actions button')?.closest('[lang]')).toBeNull();
  });
});

describe('a card with lists one past their caps', () => {
  it('shows all four facts rather than three and a "Show all 4 facts" button', async () => {
    const four = pack.facts.slice(0, 4);
    const ignore = () => undefined;
    await mount(<Card entity={bogdanov!} facts={four} related={[]} source={pack.source} pinned onSelectEntity={ignore} onReadSource={ignore} onClose={ignore} />);
    expect(factItems()).toHaveLength(4);
    expect(container.querySelector('button.more')).toBeNull();
  });

  it('shows all nine related rather than eight and a "+1 more" chip', async () => {
    const nine = pack.entities.filter((entity) => entity.id !== 'mikhail-bogdanov').slice(0, 9);
    const ignore = () => undefined;
    await mount(<Card entity={bogdanov!} facts={facts} related={nine} source={pack.source} pinned onSelectEntity={ignore} onReadSource={ignore} onClose={ignore} />);
    expect([...container.querySelectorAll('.chips .chip')].map((chip) => chip.textContent)).toEqual(nine.map((entity) => entity.name));
  });
});

describe('the card layer, from one entity\'s card to another\'s', () => {
  it('shows the next card with its lists folded from its first render, not the last card\'s expanded state', async () => {
    const ignore = () => undefined;
    const cardOf = (id: string): CardProps => {
      const entity = entityById(id)!;
      const related = entity.related.map((other) => entityById(other)).filter((other) => other !== undefined);
      return { entity, facts: factsOf(entity), related, source: pack.source, pinned: true, onSelectEntity: ignore, onReadSource: ignore, onClose: ignore };
    };
    const layer = (card: CardProps) => <CardLayer theme="light" card={card} flashes={[]} hiddenNotice={null} />;
    await mount(layer(cardOf('syria')));
    await act(async () => container.querySelector<HTMLButtonElement>('button.more')!.click());
    expect(factItems().length).toBe(factsOf(entityById('syria')!).length);
    const russia = cardOf('russia');
    expect(russia.facts.length).toBeGreaterThan(4);
    // One synchronous render, before any effect runs: what the first paint shows.
    render(layer(russia), container);
    expect(factItems()).toHaveLength(3);
  });
});

describe('the text a card was opened from', () => {
  const ignore = () => undefined;
  const sharaa = entityById('ahmed-al-sharaa')!;
  const show = (markedText: string) =>
    mount(<Card entity={sharaa} facts={factsOf(sharaa)} related={[]} markedText={markedText} source={pack.source} pinned onSelectEntity={ignore} onReadSource={ignore} onClose={ignore} />);

  it('is named under the title when the title does not show it (another name, another spelling)', async () => {
    await show('al-Julani');
    expect(container.querySelector('.marked-as')?.textContent).toBe('Marked here as “al-Julani”');
  });

  it('is not repeated when the title shows it, case and accents aside', async () => {
    for (const text of ['al-Sharaa', 'AHMED AL-SHARAA', 'Ahmed al-Sharaa']) {
      await show(text);
      expect(container.querySelector('.marked-as'), text).toBeNull();
    }
  });
});
