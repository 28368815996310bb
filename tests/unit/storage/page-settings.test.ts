/**
 * Settings as pages take them (src/storage/page-settings.ts): the stored value as it is when it is in
 * the schema's form, else the background's reading; the defaults when there is nothing or nobody to ask.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, readSettings, withSiteEnabled, type Settings } from '@/src/core/settings';
import { pageSettingsFrom, SETTINGS_KEY, watchPageSettings } from '@/src/storage/page-settings';
import { seed } from './support';

const siteOff = withSiteEnabled(DEFAULT_SETTINGS, 'news.example', false);
/** A value the popup of an older Gloss could have written: no version, a site in capitals. */
const older = { enabled: false, disabledSites: ['News.Example'] };

function background(read: (stored: unknown) => Settings = (stored) => readSettings(stored).settings) {
  const calls: unknown[] = [];
  return {
    calls,
    askFor: (stored: unknown) => async () => {
      calls.push(stored);
      return read(stored);
    },
  };
}

describe('pageSettingsFrom', () => {
  it('takes settings in the schema’s form as they are, without asking the background', async () => {
    const { calls, askFor } = background();
    const stored = structuredClone(siteOff);
    expect(await pageSettingsFrom(stored, askFor(stored))).toBe(stored);
    expect(calls).toEqual([]);
  });

  it('gives the defaults when nothing is stored', async () => {
    const { calls, askFor } = background();
    expect(await pageSettingsFrom(undefined, askFor(undefined))).toEqual(DEFAULT_SETTINGS);
    expect(await pageSettingsFrom(null, askFor(null))).toEqual(DEFAULT_SETTINGS);
    expect(calls).toEqual([]);
  });

  it('has the background read anything else', async () => {
    const { calls, askFor } = background();
    const settings = await pageSettingsFrom(older, askFor(older));
    expect(calls).toEqual([older]);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, enabled: false, disabledSites: ['news.example'] });
  });

  it('falls back to the defaults, with a warning, when the background cannot answer', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const settings = await pageSettingsFrom(older, () => Promise.reject(new Error('no background')));
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('watchPageSettings', () => {
  it('passes each stored value on, read like the first', async () => {
    const seen: Settings[] = [];
    const { askFor } = background();
    const stop = watchPageSettings(askFor(older), (settings) => seen.push(settings));
    await seed(SETTINGS_KEY, siteOff);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await seed(SETTINGS_KEY, older);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[0]).toEqual(siteOff);
    expect(seen[1]).toMatchObject({ enabled: false, disabledSites: ['news.example'] });
    stop();
    await seed(SETTINGS_KEY, DEFAULT_SETTINGS);
    await Promise.resolve();
    expect(seen).toHaveLength(2);
  });

  it('keeps the latest value when an earlier one the background reads answers after it', async () => {
    const seen: Settings[] = [];
    let answer: (settings: Settings) => void = () => undefined;
    const slowBackground = () => new Promise<Settings>((resolve) => (answer = resolve));
    watchPageSettings(slowBackground, (settings) => seen.push(settings));
    await seed(SETTINGS_KEY, older);
    await seed(SETTINGS_KEY, siteOff);
    await vi.waitFor(() => expect(seen).toEqual([siteOff]));
    answer(readSettings(older).settings);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([siteOff]);
  });
});
