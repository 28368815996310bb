import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { useWatchedValue } from '@/src/ui/shared/use-watched-value';
import { container, mount, unmount, useContainer } from './support/render';

useContainer();

/** Runs `answer` and lets the promise callbacks it starts, and the renders they cause, finish. */
async function settle(answer: () => void): Promise<void> {
  await act(async () => {
    answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** A stored value whose first read the test resolves (or rejects) when it likes, and whose changes it sends. */
function fakeStore() {
  let resolveLoad: (value: string) => void = () => {};
  let rejectLoad: (error: Error) => void = () => {};
  const listeners = new Set<(value: string) => void>();
  const load = vi.fn(
    () =>
      new Promise<string>((resolve, reject) => {
        resolveLoad = resolve;
        rejectLoad = reject;
      }),
  );
  const watch = vi.fn((onChange: (value: string) => void) => {
    listeners.add(onChange);
    return () => listeners.delete(onChange);
  });
  return {
    load,
    watch,
    listeners,
    finishLoad: (value: string) => settle(() => resolveLoad(value)),
    failLoad: (error: Error) => settle(() => rejectLoad(error)),
    change: (value: string) => act(() => listeners.forEach((listener) => listener(value))),
  };
}

let setShown: (value: string) => void = () => {};

function Shown({ store }: { store: ReturnType<typeof fakeStore> }) {
  const [value, setValue] = useWatchedValue(store.load, store.watch, 'the test value');
  setShown = setValue;
  return <output>{value ?? 'loading'}</output>;
}

const shown = () => container.querySelector('output')?.textContent;

describe('useWatchedValue', () => {
  it('shows nothing until the first read, then what it read, then each change', async () => {
    const store = fakeStore();
    await mount(<Shown store={store} />);
    expect(shown()).toBe('loading');
    await store.finishLoad('first');
    expect(shown()).toBe('first');
    await store.change('second');
    expect(shown()).toBe('second');
  });

  it('keeps a change seen before the first read answered: the read is older', async () => {
    const store = fakeStore();
    await mount(<Shown store={store} />);
    await store.change('newer');
    await store.finishLoad('older');
    expect(shown()).toBe('newer');
  });

  it('shows the page its own change before storage echoes it', async () => {
    const store = fakeStore();
    await mount(<Shown store={store} />);
    await store.finishLoad('stored');
    await act(() => setShown('edited'));
    expect(shown()).toBe('edited');
  });

  it('warns, naming the value, when it cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = fakeStore();
    await mount(<Shown store={store} />);
    const error = new Error('storage gone');
    await store.failLoad(error);
    expect(warn).toHaveBeenCalledWith('Gloss: could not load the test value', error);
    expect(shown()).toBe('loading');
  });

  it('stops watching when unmounted', async () => {
    const store = fakeStore();
    await mount(<Shown store={store} />);
    expect(store.listeners.size).toBe(1);
    await unmount();
    expect(store.listeners.size).toBe(0);
  });
});
