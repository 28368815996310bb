/**
 * The storage tests run WXT's real storage over the in-memory extension APIs of WXT's test plugin
 * (@webext-core/fake-browser, reset before each test). These helpers seed and read the browser's
 * storage directly, past WXT's, so only the code under test shows up in the write log.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage, type StorageItemKey } from 'wxt/utils/storage';

function areaAndName(key: StorageItemKey) {
  const [area, name] = key.split(':') as ['local' | 'session' | 'sync' | 'managed', string];
  return { area: fakeBrowser.storage[area], name };
}

/** Stores `value` under `key` as another part of the extension would. */
export async function seed(key: StorageItemKey, value: unknown): Promise<void> {
  const { area, name } = areaAndName(key);
  await area.set({ [name]: value });
}

/** What is stored under `key` now, or undefined. */
export async function peek(key: StorageItemKey): Promise<unknown> {
  const { area, name } = areaAndName(key);
  return (await area.get(name))[name];
}

/** Records every value written through WXT's storage from now on, as `[key, value]`, in order. */
export function logWrites(): [StorageItemKey, unknown][] {
  const writes: [StorageItemKey, unknown][] = [];
  const setItem = storage.setItem.bind(storage);
  vi.spyOn(storage, 'setItem').mockImplementation(async (key: StorageItemKey, value: unknown) => {
    writes.push([key, structuredClone(value)]);
    await setItem(key, value);
  });
  return writes;
}
