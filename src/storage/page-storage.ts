/**
 * The two things a page does with storage, one read at start and watching two keys, on the
 * browser's API itself. The extension's own pages and the background use `wxt/utils/storage`; the
 * content script runs in every page the reader opens, and that library (with its lock and equality
 * helpers) was 9 of its 82 KB and about 3 ms of its start on a small page (`npm run bench`).
 * Keys are written as that library writes them (`local:<name>`), so both sides name the same item.
 */
import { browser } from 'wxt/browser';
import { jsonEqual } from '../core/json-equal';

export type LocalKey = `local:${string}`;

const nameOf = (key: LocalKey) => key.slice('local:'.length);

/** The stored values of `keys`, in their order; `undefined` for a key never written. */
export async function readLocal(keys: readonly LocalKey[]): Promise<unknown[]> {
  const names = keys.map(nameOf);
  const stored: Record<string, unknown> = await browser.storage.local.get(names);
  return names.map((name) => stored[name]);
}

/**
 * Calls `onChange` with the new value each time `key` is written with a different one (`undefined`
 * once it is removed); returns the unsubscribe function.
 */
export function watchLocal(key: LocalKey, onChange: (value: unknown) => void): () => void {
  const name = nameOf(key);
  const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => {
    const change = changes[name];
    // Some browsers report a write of an equal value as a change; they differ on what a removed key's
    // new value is (absent or null).
    if (change && !jsonEqual(change.oldValue, change.newValue)) onChange(change.newValue ?? undefined);
  };
  browser.storage.local.onChanged.addListener(listener);
  return () => browser.storage.local.onChanged.removeListener(listener);
}
