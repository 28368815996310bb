/**
 * Folds text for matching: diacritics removed (Tartūs → Tartus), typographic apostrophes and hyphens
 * made plain, invisible characters (soft hyphens, zero-width and bidi controls) dropped. Matches found
 * in folded text are mapped back to offsets in the original text.
 */

const DROPPED = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const APOSTROPHES = /[\u2018\u2019\u201B\u02BB\u02BC\u02BE\u02BF\u0060\u00B4\u2032]/u;
const HYPHENS = /[\u2010-\u2015\u2212\uFE63\uFF0D]/u;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/u;
const COMBINING_MARK = /\p{M}/gu;
const ASCII_ONLY = /^[\x00-\x7F]*$/;
const NON_ASCII = /[^\x00-\x7F]/gu;
/** Every character `foldChar` changes that has no canonical decomposition. */
const FOLDED_AS_IS = new RegExp(`[${[DROPPED, APOSTROPHES, HYPHENS, SPACES].map((set) => set.source.slice(1, -1)).join('')}\\p{M}]`, 'u');

const foldedChars = new Map<string, string>();

/** Folds one code point (one or two UTF-16 units). */
export function foldChar(char: string): string {
  const cached = foldedChars.get(char);
  if (cached !== undefined) return cached;
  let folded: string;
  if (DROPPED.test(char)) folded = '';
  else if (APOSTROPHES.test(char)) folded = "'";
  else if (HYPHENS.test(char)) folded = '-';
  else if (SPACES.test(char)) folded = ' ';
  else folded = char.normalize('NFD').replace(COMBINING_MARK, '');
  foldedChars.set(char, folded);
  return folded;
}

export interface FoldedText {
  text: string;
  /**
   * For each UTF-16 unit of `text`, the offset of the original unit it came from; null when the text
   * needed no folding and offsets are shared.
   */
  origins: Uint32Array | null;
}

export function foldText(original: string): FoldedText {
  if (ASCII_ONLY.test(original)) return { text: original, origins: null };
  // Most non-ASCII text (Arabic, Chinese, typographic quotes aside) folds to itself: the browser's
  // normalizer says so far faster than folding it character by character.
  if (!FOLDED_AS_IS.test(original) && original.normalize('NFD') === original) return { text: original, origins: null };
  // Typographic quotes, dashes and accented letters fold one unit to one: offsets stay shared.
  let sameLength = true;
  const replaced = original.replace(NON_ASCII, (char) => {
    const folded = foldChar(char);
    if (folded.length !== char.length) sameLength = false;
    return folded;
  });
  if (sameLength) return { text: replaced, origins: null };
  let text = '';
  const origins: number[] = [];
  let changed = false;
  for (let index = 0; index < original.length; ) {
    const codePoint = original.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const char = original.slice(index, index + width);
    const folded = codePoint < 0x80 ? char : foldChar(char);
    if (folded !== char) changed = true;
    text += folded;
    for (let unit = 0; unit < folded.length; unit++) origins.push(index);
    index += width;
  }
  if (!changed) return { text: original, origins: null };
  return { text, origins: Uint32Array.from(origins) };
}

const MARK = /\p{M}/u;

/** Maps a half-open range of folded text back to the original text. */
export function originalRange(folded: FoldedText, original: string, start: number, end: number): [number, number] {
  const { origins } = folded;
  if (!origins) return [start, end];
  const originalStart = origins[start] ?? original.length;
  const last = origins[end - 1] ?? original.length - 1;
  let originalEnd = last + ((original.codePointAt(last) ?? 0) > 0xffff ? 2 : 1);
  // Combining marks written after the last letter belong to it; invisible characters do not.
  while (originalEnd < original.length && MARK.test(original.charAt(originalEnd))) originalEnd++;
  return [originalStart, originalEnd];
}

/** Folds a string with no need for offsets (aliases, search terms). */
export function foldString(value: string): string {
  return foldText(value).text;
}
