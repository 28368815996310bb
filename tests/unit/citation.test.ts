import { describe, expect, it } from 'vitest';
import { citation } from '../../src/core/pack/citation';

describe('citation', () => {
  it('quotes the words exactly and names the article', () => {
    expect(citation('Russia has had two bases in Syria', { title: "Russia in talks with Syria's new rulers to keep its military bases" })).toBe(
      "“Russia has had two bases in Syria” — Russia in talks with Syria's new rulers to keep its military bases",
    );
  });

  it('adds the publisher and the address when the pack gives them, in that order', () => {
    const source = { title: 'Gulf notes', publisher: 'Example Wire', url: 'https://example.org/gulf' };
    expect(citation('Doha hosted the talks', source)).toBe('“Doha hosted the talks” — Gulf notes, Example Wire, https://example.org/gulf');
    expect(citation('Doha hosted the talks', { title: 'Gulf notes', url: 'https://example.org/gulf' })).toBe(
      '“Doha hosted the talks” — Gulf notes, https://example.org/gulf',
    );
  });
});
