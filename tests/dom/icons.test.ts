/**
 * The icons in public/icon (drawn by scripts/icons.ts): every size the manifest and the toolbar
 * button name is there, a PNG of that size with see-through corners.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOOLBAR_ICONS } from '../../src/ui/badge';

const PUBLIC_DIR = join(process.cwd(), 'public');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the PNG's header chunk, which always comes first. */
function pngSize(path: string): { width: number; height: number; colorType: number } {
  const bytes = readFileSync(join(PUBLIC_DIR, path));
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `${path} is not a PNG`).toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes.readUInt8(25) };
}

/** PNG colour type 6: RGBA, so the tile's rounded corners are transparent, not white. */
const RGBA = 6;

describe('icons', () => {
  // 16 and 32 for the toolbar, 48 for the extensions page, 128 for install dialogs and stores.
  it.each([16, 32, 48, 96, 128])('has the extension icon at %i px', (size) => {
    expect(pngSize(`icon/${size}.png`)).toEqual({ width: size, height: size, colorType: RGBA });
  });

  it.each(Object.entries(TOOLBAR_ICONS))('has the toolbar button’s %s icon at every size it names', (_state, paths) => {
    for (const [size, path] of Object.entries(paths)) {
      expect(path.startsWith('/'), 'paths from the extension root, as action.setIcon resolves them').toBe(true);
      expect(pngSize(path.slice(1))).toEqual({ width: Number(size), height: Number(size), colorType: RGBA });
    }
  });
});
