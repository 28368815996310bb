/**
 * Text for a Latin-1 pattern to run over, in characters that V8 stores in one byte each.
 *
 * V8 compiles a RegExp to machine code once for one-byte strings and again for two-byte strings:
 * for the alias pattern that second compilation took about 2 ms in a page's first scan (Chromium
 * 156). A text node with one character beyond Latin-1 (a curly quote, a dash) is a two-byte string,
 * and so is what folding and lower-casing make of it, even when folding left only ASCII ("–" became
 * "-"). When every character of a pattern is within Latin-1, it can match a character beyond Latin-1
 * only as `\s`, so such a text is made again, one byte per character, with each character beyond
 * Latin-1 replaced by a space if it is one and by a symbol no pattern contains otherwise. The pattern
 * finds the same matches at the same offsets and only ever meets one-byte strings; everything else
 * (word ends, letter case, context) is still read from the text itself.
 */

/** ¤: a symbol, which no alias pattern contains (see `patternIsLatin1`). */
const STAND_IN = '\u00a4';
const BEYOND_LATIN1 = /[^\x00-\xff]/;
/** Whitespace beyond Latin-1, which `\s` matches (folded text has only U+2028 and U+2029 left of it). */
const SPACES_BEYOND_LATIN1 = /[\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const OTHERS_BEYOND_LATIN1 = new RegExp(BEYOND_LATIN1.source, 'g');

/** Whether `latin1Subject` may stand in for the text a pattern with this source runs over. */
export function patternIsLatin1(source: string): boolean {
  return !BEYOND_LATIN1.test(source) && !source.includes(STAND_IN);
}

/**
 * `text` (`original` folded and lower-cased) with each UTF-16 unit beyond Latin-1 replaced (see
 * above), as a one-byte string. `replace` on a two-byte string returns a two-byte one whatever it
 * holds; `JSON.parse` stores a string one byte per character whenever it can, in native code (for
 * 200 paragraphs, 0.5 ms where building the strings with `String.fromCharCode` took 2.3 ms). A text
 * from an all Latin-1 original is returned as it is: browsers give such text nodes as one-byte
 * strings.
 */
export function latin1Subject(text: string, original: string): string {
  if (!BEYOND_LATIN1.test(original)) return text;
  const latin1 = text.replace(SPACES_BEYOND_LATIN1, ' ').replace(OTHERS_BEYOND_LATIN1, STAND_IN);
  return String(JSON.parse(JSON.stringify(latin1)));
}
