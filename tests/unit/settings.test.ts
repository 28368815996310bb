import { isDeepStrictEqual } from 'node:util';
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  canStoreTermHidden,
  DEFAULT_SETTINGS,
  entitiesShownOn,
  hiddenSpellingsOn,
  hiddenSpellingTerm,
  hiddenTermsOn,
  isCanonicalSettings,
  isSiteEnabled,
  parseHiddenTerm,
  readSettings,
  SETTINGS_VERSION,
  SettingsSchema,
  siteKey,
  withTermHidden,
  withSiteEnabled,
  withoutListedSite,
  type Settings,
  type SettingsMigration,
} from '../../src/core/settings';
import { loadBundledPack } from '../../scripts/pack-files';

describe('readSettings', () => {
  it('shares defaults no caller can change, and gives each caller its own copy', () => {
    expect(() => ((DEFAULT_SETTINGS.categories as Record<string, boolean>).people = false)).toThrow(TypeError);
    expect(() => (DEFAULT_SETTINGS.disabledSites as string[]).push('news.example')).toThrow(TypeError);
    const { settings } = readSettings(undefined);
    settings.categories.people = false;
    settings.disabledSites.push('news.example');
    expect(DEFAULT_SETTINGS.categories.people).toBe(true);
    expect(DEFAULT_SETTINGS.disabledSites).toEqual([]);
  });

  it('gives defaults for a fresh install', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, repairs: [] });
    expect(DEFAULT_SETTINGS).toMatchObject({ version: SETTINGS_VERSION, enabled: true, hoverDelayMs: 300, highlightStyle: 'underline' });
  });

  it('keeps every valid choice and repairs only the broken fields', () => {
    const { settings, repairs } = readSettings({
      version: 1,
      enabled: false,
      hoverDelayMs: 'slow',
      highlightStyle: 'dotted',
      categories: { people: false, groups: 'yes' },
      colors: { people: '#123456', places: 'green' },
      disabledSites: ['Example.com', 42, 'example.com', 'news.site'],
    });
    expect(settings.enabled).toBe(false);
    expect(settings.highlightStyle).toBe('dotted');
    expect(settings.hoverDelayMs).toBe(300);
    expect(settings.categories).toEqual({ people: false, groups: true, places: true, topics: true });
    expect(settings.colors.people).toBe('#123456');
    expect(settings.colors.places).toBe(DEFAULT_SETTINGS.colors.places);
    expect(settings.disabledSites).toEqual(['example.com', 'news.site']);
    expect(repairs).toEqual(expect.arrayContaining([expect.stringContaining('hoverDelayMs'), expect.stringContaining('categories')]));
  });

  it('never throws on garbage', () => {
    for (const garbage of [42, 'settings', [], true, { version: 'x' }, { categories: null, colors: [] }]) {
      const { settings } = readSettings(garbage);
      expect(settings.version).toBe(SETTINGS_VERSION);
      expect(typeof settings.enabled).toBe('boolean');
    }
  });

  it('keeps what it understands from a newer version', () => {
    const { settings, repairs } = readSettings({ version: 99, enabled: false, futureOption: 'x' });
    expect(settings.enabled).toBe(false);
    expect(settings).not.toHaveProperty('futureOption');
    expect(repairs[0]).toContain('newer version (99)');
  });

  it('reads a version below 1 as malformed, at once, instead of migrating up from it', () => {
    const applied: number[] = [];
    const migrations: Record<number, SettingsMigration> = { 1: (stored) => (applied.push(1), stored) };
    for (const version of [0, -3, -1e8, Number.MIN_SAFE_INTEGER]) {
      const started = performance.now();
      const { settings, repairs } = readSettings({ version, enabled: false }, migrations, 2);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(settings.enabled).toBe(false);
      expect(repairs).toContain('stored settings had no valid version; read as version 1');
    }
    // Each read migrated once, from version 1, not from the version stored.
    expect(applied).toEqual([1, 1, 1, 1]);
  });

  it('runs each migration in order from the stored version', () => {
    const applied: number[] = [];
    const migrations: Record<number, SettingsMigration> = {
      1: (stored) => {
        applied.push(1);
        return { ...stored, hoverDelayMs: Number(stored.delay) };
      },
      2: (stored) => {
        applied.push(2);
        return { ...stored, enabled: stored.on === 'yes' };
      },
    };
    const { settings } = readSettings({ version: 1, delay: '450', on: 'no' }, migrations, 3);
    expect(applied).toEqual([1, 2]);
    expect(settings.hoverDelayMs).toBe(450);
    expect(settings.enabled).toBe(false);
    expect(readSettings({ version: 2, on: 'no' }, migrations, 3).settings.enabled).toBe(false);
    expect(applied).toEqual([1, 2, 2]);
  });
});

describe('per-site switch', () => {
  it('keys sites by host without www', () => {
    expect(siteKey('https://www.Example.com/path?q=1')).toBe('example.com');
    expect(siteKey('localhost:3000')).toBe('localhost:3000');
    expect(siteKey('example.com.:8080')).toBe('example.com:8080');
  });

  it('turns a site off and on again', () => {
    const off = withSiteEnabled(DEFAULT_SETTINGS, 'www.news.example', false);
    expect(off.disabledSites).toEqual(['news.example']);
    expect(isSiteEnabled(off, 'news.example')).toBe(false);
    expect(isSiteEnabled(off, 'other.example')).toBe(true);
    expect(withSiteEnabled(off, 'news.example', true).disabledSites).toEqual([]);
  });

  it('keeps a listed site off on its subdomains and, listed without a port, on every port', () => {
    const listed = { ...DEFAULT_SETTINGS, disabledSites: ['example.com', 'localhost', 'intranet:8080', '[::1]'] };
    for (const site of ['example.com', 'news.example.com', 'www.a.b.example.com', 'localhost:8765', 'localhost', 'intranet:8080', 'wiki.intranet:8080', '[::1]:5173']) {
      expect(isSiteEnabled(listed, site), site).toBe(false);
    }
    for (const site of ['notexample.com', 'example.com.evil.test', 'example.org', 'intranet:9090', 'intranet', '[::2]', 'xlocalhost:8765']) {
      expect(isSiteEnabled(listed, site), site).toBe(true);
    }
    // An IP address has no subdomains.
    expect(isSiteEnabled({ ...DEFAULT_SETTINGS, disabledSites: ['0.1'] }, '127.0.0.1')).toBe(true);
    expect(isSiteEnabled({ ...DEFAULT_SETTINGS, disabledSites: ['127.0.0.1'] }, '127.0.0.1:8080')).toBe(false);
  });

  it('switches a site on by taking off the list what covers it; Remove takes off only its entry', () => {
    const listed = { ...DEFAULT_SETTINGS, disabledSites: ['example.com', 'news.example.com', 'other.test'] };
    const on = withSiteEnabled(listed, 'news.example.com', true);
    expect(on.disabledSites).toEqual(['other.test']);
    expect(isSiteEnabled(on, 'news.example.com')).toBe(true);
    expect(withoutListedSite(listed, 'news.example.com').disabledSites).toEqual(['example.com', 'other.test']);
  });

  // The popup's switch stores `siteKey(location.host)`: every host a page can have must survive a read.
  it.each(['my_server', 'build_box.corp.example:8080', '[::1]:5173', '[2001:db8::7]', '192.168.0.10:8000', 'xn--bcher-kva.de'])(
    'keeps %s switched off through a read of the stored settings',
    (host) => {
      const off = withSiteEnabled(DEFAULT_SETTINGS, host, false);
      const stored = JSON.parse(JSON.stringify(off)) as unknown;
      const { settings } = readSettings(stored);
      expect(settings.disabledSites).toEqual([host]);
      expect(isSiteEnabled(settings, host)).toBe(false);
      expect(isCanonicalSettings(stored)).toBe(true);
    },
  );
});

describe('readSettings repairs', () => {
  it('reports nothing for valid settings whose keys storage returned in another order', () => {
    const reordered = JSON.parse(JSON.stringify(DEFAULT_SETTINGS)) as Record<string, unknown>;
    reordered.categories = { topics: true, places: true, people: true, groups: true };
    reordered.colors = Object.fromEntries(Object.entries(DEFAULT_SETTINGS.colors).reverse());
    expect(readSettings(reordered).repairs).toEqual([]);
  });
});

describe('"Not this" per site', () => {
  it('hides an entity on one site and shows it again', () => {
    const hidden = withTermHidden(DEFAULT_SETTINGS, 'www.recipes.example', 'turkey', true);
    expect(hiddenTermsOn(hidden, 'recipes.example')).toEqual(['turkey']);
    expect(hiddenTermsOn(hidden, 'news.example')).toEqual([]);
    const twice = withTermHidden(hidden, 'recipes.example', 'turkey', true);
    expect(twice.hiddenEntities).toEqual({ 'recipes.example': ['turkey'] });
    expect(withTermHidden(twice, 'recipes.example', 'turkey', false).hiddenEntities).toEqual({});
  });

  it('reads no hidden entities from Object.prototype for a site named like one of its properties', () => {
    for (const site of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(hiddenTermsOn(DEFAULT_SETTINGS, site)).toEqual([]);
      const hidden = withTermHidden(DEFAULT_SETTINGS, site, 'turkey', true);
      expect(hiddenTermsOn(hidden, site)).toEqual(['turkey']);
      expect(withTermHidden(hidden, site, 'turkey', false).hiddenEntities).toEqual({});
      expect(hiddenTermsOn(hidden, 'news.example')).toEqual([]);
    }
  });

  it('hides one spelling of an entity, kept by its alias key beside whole entities', () => {
    const term = hiddenSpellingTerm('ahmed-al-sharaa', 'GOLANI');
    expect(term).toBe('ahmed-al-sharaa:golani');
    const hidden = withTermHidden(withTermHidden(DEFAULT_SETTINGS, 'news.example', term, true), 'news.example', 'turkey', true);
    expect(hiddenTermsOn(hidden, 'news.example')).toEqual(['ahmed-al-sharaa:golani', 'turkey']);
    expect(hiddenSpellingsOn(hidden, 'news.example')).toEqual(new Map([['ahmed-al-sharaa', new Set(['golani'])]]));
    expect(parseHiddenTerm('turkey')).toEqual({ entityId: 'turkey', spellingKey: null });
    expect(parseHiddenTerm("hayat-tahrir-al-sham:hay'at tahrir al sham")).toEqual({ entityId: 'hayat-tahrir-al-sham', spellingKey: "hay'at tahrir al sham" });
    // A hidden spelling leaves its entity shown: the entity's other names are still marked.
    const shown = entitiesShownOn(loadBundledPack().entities, hidden, 'news.example').map((entity) => entity.id);
    expect(shown).toContain('ahmed-al-sharaa');
    expect(shown).not.toContain('turkey');
    expect(isCanonicalSettings(JSON.parse(JSON.stringify(hidden)))).toBe(true);
    expect(readSettings(JSON.parse(JSON.stringify(hidden))).settings).toEqual(hidden);
  });

  it('repairs a malformed hidden list without losing the valid part', () => {
    const { settings } = readSettings({ version: 1, hiddenEntities: { 'a.example': ['turkey', 'Bad Id', 7, 'turkey'], 'b.example': 'x' } });
    expect(settings.hiddenEntities).toEqual({ 'a.example': ['turkey'] });
  });

  it('keeps hidden entities only under sites of the form disabledSites holds, one entry a site', () => {
    const { settings, repairs } = readSettings({
      version: 1,
      hiddenEntities: { 'News.Example': ['turkey'], 'www.news.example': ['qatar'], 'news.example': ['nato'], 'not a site': ['hts'], 'b.example:8080': ['russia'] },
    });
    expect(settings.hiddenEntities).toEqual({ 'news.example': ['nato', 'qatar', 'turkey'], 'b.example:8080': ['russia'] });
    expect(hiddenTermsOn(settings, 'www.news.example')).toEqual(['nato', 'qatar', 'turkey']);
    expect(repairs).not.toEqual([]);
  });

  // What the background checks before it stores a page's "Not this": only what stays through a read.
  it.each([
    ['www.Recipes.example', 'turkey', true],
    ['https://news.example/story', 'gulf-notes--qatar', true],
    ['[2001:db8::7]:8080', 'turkey', true],
    ['my_server', 'turkey', true],
    ['', 'turkey', false],
    ['file:///home/reader/story.html', 'turkey', false],
    ['news example', 'turkey', false],
    ['news.example', 'Turkey', false],
    ['news.example', '', false],
    ['news.example', 'ahmed-al-sharaa:golani', true],
    ['news.example', "hayat-tahrir-al-sham:hay'at tahrir al-sham", true],
    ['news.example', 'ahmed-al-sharaa:', false],
    ['news.example', ':golani', false],
    ['news.example', `ahmed-al-sharaa:${'x'.repeat(201)}`, false],
    ['news.example', 'ahmed-al-sharaa:two\nlines', false],
  ])('canStoreTermHidden(%j, %j) is %s', (site, entityId, storable) => {
    expect(canStoreTermHidden(site, entityId)).toBe(storable);
    if (storable) {
      const stored = JSON.parse(JSON.stringify(withTermHidden(DEFAULT_SETTINGS, site, entityId, true))) as unknown;
      expect(isCanonicalSettings(stored)).toBe(true);
      expect(hiddenTermsOn(readSettings(stored).settings, site)).toEqual([entityId]);
    }
  });
});

describe('the settings type, defaults and canonical check without the schema (settings-base.ts)', () => {
  it('the schema reads stored values into the Settings type', () => {
    expectTypeOf<v.InferOutput<typeof SettingsSchema>>().toEqualTypeOf<Settings>();
  });

  it('the schema’s fallbacks give DEFAULT_SETTINGS', () => {
    expect(v.parse(SettingsSchema, { version: SETTINGS_VERSION })).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({}).settings).toEqual(DEFAULT_SETTINGS);
  });

  /** What readSettings says of a stored value: it would be used as it is, with nothing repaired. */
  const readAsItIs = (stored: unknown) => {
    const { settings, repairs } = readSettings(structuredClone(stored));
    return repairs.length === 0 && isDeepStrictEqual(settings, stored);
  };

  // Values for each field: the valid and canonical, the valid but not canonical, the invalid.
  const FIELD_VALUES: Record<keyof Settings, unknown[]> = {
    version: [1, 2, 0, '1', null],
    enabled: [true, false, 'true', 0, null],
    categories: [
      { people: false, groups: true, places: true, topics: false },
      { topics: true, places: true, groups: true, people: true },
      { people: true, groups: true, places: true },
      { people: true, groups: true, places: true, topics: true, weather: true },
      { people: 'no', groups: true, places: true, topics: true },
      [],
    ],
    highlightStyle: ['underline', 'dotted', 'background', 'wavy', '', 3],
    colors: [
      { people: '#123', groups: '#12345678', places: '#AbCdEf', topics: '#1234' },
      { people: '#12345', groups: '#c2410c', places: '#0f766e', topics: '#2563eb' },
      { people: 'red', groups: '#c2410c', places: '#0f766e', topics: '#2563eb' },
      { people: '#7c3aed', groups: '#c2410c', places: '#0f766e' },
      null,
    ],
    highlightEngine: ['auto', 'css-highlight', 'mark', 'fast', undefined],
    hoverDelayMs: [0, 300, 2000, 2001, -1, 12.5, Number.NaN, '300', Number.POSITIVE_INFINITY],
    firstMentionOnly: [false, true, 'yes'],
    disabledSites: [
      [],
      ['a.example', 'b.example:8080', 'localhost'],
      ['b.example', 'a.example'],
      ['a.example', 'a.example'],
      ['A.example'],
      [' a.example'],
      [''],
      ['a_b.example'],
      ['www.a.example'],
      ['a.example', 3],
      'a.example',
    ],
    hiddenEntities: [
      {},
      { 'a.example': ['hts', 'turkey'], 'b.example': ['russia'] },
      { 'a.example': ['turkey', 'hts'] },
      { 'a.example': ['hts', 'hts'] },
      { 'a.example': [] },
      { '': ['hts'] },
      { 'A.example': ['hts'] },
      { ' a.example': ['hts'] },
      { 'not a site': ['hts'] },
      { 'b.example:8080': ['hts'], '[::1]:3000': ['nato'] },
      { 'a.example': ['hts'], 'A.example': ['nato'] },
      { 'www.a.example': ['hts'] },
      { 'a.example': ['Bad Id'] },
      { 'a.example': ['hts', 7] },
      { 'a.example': 'hts' },
      ['hts'],
      // "Not this" on one spelling: entity, colon, the spelling's key (sorted among whole entities as strings are).
      { 'a.example': ['ahmed-al-sharaa:golani', 'turkey'] },
      { 'a.example': ['turkey', 'turkey-x', 'turkey:turkey'] },
      { 'a.example': ['turkey', 'turkey:turkey', 'turkey-x'] },
      { 'a.example': ['turkey:turkey', 'turkey'] },
      { 'a.example': ['hts:a:b'] },
      { 'a.example': ['hts:'] },
      { 'a.example': [':hts'] },
      { 'a.example': [`hts:${'x'.repeat(200)}`] },
      { 'a.example': [`hts:${'x'.repeat(201)}`] },
      { 'a.example': ['hts:two\nlines'] },
    ],
  };

  const defaults = (): Record<string, unknown> => structuredClone({ ...DEFAULT_SETTINGS });

  function storedVariants(): unknown[] {
    const variants: unknown[] = [undefined, null, 42, 'settings', [], defaults()];
    for (const [key, values] of Object.entries(FIELD_VALUES)) {
      for (const value of values) variants.push({ ...defaults(), [key]: structuredClone(value) });
      const { [key]: _dropped, ...missing } = defaults();
      variants.push(missing);
    }
    variants.push({ ...defaults(), futureOption: true });
    // Several fields at once, picked by a fixed-seed generator so every run tries the same values.
    let seed = 20261126;
    const next = (length: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % length;
    };
    for (let index = 0; index < 400; index++) {
      const variant = defaults();
      for (const [key, values] of Object.entries(FIELD_VALUES)) if (next(3) === 0) variant[key] = structuredClone(values[next(values.length)]);
      variants.push(variant);
    }
    return variants;
  }

  it('accepts a stored value exactly when readSettings would use it as it is', () => {
    const variants = storedVariants();
    const disagreements = variants.filter((stored) => isCanonicalSettings(stored) !== readAsItIs(stored));
    expect(disagreements).toEqual([]);
    // Both answers occur, many times each: the check is not trivially true or false.
    const accepted = variants.filter((stored) => isCanonicalSettings(stored)).length;
    expect(accepted).toBeGreaterThan(50);
    expect(variants.length - accepted).toBeGreaterThan(50);
  });

  it('accepts what the options page and the popup write', () => {
    let settings = withSiteEnabled(DEFAULT_SETTINGS, 'https://www.News.example/a', false);
    settings = withSiteEnabled(settings, 'localhost:3000', false);
    settings = withTermHidden(settings, 'recipes.example', 'turkey', true);
    settings = withTermHidden(settings, 'recipes.example', 'hayat-tahrir-al-sham', true);
    settings = { ...settings, colors: { ...settings.colors, people: '#ABCDEF' }, hoverDelayMs: 0, highlightStyle: 'background' };
    expect(isCanonicalSettings(structuredClone(settings))).toBe(true);
    expect(readAsItIs(settings)).toBe(true);
  });
});
