import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIDDEN_NOTICE_MS, HiddenNotice, UNDONE_NOTICE_MS } from '@/src/ui/card/HiddenNotice';
import { container, mount, useContainer } from './support/render';

useContainer();

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Lets `ms` pass on the fake clock, and Preact render what it changed. */
async function wait(ms: number): Promise<void> {
  await act(() => {
    vi.advanceTimersByTime(ms);
  });
}

async function showNotice(focusUndo = false) {
  const onDismiss = vi.fn();
  const onUndo = vi.fn();
  await mount(<HiddenNotice spelling="Turkey" entityName="Turkey" site="recipes.example" focusUndo={focusUndo} onUndo={onUndo} onDismiss={onDismiss} />);
  const notice = container.querySelector<HTMLElement>('.notice')!;
  return { notice, onDismiss, onUndo };
}

describe('the notice after "Not this"', () => {
  it('names the spelling and the site, as a status', async () => {
    const { notice } = await showNotice();
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.querySelector('.notice__text')?.textContent).toBe('“Turkey” is no longer highlighted on recipes.example.');
  });

  it('names the term too when its name does not show the spelling', async () => {
    await mount(<HiddenNotice spelling="Golani" entityName="Ahmed al-Sharaa" site="news.example" focusUndo={false} onUndo={() => {}} onDismiss={() => {}} />);
    expect(container.querySelector('.notice__text')?.textContent).toBe('“Golani” is no longer highlighted as Ahmed al-Sharaa on news.example.');
  });

  it('names an international site as the reader knows it', async () => {
    await mount(<HiddenNotice spelling="Turkey" entityName="Turkey" site="xn--bcher-kva.de" focusUndo={false} onUndo={() => {}} onDismiss={() => {}} />);
    expect(container.querySelector('.notice__text')?.textContent).toBe('“Turkey” is no longer highlighted on bücher.de.');
  });

  it('leaves by itself after a while', async () => {
    const { onDismiss } = await showNotice();
    await wait(HIDDEN_NOTICE_MS - 1);
    expect(onDismiss).not.toHaveBeenCalled();
    await wait(1);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('stays while the pointer is on it, and leaves a full while after the pointer left', async () => {
    const { notice, onDismiss } = await showNotice();
    await wait(HIDDEN_NOTICE_MS / 2);
    notice.dispatchEvent(new PointerEvent('pointerenter'));
    await wait(HIDDEN_NOTICE_MS * 2);
    expect(onDismiss).not.toHaveBeenCalled();
    notice.dispatchEvent(new PointerEvent('pointerleave'));
    await wait(HIDDEN_NOTICE_MS - 1);
    expect(onDismiss).not.toHaveBeenCalled();
    await wait(1);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('stays while focus is inside it, takes the focus on Undo when asked, and Undo undoes', async () => {
    const { onDismiss, onUndo } = await showNotice(true);
    const undo = container.querySelector<HTMLButtonElement>('.notice__undo')!;
    expect(document.activeElement).toBe(undo);
    undo.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await wait(HIDDEN_NOTICE_MS * 2);
    expect(onDismiss).not.toHaveBeenCalled();
    undo.click();
    expect(onUndo).toHaveBeenCalledTimes(1);
  });

  it('says, after Undo, that the spelling is highlighted again, offers no Undo, and leaves sooner', async () => {
    const onDismiss = vi.fn();
    await mount(<HiddenNotice spelling="Golani" entityName="Ahmed al-Sharaa" site="news.example" focusUndo undone onUndo={() => {}} onDismiss={onDismiss} />);
    expect(container.querySelector('.notice')?.getAttribute('role')).toBe('status');
    expect(container.querySelector('.notice__text')?.textContent).toBe('“Golani” is highlighted again.');
    expect(container.querySelector('.notice__undo')).toBeNull();
    await wait(UNDONE_NOTICE_MS - 1);
    expect(onDismiss).not.toHaveBeenCalled();
    await wait(1);
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });
});
