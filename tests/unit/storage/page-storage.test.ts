/**
 * What pages read and watch (src/storage/page-storage.ts) on the browser's API, against what the rest
 * of the extension writes through WXT's storage: the same items under the same keys.
 */
import { describe, expect, it } from 'vitest';
import { storage } from 'wxt/utils/storage';
import { loadPageStart } from '@/src/storage/page-start';
import { COMPILED_PACKS_KEY } from '@/src/storage/compiled-packs';
import { SETTINGS_KEY } from '@/src/storage/page-settings';
import { readLocal, watchLocal } from '@/src/storage/page-storage';
import { TABS_OFF_KEY } from '@/src/storage/tab-state';

/** Lets the fake browser's change events, dispatched after each write, arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('readLocal', () => {
  it('reads what WXT’s storage wrote, in the order asked, and undefined for what nobody wrote', async () => {
    await storage.setItem('local:first', { a: 1 });
    await storage.setItem('local:third', false);
    expect(await readLocal(['local:third', 'local:second', 'local:first'])).toEqual([false, undefined, { a: 1 }]);
  });
});

describe('loadPageStart', () => {
  it('asks about the tab until the background has written that no tab is off', async () => {
    expect(await loadPageStart()).toEqual({ settings: undefined, compiledPacks: undefined, mayBeTabOff: true });
    await storage.setItem(TABS_OFF_KEY, false);
    await storage.setItem(SETTINGS_KEY, { enabled: false });
    await storage.setItem(COMPILED_PACKS_KEY, { packs: [] });
    expect(await loadPageStart()).toEqual({ settings: { enabled: false }, compiledPacks: { packs: [] }, mayBeTabOff: false });
    await storage.setItem(TABS_OFF_KEY, true);
    expect((await loadPageStart()).mayBeTabOff).toBe(true);
  });
});

describe('watchLocal', () => {
  it('passes on each new value of its key, undefined once removed, and nothing after unsubscribing', async () => {
    const seen: unknown[] = [];
    const stop = watchLocal('local:watched', (value) => seen.push(value));
    await storage.setItem('local:watched', { on: true });
    await storage.setItem('local:other', 1);
    await storage.setItem('local:watched', { on: false });
    await storage.removeItem('local:watched');
    await settle();
    expect(seen).toEqual([{ on: true }, { on: false }, undefined]);
    stop();
    await storage.setItem('local:watched', { on: true });
    await settle();
    expect(seen).toHaveLength(3);
  });

  it('ignores a write of an equal value, as WXT’s own watch does', async () => {
    await storage.setItem('local:watched', { sites: ['a.example'] });
    const seen: unknown[] = [];
    watchLocal('local:watched', (value) => seen.push(value));
    await storage.setItem('local:watched', { sites: ['a.example'] });
    await storage.setItem('local:watched', { on: true, sites: ['a.example'] });
    // The same value with its keys in another order.
    await storage.setItem('local:watched', { sites: ['a.example'], on: true });
    await storage.setItem('local:watched', { sites: ['b.example'] });
    await settle();
    expect(seen).toEqual([{ on: true, sites: ['a.example'] }, { sites: ['b.example'] }]);
  });
});
