import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  hiddenEntitiesOn,
  isSiteEnabled,
  readSettings,
  SETTINGS_VERSION,
  siteKey,
  withEntityHidden,
  withSiteEnabled,
  type SettingsMigration,
} from '../../src/core/settings';

describe('readSettings', () => {
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
  });

  it('turns a site off and on again', () => {
    const off = withSiteEnabled(DEFAULT_SETTINGS, 'www.news.example', false);
    expect(off.disabledSites).toEqual(['news.example']);
    expect(isSiteEnabled(off, 'news.example')).toBe(false);
    expect(isSiteEnabled(off, 'other.example')).toBe(true);
    expect(withSiteEnabled(off, 'news.example', true).disabledSites).toEqual([]);
  });
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
    const hidden = withEntityHidden(DEFAULT_SETTINGS, 'www.recipes.example', 'turkey', true);
    expect(hiddenEntitiesOn(hidden, 'recipes.example')).toEqual(['turkey']);
    expect(hiddenEntitiesOn(hidden, 'news.example')).toEqual([]);
    const twice = withEntityHidden(hidden, 'recipes.example', 'turkey', true);
    expect(twice.hiddenEntities).toEqual({ 'recipes.example': ['turkey'] });
    expect(withEntityHidden(twice, 'recipes.example', 'turkey', false).hiddenEntities).toEqual({});
  });

  it('repairs a malformed hidden list without losing the valid part', () => {
    const { settings } = readSettings({ version: 1, hiddenEntities: { 'a.example': ['turkey', 'Bad Id', 7, 'turkey'], 'b.example': 'x' } });
    expect(settings.hiddenEntities).toEqual({ 'a.example': ['turkey'] });
  });
});
