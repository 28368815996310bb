import { useLayoutEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';

/**
 * Keeps keyboard focus in a list whose rows remove themselves ("Remove", "Show again"): once the
 * row of the pressed button is gone, focus goes to the button now in its place (the next row's),
 * else the previous row's, else to `whenNoneLeft`. Without it focus falls to <body> with the row,
 * and the next Tab starts again from the top of the page.
 *
 * Returns the function to call with the pressed button, before asking for the change.
 */
export function useFocusAfterRemoval(
  within: RefObject<HTMLElement | null>,
  rowButtons: string,
  whenNoneLeft: () => HTMLElement | null | undefined,
): (pressed: HTMLElement) => void {
  const removal = useRef<{ pressed: HTMLElement; index: number } | null>(null);
  const buttons = () => [...(within.current?.querySelectorAll<HTMLElement>(rowButtons) ?? [])];

  // Every render: the row goes when the change is shown, which may take more than one render.
  useLayoutEffect(() => {
    const pending = removal.current;
    if (!pending || pending.pressed.isConnected) return;
    removal.current = null;
    // Only focus lost with the row is moved: the reader may have gone on elsewhere meanwhile.
    if (document.activeElement && document.activeElement !== document.body) return;
    const remaining = buttons();
    (remaining[pending.index] ?? remaining[pending.index - 1] ?? whenNoneLeft())?.focus();
  });

  return (pressed) => {
    removal.current = { pressed, index: buttons().indexOf(pressed) };
  };
}
