/**
 * Viewport first: a page opened scrolled down (a link into the middle of a long report) is read from
 * where the reader is looking, so the terms in view are highlighted before those above and below.
 * Highlights keep their ranges in the order they were added, which is the order Gloss marked them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

let session: GlossSession;

beforeAll(async () => {
  session = await startSession();
});

afterAll(async () => {
  await session?.close();
});

interface MarkingOrder {
  /** Section numbers of the highlighted mentions, in the order they were marked. */
  sections: number[];
  /** Sections at least partly in the viewport. */
  visible: number[];
}

/** Reads, from the page's own world, the order in which the `gloss-*` highlights got their ranges. */
async function markingOrder(page: Page): Promise<MarkingOrder> {
  return page.evaluate(() => {
    const sections: number[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('gloss-') || name === 'gloss-active') continue;
      for (const range of highlight) {
        // The sticky header's mention belongs to no section.
        const section = range.startContainer.parentElement?.closest('section');
        if (section) sections.push(Number(section.id.replace('section-', '')));
      }
    }
    const visible = [...document.querySelectorAll('section')]
      .filter((section) => {
        const box = section.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
      })
      .map((section) => Number(section.id.replace('section-', '')));
    return { sections, visible };
  });
}

describe('viewport first', () => {
  it('marks the terms in view first on a page opened in its middle, then the rest of the page', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.server.fixtureUrl('long-report.html')}#section-300`);
    await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, page));
    const { sections, visible } = await markingOrder(page);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible).toContain(300);
    // Every section's mention, once each.
    expect([...sections].sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, index) => index));
    // The first marked are those in view (a part cut off at the very top may come with the part above).
    expect(visible).toContain(sections[0]);
    const firstMarked = sections.slice(0, visible.length);
    expect(visible.filter((section) => !firstMarked.includes(section)).length).toBeLessThanOrEqual(1);
    expect(sections.indexOf(0)).toBeGreaterThan(visible.length);
    await page.close();
  });

  it('reads in document order from the top when the page is not scrolled', async () => {
    const page = await session.context.newPage();
    await page.goto(session.server.fixtureUrl('long-report.html'));
    await waitForScan(session.serviceWorker, await tabIdOf(session.serviceWorker, page));
    const { sections } = await markingOrder(page);
    expect(sections).toEqual(Array.from({ length: 400 }, (_, index) => index));
    await page.close();
  });
});
