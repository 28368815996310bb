import { describe, expect, it } from 'vitest';
import { compilePack, compilePackDocument, PackError, type PackInput } from '../../src/core/pack/compile';
import { canStoreTermHidden, hiddenSpellingTerm } from '../../src/core/settings-base';

const SOURCE = 'Moscow gave $23 million worth of Syrian currency last month.\nThe Tartus Naval Base is on the coast.';

function input(overrides: { manifest?: unknown; entities?: unknown; facts?: unknown; source?: string } = {}): PackInput {
  return {
    manifest: {
      file: 'pack.json',
      data: overrides.manifest ?? {
        format: 1,
        id: 'test-pack',
        title: 'Test pack',
        version: '1.0.0',
        language: 'en',
        source: { title: 'Test article' },
      },
    },
    entities: {
      file: 'entities.json',
      data: overrides.entities ?? [
        { id: 'moscow', name: 'Moscow', kind: 'city', summary: 'Capital of Russia.', aliases: ['Moscow'] },
        {
          id: 'tartus-naval-base',
          name: 'Tartus Naval Base',
          kind: 'military-base',
          summary: 'Russian naval base.',
          aliases: ['Tartus Naval Base', { text: 'Tartous', case: 'proper' }],
          related: ['moscow'],
        },
      ],
    },
    facts: {
      file: 'facts.json',
      data: overrides.facts ?? [
        { id: 'aid', statement: 'Moscow gave aid.', quote: 'Moscow gave $23 million worth of Syrian currency', entities: ['moscow'] },
        { id: 'base', statement: 'The base is coastal.', quote: 'The Tartus Naval Base is on the coast.', entities: ['tartus-naval-base', 'moscow'] },
      ],
    },
    source: { file: 'source.txt', text: overrides.source ?? SOURCE },
  };
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PackError) return error.problems.map((p) => `${p.file} ${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the pack to be rejected');
}

describe('compilePack', () => {
  it('compiles a valid pack: quote offsets, categories, related entities', () => {
    const pack = compilePack(input());
    const base = pack.entities.find((entity) => entity.id === 'tartus-naval-base');
    expect(base?.category).toBe('places');
    expect(base?.aliases[1]).toEqual({ text: 'Tartous', case: 'proper', notBefore: [], notAfter: [], needsContext: false, needsStory: false, shortForm: false });
    expect(base?.related).toEqual(['moscow']);
    expect(pack.entities.find((entity) => entity.id === 'moscow')?.related).toEqual(['tartus-naval-base']);
    for (const fact of pack.facts) expect(pack.sourceText.slice(fact.quoteStart, fact.quoteEnd)).toBe(fact.quote);
  });

  it("lists first an entity's facts whose quote names it, each group in source order", () => {
    const source = 'Syria’s new rulers met envoys. Moscow met HTS. HTS took Damascus. The Tartus Naval Base was busy.';
    const pack = compilePack(
      input({
        source,
        entities: [
          { id: 'moscow', name: 'Moscow', kind: 'city', summary: 'Capital of Russia.', aliases: ['Moscow'] },
          { id: 'hts', name: 'HTS', kind: 'armed-group', summary: 'Ruling group.', aliases: ['HTS'] },
          { id: 'tartus', name: 'Tartus', kind: 'city', summary: 'Port city.', aliases: ['Tartus'] },
          { id: 'tartus-naval-base', name: 'Tartus Naval Base', kind: 'military-base', summary: 'Naval base.', aliases: ['Tartus Naval Base'] },
        ],
        facts: [
          { id: 'rulers', statement: 'The rulers met envoys.', quote: 'Syria’s new rulers met envoys.', entities: ['hts', 'moscow'] },
          { id: 'met', statement: 'Moscow met HTS.', quote: 'Moscow met HTS.', entities: ['moscow', 'hts'] },
          { id: 'took', statement: 'HTS took Damascus.', quote: 'HTS took Damascus.', entities: ['hts'] },
          { id: 'busy', statement: 'The base was busy.', quote: 'The Tartus Naval Base was busy.', entities: ['tartus', 'tartus-naval-base'] },
          { id: 'port', statement: 'Tartus has a base.', quote: 'Tartus Naval Base', entities: ['tartus'] },
        ],
      }),
    );
    const factIdsOf = (id: string) => pack.entities.find((entity) => entity.id === id)?.factIds;
    expect(factIdsOf('hts')).toEqual(['met', 'took', 'rulers']);
    expect(factIdsOf('moscow')).toEqual(['met', 'rulers']);
    // "Tartus Naval Base" names the base: the city's facts keep source order.
    expect(factIdsOf('tartus')).toEqual(['busy', 'port']);
    expect(pack.facts.map((fact) => fact.id)).toEqual(['rulers', 'met', 'took', 'busy', 'port']);
  });

  it('names the fact, its entities and the quote when a quote is not verbatim', () => {
    const problems = problemsOf(() =>
      compilePack(input({ facts: [{ id: 'aid', statement: 'x', quote: 'Moscow gave $24 million', entities: ['moscow'] }] })),
    );
    expect(problems.some((p) => p.includes('facts.json [0].quote') && p.includes('"aid"') && p.includes('moscow') && p.includes('$24 million'))).toBe(true);
  });

  it('reports schema errors with file and path', () => {
    const problems = problemsOf(() =>
      compilePack(input({ entities: [{ id: 'Bad Id', name: '', kind: 'planet', summary: 's', aliases: [] }] })),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('entities.json [0].id'),
        expect.stringContaining('entities.json [0].name'),
        expect.stringContaining('entities.json [0].kind'),
        expect.stringContaining('entities.json [0].aliases'),
      ]),
    );
  });

  it('rejects an alias longer than settings can keep hidden with "Not this" (200 characters)', () => {
    const long = 'Moscow '.repeat(30).trim();
    const problems = problemsOf(() =>
      compilePack(input({ entities: [{ id: 'moscow', name: 'Moscow', kind: 'city', summary: 's', aliases: ['Moscow', { text: long }, long] }] })),
    );
    expect(problems).toEqual([
      expect.stringMatching(/entities\.json \[0\]\.aliases\[1\]\.text.*at most 200 characters/),
      expect.stringMatching(/entities\.json \[0\]\.aliases\[2\].*at most 200 characters/),
    ]);
    expect(canStoreTermHidden('news.example', hiddenSpellingTerm('moscow', 'x'.repeat(200)))).toBe(true);
  });

  it('rejects unknown references, duplicates and entities without facts', () => {
    const problems = problemsOf(() =>
      compilePack(
        input({
          entities: [
            { id: 'moscow', name: 'Moscow', kind: 'city', summary: 's', aliases: ['Moscow'], related: ['nowhere'] },
            { id: 'moscow', name: 'Moscow 2', kind: 'city', summary: 's', aliases: ['Kremlin'] },
            { id: 'lonely', name: 'Lonely', kind: 'topic', summary: 's', aliases: ['moscow'] },
          ],
          facts: [{ id: 'aid', statement: 'x', quote: 'Moscow gave', entities: ['moscow', 'ghost'] }],
        }),
      ),
    );
    expect(problems.join('\n')).toMatch(/\[0\]\.related\[0\].*unknown related entity "nowhere"/);
    expect(problems.join('\n')).toMatch(/\[1\]\.id.*duplicate entity id "moscow"/);
    expect(problems.join('\n')).toMatch(/\[2\]\.aliases\[0\].*"moscow" of "lonely" is already an alias of "moscow"/);
    expect(problems.join('\n')).toMatch(/entities\.json \[2\]: entity "lonely" has no facts/);
    expect(problems.join('\n')).toMatch(/facts\.json \[0\]\.entities\[1\].*unknown entity "ghost"/);
  });

  it('rejects aliases that wait for anchors the pack does not name, and anchors that are not entities', () => {
    const manifest = { format: 1, id: 'x', title: 'x', version: '1.0.0', language: 'en', storyAnchors: ['ghost'], source: { title: 'x' } };
    const entities = [
      {
        id: 'moscow',
        name: 'Moscow',
        kind: 'city',
        summary: 's',
        aliases: [{ text: 'Moscow', needsContext: true }, { text: 'the Kremlin', needsStory: true }],
      },
    ];
    const problems = problemsOf(() => compilePack(input({ manifest, entities, facts: [{ id: 'aid', statement: 'x', quote: 'Moscow gave', entities: ['moscow'] }] })));
    expect(problems.join('\n')).toMatch(/pack\.json storyAnchors\[0\]: anchor "ghost" is not an entity/);
    expect(problems.join('\n')).toMatch(/\[0\]\.aliases\[0\]\.needsContext: alias "Moscow" needs context, but pack\.json names no anchors/);
    // Named story anchors satisfy needsStory, so only the missing `anchors` is reported for the first alias.
    expect(problems.join('\n')).not.toMatch(/needs the story/);
    const withoutStory = problemsOf(() =>
      compilePack(input({ manifest: { ...manifest, storyAnchors: undefined, anchors: ['moscow'] }, entities, facts: [{ id: 'aid', statement: 'x', quote: 'Moscow gave', entities: ['moscow'] }] })),
    );
    expect(withoutStory).toEqual([expect.stringMatching(/\[0\]\.aliases\[1\]\.needsStory: alias "the Kremlin" needs the story, but pack\.json names no storyAnchors/)]);
  });

  it('rejects fields the format does not have', () => {
    const problems = problemsOf(() =>
      compilePack(input({ entities: [{ id: 'moscow', name: 'Moscow', kind: 'city', summary: 's', aliases: ['Moscow'], colour: 'red' }] })),
    );
    expect(problems).toEqual([expect.stringMatching(/entities\.json \[0\]\.colour: .*colour/)]);
  });

  it('rejects a manifest of another format version', () => {
    const problems = problemsOf(() =>
      compilePack(input({ manifest: { format: 2, id: 'x', title: 'x', version: '1.0.0', language: 'en', source: { title: 'x' } } })),
    );
    expect(problems[0]).toContain('pack.json format');
  });

  it('takes only an http or https address as the source url (it becomes a link on extension pages)', () => {
    const withUrl = (url: unknown) =>
      input({ manifest: { format: 1, id: 'test-pack', title: 'Test pack', version: '1.0.0', language: 'en', source: { title: 'Test article', url } } });
    for (const url of ['https://example.com/story?id=1', 'http://news.example:8080/a', 'HTTPS://Example.com/']) {
      expect(compilePack(withUrl(url)).source.url).toBe(url);
    }
    const refused = [
      'javascript:alert(document.domain)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'chrome://settings',
      'chrome-extension://abcdefghijklmnop/options.html',
      'file:///etc/passwd',
      'ftp://example.com/story',
      'https://',
      'not a url',
      '',
    ];
    for (const url of refused) {
      expect(problemsOf(() => compilePack(withUrl(url)))).toEqual(['pack.json source.url: must be a web address starting with http:// or https://']);
    }
  });

  it('validates single-document packs the same way', () => {
    const { manifest, entities, facts, source } = input();
    const document = { ...(manifest.data as object), sourceText: source.text, entities: entities.data, facts: facts.data };
    expect(compilePackDocument('my-pack.json', document).entities).toHaveLength(2);
    const problems = problemsOf(() => compilePackDocument('my-pack.json', { ...document, facts: 'none' }));
    expect(problems[0]).toContain('my-pack.json facts');
    const withScriptUrl = { ...document, source: { title: 'x', url: 'javascript:alert(1)' } };
    expect(problemsOf(() => compilePackDocument('my-pack.json', withScriptUrl))).toEqual([
      'my-pack.json source.url: must be a web address starting with http:// or https://',
    ]);
  });
});

describe('alias collisions', () => {
  it('rejects two entities whose aliases differ only by diacritics, case or hyphenation', () => {
    const problems = problemsOf(() =>
      compilePack(
        input({
          entities: [
            { id: 'moscow', name: 'Moscow', kind: 'city', summary: 's', aliases: ['Moscow', 'Türkei'] },
            { id: 'tartus-naval-base', name: 'T', kind: 'military-base', summary: 's', aliases: ['Turkei', 'Saudi Arabien'] },
          ],
        }),
      ),
    );
    expect(problems.join('\n')).toMatch(/\[1\]\.aliases\[0\].*"Turkei" of "tartus-naval-base" is already an alias of "moscow"/);
  });
});
