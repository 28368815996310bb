import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/core/matcher';
import { matchPage, PageContext } from '../../src/core/page-context';
import type { Alias, Entity } from '../../src/core/pack/compile';

function alias(text: string, extra: Partial<Alias> = {}): Alias {
  return { text, case: 'proper', notBefore: [], notAfter: [], needsContext: false, needsStory: false, shortForm: false, ...extra };
}

function entity(id: string, aliases: Alias[]): Entity {
  return { id, name: id, kind: 'topic', category: 'topics', summary: 's', aliases, related: [], factIds: [] };
}

const matcher = new Matcher([
  entity('syria', [alias('Syria')]),
  entity('russia', [alias('Russia')]),
  entity('oil-and-gas', [alias('oil and gas', { case: 'any', needsStory: true })]),
  entity('turkey', [alias('Turkey', { needsContext: true, notAfter: ['Thanksgiving'] }), alias('Türkiye')]),
  entity('sharaa', [alias('Ahmed al-Sharaa'), alias('al-Sharaa', { shortForm: true, notAfter: ['Farouk'] })]),
  entity('bogdanov', [alias('Mikhail Bogdanov'), alias('Bogdanov', { shortForm: true, needsStory: true })]),
]);
const anchors = { anchors: ['syria', 'russia'], storyAnchors: ['syria'] };

function marked(texts: string[]): string[][] {
  return matchPage(matcher, texts, anchors).map((matches, index) => matches.map((match) => texts[index]!.slice(match.start, match.end)));
}

describe('page-level decisions', () => {
  it('marks an ambiguous alias only on a page about the story', () => {
    expect(marked(['Roast Turkey with gravy', 'Serves four.'])).toEqual([[], []]);
    expect(marked(['Turkey and its neighbours', 'Refugees crossed from Syria.'])).toEqual([['Turkey'], ['Syria']]);
    // An unambiguous spelling needs no context, and is no anchor itself.
    expect(marked(['Türkiye, then Turkey'])).toEqual([['Türkiye']]);
  });

  it('marks a phrase of the story in common words only on a page about the story itself, not on one merely about its world', () => {
    expect(marked(['Russia sells oil and gas to India.'])).toEqual([['Russia']]);
    expect(marked(['Russia sells oil and gas.', 'Its bases in Syria stay.'])).toEqual([['Russia', 'oil and gas'], ['Syria']]);
    // A world anchor lets "Turkey" in, but not the story's phrase.
    expect(marked(['Turkey buys oil and gas from Russia.'])).toEqual([['Turkey', 'Russia']]);
  });

  it('does not take a short form for the story: it may yet turn out to be another bearer of the name', () => {
    const storyBySurname = { anchors: ['sharaa'], storyAnchors: ['sharaa'] };
    const found = matchPage(matcher, ['Later al-Sharaa spoke of oil and gas.'], storyBySurname)[0]!.map((match) => match.alias);
    expect(found).toEqual(['al-Sharaa']);
    expect(matchPage(matcher, ['Ahmed al-Sharaa spoke of oil and gas.'], storyBySurname)[0]!.map((match) => match.alias)).toEqual(['Ahmed al-Sharaa', 'oil and gas']);
  });

  it("gives an alias context only from its own pack's anchors", () => {
    const withImported = new Matcher([
      entity('oil-and-gas', [alias('oil and gas', { case: 'any', needsStory: true })]),
      entity('notes--kyiv', [alias('Kyiv')]),
      entity('notes--grain', [alias('grain deal', { case: 'any', needsStory: true })]),
    ]);
    const packs = { anchors: ['notes--kyiv'], storyAnchors: ['syria', 'notes--kyiv'] };
    const found = matchPage(withImported, ['Kyiv wants a grain deal, and oil and gas.'], packs)[0]!.map((match) => match.alias);
    // Kyiv is the imported pack's anchor: its "grain deal" is marked, the built-in pack's "oil and gas" is not.
    expect(found).toEqual(['Kyiv', 'grain deal']);
  });

  it('drops a bare surname where another bearer of the name appears, unless the full name does too', () => {
    expect(marked(['Farouk al-Sharaa spoke.', 'Later al-Sharaa left.'])).toEqual([[], []]);
    expect(marked(['Farouk al-Sharaa spoke.', 'Ahmed al-Sharaa replied; al-Sharaa won.'])).toEqual([[], ['Ahmed al-Sharaa', 'al-Sharaa']]);
    expect(marked(['Then al-Sharaa spoke.'])).toEqual([['al-Sharaa']]);
  });

  it('marks a short form that waits for the story on a page that names its entity in full, wherever the full name stands', () => {
    expect(marked(['Bogdanov met the Lebanese envoy.'])).toEqual([[]]);
    expect(marked(['Bogdanov met the Lebanese envoy.', 'Deputy Foreign Minister Mikhail Bogdanov said so.'])).toEqual([['Bogdanov'], ['Mikhail Bogdanov']]);
    // The story itself lets it in as before.
    expect(marked(['Bogdanov spoke of Syria.'])).toEqual([['Bogdanov', 'Syria']]);
  });

  it('forgets what a text told once it is gone, and only when no other text still tells it', () => {
    const context = new PageContext(anchors);
    const [turkey] = matcher.findAll('Turkey', true);
    const first = { text: 'Refugees crossed from Syria.' };
    const second = { text: 'Syria again.' };
    for (const source of [first, second]) for (const match of matcher.findAll(source.text, true)) context.observe(match, source);
    expect(context.accepts(turkey!)).toBe(true);
    const version = context.version;
    context.forget(first);
    expect(context.accepts(turkey!)).toBe(true);
    expect(context.version).toBe(version);
    context.forgetWhere((source) => source === second);
    expect(context.accepts(turkey!)).toBe(false);
    expect(context.version).not.toBe(version);
    // Another bearer gone with its text: the bare surname is the entity's again.
    const farouk = {};
    for (const match of matcher.findAll('Farouk al-Sharaa', true)) context.observe(match, farouk);
    const [bare] = matcher.findAll('Syria: al-Sharaa', true).filter((match) => match.shortForm);
    for (const match of matcher.findAll('Syria', true)) context.observe(match, second);
    expect(context.accepts(bare!)).toBe(false);
    context.forget(farouk);
    expect(context.accepts(bare!)).toBe(true);
  });

  it('tells a caller when new context could change earlier decisions', () => {
    const context = new PageContext(anchors);
    const [turkey] = matcher.findAll('Turkey', true);
    context.observe(turkey!);
    expect(context.accepts(turkey!)).toBe(false);
    const version = context.version;
    for (const match of matcher.findAll('Syria', true)) context.observe(match);
    expect(context.version).not.toBe(version);
    expect(context.accepts(turkey!)).toBe(true);
  });

  it('says when a decision is final, and a final decision never changes, whatever the page shows later', () => {
    const texts = ['Roast Turkey with gravy', 'Farouk al-Sharaa spoke.', 'Then al-Sharaa spoke.', 'Refugees crossed from Syria.', 'Ahmed al-Sharaa met Mikhail Bogdanov.', 'Thanksgiving Turkey', 'Bogdanov said.'];
    const permutations = (items: string[]): string[][] =>
      items.length <= 1 ? [items] : items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
    let finalSeen = 0;
    let openSeen = 0;
    for (const order of permutations(texts)) {
      const context = new PageContext(anchors);
      const decidedEarly: { match: ReturnType<typeof matcher.findAll>[number]; accepted: boolean }[] = [];
      for (const text of order) {
        const matches = matcher.findAll(text, true);
        for (const match of matches) context.observe(match);
        for (const match of matches) {
          if (context.decides(match)) decidedEarly.push({ match, accepted: context.accepts(match) });
          else openSeen++;
        }
      }
      for (const { match, accepted } of decidedEarly) expect(context.accepts(match)).toBe(accepted);
      finalSeen += decidedEarly.length;
    }
    // Both kinds occur: the test looks at final and open decisions alike.
    expect(finalSeen).toBeGreaterThan(0);
    expect(openSeen).toBeGreaterThan(0);
  });
});
