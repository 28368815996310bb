/**
 * A place to render Preact components in DOM tests: `useContainer()` makes a fresh container before
 * each test of the file and unmounts and removes it after; `container` is always the current one.
 */
import { render, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

export let container: HTMLElement;

export function useContainer(options: { resetBrowser?: boolean; resetUrl?: boolean } = {}): void {
  beforeEach(() => {
    if (options.resetBrowser) fakeBrowser.reset();
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(async () => {
    await unmount();
    container.remove();
    // Components that keep their state in the URL (search, reader) start from a clean one.
    if (options.resetUrl) history.replaceState(null, '', '/');
    vi.restoreAllMocks();
  });
}

/**
 * Unmounts what is in the container, inside act(): the components' effect cleanups run now. Outside
 * it Preact runs them on a timer, which can fire after the file's last test, once jsdom's window is gone.
 */
export async function unmount(): Promise<void> {
  await act(() => {
    render(null, container);
  });
}

export async function mount(vnode: VNode): Promise<void> {
  await act(() => {
    render(vnode, container);
  });
}

/** Lets pending promises and effects run (and timers of up to `ms`). */
export async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}
