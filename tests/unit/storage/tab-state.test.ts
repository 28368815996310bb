/**
 * Tabs switched off (src/storage/tab-state.ts) and the flag pages read instead of asking the
 * background: it must never say "no tab is off" while one is, and is written only when it flips.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetTab, isTabDisabled, setTabDisabled, syncTabsOff, TABS_OFF_KEY, toggleTabDisabled } from '@/src/storage/tab-state';
import { logWrites, peek, seed } from './support';

const LIST = 'session:disabledTabs' as const;

let writes: ReturnType<typeof logWrites>;

beforeEach(() => {
  writes = logWrites();
});

describe('tabs switched off', () => {
  it('raises the flag before storing the first tab off, and lowers it after the last is back on', async () => {
    await setTabDisabled(7, true);
    expect(writes).toEqual([
      [TABS_OFF_KEY, true],
      [LIST, [7]],
    ]);
    expect(await isTabDisabled(7)).toBe(true);
    writes.length = 0;
    await setTabDisabled(7, false);
    expect(writes).toEqual([
      [LIST, []],
      [TABS_OFF_KEY, false],
    ]);
    expect(await isTabDisabled(7)).toBe(false);
  });

  it('keeps the flag up while another tab is still off, and writes it only when it flips', async () => {
    await setTabDisabled(1, true);
    await setTabDisabled(2, true);
    await setTabDisabled(1, false);
    expect(writes.filter(([key]) => key === TABS_OFF_KEY)).toEqual([[TABS_OFF_KEY, true]]);
    expect((await peek(LIST))).toEqual([2]);
    expect((await peek(TABS_OFF_KEY))).toBe(true);
  });

  it('writes nothing when a tab that was never off closes', async () => {
    await forgetTab(3);
    await setTabDisabled(4, false);
    expect(writes).toEqual([]);
  });

  it('loses no tab when several are switched at once', async () => {
    await Promise.all([setTabDisabled(1, true), setTabDisabled(2, true), setTabDisabled(3, true)]);
    expect([...((await peek(LIST)) as number[])].sort()).toEqual([1, 2, 3]);
    await Promise.all([setTabDisabled(1, false), setTabDisabled(2, false), setTabDisabled(3, false)]);
    expect((await peek(LIST))).toEqual([]);
    expect((await peek(TABS_OFF_KEY))).toBe(false);
  });

  it('switches a tab the other way once per press, however quick the presses (the keyboard shortcut)', async () => {
    expect(await Promise.all([toggleTabDisabled(5), toggleTabDisabled(5)])).toEqual([true, false]);
    expect(await isTabDisabled(5)).toBe(false);
    expect(await toggleTabDisabled(5)).toBe(true);
    expect(await isTabDisabled(5)).toBe(true);
    await setTabDisabled(5, false);
  });

  it('sets the flag from the stored tabs at browser start (session storage is empty then)', async () => {
    await seed(TABS_OFF_KEY, true);
    await syncTabsOff();
    expect((await peek(TABS_OFF_KEY))).toBe(false);
    writes.length = 0;
    await syncTabsOff();
    expect(writes).toEqual([]);
  });
});
