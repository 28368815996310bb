import { afterEach, describe, expect, it, vi } from 'vitest';
import { Matcher, type TextMatch } from '../../src/core/matcher';
import { PageContext } from '../../src/core/page-context';
import { loadBundledPack } from '../../scripts/pack-files';
import { MarkEngine } from '../../src/content/engines/mark-engine';
import { PageScanner } from '../../src/content/page-scanner';
import { collectTextNodes, isInsideExcluded, TextNodeWalker, type TextWalk } from '../../src/content/text-nodes';
import { viewportStart, ViewportFirstWalk } from '../../src/content/viewport';

const pack = loadBundledPack();
const categoryOf = (id: string) => pack.entities.find((entity) => entity.id === id)?.category ?? 'topics';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function marked(root: ParentNode = document.body): [string, string][] {
  return [...root.querySelectorAll<HTMLElement>('mark.gloss-mark')].map((mark) => [mark.textContent ?? '', mark.dataset.glossEntity ?? '']);
}

/** The bundled pack's matcher, counting the texts it is asked to read. */
function countingMatcher(): { counting: Matcher; textsRead: () => number } {
  const matcher = new Matcher(pack.entities);
  let textsRead = 0;
  const counting = Object.create(matcher) as Matcher;
  counting.findAll = (text, includeRuledOut) => {
    textsRead++;
    return matcher.findAll(text, includeRuledOut);
  };
  return { counting, textsRead: () => textsRead };
}

const running: AbortController[] = [];

/** What a scanner of the bundled pack is given, with a matcher of its own where a test counts its reads. */
function scannerOptions({ matcher = new Matcher(pack.entities), firstMentionOnly = false }: { matcher?: Matcher; firstMentionOnly?: boolean } = {}) {
  return { matcher, isShown: () => true, categoryOf, firstMentionOnly, pageContext: new PageContext(pack), onProgress: () => {} };
}

async function scan(root: HTMLElement, options: { firstMentionOnly?: boolean } = {}) {
  const engine = new MarkEngine(root);
  const abort = new AbortController();
  running.push(abort);
  const scanner = new PageScanner(engine, root, scannerOptions(options), abort.signal);
  await scanner.start();
  return { engine, abort };
}

afterEach(() => {
  for (const abort of running.splice(0)) abort.abort();
  document.body.innerHTML = '';
});

describe('collectTextNodes', () => {
  it('skips code, form fields, editable regions, scripts, site menus and Gloss UI', () => {
    page(`
      <p>Tartus <b>Latakia</b></p>
      <script>var s = "Tartus";</script><style>.Tartus{}</style><noscript>Tartus</noscript>
      <textarea>Tartus</textarea><select><option>Turkey</option></select><button>Tartus</button>
      <pre><span>Tartus</span></pre><code>HTS code</code>
      <div contenteditable="true"><p>Tartus <i>inside</i></p></div>
      <div contenteditable="false">Editable off: Tartus</div>
      <svg><text>Tartus</text></svg>
      <div data-gloss-owned>Tartus</div>
      <nav><ul><li><a id="menu-link" href="#syria">Syria news</a></li></ul></nav>`);
    const texts = collectTextNodes(document.body).map((node) => node.data.trim()).filter(Boolean);
    expect(texts).toEqual(['Tartus', 'Latakia', 'Editable off: Tartus']);
    // Text the page adds there later is left alone too.
    expect(isInsideExcluded(document.getElementById('menu-link')!)).toBe(true);
  });

  it('reads open shadow roots (web components) and reports them', () => {
    page('<p>Tartus</p><div id="host"></div><p>Qatar</p>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>Khmeimim</span><code>HTS</code>';
    const found: ShadowRoot[] = [];
    const texts = collectTextNodes(document.body, (root) => found.push(root)).map((node) => node.data);
    expect(texts).toEqual(['Tartus', 'Khmeimim', 'Qatar']);
    expect(found).toEqual([shadow]);
  });

  it('checks the ancestors of a subtree added later', () => {
    page('<div contenteditable><p id="inner">Tartus</p></div><pre><span id="code">x</span></pre>');
    expect(collectTextNodes(document.getElementById('inner')!)).toEqual([]);
    expect(collectTextNodes(document.getElementById('code')!.firstChild!)).toEqual([]);
  });
});

function textsOf(walk: TextWalk): string[] {
  const texts: string[] = [];
  for (let node = walk.next(); node; node = walk.next()) texts.push(node.data);
  return texts;
}

describe('walks that start or stop part-way (viewport first)', () => {
  it('reads no scroll position or layout in a frame (it could make the page around it lay out)', () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const frameDocument = frame.contentDocument!;
    frameDocument.body.innerHTML = '<p>Tartus</p>';
    // As a page scrolled far down would answer; each answer needs an up-to-date layout.
    let layoutReads = 0;
    const scroller = frameDocument.documentElement;
    Object.defineProperty(scroller, 'scrollTop', { get: () => (layoutReads++, 5000) });
    Object.defineProperty(frameDocument, 'scrollingElement', { get: () => (layoutReads++, scroller) });
    frameDocument.elementFromPoint = () => (layoutReads++, frameDocument.body.firstElementChild);
    expect(viewportStart(frameDocument.body)).toBeNull();
    expect(layoutReads).toBe(0);
    frame.remove();
  });

  const LONG_PAGE = `
    <section><h2>One</h2><p>Tartus</p><pre>code one</pre></section>
    <section id="middle"><h2>Two</h2><p>Latakia <b>port</b></p><div id="host"></div><code>code two</code></section>
    <section><h2>Three</h2><p>Qatar</p><textarea>typed</textarea></section>
    <section><h2>Four</h2><p>Turkey</p></section>`;

  function longPage(): { middle: HTMLElement; shadow: ShadowRoot } {
    page(LONG_PAGE);
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<span>Khmeimim</span>';
    return { middle: document.getElementById('middle')!, shadow };
  }

  it('splits the page at an element: before it, then from it on, nothing twice or left out', () => {
    const { middle } = longPage();
    const whole = collectTextNodes(document.body).map((node) => node.data);
    const before = textsOf(new TextNodeWalker(document.body, undefined, { until: middle }));
    const after = textsOf(new TextNodeWalker(document.body, undefined, { from: middle }));
    expect(before).toEqual(whole.slice(0, before.length));
    expect([...before, ...after]).toEqual(whole);
    expect(after[0]).toBe('Two');
    expect(after).toContain('Khmeimim');
  });

  it('starts after the code or editor it is asked to start in', () => {
    page('<p>Tartus</p><pre id="code"><span id="inside">HTS code</span> more code</pre><p>Latakia</p>');
    const from = document.getElementById('inside')!;
    expect(textsOf(new TextNodeWalker(document.body, undefined, { from }))).toEqual(['Latakia']);
    expect(textsOf(new TextNodeWalker(document.body, undefined, { until: from }))).toEqual(['Tartus']);
  });

  it('reads from the reader\'s place for a few screens, then the part above, then the rest', () => {
    const { middle } = longPage();
    const whole = collectTextNodes(document.body).map((node) => node.data);
    const shadowRoots: ShadowRoot[] = [];
    const order = textsOf(new ViewportFirstWalk(document.body, middle, (root) => shadowRoots.push(root)));
    expect([...order].sort()).toEqual([...whole].sort());
    expect(order.slice(0, 3)).toEqual(['Two', 'Latakia ', 'port']);
    expect(order.indexOf('One')).toBeGreaterThan(order.indexOf('Turkey'));
    expect(shadowRoots).toHaveLength(1);
  });

  it('goes back to the top after a few screens of text on a long page', () => {
    const screens = Array.from({ length: 400 }, (_, index) => `<p>Paragraph ${index} about the ports of Tartus and Latakia, long enough to fill a line or two of a page.</p>`);
    page(`<p>Top of the page</p><div id="start"></div>${screens.join('')}`);
    const order = textsOf(new ViewportFirstWalk(document.body, document.getElementById('start')!));
    const top = order.indexOf('Top of the page');
    expect(top).toBeGreaterThan(100);
    expect(top).toBeLessThan(order.length - 50);
    expect(order).toHaveLength(401);
  });
});

describe('mark.js engine', () => {
  it('wraps each mention with its entity and category, once per page walk', async () => {
    const root = page('<p>Mikhail Bogdanov met HTS’s envoy in Tartous and Hmeimim.</p><textarea>Bogdanov</textarea>');
    await scan(root);
    expect(marked()).toEqual([
      ['Mikhail Bogdanov', 'mikhail-bogdanov'],
      ['HTS', 'hayat-tahrir-al-sham'],
      ['Tartous', 'tartus'],
      ['Hmeimim', 'khmeimim-airbase'],
    ]);
    const first = document.querySelector<HTMLElement>('mark.gloss-mark')!;
    expect(first.dataset.glossCategory).toBe('people');
    expect(document.querySelector('textarea')!.value).toBe('Bogdanov');
  });

  it('changes the page only on commit, and not for staged text the page changed or removed meanwhile', () => {
    const root = page('<p id="a">Tartus</p><p id="b">Latakia</p><p id="c">Khmeimim</p>');
    const html = root.innerHTML;
    const engine = new MarkEngine(root);
    const textOf = (id: string) => document.getElementById(id)!.firstChild as Text;
    const match = (id: string, entityId: string) => ({ node: textOf(id), start: 0, end: textOf(id).length, entityId, category: 'places' as const, text: textOf(id).data });
    engine.stage([match('a', 'tartus')]);
    engine.stage([match('b', 'latakia')]);
    engine.stage([match('c', 'khmeimim-airbase')]);
    expect(root.innerHTML).toBe(html);
    expect(engine.mentions()).toEqual([]);
    textOf('b').data = 'Lattakia';
    engine.forget([textOf('b')]);
    document.getElementById('c')!.remove();
    engine.prune();
    engine.commit();
    expect(marked()).toEqual([['Tartus', 'tartus']]);
    engine.commit();
    expect(marked()).toHaveLength(1);
  });

  it('restores the page exactly when cleared', async () => {
    const html = '<p id="a">In <em>Latakia</em>, Russia’s <a href="#x">Khmeimim Airbase</a> and Tartus.</p><p>No mentions here.</p>';
    const root = page(html);
    const { engine } = await scan(root);
    expect(marked().length).toBeGreaterThanOrEqual(4);
    engine.clear();
    expect(document.body.innerHTML).toBe(html);
    expect(document.getElementById('a')!.childNodes).toHaveLength(5);
  });

  it('keeps the text nodes a framework holds: their text comes back, made nodes go', async () => {
    const root = page('<p id="p">Tartus and Qatar</p>');
    const held = document.getElementById('p')!.firstChild as Text;
    const { engine } = await scan(root);
    expect(marked()).toEqual([
      ['Tartus', 'tartus'],
      ['Qatar', 'qatar'],
    ]);
    // A re-render writes into the node it holds; the marks made from the old text must go.
    held.data = 'Now Libya';
    engine.forget([held]);
    expect(document.getElementById('p')!.textContent).toBe('Now Libya');
    expect(marked()).toEqual([]);
    const scanned = await scan(root);
    expect(marked()).toEqual([['Libya', 'libya']]);
    scanned.engine.clear();
    expect(document.getElementById('p')!.childNodes).toHaveLength(1);
    expect(document.getElementById('p')!.firstChild).toBe(held);
    expect(held.data).toBe('Now Libya');
  });

  it('takes made nodes out when the page removes the node they came from', async () => {
    const root = page('<p id="p">Tartus and Qatar</p>');
    const held = document.getElementById('p')!.firstChild as Text;
    const { engine } = await scan(root);
    held.remove();
    engine.prune();
    expect(document.getElementById('p')!.childNodes).toHaveLength(0);
  });

  it('marks only the first mention of each entity when asked', async () => {
    const root = page('<p>Bogdanov and Bogdanov</p><p>Tartus, Tartous, Bogdanov</p>');
    await scan(root, { firstMentionOnly: true });
    expect(marked()).toEqual([
      ['Bogdanov', 'mikhail-bogdanov'],
      ['Tartus', 'tartus'],
    ]);
  });

  it('counts live mentions by entity as its marks say, also after the page rewrote a node', async () => {
    const root = page('<p id="p">Tartus and Qatar</p><p>Tartous, Bogdanov</p>');
    const held = document.getElementById('p')!.firstChild as Text;
    const { engine } = await scan(root);
    expect(Object.fromEntries(engine.mentionCounts())).toEqual({ tartus: 2, qatar: 1, 'mikhail-bogdanov': 1 });
    held.data = 'Now Libya';
    engine.forget([held]);
    expect(Object.fromEntries(engine.mentionCounts())).toEqual({ tartus: 1, 'mikhail-bogdanov': 1 });
    expect(engine.mentionedEntities()).toEqual(new Set(['tartus', 'mikhail-bogdanov']));
  });

  it('finds mentions near a position for keyboard access', async () => {
    const root = page('<p id="p">Intro text. Then Lavrentiev spoke in Syria.</p>');
    const { engine } = await scan(root);
    const text = document.getElementById('p')!.firstChild!;
    expect(engine.mentionNear(text, 0)?.entityId).toBe('alexander-lavrentiev');
    expect(engine.mentions('alexander-lavrentiev')).toHaveLength(1);
  });
});

describe('PageScanner on long pages', () => {
  it('marks mentions nothing later can change while it is still reading the page, and the rest after', async () => {
    // Many paragraphs, so the scan spans several slices; an ambiguous "Turkey" at the top needs
    // the anchor ("Syria") at the very end before it may be marked.
    const filler = '<p>Markets were calm and the weather was mild across the region that week.</p>'.repeat(6000);
    const root = page(`<p>Tartus</p><p>Turkey</p>${filler}<p>Syria</p>`);
    const { counting, textsRead } = countingMatcher();
    const engine = new MarkEngine(root);
    // One call per change to the page's highlights: what was staged, shown at a commit.
    const calls: { textsRead: number; entities: string[] }[] = [];
    const staged: string[] = [];
    const stage = engine.stage.bind(engine);
    const commit = engine.commit.bind(engine);
    engine.stage = (matches) => {
      staged.push(...matches.map((match) => match.entityId));
      stage(matches);
    };
    engine.commit = () => {
      calls.push({ textsRead: textsRead(), entities: staged.splice(0) });
      commit();
    };
    const abort = new AbortController();
    running.push(abort);
    const options = scannerOptions({ matcher: counting });
    await new PageScanner(engine, root, options, abort.signal).start();

    const totalTexts = textsRead();
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[0]!.textsRead).toBeLessThan(totalTexts);
    expect(calls[0]!.entities).toEqual(['tartus']);
    expect(calls.flatMap((call) => call.entities).sort()).toEqual(['syria', 'tartus', 'turkey']);
    expect(marked().map(([text]) => text)).toEqual(['Tartus', 'Turkey', 'Syria']);
  });

  it('past the text in view, marks what it finds at most every half second (each change repaints the page)', async () => {
    const filler = '<p>Markets were calm and the weather was mild across the region that week.</p>';
    // 40,000 characters with no mention (more than is read first as "in view"), then one in every 50 paragraphs.
    const parts = [filler.repeat(600)];
    for (let part = 0; part < 120; part++) parts.push(`<p>Officials in Tartus met again.</p>${filler.repeat(49)}`);
    const root = page(parts.join(''));
    const engine = new MarkEngine(root);
    let calls = 0;
    const commit = engine.commit.bind(engine);
    engine.commit = () => {
      calls++;
      commit();
    };
    const abort = new AbortController();
    running.push(abort);
    const options = scannerOptions();
    // Without scheduler.yield (jsdom), the scan yields with setTimeout(…, 0): one per slice.
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const started = performance.now();
    await new PageScanner(engine, root, options, abort.signal).start();
    const elapsed = performance.now() - started;
    const slices = timeouts.mock.calls.filter(([, delay]) => !delay).length + 1;
    timeouts.mockRestore();

    expect(marked()).toHaveLength(120);
    // Mentions were found in nearly every slice; marking at each would have changed the highlights as often.
    expect(slices).toBeGreaterThanOrEqual(3);
    expect(calls).toBeGreaterThan(1);
    expect(calls).toBeLessThanOrEqual(2 + Math.floor(elapsed / 500));
    expect(calls).toBeLessThan(slices);
  }, 20_000);

  it('shows a batch of thousands of mentions slice by slice: what a slice staged is committed before it yields', async () => {
    // 600 paragraphs of six mentions each, all in view at once: one batch of 3,600.
    const root = page('<p>Russia keeps Tartus and Khmeimim; HTS and Ahmed al-Sharaa talk with Mikhail Bogdanov.</p>'.repeat(600));
    const engine = new MarkEngine(root);
    // Staging made slow (20 µs a mention, as a dense page in a slow browser): more than a slice's worth.
    const events: string[] = [];
    const stage = engine.stage.bind(engine);
    const commit = engine.commit.bind(engine);
    engine.stage = (matches) => {
      const until = performance.now() + 0.02 * matches.length;
      while (performance.now() < until);
      events.push(`stage ${matches.length}`);
      stage(matches);
    };
    engine.commit = () => {
      events.push('commit');
      commit();
    };
    // Without scheduler.yield (jsdom), the scan yields with setTimeout(…, 0).
    const realSetTimeout = globalThis.setTimeout;
    const timeouts = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, delay?: number) => {
      if (!delay) events.push('yield');
      return realSetTimeout(handler, delay);
    }) as typeof setTimeout);
    const abort = new AbortController();
    running.push(abort);
    const options = scannerOptions();
    await new PageScanner(engine, root, options, abort.signal).start();
    timeouts.mockRestore();

    expect(marked()).toHaveLength(3600);
    // The tasks the scan ran in, split where it yielded to the page: the batch was staged over
    // several of them...
    const tasks = events.join(' ').split('yield');
    const stagedPerTask = tasks.map((task) => [...task.matchAll(/stage (\d+)/g)].reduce((sum, [, count]) => sum + Number(count), 0));
    expect(Math.max(...stagedPerTask)).toBeLessThan(3600 / 2);
    // ...and each showed what it staged before yielding: showing a whole batch at once would be a
    // long task of its own (30–35 ms measured on a live blog of 30,000 mentions).
    expect(tasks.filter((task) => /stage \d+\s*$/.test(task))).toEqual([]);
  }, 20_000);
});

describe('PageScanner with hidden entities', () => {
  // Topics off: "fall of Assad" is still found, for the page context, but not marked.
  const shownEntities = pack.entities.filter((entity) => entity.category !== 'topics');
  const shownIds = new Set(shownEntities.map((entity) => entity.id));

  async function scanWithTopicsHidden(root: HTMLElement) {
    const abort = new AbortController();
    running.push(abort);
    const options = {
      ...scannerOptions(),
      isShown: (match: TextMatch) => shownIds.has(match.entityId),
      shownMatcher: new Matcher(shownEntities),
    };
    await new PageScanner(new MarkEngine(root), root, options, abort.signal).start();
  }

  it('marks a shown term inside a hidden one, in short text nodes and in huge ones read window by window', async () => {
    const sentence = 'After the fall of Assad, Syria changed. ';
    for (const html of [`<p>${sentence}</p>`, `<p>${'Lorem ipsum dolor sit amet. '.repeat(3000)}${sentence}</p>`]) {
      await scanWithTopicsHidden(page(html));
      expect(marked()).toEqual([
        ['Assad', 'bashar-al-assad'],
        ['Syria', 'syria'],
      ]);
      document.body.innerHTML = '';
    }
  });
});

describe('PageScanner starting', () => {
  it('reads nothing in the task that starts it: Gloss\'s setup before it is a task of its own', async () => {
    const root = page('<p>Tartus</p><p>Bogdanov</p>');
    const { counting, textsRead } = countingMatcher();
    const abort = new AbortController();
    running.push(abort);
    const options = scannerOptions({ matcher: counting });
    const started = new PageScanner(new MarkEngine(root), root, options, abort.signal).start();
    // Everything that can still run in the starting task: its microtasks.
    for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    expect(textsRead()).toBe(0);
    await started;
    expect(textsRead()).toBe(2);
    expect(marked().map(([text]) => text)).toEqual(['Tartus', 'Bogdanov']);
  });

  it('reads and marks nothing when stopped before its first slice', async () => {
    const root = page('<p>Tartus</p><p>Bogdanov</p>');
    const { counting, textsRead } = countingMatcher();
    const abort = new AbortController();
    const options = scannerOptions({ matcher: counting });
    const started = new PageScanner(new MarkEngine(root), root, options, abort.signal).start();
    // Switched off in the same task that started it, before the reading's own task.
    await Promise.resolve();
    abort.abort();
    await started;
    expect(textsRead()).toBe(0);
    expect(marked()).toEqual([]);
  });
});

/** A scan that has read the page but may not highlight until `highlightingMayStart` (as while the background answers). */
async function readWithHighlightingHeld(root: HTMLElement): Promise<{ scanned: Promise<void>; highlightingMayStart: () => void }> {
  let highlightingMayStart!: () => void;
  const ready = new Promise<void>((resolve) => (highlightingMayStart = resolve));
  const abort = new AbortController();
  running.push(abort);
  const scanner = new PageScanner(new MarkEngine(root), root, { ...scannerOptions(), ready }, abort.signal);
  const scanned = scanner.start();
  await vi.waitFor(() => expect(scanner.scanning).toBe(true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { scanned, highlightingMayStart };
}

describe('PageScanner on changing pages', () => {
  it('scans text added after load, and stops when aborted', async () => {
    const root = page('<main id="feed"><p>Tartus</p></main>');
    const { abort } = await scan(root);
    expect(marked()).toHaveLength(1);
    const added = document.createElement('p');
    added.textContent = 'Later: Bogdanov visited Lattakia.';
    document.getElementById('feed')!.append(added);
    await expect.poll(() => marked(added).length, { timeout: 2000 }).toBe(2);
    abort.abort();
    const ignored = document.createElement('p');
    ignored.textContent = 'Qatar after stop';
    document.getElementById('feed')!.append(ignored);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(marked(ignored)).toEqual([]);
  });

  it("forgets what text the page took away told: a single-page app's next article is read on its own", async () => {
    const root = page('<main id="app"><p>Russia keeps its bases in Syria.</p></main>');
    await scan(root);
    expect(marked().map(([, id]) => id)).toEqual(['russia', 'syria']);
    const recipe = document.createElement('p');
    recipe.textContent = 'From our NATO canteen: Turkey is best brined overnight.';
    document.getElementById('app')!.replaceChildren(recipe);
    await expect.poll(() => marked(recipe).map(([, id]) => id), { timeout: 2000 }).toContain('nato');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(marked(recipe).map(([, id]) => id)).toEqual(['nato']);
    // The story back in the same place: its world gives "Turkey" its sense again.
    const story = document.createElement('p');
    story.textContent = 'Russia talks to Syria; Turkey watches.';
    document.getElementById('app')!.replaceChildren(story);
    await expect.poll(() => marked(story).map(([, id]) => id), { timeout: 2000 }).toEqual(['russia', 'syria', 'turkey']);
  });

  it('rescans text whose content the page changes', async () => {
    const root = page('<p id="p">Nothing yet</p>');
    await scan(root);
    document.getElementById('p')!.firstChild!.textContent = 'Now NATO appears';
    await expect.poll(() => marked().map(([, id]) => id), { timeout: 2000 }).toEqual(['nato']);
  });

  it('leaves text lying directly in a flex or grid container unmarked, where a mark would split it and move the layout', async () => {
    const root = page(
      '<div id="flex" style="display: inline-flex; gap: 12px">Read about Tartus now</div>' +
        '<div id="grid" style="display: grid">Talks in Latakia continue</div>' +
        '<div style="display: flex"><span id="inside">Qatar</span></div>',
    );
    await scan(root);
    expect(marked(document.getElementById('flex')!)).toEqual([]);
    expect(marked(document.getElementById('grid')!)).toEqual([]);
    expect(document.getElementById('flex')!.childNodes).toHaveLength(1);
    // Text in an element inside the container is one item whatever it holds: marked.
    expect(marked(document.getElementById('inside')!).map(([text]) => text)).toEqual(['Qatar']);
  });

  it('gives text the page makes editable back unmarked, as the page wrote it, and marks it again once it is not', async () => {
    const html = '<p id="draft">Officials in <b>Tartus</b> met Mikhail Bogdanov.</p><p id="other">Qatar</p>';
    const root = page(html);
    const draft = document.getElementById('draft')!;
    const original = draft.innerHTML;
    await scan(root);
    expect(marked(draft).map(([text]) => text)).toEqual(['Tartus', 'Mikhail Bogdanov']);
    draft.setAttribute('contenteditable', 'true');
    await expect.poll(() => draft.innerHTML, { timeout: 2000 }).toBe(original);
    // Its text nodes are whole again, as an editor reading them expects.
    expect([...draft.childNodes].map((node) => node.nodeName)).toEqual(['#text', 'B', '#text']);
    expect(marked(document.getElementById('other')!)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(marked(draft)).toEqual([]);
    draft.removeAttribute('contenteditable');
    await expect.poll(() => marked(draft).length, { timeout: 2000 }).toBe(2);
  });

  it('marks nothing in text the page made editable between reading it and marking it', async () => {
    const root = page('<p id="draft">Russia keeps Tartus for now</p><p>Qatar</p>');
    const draft = document.getElementById('draft')!;
    const { scanned, highlightingMayStart } = await readWithHighlightingHeld(root);
    draft.setAttribute('contenteditable', 'true');
    await new Promise((resolve) => setTimeout(resolve, 10));
    highlightingMayStart();
    await scanned;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(draft.innerHTML).toBe('Russia keeps Tartus for now');
    expect(marked().map(([text]) => text)).toEqual(['Qatar']);
  });

  it('marks nothing stale where the page changed text between reading it and marking it', async () => {
    const root = page('<p id="a">Russia keeps Tartus for now</p>');
    const { scanned, highlightingMayStart } = await readWithHighlightingHeld(root);
    const paragraph = document.getElementById('a')!;
    (paragraph.firstChild as Text).data = 'Loading the latest headlines, please wait';
    await new Promise((resolve) => setTimeout(resolve, 10));
    highlightingMayStart();
    await scanned;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(marked()).toEqual([]);
    expect(paragraph.textContent).toBe('Loading the latest headlines, please wait');
  });

  it('in first-mention-only mode, marks the next mention of an entity when the page removes or rewrites its first', async () => {
    const root = page('<main><p id="a">Russia keeps Tartus.</p><p id="b">Qatar waits.</p><p id="c">More on Tartus and Qatar later.</p></main>');
    await scan(root, { firstMentionOnly: true });
    const markedIn = (id: string) => [...document.querySelectorAll<HTMLElement>('mark.gloss-mark')].filter((mark) => mark.dataset.glossEntity === id).map((mark) => mark.closest('p')?.id);
    expect([markedIn('tartus'), markedIn('qatar')]).toEqual([['a'], ['b']]);
    document.getElementById('a')!.remove();
    await expect.poll(() => markedIn('tartus'), { timeout: 2000 }).toEqual(['c']);
    document.getElementById('b')!.textContent = 'Doha waits.';
    await expect.poll(() => markedIn('qatar'), { timeout: 2000 }).toEqual(['c']);
    expect(marked()).toEqual([
      ['Tartus', 'tartus'],
      ['Qatar', 'qatar'],
    ]);
  });

  it('in first-mention-only mode, marks an entity again when the page re-renders its first mention', async () => {
    const root = page('<main><p id="a">Russia keeps Tartus, updated 1 min ago</p><p>More on Tartus later.</p></main>');
    await scan(root, { firstMentionOnly: true });
    expect(marked().filter(([, id]) => id === 'tartus')).toHaveLength(1);
    document.getElementById('a')!.replaceChildren(document.createTextNode('Russia keeps Tartus, updated 2 min ago'));
    await expect.poll(() => marked().filter(([, id]) => id === 'tartus'), { timeout: 2000 }).toEqual([['Tartus', 'tartus']]);
    expect(document.querySelector('#a mark[data-gloss-entity="tartus"]')?.textContent).toBe('Tartus');
  });
});
