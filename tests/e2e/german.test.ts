/**
 * Gloss in German in the real browser: Chromium's interface language (LANGUAGE=de) picks
 * public/_locales/de for the hover card, the popup and the toolbar button, with browser.i18n filling
 * in the placeholders. (The DOM tests check the catalogue's texts; this checks that the browser uses them.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardDialog, markOf, openPopup, startSession, tabIdOf, waitForScan, type GlossSession } from './support/helpers';

let session: GlossSession;
let page: Page;
let tabId: number;

beforeAll(async () => {
  session = await startSession({ language: 'de', settings: { highlightEngine: 'mark' } });
  const uiLanguage = await session.serviceWorker.evaluate(() => chrome.i18n.getUILanguage());
  if (!uiLanguage.startsWith('de')) {
    throw new Error(
      `Chromium's interface stayed "${uiLanguage}" with LANGUAGE=de: its German language files are missing. ` +
        'On Debian install them with: apt-get install -y chromium-l10n',
    );
  }
  page = await session.context.newPage();
  await page.goto(session.server.fixtureUrl('demo.html'));
  tabId = await tabIdOf(session.serviceWorker, page);
  await waitForScan(session.serviceWorker, tabId);
});

afterAll(async () => {
  await session?.close();
});

describe('Gloss in a German browser', () => {
  it('speaks German in the hover card', async () => {
    await markOf(page, 'mikhail-bogdanov', '#bogdanov-paragraph').hover();
    const dialog = cardDialog(page, 'Mikhail Bogdanov');
    await dialog.waitFor({ state: 'visible', timeout: 5_000 });
    await expect.poll(() => dialog.textContent()).toMatch(/Person · \d+ Fakten/);
    expect(await dialog.getByRole('button', { name: 'Im Artikel lesen' }).count()).toBeGreaterThan(0);
  });

  it('speaks German in the popup', async () => {
    const popup = await openPopup(session.context, session.extensionId, tabId);
    await popup.getByPlaceholder('Fakten durchsuchen …').waitFor({ timeout: 5_000 });
    for (const name of ['Auf dieser Website markieren', 'In diesem Tab markieren', 'Überall markieren']) {
      expect(await popup.getByRole('switch', { name, exact: true }).isChecked()).toBe(true);
    }
    // The footer's longer German words and keys ("Alt+Umschalttaste+K") break no link over two lines.
    const footer = popup.locator('.popup__footer');
    // The shown line (the screen readers' copy of it, with what the keys do, is hidden).
    await footer.locator('.popup__shortcut [aria-hidden="true"]').getByText('Karte öffnen:').waitFor({ timeout: 5_000 });
    const linkLines = await footer.getByRole('button').evaluateAll((buttons) =>
      buttons.map((button) => {
        const text = document.createRange();
        text.selectNodeContents(button);
        return [button.textContent, new Set([...text.getClientRects()].map((line) => Math.round(line.top))).size];
      }),
    );
    expect(linkLines).toEqual([
      ['Einstellungen', 1],
      ['Artikel lesen', 1],
    ]);
    await popup.close();
  });

  it('speaks German on the toolbar button', async () => {
    const title = await session.serviceWorker.evaluate((id: number) => chrome.action.getTitle({ tabId: id }), tabId);
    expect(title).toMatch(/^Gloss: \d+ Begriffe aus dem Artikel auf dieser Seite$/);
  });
});
