/** Settings in extension storage (src/storage/settings.ts), as the options page, the popup and the background change them. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, withEntityHidden, withSiteEnabled } from '@/src/core/settings';
import { loadSettings, updateSettings } from '@/src/storage/settings';
import { SETTINGS_KEY } from '@/src/storage/page-settings';
import { peek } from './support';

describe('updateSettings', () => {
  it('loses no change when several are made at once', async () => {
    await Promise.all([
      updateSettings((current) => ({ ...current, categories: { ...current.categories, people: false } })),
      updateSettings((current) => withSiteEnabled(current, 'news.example', false)),
      updateSettings((current) => withEntityHidden(current, 'news.example', 'turkey', true)),
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
