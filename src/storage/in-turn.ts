import { oneAtATime } from '../core/one-at-a-time';

/** The part of the Web Locks API used here (navigator.locks). */
interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

function browserLocks(): LockManagerLike | undefined {
  return (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
}

/**
 * Read-modify-write changes to one stored value, one after another in every part of Gloss that
 * writes it: the options page, the popup and the background each run their own JavaScript, so a
 * queue of their own (`oneAtATime`) would let one write over the other's change. A Web Lock named
 * after the value is shared by all the extension's pages and its background; where the browser has
 * none (Node in the tests), this context's queue.
 */
export function inTurnEverywhere(valueName: string): <T>(change: () => Promise<T>) => Promise<T> {
  const here = oneAtATime();
  return (change) => {
    const locks = browserLocks();
    return locks ? locks.request(`gloss:${valueName}`, change) : here(change);
  };
}

/**
 * Read-modify-write of one stored value as one step, in turn everywhere (`inTurnEverywhere`):
 * `change` gets the value as stored now and returns the next, which is written and returned.
 */
export function storedValueUpdater<T>(
  valueName: string,
  load: () => Promise<T>,
  save: (value: T) => Promise<void>,
): (change: (current: T) => T) => Promise<T> {
  const inTurn = inTurnEverywhere(valueName);
  return (change) =>
    inTurn(async () => {
      const next = change(await load());
      await save(next);
      return next;
    });
}
