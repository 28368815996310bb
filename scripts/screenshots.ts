/**
 * `npm run screenshots`: the README's pictures of a card on the demo page, in light and dark.
 * Needs a build (`npm run build`) and Chromium (CHROME_PATH or /usr/bin/chromium).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, englishBrowserEnv, findChromium, loadExtensionArgs } from '../tests/e2e/support/browser';
import { DEMO_URL, startDemoServer } from './demo-server';

const extension = resolve('.output/chrome-mv3');
const profile = await mkdtemp(join(tmpdir(), 'gloss-shots-'));
startDemoServer();
const context = await chromium.launchPersistentContext(profile, {
  executablePath: findChromium(),
  headless: true,
  viewport: { width: 1100, height: 720 },
  deviceScaleFactor: 1,
  args: [...loadExtensionArgs(extension), ...CHROMIUM_ARGS],
  env: englishBrowserEnv(),
});
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(DEMO_URL);
    const target = page.locator('#bogdanov-paragraph');
    await target.scrollIntoViewIfNeeded();
    // Point at "Bogdanov" in the paragraph, measured in the page (the default engine adds no elements).
    const point = (await page.evaluate(`(() => {
      const paragraph = document.getElementById('bogdanov-paragraph');
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.data.indexOf('Bogdanov');
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 8);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      return null;
    })()`)) as { x: number; y: number } | null;
    if (!point) throw new Error('No "Bogdanov" in #bogdanov-paragraph of the demo page');
    await page.waitForTimeout(800);
    await page.mouse.move(point.x, point.y);
    await page.locator('gloss-card [role="dialog"]').waitFor();
    await page.waitForTimeout(300);
    const file = `docs/images/card-${scheme}.png`;
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(0);
