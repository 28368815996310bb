/** Whether the page is dark, so the card matches what the reader is looking at. */

function parseRgb(color: string): [number, number, number, number] | null {
  const parts = color.match(/[\d.]+/g);
  if (!parts || parts.length < 3) return null;
  const [r = 0, g = 0, b = 0, a = 1] = parts.map(Number);
  return [r, g, b, parts.length >= 4 ? a : 1];
}

function luminance([r, g, b]: [number, number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Read once per card, never in a hot path: computed styles force style recalculation. */
export function pageTheme(document: Document): 'light' | 'dark' {
  const view = document.defaultView;
  for (const element of [document.body, document.documentElement]) {
    if (!element || !view) continue;
    const background = parseRgb(view.getComputedStyle(element).backgroundColor);
    if (background && background[3] > 0.5) return luminance(background) < 0.25 ? 'dark' : 'light';
  }
  // A transparent page shows the browser's canvas, which follows the colour scheme.
  const scheme = view ? view.getComputedStyle(document.documentElement).colorScheme : '';
  if (scheme.includes('dark') && !scheme.includes('light')) return 'dark';
  if (scheme.includes('dark') && view?.matchMedia('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'light';
}
