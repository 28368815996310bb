import { useEffect, useRef, useState } from 'preact/hooks';

/** Where an action the reader started stands: under way, done (for a while), or failed (until the next try). */
export type ActionStatus = 'idle' | 'running' | 'done' | 'failed';

/** How long "done" (Saved, Copied) stays before it fades. */
export const DONE_VISIBLE_MS = 2000;

/**
 * The status of an action a button or a change starts, for a `role="status"` line beside it. A
 * failure is logged with `failureWarning` and stays shown; success is shown for `DONE_VISIBLE_MS`.
 */
export function useActionStatus(failureWarning: string): [ActionStatus, (action: () => Promise<void>) => Promise<void>] {
  const [status, setStatus] = useState<ActionStatus>('idle');
  const fadeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(fadeTimer.current), []);

  async function run(action: () => Promise<void>): Promise<void> {
    clearTimeout(fadeTimer.current);
    setStatus('running');
    try {
      await action();
      setStatus('done');
      fadeTimer.current = setTimeout(() => setStatus('idle'), DONE_VISIBLE_MS);
    } catch (error) {
      console.warn(`Gloss: ${failureWarning}`, error);
      setStatus('failed');
    }
  }

  return [status, run];
}
