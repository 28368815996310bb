/**
 * The CSS Custom Highlight API engine's bookkeeping, in jsdom with a stand-in for the API (a
 * Highlight is a set of ranges, `CSS.highlights` a map): nothing is shown before a commit, and
 * mentions staged in text the page changed or removed meanwhile are never shown; on a page with very
 * many, only those near the viewport are registered (with a stand-in IntersectionObserver that the
 * tests move elements in and out of view with). The browser draws them in tests/e2e
 * (highlight-api.test.ts, dense.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HighlightApiEngine } from '../../src/content/engines/highlight-engine';
import { REGISTER_ALL_UP_TO } from '../../src/content/engines/near-viewport';
import type { TextNodeMatch } from '../../src/content/engine';

class StandInHighlight extends Set<AbstractRange> {
  priority = 0;
}

const registry = new Map<string, StandInHighlight>();

/** Records what is observed; `report` delivers entries as the browser would after a frame. */
class StandInIntersectionObserver {
  static latest: StandInIntersectionObserver | null = null;
  readonly observed = new Set<Element>();
  readonly options: IntersectionObserverInit;
  disconnected = false;
  readonly #callback: IntersectionObserverCallback;

  constructor(callback: IntersectionObserverCallback, options: IntersectionObserverInit = {}) {
    this.#callback = callback;
    this.options = options;
    StandInIntersectionObserver.latest = this;
  }

  observe(element: Element): void {
    this.observed.add(element);
  }

  unobserve(element: Element): void {
    this.observed.delete(element);
  }

  disconnect(): void {
    this.observed.clear();
    this.disconnected = true;
  }

  /** Reports elements near or far; `boxless` ones with the empty rectangle of an element without a box. */
  report(changes: [Element, boolean][], boxless: Element[] = []): void {
    const entries = changes.map(
      ([target, isIntersecting]) =>
        ({
          target,
          isIntersecting,
          boundingClientRect: boxless.includes(target) ? new DOMRect() : new DOMRect(0, isIntersecting ? 100 : 10_000, 600, 20),
        }) as IntersectionObserverEntry,
    );
    this.#callback(entries, this as unknown as IntersectionObserver);
  }
}

beforeAll(() => {
  Object.assign(globalThis, { Highlight: StandInHighlight, IntersectionObserver: StandInIntersectionObserver });
  Object.assign(window.CSS ?? Object.assign(window, { CSS: {} }).CSS, { highlights: registry });
});

afterAll(() => {
  Reflect.deleteProperty(globalThis, 'Highlight');
  Reflect.deleteProperty(globalThis, 'IntersectionObserver');
  Reflect.deleteProperty(window.CSS, 'highlights');
});

function shown(): string[] {
  return [...registry]
    .filter(([name]) => name !== 'gloss-active')
    .flatMap(([name, highlight]) => [...highlight].map((range) => `${name}: ${coveredText(range)}`))
    .sort();
}

/** The text a registered range covers (Gloss registers static ranges, which have no toString). */
function coveredText(range: AbstractRange): string {
  return (range.startContainer as Text).data.slice(range.startOffset, range.endOffset);
}

function textOf(id: string): Text {
  return document.getElementById(id)!.firstChild as Text;
}

function match(id: string, entityId: string, start = 0, end = textOf(id).length): TextNodeMatch {
  return { node: textOf(id), start, end, entityId, category: 'places', text: textOf(id).data.slice(start, end) };
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

  it('stages nothing where the page changed the text after it was read, even before the change is reported', () => {
    document.body.innerHTML = '<p id="a">Russia keeps Tartus</p><p id="b">Latakia</p>';
    const engine = new HighlightApiEngine(document);
    const readBefore = match('a', 'tartus', 13, 19);
    textOf('a').data = 'Loading the latest news';
    engine.stage([readBefore]);
    engine.stage([match('b', 'latakia')]);
    engine.commit();
    expect(shown()).toEqual(['gloss-underline-places: Latakia']);
    expect(engine.mentionCounts()).toEqual(new Map([['latakia', 1]]));
  });

  it('counts and lists only mentions whose text the page left as it was, before its changes are reported', () => {
    document.body.innerHTML = '<p id="a">Tartus and Latakia</p><p id="b">Qatar</p><p id="c">Tartous</p><p id="d">Latakia</p>';
    const engine = new HighlightApiEngine(document);
    engine.stage([match('a', 'tartus', 0, 6), match('a', 'latakia', 11, 18)]);
    engine.stage([match('b', 'qatar')]);
    engine.stage([match('c', 'tartus')]);
    engine.stage([match('d', 'latakia')]);
    engine.commit();
    expect(engine.mentionCounts()).toEqual(new Map([['tartus', 2], ['latakia', 2], ['qatar', 1]]));
    expect(engine.mentionedEntities()).toEqual(new Set(['tartus', 'latakia', 'qatar']));
    // Changed by the page, not (yet) forgotten: text moved along, replaced, removed.
    textOf('a').data = 'Near Tartus and Latakia';
    textOf('b').data = 'Katar';
    document.getElementById('c')!.remove();
    expect(engine.mentionCounts()).toEqual(new Map([['latakia', 1]]));
    expect(engine.mentionedEntities()).toEqual(new Set(['latakia']));
    expect(engine.mentions().map((mention) => mention.anchorElement().id)).toEqual(['d']);
    textOf('a').data = 'Tartus and Lattakia';
    expect(engine.mentions().map((mention) => `${mention.anchorElement().id}:${mention.entityId}`)).toEqual(['a:tartus', 'd:latakia']);
    // An entity one node's stale mention would have added comes from another node's fresh one.
    expect(engine.mentionedEntities()).toEqual(new Set(['tartus', 'latakia']));
  });

  it('registers its highlights again after the page cleared CSS.highlights or took a name, at its next commit or card', () => {
    registry.clear();
    document.body.innerHTML = '<p id="a">Tartus</p><p id="b">Latakia</p>';
    const engine = new HighlightApiEngine(document);
    engine.stage([match('a', 'tartus')]);
    engine.commit();
    expect(shown()).toEqual(['gloss-underline-places: Tartus']);
    registry.clear();
    engine.stage([match('b', 'latakia')]);
    engine.commit();
    expect(shown()).toEqual(['gloss-underline-places: Latakia', 'gloss-underline-places: Tartus']);
    // The page's own highlight under Gloss's name, and the active one dropped: a card brings them back.
    registry.set('gloss-underline-places', new StandInHighlight());
    registry.delete('gloss-active');
    const [tartus] = engine.mentions('tartus');
    engine.setActive(tartus!);
    expect(shown()).toEqual(['gloss-underline-places: Latakia', 'gloss-underline-places: Tartus']);
    expect([...(registry.get('gloss-active') ?? [])].map(coveredText)).toEqual(['Tartus']);
    engine.clear();
  });

  it('registers no highlight with the page until it shows a mention, and none after clear', () => {
    registry.clear();
    document.body.innerHTML = '<p id="a">Tartus</p>';
    const engine = new HighlightApiEngine(document);
    engine.setStyle('dotted');
    engine.setActive(null);
    engine.commit();
    expect([...registry.keys()]).toEqual([]);
    engine.stage([match('a', 'tartus')]);
    engine.commit();
    expect([...registry.keys()].sort()).toEqual([
      'gloss-active',
      'gloss-dotted-groups',
      'gloss-dotted-people',
      'gloss-dotted-places',
      'gloss-dotted-topics',
    ]);
    expect(registry.get('gloss-active')!.priority).toBe(1);
    engine.setStyle('background');
    expect(shown()).toEqual(['gloss-background-places: Tartus']);
    engine.clear();
    expect([...registry.keys()]).toEqual([]);
  });

  it('on clear leaves highlights registered under its names by others alone (the page, or a newer Gloss after an update)', () => {
    registry.clear();
    document.body.innerHTML = '<p id="a">Tartus</p><p id="b">Latakia</p>';
    const older = new HighlightApiEngine(document);
    older.stage([match('a', 'tartus')]);
    older.commit();
    const newer = new HighlightApiEngine(document);
    newer.stage([match('b', 'latakia')]);
    newer.commit();
    older.clear();
    expect(shown()).toEqual(['gloss-underline-places: Latakia']);
    expect(registry.has('gloss-active')).toBe(true);
    newer.clear();
    expect([...registry.keys()]).toEqual([]);
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

  describe('on a page with very many mentions', () => {
    /** `count` paragraphs p0, p1, … each naming Tartus once, staged and committed in one batch. */
    function paragraphs(engine: HighlightApiEngine, from: number, count: number): void {
      const html = Array.from({ length: count }, (_, index) => `<p id="p${from + index}">Tartus</p>`).join('');
      document.body.insertAdjacentHTML('beforeend', html);
      for (let index = from; index < from + count; index++) engine.stage([match(`p${index}`, 'tartus')]);
      engine.commit();
    }

    const paragraph = (index: number) => document.getElementById(`p${index}`)!;
    const registeredIn = () => [...registry.get('gloss-underline-places')!].map((range) => ((range as Range).startContainer.parentNode as Element).id);

    it('registers every mention up to the limit, with no observer', () => {
      document.body.innerHTML = '';
      StandInIntersectionObserver.latest = null;
      const engine = new HighlightApiEngine(document);
      paragraphs(engine, 0, REGISTER_ALL_UP_TO);
      expect(registeredIn()).toHaveLength(REGISTER_ALL_UP_TO);
      expect(StandInIntersectionObserver.latest).toBeNull();
      engine.clear();
    });

    it('past the limit registers only mentions near the viewport, as the observer reports them, and counts them all', () => {
      document.body.innerHTML = '';
      const engine = new HighlightApiEngine(document);
      paragraphs(engine, 0, 100);
      expect(registeredIn()).toHaveLength(100);
      // The batch that crosses the limit: none of it is registered before the observer has spoken.
      paragraphs(engine, 100, REGISTER_ALL_UP_TO);
      const observer = StandInIntersectionObserver.latest!;
      expect(observer.options).toMatchObject({ root: document, rootMargin: '100%' });
      expect(observer.observed.size).toBe(100 + REGISTER_ALL_UP_TO);
      // What was shown stays shown until reported far (no flash of unhighlighted text on screen).
      expect(registeredIn()).toHaveLength(100);
      observer.report([
        ...Array.from({ length: 100 }, (_, index): [Element, boolean] => [paragraph(index), index < 10]),
        [paragraph(1500), true],
        [paragraph(1501), true],
      ]);
      expect(registeredIn().sort()).toEqual(['p0', 'p1', 'p1500', 'p1501', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9'].sort());
      // Scrolled on: p0 goes out of range, p1502 comes in.
      observer.report([
        [paragraph(0), false],
        [paragraph(1502), true],
      ]);
      expect(registeredIn()).not.toContain('p0');
      expect(registeredIn()).toContain('p1502');
      // Hover, counts and keyboard access still know every mention.
      expect(engine.mentionCounts()).toEqual(new Map([['tartus', 100 + REGISTER_ALL_UP_TO]]));
      expect(engine.mentions()).toHaveLength(100 + REGISTER_ALL_UP_TO);
      engine.clear();
      expect(observer.disconnected).toBe(true);
    });

    it('registers text the page rewrote in a near element at once, and stops watching removed elements', () => {
      document.body.innerHTML = '';
      const engine = new HighlightApiEngine(document);
      paragraphs(engine, 0, REGISTER_ALL_UP_TO + 1);
      const observer = StandInIntersectionObserver.latest!;
      observer.report([[paragraph(5), true]]);
      expect(registeredIn()).toEqual(['p5']);
      // The page rewrites p5's text: forgotten, scanned again, and shown without waiting for the observer.
      paragraph(5).textContent = 'Tartus';
      engine.forget([]);
      engine.prune();
      expect(registeredIn()).toEqual([]);
      engine.stage([match('p5', 'tartus')]);
      engine.commit();
      expect(registeredIn()).toEqual(['p5']);
      // Removed paragraphs are no longer watched (the observer would keep them alive).
      paragraph(7).remove();
      paragraph(8).textContent = '';
      engine.prune();
      expect(observer.observed.has(paragraph(5))).toBe(true);
      expect([...observer.observed].some((element) => !element.isConnected)).toBe(false);
      engine.clear();
    });

    it('follows the element around text in an element without a box (display: contents)', () => {
      document.body.innerHTML = '<section id="around"><span id="contents" style="display: contents">Tartus</span></section>';
      const engine = new HighlightApiEngine(document);
      engine.stage([match('contents', 'tartus')]);
      paragraphs(engine, 0, REGISTER_ALL_UP_TO);
      const observer = StandInIntersectionObserver.latest!;
      const contents = document.getElementById('contents')!;
      const around = document.getElementById('around')!;
      // Never near by itself: the observer reports an element without a box as far, with no size.
      observer.report([[contents, false]], [contents]);
      expect(observer.observed.has(around)).toBe(true);
      observer.report([[around, true]]);
      expect(registeredIn()).toEqual(['contents']);
      observer.report([[around, false]]);
      expect(registeredIn()).toEqual([]);
      // Gone from the page: neither it nor the element standing in for it is watched any more.
      contents.remove();
      engine.prune();
      expect(observer.observed.has(contents)).toBe(false);
      expect(observer.observed.has(around)).toBe(false);
      engine.clear();
    });

    it('registers every mention again once fewer than half the limit are left', () => {
      document.body.innerHTML = '';
      const engine = new HighlightApiEngine(document);
      paragraphs(engine, 0, REGISTER_ALL_UP_TO + 1);
      const observer = StandInIntersectionObserver.latest!;
      observer.report([[paragraph(0), true]]);
      // Still many: near ones only.
      for (let index = 1; index <= 200; index++) paragraph(index).remove();
      engine.prune();
      expect(registeredIn()).toEqual(['p0']);
      for (let index = 201; index <= REGISTER_ALL_UP_TO - 500; index++) paragraph(index).remove();
      engine.prune();
      expect(observer.disconnected).toBe(true);
      expect(registeredIn()).toHaveLength(engine.mentionCounts().get('tartus')!);
      expect(registeredIn().length).toBeGreaterThan(400);
      engine.clear();
      // jsdom updates every live range on each removal: 1,800 removals over 2,000 ranges take a while.
    }, 30_000);
  });
});
