import { describe, expect, it } from 'vitest';
import prebuiltMatcher from 'virtual:gloss-matcher';
import { compileMatcher, Matcher, matchesInWindow, packMatcher, textWindows, unpackMatcher, wholeWordPattern, type PackedMatcher } from '../../src/core/matcher';
import { pack } from '../../src/pack/bundled';
import { libraryMatcher } from '../../src/pack/library-matcher';
import { createPageLibrary, indexOfPack } from '../../src/core/pack/library';
import { compilePackDocument } from '../../src/core/pack/compile';
import type { Alias, Entity } from '../../src/core/pack/compile';

function alias(text: string, extra: Partial<Alias> = {}): Alias {
  return { text, case: 'proper', notBefore: [], notAfter: [], needsContext: false, needsStory: false, shortForm: false, ...extra };
}

function entity(id: string, aliases: Alias[]): Entity {
  return { id, name: id, kind: 'topic', category: 'topics', summary: 's', aliases, related: [], factIds: [] };
}

const matcherEntities = [
  entity('tartus', [alias('Tartus'), alias('Tartus Naval Base')]),
  entity('hts', [alias('HTS', { case: 'exact', notBefore: ['code', 'tariff'] }), alias("Hay'at Tahrir al-Sham")]),
  entity('turkey', [alias('Turkey', { notAfter: ['Thanksgiving'] })]),
  entity('oil-gas', [alias('oil and gas', { case: 'any' })]),
  entity('aid', [alias('$23 million')]),
  entity('assad', [alias('Assad'), alias('al-Assad')]),
];
const matcher = new Matcher(matcherEntities);

function found(text: string): [string, string][] {
  return matcher.findAll(text).map((match) => [text.slice(match.start, match.end), match.entityId]);
}

describe('Matcher', () => {
  it('finds every alias in one pass, longest first', () => {
    expect(found('The Tartus Naval Base near Tartus.')).toEqual([
      ['Tartus Naval Base', 'tartus'],
      ['Tartus', 'tartus'],
    ]);
  });

  it('falls back to the shorter alias where the longer one does not end at a word boundary', () => {
    expect(found('Tartus Naval Basements and Tartus Naval Base.')).toEqual([
      ['Tartus', 'tartus'],
      ['Tartus Naval Base', 'tartus'],
    ]);
  });

  it('prefers the longer alias when a hyphen and a space lead to different lengths', () => {
    const spacedLonger = new Matcher([entity('a', [alias('al-Sharaa')]), entity('b', [alias('al Sharaa government')])]);
    expect(spacedLonger.findAll('the al Sharaa government said').map((match) => match.entityId)).toEqual(['b']);
    const hyphenLonger = new Matcher([entity('a', [alias('al Sharaa')]), entity('b', [alias('al-Sharaa government')])]);
    expect(hyphenLonger.findAll('the al Sharaa government said').map((match) => match.entityId)).toEqual(['b']);
    expect(hyphenLonger.findAll('the al  Sharaa government said').map((match) => match.entityId)).toEqual(['a']);
  });

  it('respects word boundaries, Unicode aware', () => {
    expect(found('Tartusian TartusX xTartus Tartus2')).toEqual([]);
    expect(found('Tartusé')).toEqual([]);
    expect(found('(Tartus)')).toEqual([['Tartus', 'tartus']]);
  });

  it('keeps acronyms case-sensitive and proper names capitalised', () => {
    expect(found('HTS hts Hts')).toEqual([['HTS', 'hts']]);
    expect(found('TURKEY and Turkey, not turkey')).toEqual([
      ['TURKEY', 'turkey'],
      ['Turkey', 'turkey'],
    ]);
  });

  it('takes a proper name with every word capitalised, as headlines and many outlets write it, and no other mix', () => {
    expect(found("Hay'at Tahrir Al-Sham; HAY'AT TAHRIR AL-SHAM; Al-Assad")).toEqual([
      ["Hay'at Tahrir Al-Sham", 'hts'],
      ["HAY'AT TAHRIR AL-SHAM", 'hts'],
      ['Al-Assad', 'assad'],
    ]);
    // Neither the alias's case nor a whole capitalised form: the lower-case words stay unmatched.
    expect(found("hay'at tahrir al-sham; Hay'at tahrir al-Sham")).toEqual([]);
  });

  it('matches any case when the alias says so', () => {
    expect(found('Oil and Gas fields; OIL AND GAS')).toEqual([
      ['Oil and Gas', 'oil-gas'],
      ['OIL AND GAS', 'oil-gas'],
    ]);
  });

  it('folds diacritics and typographic apostrophes, mapping back to the original text', () => {
    expect(found('In Tartūs, Hay’at Tahrir al‑Sham ruled.')).toEqual([
      ['Tartūs', 'tartus'],
      ['Hay’at Tahrir al‑Sham', 'hts'],
    ]);
  });

  it('matches across line breaks and hyphen-as-space spellings', () => {
    expect(found("Hay'at Tahrir\n  al Sham")).toEqual([["Hay'at Tahrir\n  al Sham", 'hts']]);
  });

  it('leaves possessives outside the mention', () => {
    expect(found('HTS’s triumph and Turkey\'s role')).toEqual([
      ['HTS', 'hts'],
      ['Turkey', 'turkey'],
    ]);
  });

  it('handles aliases that start with a symbol', () => {
    expect(found('Moscow gave $23 million last month')).toEqual([['$23 million', 'aid']]);
  });

  it('rules matches out by the words around them', () => {
    expect(found('Enter the HTS code 8471 and the HTS tariff')).toEqual([]);
    expect(found('HTS codes')).toEqual([['HTS', 'hts']]);
    expect(found('a Thanksgiving Turkey; Turkey and NATO')).toEqual([['Turkey', 'turkey']]);
  });

  it('goes on inside a phrase its context words rule out, but skips a single word ruled out whole', () => {
    const guarded = new Matcher([
      entity('fall', [alias('fall of Assad', { case: 'any', notAfter: ['called for the'] })]),
      entity('assad', [alias('Assad'), alias('al-Assad', { notAfter: ['Hafez'] })]),
      entity('sharaa', [alias('President al-Sharaa', { notAfter: ['Vice'] }), alias('al-Sharaa', { notAfter: ['Farouk', 'Vice President'] })]),
    ]);
    const marked = (text: string) => guarded.findAll(text).map((match) => [text.slice(match.start, match.end), match.entityId]);
    expect(marked('after the fall of Assad')).toEqual([['fall of Assad', 'fall']]);
    expect(marked('They called for the fall of Assad.')).toEqual([['Assad', 'assad']]);
    // "al-Assad" is one word: its own "Assad" is not looked for again.
    expect(marked('Hafez al-Assad, Farouk al-Sharaa')).toEqual([]);
    // The phrase's second word starts another guarded alias, with its own guard words.
    expect(marked('Vice President al-Sharaa')).toEqual([]);
    // Ruled-out mentions are reported with what was found inside them.
    const all = guarded.findAll('They called for the fall of Assad.', true).map((match) => [match.alias, match.ruledOut]);
    expect(all).toEqual([
      ['fall of Assad', true],
      ['Assad', false],
    ]);
  });

  it('compares context words that begin with punctuation as written ("Moscow, Idaho")', () => {
    const moscow = new Matcher([entity('moscow', [alias('Moscow', { notBefore: [', Idaho'] })])]);
    const marked = (text: string) => moscow.findAll(text).map((match) => text.slice(match.start, match.end));
    expect(marked('Moscow, Idaho and MOSCOW,  IDAHO')).toEqual([]);
    expect(marked('Moscow, Idahoan; Moscow Idaho; Moscow, Damascus')).toEqual(['Moscow', 'Moscow', 'Moscow']);
  });

  it('takes a context word only as a whole word, also next to letters outside the BMP', () => {
    // U+1D400 (a mathematical bold A) is a letter written with two UTF-16 units: "code𝐀" is not "code".
    expect(found('the HTS code\u{1D400} list')).toEqual([['HTS', 'hts']]);
    expect(found('a \u{1D400}Thanksgiving Turkey')).toEqual([['Turkey', 'turkey']]);
    // An emoji is not a letter: the context word still ends there.
    expect(found('the HTS code\u{1F600} list')).toEqual([]);
    expect(found('a \u{1F600}Thanksgiving Turkey')).toEqual([]);
  });

  it('prefers the longer alias that contains a shorter one', () => {
    expect(found('Bashar al-Assad and Assad')).toEqual([
      ['al-Assad', 'assad'],
      ['Assad', 'assad'],
    ]);
  });

  it('survives regex-special characters, huge and odd text', () => {
    const special = '.*+?^${}()|[]\\/ '.repeat(2000);
    expect(found(special)).toEqual([]);
    const big = 'word '.repeat(400_000) + 'Tartus';
    const started = performance.now();
    expect(matcher.findAll(big)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(found('Tar\u200Btus \u202ETartus\u202C')).toEqual([
      ['Tar\u200Btus', 'tartus'],
      ['Tartus', 'tartus'],
    ]);
  });

  it('is empty without entities', () => {
    const empty = new Matcher([]);
    expect(empty.isEmpty).toBe(true);
    expect(empty.findAll('Tartus')).toEqual([]);
  });
});

describe('Matcher with spellings that share a key', () => {
  it('matches every case variant of both aliases of one entity', () => {
    const nato = new Matcher([entity('nato', [alias('NATO', { case: 'exact' }), alias('Nato', { case: 'exact' })])]);
    expect(nato.findAll('NATO and Nato, not nato').map((match) => match.entityId)).toEqual(['nato', 'nato']);
  });
});

describe('matchesInWindow', () => {
  it('finds the same mentions as one pass, each once, across window edges', () => {
    const filler = 'lorem ipsum dolor '.repeat(40);
    const text = [filler, 'Tartus Naval Base', filler, 'HTS code 1', filler, "Hay'at Tahrir al-Sham", filler, 'Thanksgiving Turkey', filler, 'Turkey'].join(' ');
    const whole = matcher.findAll(text);
    expect(whole.map((match) => match.entityId)).toEqual(['tartus', 'hts', 'turkey']);
    // Windows small enough that every alias and its context words straddle some edge.
    for (const size of [7, 50, 333, 1000]) {
      expect([...textWindows(text, size)].flatMap((part) => matchesInWindow(matcher, part))).toEqual(whole);
    }
  });

  it('keeps each window short on a 5 MB text node', () => {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing Tartus. '.repeat(85_000);
    let windows = 0;
    let found = 0;
    for (const part of textWindows(text, 32_768)) {
      windows++;
      expect(part.text.length).toBeLessThanOrEqual(32_768 + 2 * 256);
      found += matchesInWindow(matcher, part).length;
    }
    expect(found).toBe(85_000);
    expect(windows).toBe(Math.ceil(text.length / 32_768));
  });
});

describe('textWindows', () => {
  it('tiles a text with own parts and gives each window its own part whole, with 256 characters either side', () => {
    const text = Array.from({ length: 5000 }, (_, index) => String.fromCharCode(97 + (index % 26))).join('');
    const windows = [...textWindows(text, 1000)];
    expect(windows.map((part) => [part.ownStart, part.ownEnd])).toEqual([[0, 1000], [1000, 2000], [2000, 3000], [3000, 4000], [4000, 5000]]);
    for (const part of windows) {
      expect(part.text).toBe(text.slice(part.offset, part.offset + part.text.length));
      expect(part.offset).toBe(Math.max(0, part.ownStart - 256));
      expect(part.offset + part.text.length).toBe(Math.min(text.length, part.ownEnd + 256));
    }
  });

  it('gives a text no longer than one window as it is', () => {
    expect([...textWindows('Tartus', 1000)]).toEqual([{ text: 'Tartus', offset: 0, ownStart: 0, ownEnd: 1000 }]);
    expect([...textWindows('', 1000)]).toEqual([]);
  });
});

describe('the bundled pack’s prebuilt matcher', () => {
  it('is what compiling the pack’s entities gives now, through JSON and back', () => {
    const rows = JSON.parse(prebuiltMatcher.rowsJson) as PackedMatcher['rows'];
    expect(unpackMatcher({ pattern: prebuiltMatcher.pattern, rows })).toEqual(compileMatcher(pack.entities));
    expect(prebuiltMatcher.pattern?.length).toBeGreaterThan(1000);
  });

  it('packs every kind of entry (any case, odd cases, context words, short forms, shorter aliases) and unpacks it unchanged', () => {
    const entities = [
      entity('tartus', [alias('Tartus'), alias('Tartus Naval Base'), alias('tartous', { case: 'any' })]),
      entity('hts', [alias('HTS', { case: 'exact', notAfter: ['code'], notBefore: ['the'] }), alias('Hayat Tahrir al-Sham')]),
      entity('bogdanov', [alias('Bogdanov', { needsContext: true, shortForm: true }), alias('Mikhail Bogdanov'), alias('Mikhaïl Bogdanov')]),
      entity('nato', [alias('NATO', { case: 'exact' }), alias('Nato', { case: 'exact' })]),
      entity('oil', [alias('oil and gas', { case: 'any', needsStory: true }), alias('oil and gas fields', { case: 'any', needsStory: true, needsContext: true })]),
    ];
    const compiled = compileMatcher(entities);
    const packed = JSON.parse(JSON.stringify(packMatcher(compiled)));
    expect(unpackMatcher(packed)).toEqual(compiled);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(compiled).length / 2);
  });

  it('writes context words that several spellings share once, and gives each spelling them back', () => {
    const guard = ['calls for the', 'demanded the'];
    const entities = [
      entity('fall', [alias('fall of Assad', { notAfter: guard }), alias('ouster of Assad', { notAfter: guard }), alias('Assad’s fall', { notBefore: guard })]),
    ];
    const compiled = compileMatcher(entities);
    const packed = packMatcher(compiled);
    expect(JSON.stringify(packed).split('demanded the').length - 1).toBe(2);
    expect(unpackMatcher(JSON.parse(JSON.stringify(packed)))).toEqual(compiled);
    const text = 'They called for the fall of Assad, demanded the ouster of Assad; Assad’s fall calls for the world’s help.';
    expect(new Matcher(JSON.parse(JSON.stringify(packed))).findAll(text, true)).toEqual(new Matcher(compiled).findAll(text, true));
    expect(new Matcher({ pattern: packed.pattern, rowsJson: JSON.stringify(packed.rows) }).findAll(text, true)).toEqual(new Matcher(compiled).findAll(text, true));
  });

  it('matches from packed rows as from the unpacked table: cases, shorter aliases, context words', () => {
    const entities = [
      entity('tartus', [alias('Tartus'), alias('Tartus Naval Base'), alias('tartous', { case: 'any' })]),
      entity('hts', [alias('HTS', { case: 'exact', notAfter: ['code'], notBefore: ['the'] }), alias('Hayat Tahrir al-Sham')]),
      entity('bogdanov', [alias('Bogdanov', { needsContext: true, shortForm: true }), alias('Mikhail Bogdanov')]),
    ];
    const text = 'TARTUS NAVAL BASE and the tartus naval base; TARTOUS; tariff code HTS, HTS the, HTS fighters; Hayat Tahrir al-Sham; Mikhail Bogdanov met Bogdanov.';
    const compiled = compileMatcher(entities);
    const fromRows = new Matcher(JSON.parse(JSON.stringify(packMatcher(compiled))));
    const expected = new Matcher(compiled).findAll(text, true);
    expect(expected.map((match) => [match.alias, match.ruledOut])).toEqual([
      ['Tartus Naval Base', false],
      ['tartous', false],
      ['HTS', true],
      ['HTS', true],
      ['HTS', false],
      ['Hayat Tahrir al-Sham', false],
      ['Mikhail Bogdanov', false],
      ['Bogdanov', false],
    ]);
    expect(fromRows.findAll(text, true)).toEqual(expected);
  });

  it('packs the bundled pack’s matcher to less than half its size', () => {
    const compiled = compileMatcher(pack.entities);
    expect(JSON.stringify(packMatcher(compiled)).length).toBeLessThan(JSON.stringify(compiled).length / 2);
  });

  it('finds the same mentions as a matcher built at run time', () => {
    const text = pack.sourceText;
    const prebuilt = libraryMatcher(createPageLibrary(indexOfPack(pack)), pack.entities).findAll(text, true);
    expect(prebuilt.length).toBeGreaterThan(50);
    expect(prebuilt).toEqual(new Matcher(pack.entities).findAll(text, true));
  });
});

/**
 * Text that writes every alias of the pack as written, in capitals, in lower case and with a
 * capital first letter, alone and followed by the words of longer aliases ("Tartus" then "Tartus
 * Naval Base"), so that longer aliases, shorter ones inside them, and case checks all come up.
 */
function everySpelling(entities: readonly Entity[]): string {
  const texts = entities.flatMap((entity) => entity.aliases.map((alias) => alias.text));
  const spellings = texts.flatMap((text) => [text, text.toUpperCase(), text.toLowerCase(), text.charAt(0).toUpperCase() + text.slice(1).toLowerCase()]);
  return spellings.map((spelling, index) => `${index % 3 === 0 ? 'the' : 'said'} ${spelling} ${texts[(index * 7) % texts.length]} code, `).join('');
}

describe('word boundaries checked on matches rather than in the pattern', () => {
  /** The matcher as it was with the boundaries in its pattern (its own checks then never fail). */
  function withBoundariesInPattern(entities: readonly Entity[]): Matcher {
    const compiled = compileMatcher(entities);
    return new Matcher({ ...compiled, pattern: compiled.pattern === null ? null : wholeWordPattern(compiled.pattern) });
  }

  /** Every spelling with letters, digits, astral letters, marks and punctuation right before and after it. */
  function gluedSpellings(entities: readonly Entity[]): string {
    const texts = entities.flatMap((entity) => entity.aliases.map((alias) => alias.text));
    const neighbours = ['x', 'É', '7', '\u{1D400}', '\u{1F600}', 'ь', '\u0301', "'", '-', '_', '.', ' '];
    return texts
      .flatMap((text, index) => {
        const before = neighbours[index % neighbours.length]!;
        const after = neighbours[(index * 5 + 3) % neighbours.length]!;
        return [`${before}${text}${after}`, `${text}${after}${text}`, `${before}${text.toUpperCase()}s and ${text}x`];
      })
      .join(' ');
  }

  it('finds exactly what the pattern with boundaries found, on the bundled pack, whole and restricted', () => {
    const texts = [pack.sourceText, everySpelling(pack.entities), gluedSpellings(pack.entities)];
    const now = new Matcher(pack.entities);
    const before = withBoundariesInPattern(pack.entities);
    for (const text of texts) expect(now.findAll(text, true)).toEqual(before.findAll(text, true));
    for (const category of new Set(pack.entities.map((entity) => entity.category))) {
      const shown = pack.entities.filter((entity) => entity.category !== category).map((entity) => entity.id);
      for (const text of texts) expect(now.restrictedTo(shown).findAll(text, true)).toEqual(before.restrictedTo(shown).findAll(text, true));
    }
  });

  it('treats every ASCII character next to a mention as the pattern with boundaries did', () => {
    const entities = [entity('tartus', [alias('Tartus'), alias('Tartus Naval Base')]), entity('nato', [alias('NATO', { case: 'exact' })])];
    const text = Array.from({ length: 128 }, (_, code) => {
      const c = String.fromCharCode(code);
      return `${c}Tartus${c} ${c}NATO ${c}Tartus Naval Base${c}Tartus Naval Base ${c}`;
    }).join(' | ');
    const found = new Matcher(entities).findAll(text, true);
    expect(found.length).toBeGreaterThan(128);
    expect(found).toEqual(withBoundariesInPattern(entities).findAll(text, true));
  });

  it('finds exactly what the pattern with boundaries found where aliases end inside words of others', () => {
    const entities = [
      entity('nato', [alias('NATO', { case: 'exact' })]),
      entity('tartus', [alias('Tartus'), alias('Tartus Naval Base'), alias('Tartus Naval')]),
      entity('base', [alias('Naval Base'), alias('Base')]),
      entity('hts', [alias('HTS', { case: 'exact' }), alias("Hay'at Tahrir al-Sham"), alias('Tahrir al Sham Front')]),
    ];
    const text = [
      'SENATOR NATOS NATO1 1NATO NATO_ NATO-led',
      'Tartus Naval Basement, Tartus Navalx Base, Tartus Naval Base2 Tartus Naval',
      'Tahrir al-Sham Frontier, Tahrir al Sham Front, Hay\u2019at Tahrir al-Shams',
      gluedSpellings(entities),
    ].join('\n');
    const found = new Matcher(entities).findAll(text, true);
    expect(found.length).toBeGreaterThan(10);
    expect(found).toEqual(withBoundariesInPattern(entities).findAll(text, true));
  });
});

describe('a matcher restricted to some entities', () => {
  const full = new Matcher(prebuiltMatcher);
  const texts = [pack.sourceText, everySpelling(pack.entities)];

  function expectSameAsCompiledFor(shown: readonly Entity[]) {
    const restricted = full.restrictedTo(shown.map((entity) => entity.id));
    const compiled = new Matcher(shown);
    for (const text of texts) expect(restricted.findAll(text, true)).toEqual(compiled.findAll(text, true));
  }

  it('finds what a pattern of those entities’ aliases alone finds, category by category', () => {
    for (const category of new Set(pack.entities.map((entity) => entity.category))) {
      expectSameAsCompiledFor(pack.entities.filter((entity) => entity.category !== category));
      expectSameAsCompiledFor(pack.entities.filter((entity) => entity.category === category));
    }
  });

  it('finds what a pattern of those entities’ aliases alone finds, with any one entity hidden', () => {
    for (const hidden of pack.entities) expectSameAsCompiledFor(pack.entities.filter((entity) => entity !== hidden));
  });

  it('finds what a pattern of those entities’ aliases alone finds, for subsets drawn at random', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let draw = 0; draw < 20; draw++) expectSameAsCompiledFor(pack.entities.filter(() => random() < 0.5));
  });

  it('goes on right after a shorter alias taken in place of a hidden longer one', () => {
    const entities = [entity('tartus', [alias('Tartus')]), entity('base', [alias('Tartus Naval Base')]), entity('naval', [alias('Naval Base')])];
    const text = 'At the Tartus Naval Base today.';
    const restricted = new Matcher(entities).restrictedTo(['tartus', 'naval']);
    expect(restricted.findAll(text).map((match) => text.slice(match.start, match.end))).toEqual(['Tartus', 'Naval Base']);
    expect(restricted.findAll(text)).toEqual(new Matcher([entities[0]!, entities[2]!]).findAll(text));
  });

  it('finds nothing when no entity is shown', () => {
    const none = full.restrictedTo([]);
    expect(none.isEmpty).toBe(true);
    expect(none.findAll(pack.sourceText)).toEqual([]);
  });
});

describe('the matcher of a library', () => {
  const imported = compilePackDocument('mine.json', {
    format: 1,
    id: 'mine',
    title: 'Mine',
    version: '1.0.0',
    language: 'en',
    anchors: [],
    source: { title: 'Notes on Latakia' },
    sourceText: 'Kremlin officials visited the Latakia port.',
    entities: [
      { id: 'kremlin', name: 'Kremlin', kind: 'organisation', summary: 'Seat of Russian power.', aliases: ['Kremlin', 'Kremlin officials'] },
      { id: 'latakia-port', name: 'Latakia port', kind: 'city', summary: 'A port.', aliases: ['Latakia port'] },
    ],
    facts: [{ id: 'visit', statement: 'Officials visited the port.', quote: 'Kremlin officials visited the Latakia port.', entities: ['kremlin', 'latakia-port'] }],
  });

  it('finds the bundled and the imported packs’ entities in one pass, the longer of two overlapping mentions winning', () => {
    const library = createPageLibrary(indexOfPack(pack), [imported]);
    const text = 'At Latakia port, Kremlin officials met. Latakia was calm; the Kremlin said so.';
    const found = libraryMatcher(library, library.entities).findAll(text);
    expect(found.map((match) => [text.slice(match.start, match.end), match.entityId])).toEqual([
      ['Latakia port', 'mine--latakia-port'],
      ['Kremlin officials', 'mine--kremlin'],
      ['Latakia', 'latakia'],
      ['Kremlin', 'mine--kremlin'],
    ]);
    const withoutImportedPort = library.entities.filter((entity) => entity.id !== 'mine--latakia-port');
    expect(libraryMatcher(library, withoutImportedPort).findAll(text).map((match) => match.entityId)).toEqual([
      'latakia',
      'mine--kremlin',
      'latakia',
      'mine--kremlin',
    ]);
  });
});

describe('a Latin-1 pattern over one-byte texts (text/latin1.ts)', () => {
  // A Cyrillic alias makes the pattern go beyond Latin-1: that matcher reads the texts as they are.
  const cyrillic = entity('cyrillic', [alias('Тартус')]);
  const texts = [
    'A \u201cTartus\u201d port \u2014 Tartus\u2028Naval Base, Tartus\u2029Naval\u3000Base',
    'Hay\u2019at Tahrir al-Sham \u2013 HTS\u2014code \u00abTurkey\u00bb Thanksgiving\u00a0Turkey',
    '\u4fc4\u7f57\u65afTartus \u0422artus Tartus\u0436 \u{1D400}Tartus Tartus\u{1F600} \u0663Tartus Tartus\u0301',
    'Failing the Startup Game at Unbabel \u2013 Take 2: oil\u2028and gas, $23\u2009million, Assad\u2019s al\u2011Assad',
  ];

  it('finds exactly what the pattern finds over the texts as they are', () => {
    const bundledOnly = new Matcher(pack.entities);
    const withCyrillic = new Matcher([...pack.entities, cyrillic]);
    for (const text of [...texts, pack.sourceText]) {
      expect(bundledOnly.findAll(text, true)).toEqual(withCyrillic.findAll(text, true));
    }
    const small = [...matcherEntities];
    for (const text of texts) expect(new Matcher(small).findAll(text, true)).toEqual(new Matcher([...small, cyrillic]).findAll(text, true).filter((match) => match.entityId !== 'cyrillic'));
    // Line and paragraph separators are spaces to the pattern (`\\s`), one-byte text or not.
    expect(found(texts[0]!)).toEqual([
      ['Tartus', 'tartus'],
      ['Tartus\u2028Naval Base', 'tartus'],
      ['Tartus\u2029Naval\u3000Base', 'tartus'],
    ]);
  });

  it('still finds aliases beyond Latin-1, reading those texts as they are', () => {
    const text = 'Базы в Тартус и Tartus';
    expect(new Matcher([...pack.entities, cyrillic]).findAll(text).map((match) => text.slice(match.start, match.end))).toEqual(['Тартус', 'Tartus']);
  });
});

