/**
 * A reader who limits Gloss's site access in Chrome ("On click", set on chrome://extensions as a
 * reader sets it): Gloss reads no page, the popup says why in words that fit (not only "browser
 * pages are off limits"), and the options page notes it beside its list of sites, live. The session
 * is this file's own, since the setting holds for the whole profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { onExtensionDetails, openPopup, startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

const SITE_ACCESS_MESSAGE = 'a site you haven’t allowed Gloss to read';

const OPTIONS_NOTE = 'Your browser lets Gloss read only the sites you allow it';

let session: GlossSession;
/** The options page, open throughout: it follows the site access as the reader changes it. */
let options: Page;

beforeAll(async () => {
  session = await startSession();
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.locator('.sites').or(options.locator('.sites__empty')).first().waitFor();
});

afterAll(async () => {
  await session?.close();
});

const optionsNote = () => options.locator('.sites__access-note');

/** Chooses Gloss's site access on its chrome://extensions details page, as a reader does. */
async function setSiteAccess(access: 'ON_CLICK' | 'ON_ALL_SITES'): Promise<void> {
  await onExtensionDetails(session, 'select#hostAccess', 'site-access menu', async (select) => {
    await select.selectOption(access);
    const wanted = access === 'ON_ALL_SITES';
    await expect
      .poll(() => session.serviceWorker.evaluate(() => chrome.permissions.contains({ origins: ['https://*/*'] })))
      .toBe(wanted);
  });
}

async function highlightCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    let ranges = 0;
    for (const [name, highlight] of CSS.highlights) if (name.startsWith('gloss-')) ranges += highlight.size;
    return ranges;
  });
}

describe('site access limited by the reader', () => {
  it('reads no page, the popup names the limited site access, and the open options page says so', async () => {
    expect(await optionsNote().count()).toBe(0);
    await setSiteAccess('ON_CLICK');
    await expect.poll(() => optionsNote().count()).toBe(1);
    expect(await optionsNote().innerText()).toContain(OPTIONS_NOTE);
    const page = await session.context.newPage();
    await page.goto(session.server.fixtureUrl('demo.html'));
    const tabId = await tabIdOf(session.serviceWorker, page);
    const popup = await openPopup(session.context, session.extensionId, tabId);
    await expect.poll(() => popup.locator('.page-panel').innerText(), { timeout: 10_000 }).toContain(SITE_ACCESS_MESSAGE);
    expect(await highlightCount(page)).toBe(0);
    await popup.close();
    await page.close();
  });

  it('with every site allowed again, reads the page, the popup lists what it found and the note goes', async () => {
    await setSiteAccess('ON_ALL_SITES');
    await expect.poll(() => optionsNote().count()).toBe(0);
    const page = await session.context.newPage();
    await page.goto(session.server.fixtureUrl('demo.html'));
    const tabId = await tabIdOf(session.serviceWorker, page);
    await waitForScan(session.serviceWorker, tabId);
    expect(await highlightCount(page)).toBeGreaterThan(0);
    const popup = await openPopup(session.context, session.extensionId, tabId);
    await expect.poll(() => popup.locator('.page-entities').count(), { timeout: 10_000 }).toBe(1);
    expect(await popup.locator('.page-panel').innerText()).not.toContain(SITE_ACCESS_MESSAGE);
    await popup.close();
    await page.close();
  });
});
