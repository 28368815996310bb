import { useEffect, useState } from 'preact/hooks';

/**
 * A value the browser keeps (in extension storage, or Gloss's site access), read once and then
 * followed as it changes elsewhere (popup, options, other windows, the browser's settings).
 * Undefined until first read. The setter lets a page show its own change before storage echoes it
 * (values are data, never functions, which the setter would call). `what` names the value in the
 * warning when it cannot be read.
 */
export function useWatchedValue<T>(
  load: () => Promise<T>,
  watch: (onChange: (value: T) => void) => () => void,
  what: string,
): [T | undefined, (value: T) => void] {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let active = true;
    let watched = false;
    const unwatch = watch((next) => {
      watched = true;
      if (active) setValue(() => next);
    });
    load()
      .then((loaded) => {
        // A change seen by the watcher is newer than what this first read returned.
        if (active && !watched) setValue(() => loaded);
      })
      .catch((error: unknown) => console.warn(`Gloss: could not load ${what}`, error));
    return () => {
      active = false;
      unwatch();
    };
  }, [load, watch, what]);
  return [value, setValue];
}
