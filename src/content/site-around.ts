import { siteKey } from '@/src/core/settings-base';

/**
 * The site of the page a frame is in. The per-site switch turns Gloss off on the site the reader
 * sees, the frames of other sites in its pages included (an embedded article, an ad), so a frame
 * heeds its own site and this one.
 *
 * Browsers tell a frame its ancestors' origins (`location.ancestorOrigins`, the top page's last);
 * Firefox before 153 does not (`undefined`), and an `<iframe referrerpolicy="no-referrer">` (Firefox)
 * or a top page with an opaque origin gives "null". There the background reads the site from the
 * tab (`askBackground`). Undefined where neither can tell (the tab shows a page Gloss may not read).
 */
export function siteAroundFrame(
  ancestorOrigins: ArrayLike<string> | undefined,
  askBackground: () => Promise<string | undefined>,
): string | undefined | Promise<string | undefined> {
  const top = ancestorOrigins && ancestorOrigins.length > 0 ? ancestorOrigins[ancestorOrigins.length - 1] : undefined;
  if (top && top !== 'null') return siteKey(top) || undefined;
  return askBackground().catch(() => undefined);
}
