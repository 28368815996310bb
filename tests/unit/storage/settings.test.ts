/** Settings in extension storage (src/storage/settings.ts), as the options page, the popup and the background change them. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, isCanonicalSettings, withTermHidden, withSiteEnabled } from '@/src/core/settings';
import { loadSettings, setTermHiddenOnSite, updateSettings } from '@/src/storage/settings';
import { SETTINGS_KEY } from '@/src/storage/page-settings';
import { logWrites, peek, seed } from './support';

describe('updateSettings', () => {
  it('loses no change when several are made at once', async () => {
    await Promise.all([
      updateSettings((current) => ({ ...current, categories: { ...current.categories, people: false } })),
      updateSettings((current) => withSiteEnabled(current, 'news.example', false)),
      updateSettings((current) => withTermHidden(current, 'news.example', 'turkey', true)),
    ]);
    const settings = await loadSettings();
    expect(settings.categories.people).toBe(false);
    expect(settings.disabledSites).toEqual(['news.example']);
    expect(settings.hiddenEntities).toEqual({ 'news.example': ['turkey'] });
    expect(await peek(SETTINGS_KEY)).toEqual(settings);
  });

  it('goes on after a change that fails', async () => {
    const failed = updateSettings(() => {
      throw new Error('a broken change');
    });
    const next = updateSettings((current) => ({ ...current, enabled: false }));
    await expect(failed).rejects.toThrow('a broken change');
    expect((await next).enabled).toBe(false);
    expect(DEFAULT_SETTINGS.enabled).toBe(true);
  });
});

describe('setTermHiddenOnSite ("Not this", written by the background for pages)', () => {
  it('stores the change under the site key, in canonical settings, and says so', async () => {
    expect(await setTermHiddenOnSite('www.Recipes.example', 'turkey', true)).toBe(true);
    expect(await setTermHiddenOnSite('[::1]:5173', 'gulf-notes--qatar', true)).toBe(true);
    const stored = await peek(SETTINGS_KEY);
    expect(isCanonicalSettings(stored)).toBe(true);
    expect((await loadSettings()).hiddenEntities).toEqual({ 'recipes.example': ['turkey'], '[::1]:5173': ['gulf-notes--qatar'] });
    expect(await setTermHiddenOnSite('recipes.example', 'turkey', false)).toBe(true);
    expect((await loadSettings()).hiddenEntities).toEqual({ '[::1]:5173': ['gulf-notes--qatar'] });
  });

  // A file:// page's site is ''; stored, it made settings that are not canonical and `readSettings` dropped the hide.
  it.each([
    ['', 'turkey'],
    ['  ', 'turkey'],
    ['file:///home/reader/story.html', 'turkey'],
    ['news example', 'turkey'],
    ['news.example/path', 'turkey'],
    ['news.example', ''],
    ['news.example', 'Turkey'],
    ['news.example', 'turkey ham'],
  ])('refuses site %j with entity %j and writes nothing', async (site, entityId) => {
    const before = withTermHidden(DEFAULT_SETTINGS, 'recipes.example', 'turkey', true);
    await seed(SETTINGS_KEY, before);
    const writes = logWrites();
    expect(await setTermHiddenOnSite(site, entityId, true)).toBe(false);
    expect(await setTermHiddenOnSite(site, entityId, false)).toBe(false);
    expect(writes).toEqual([]);
    expect(await peek(SETTINGS_KEY)).toEqual(before);
  });

  it('refuses values of the wrong type, which a page could send', async () => {
    const writes = logWrites();
    const send = setTermHiddenOnSite as (site: unknown, entityId: unknown, hidden: unknown) => Promise<boolean>;
    expect(await send(42, 'turkey', true)).toBe(false);
    expect(await send('news.example', null, true)).toBe(false);
    expect(await send('news.example', 'turkey', 'yes')).toBe(false);
    expect(writes).toEqual([]);
  });
});
