/** WCAG contrast between two CSS colours as the browser computes them (`rgb(…)` / `rgba(…)`). */

interface Rgba {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** Parses a computed colour: `rgb(26, 29, 33)`, `rgba(0, 0, 0, 0.5)` or `rgb(26 29 33 / 0.5)`. */
export function parseComputedColor(color: string): Rgba {
  const match = /^rgba?\(([^)]+)\)$/.exec(color.trim());
  const parts = match?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number) ?? [];
  const [red, green, blue, alpha = 1] = parts;
  if (red === undefined || green === undefined || blue === undefined || parts.some(Number.isNaN)) {
    throw new Error(`not a computed rgb() colour: ${color}`);
  }
  return { red, green, blue, alpha };
}

const WHITE: Rgba = { red: 255, green: 255, blue: 255, alpha: 1 };

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (upper: number, lower: number) => upper * top.alpha + lower * (1 - top.alpha);
  return { red: mix(top.red, bottom.red), green: mix(top.green, bottom.green), blue: mix(top.blue, bottom.blue), alpha: 1 };
}

function relativeLuminance({ red, green, blue }: Rgba): number {
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/**
 * The contrast ratio (1 to 21) of text in `foreground` on `backgrounds`: one colour, or the
 * backgrounds of an element and its ancestors, nearest first, each translucent one painted over the
 * next (and the last over white, as a page with no background is shown).
 */
export function contrastRatio(foreground: string, backgrounds: string | readonly string[]): number {
  const layers = typeof backgrounds === 'string' ? [backgrounds] : backgrounds;
  const ground = layers.reduceRight<Rgba>((below, layer) => over(parseComputedColor(layer), below), WHITE);
  const text = over(parseComputedColor(foreground), ground);
  const [lighter, darker] = [relativeLuminance(text), relativeLuminance(ground)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}
