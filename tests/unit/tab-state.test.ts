/**
 * Tabs switched off (src/storage/tab-state.ts) and the flag pages read instead of asking the
 * background: it must never say "no tab is off" while one is, and is written only when it flips.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** An in-memory stand-in for WXT's storage (Node has no extension storage), logging every write. */
const memory = vi.hoisted(() => {
  const items = new Map<string, unknown>();
  const writes: [string, unknown][] = [];
  return {
    items,
    writes,
    storage: {
      async getItem(key: string) {
        // A read is a round trip: let other changes run in between, as in the browser.
        await new Promise((resolve) => setTimeout(resolve, 1));
        return items.has(key) ? structuredClone(items.get(key)) : null;
      },
      async setItem(key: string, value: unknown) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        writes.push([key, structuredClone(value)]);
        items.set(key, structuredClone(value));
      },
    },
  };
});
vi.mock('wxt/utils/storage', () => ({ storage: memory.storage }));

import { forgetTab, isTabDisabled, setTabDisabled, syncTabsOff, TABS_OFF_KEY } from '../../src/storage/tab-state';

const LIST = 'session:disabledTabs';

beforeEach(() => {
  memory.items.clear();
  memory.writes.length = 0;
});

describe('tabs switched off', () => {
  it('raises the flag before storing the first tab off, and lowers it after the last is back on', async () => {
    await setTabDisabled(7, true);
    expect(memory.writes).toEqual([
      [TABS_OFF_KEY, true],
      [LIST, [7]],
    ]);
    expect(await isTabDisabled(7)).toBe(true);
    memory.writes.length = 0;
    await setTabDisabled(7, false);
    expect(memory.writes).toEqual([
      [LIST, []],
      [TABS_OFF_KEY, false],
    ]);
    expect(await isTabDisabled(7)).toBe(false);
  });

  it('keeps the flag up while another tab is still off, and writes it only when it flips', async () => {
    await setTabDisabled(1, true);
    await setTabDisabled(2, true);
    await setTabDisabled(1, false);
    expect(memory.writes.filter(([key]) => key === TABS_OFF_KEY)).toEqual([[TABS_OFF_KEY, true]]);
    expect(memory.items.get(LIST)).toEqual([2]);
    expect(memory.items.get(TABS_OFF_KEY)).toBe(true);
  });

  it('writes nothing when a tab that was never off closes', async () => {
    await forgetTab(3);
    await setTabDisabled(4, false);
    expect(memory.writes).toEqual([]);
  });

  it('loses no tab when several are switched at once', async () => {
    await Promise.all([setTabDisabled(1, true), setTabDisabled(2, true), setTabDisabled(3, true)]);
    expect([...(memory.items.get(LIST) as number[])].sort()).toEqual([1, 2, 3]);
    await Promise.all([setTabDisabled(1, false), setTabDisabled(2, false), setTabDisabled(3, false)]);
    expect(memory.items.get(LIST)).toEqual([]);
    expect(memory.items.get(TABS_OFF_KEY)).toBe(false);
  });

  it('sets the flag from the stored tabs at browser start (session storage is empty then)', async () => {
    memory.items.set(TABS_OFF_KEY, true);
    await syncTabsOff();
    expect(memory.items.get(TABS_OFF_KEY)).toBe(false);
    memory.writes.length = 0;
    await syncTabsOff();
    expect(memory.writes).toEqual([]);
  });
});
