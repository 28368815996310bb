/**
 * Changes to one stored value in turn across Gloss's pages and background (src/storage/in-turn.ts):
 * with the browser's Web Locks (here a stand-in with their ordering: one holder per name at a time)
 * two contexts' changes never interleave; without them, each context keeps its own changes in turn.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inTurnEverywhere } from '@/src/storage/in-turn';

/** Grants each name's lock to one callback at a time, in the order asked, as navigator.locks does. */
class StandInLocks {
  readonly #held = new Map<string, Promise<unknown>>();
  readonly asked: string[] = [];

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    this.asked.push(name);
    const run = (this.#held.get(name) ?? Promise.resolve()).then(callback);
    this.#held.set(name, run.catch(() => undefined));
    return run;
  }
}

const hadNavigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

function useLocks(locks: StandInLocks | null): void {
  Object.defineProperty(globalThis, 'navigator', { value: locks ? { locks } : {}, configurable: true, writable: true });
}

afterEach(() => {
  if (hadNavigator) Object.defineProperty(globalThis, 'navigator', hadNavigator);
  else Reflect.deleteProperty(globalThis, 'navigator');
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Two contexts (each its own module state) each make a change that reads, waits and writes. */
async function twoContextsChange(): Promise<string[]> {
  const log: string[] = [];
  const change = (who: string) => async () => {
    log.push(`${who} reads`);
    await tick();
    log.push(`${who} writes`);
  };
  const popup = inTurnEverywhere('settings');
  const background = inTurnEverywhere('settings');
  await Promise.all([popup(change('popup')), background(change('background'))]);
  return log;
}

describe('inTurnEverywhere', () => {
  it('with Web Locks, one context’s change starts after the other’s has written', async () => {
    const locks = new StandInLocks();
    useLocks(locks);
    expect(await twoContextsChange()).toEqual(['popup reads', 'popup writes', 'background reads', 'background writes']);
    expect(locks.asked).toEqual(['gloss:settings', 'gloss:settings']);
  });

  it('without them, only one context’s own changes are in turn (what each context had before)', async () => {
    useLocks(null);
    expect(await twoContextsChange()).toEqual(['popup reads', 'background reads', 'popup writes', 'background writes']);
    const alone = inTurnEverywhere('settings');
    const log: string[] = [];
    await Promise.all(['a', 'b'].map((who) => alone(async () => {
      log.push(`${who} reads`);
      await tick();
      log.push(`${who} writes`);
    })));
    expect(log).toEqual(['a reads', 'a writes', 'b reads', 'b writes']);
  });

  it('passes a change’s result and failure through, and a failure does not hold the lock', async () => {
    useLocks(new StandInLocks());
    const inTurn = inTurnEverywhere('user-packs');
    await expect(inTurn(async () => Promise.reject(new Error('unreadable')))).rejects.toThrow('unreadable');
    expect(await inTurn(async () => 42)).toBe(42);
  });
});
