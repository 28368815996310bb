import { afterEach, describe, expect, it } from 'vitest';
import { OBSERVED, outermostConnected, shadowRootWatch } from '../../src/content/slices';

afterEach(() => {
  document.body.replaceChildren();
});

function shadowHost(): ShadowRoot {
  const host = document.createElement('div');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

describe('shadowRootWatch', () => {
  it('has the observer watch each shadow root once and tells which were new', async () => {
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    const watch = shadowRootWatch(() => observer);
    const root = shadowHost();
    expect(watch(root)).toBe(true);
    expect(watch(root)).toBe(false);
    root.append(document.createElement('p'));
    await Promise.resolve();
    // The shadow root's own changes reach the observer (MutationObserver callbacks run as microtasks).
    expect(records).toHaveLength(1);
    expect(records[0]?.target).toBe(root);
    observer.disconnect();
  });

  it('observes nothing once the observer is gone (a stopped reader), yet still remembers the root', async () => {
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    observer.observe(document.body, OBSERVED);
    let current: MutationObserver | null = observer;
    const watch = shadowRootWatch(() => current);
    observer.disconnect();
    current = null;
    const root = shadowHost();
    expect(watch(root)).toBe(true);
    root.append(document.createElement('p'));
    await Promise.resolve();
    // A disconnected observer told to observe would start again; it is not told.
    expect(records).toHaveLength(0);
    expect(watch(root)).toBe(false);
  });
});

describe('outermostConnected', () => {
  it('keeps the changed nodes still in the page that are not inside another changed node', () => {
    const outer = document.createElement('section');
    const inner = document.createElement('p');
    const sibling = document.createElement('p');
    const removed = document.createElement('p');
    outer.append(inner);
    document.body.append(outer, sibling);
    expect(outermostConnected(new Set<Node>([inner, outer, sibling, removed]))).toEqual([outer, sibling]);
  });
});
