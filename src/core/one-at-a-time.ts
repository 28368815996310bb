/**
 * A queue for read-modify-write changes to one stored value: each change starts after the one
 * before has settled, so two never interleave and neither writes over the other's result. A change
 * that fails does not stop the next.
 */
export function oneAtATime(): <T>(change: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (change) => {
    const run = last.then(change);
    last = run.catch(() => undefined);
    return run;
  };
}
