/** Small statistics for benchmark runs: median and spread of a few runs, geometric means. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median (mean of the middle two for an even count), min and max; null for no values. */
export function spread(values: readonly (number | null | undefined)[]): Spread | null {
  const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (numbers.length === 0) return null;
  const middle = numbers.length >> 1;
  const median = numbers.length % 2 === 1 ? numbers[middle]! : (numbers[middle - 1]! + numbers[middle]!) / 2;
  return { median, min: numbers[0]!, max: numbers.at(-1)!, n: numbers.length };
}

export function median(values: readonly (number | null | undefined)[]): number | null {
  return spread(values)?.median ?? null;
}

export function geometricMean(values: readonly (number | null | undefined)[]): number | null {
  const positive = values.filter((value): value is number => typeof value === 'number' && value > 0 && Number.isFinite(value));
  if (positive.length === 0) return null;
  return Math.exp(positive.reduce((sum, value) => sum + Math.log(value), 0) / positive.length);
}

/** The item with the largest `key`, the first of equals; null for no items. */
export function largestBy<T>(items: readonly T[], key: (item: T) => number): T | null {
  let largest: T | null = null;
  let largestKey = -Infinity;
  for (const item of items) {
    const value = key(item);
    if (largest === null || value > largestKey) {
      largest = item;
      largestKey = value;
    }
  }
  return largest;
}

export function round(value: number | null | undefined, digits = 1): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
