import type { PackManifest } from './schema';

/**
 * A fact's quote as a reader would cite it: the article's own words in quotation marks, then the
 * article, its publisher and address where the pack gives them. Plain text, for pasting anywhere.
 */
export function citation(quote: string, source: PackManifest['source']): string {
  const where = [source.title, source.publisher, source.url].filter((part): part is string => Boolean(part));
  return `“${quote}” — ${where.join(', ')}`;
}
