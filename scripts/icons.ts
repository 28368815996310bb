/**
 * `npm run icons`: draws Gloss's icons and writes them to public/icon/ as PNGs, which are committed
 * (WXT lists public/icon/<size>.png in the manifest). The drawing is here, as SVG: a "G" on a tile in
 * the toolbar badge's colour, underlined as Gloss underlines a name. The grey set is the toolbar
 * button's on a page where Gloss is off (src/ui/badge.ts). Rendered by Chromium (CHROME_PATH or
 * /usr/bin/chromium), so edges are smoothed as in a browser.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../tests/e2e/support/browser';

interface IconColors {
  tile: string;
  letter: string;
  underline: string;
}

/** The badge's colours (src/ui/badge.ts): teal where Gloss is on, stone where it is off. */
const ICON_SETS: { dir: string; sizes: number[]; colors: IconColors }[] = [
  // 16 and 32: the toolbar; 48: the extensions page; 96 and 128: install dialogs and stores.
  { dir: 'public/icon', sizes: [16, 32, 48, 96, 128], colors: { tile: '#0f766e', letter: '#ffffff', underline: '#fcd34d' } },
  { dir: 'public/icon/off', sizes: [16, 32], colors: { tile: '#78716c', letter: '#ffffff', underline: '#d6d3d1' } },
];

/** Strokes are thick enough to stay two pixels wide at 16 px. */
function iconSvg(size: number, { tile, letter, underline }: IconColors): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <rect x="6" y="6" width="116" height="116" rx="26" fill="${tile}"/>
  <path d="M 88 36 A 32 32 0 1 0 96 60 H 68" fill="none" stroke="${letter}" stroke-width="15" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M 30 104 H 98" stroke="${underline}" stroke-width="10" stroke-linecap="round"/>
</svg>`;
}

const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_ARGS] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { dir, sizes, colors } of ICON_SETS) {
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<body style="margin:0">${iconSvg(size, colors)}</body>`);
      const file = resolve(join(dir, `${size}.png`));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      console.log(`wrote ${file}`);
    }
  }
} finally {
  await browser.close();
}
