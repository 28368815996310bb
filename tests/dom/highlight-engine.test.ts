/**
 * The CSS Custom Highlight API engine's bookkeeping, in jsdom with a stand-in for the API (a
 * Highlight is a set of ranges, `CSS.highlights` a map): nothing is shown before a commit, and
 * mentions staged in text the page changed or removed meanwhile are never shown. The browser
 * draws them in tests/e2e (highlight-api.test.ts, dense.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HighlightApiEngine } from '../../src/content/engines/highlight-engine';
import type { TextNodeMatch } from '../../src/content/engine';

class StandInHighlight extends Set<AbstractRange> {
  priority = 0;
}

const registry = new Map<string, StandInHighlight>();

beforeAll(() => {
  Object.assign(globalThis, { Highlight: StandInHighlight });
  Object.assign(window.CSS ?? Object.assign(window, { CSS: {} }).CSS, { highlights: registry });
});

afterAll(() => {
  Reflect.deleteProperty(globalThis, 'Highlight');
  Reflect.deleteProperty(window.CSS, 'highlights');
});

function shown(): string[] {
  return [...registry]
    .filter(([name]) => name !== 'gloss-active')
    .flatMap(([name, highlight]) => [...highlight].map((range) => `${name}: ${(range as Range).toString()}`))
    .sort();
}

function textOf(id: string): Text {
  return document.getElementById(id)!.firstChild as Text;
}

function match(id: string, entityId: string, start = 0, end = textOf(id).length): TextNodeMatch {
  return { node: textOf(id), start, end, entityId, category: 'places' };
}

describe('HighlightApiEngine', () => {
  it('shows staged mentions only on commit, and none in text changed or removed meanwhile', () => {
    document.body.innerHTML = '<p id="a">Tartus</p><p id="b">Latakia</p><p id="c">Khmeimim</p>';
    const engine = new HighlightApiEngine(document);
    engine.stage([match('a', 'tartus')]);
    engine.stage([match('b', 'latakia')]);
    engine.stage([match('c', 'khmeimim-airbase')]);
    expect(shown()).toEqual([]);
    expect(engine.mentionCounts()).toEqual(new Map());
    textOf('b').data = 'Lattakia';
    engine.forget([textOf('b')]);
    document.getElementById('c')!.remove();
    engine.prune();
    engine.commit();
    expect(shown()).toEqual(['gloss-underline-places: Tartus']);
    expect(engine.mentionCounts()).toEqual(new Map([['tartus', 1]]));
    engine.commit();
    expect(shown()).toHaveLength(1);
  });

  it('replaces what a node had when it is staged again, and forgets it all on clear', () => {
    document.body.innerHTML = '<p id="a">Tartus and Latakia</p>';
    const engine = new HighlightApiEngine(document);
    engine.stage([match('a', 'tartus', 0, 6), match('a', 'latakia', 11, 18)]);
    engine.commit();
    expect(shown()).toEqual(['gloss-underline-places: Latakia', 'gloss-underline-places: Tartus']);
    // Scanned again (the page moved it): its new mentions replace the old, staged twice or not.
    engine.stage([match('a', 'tartus', 0, 6)]);
    engine.stage([match('a', 'latakia', 11, 18)]);
    engine.commit();
    expect(shown()).toEqual(['gloss-underline-places: Latakia']);
    expect(engine.mentions().map((mention) => mention.entityId)).toEqual(['latakia']);
    engine.stage([match('a', 'tartus', 0, 6)]);
    engine.clear();
    engine.commit();
    expect(shown()).toEqual([]);
    expect(engine.mentionCounts()).toEqual(new Map());
  });
});
