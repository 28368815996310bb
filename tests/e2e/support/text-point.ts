/** Where a piece of text is in the viewport. */
export interface TextPoint {
  x: number;
  y: number;
  left: number;
  bottom: number;
}

/**
 * Run in a page: the viewport centre of the `nth` occurrence of `needle` in the text under `root` (a
 * shadow host's text is looked for in its shadow root), with the left and bottom edges of its first
 * line, or null. Self-contained, so that both
 * Playwright (`locator.evaluate`) and puppeteer (`page.$eval`, the Firefox test) can send it there.
 */
export function centreOfTextIn(root: Element, { needle, nth }: { needle: string; nth: number }): TextPoint | null {
  const walker = document.createTreeWalker(root.shadowRoot ?? root, NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    for (let index = data.indexOf(needle); index >= 0; index = data.indexOf(needle, index + 1)) {
      if (seen++ < nth) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + needle.length);
      const box = range.getClientRects()[0];
      return box ? { x: box.left + box.width / 2, y: box.top + box.height / 2, left: box.left, bottom: box.bottom } : null;
    }
  }
  return null;
}
