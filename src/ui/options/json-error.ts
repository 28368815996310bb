/**
 * Where JSON text stops being valid JSON. Browsers word JSON.parse errors differently, and V8 often
 * gives no position at all ("Unexpected token '}', … is not valid JSON"); this scanner follows the
 * JSON grammar (RFC 8259, as JSON.parse reads it) to find the first offending character, so the
 * options page can say "line 4, column 3" in every browser.
 */

export interface JsonErrorPosition {
  /** UTF-16 offset of the first character that cannot be there (the text's length if it ends too soon). */
  offset: number;
  /** 1-based line and column of that character. */
  line: number;
  column: number;
}

class Invalid {
  constructor(readonly offset: number) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function scan(text: string): void {
  let i = 0;
  const fail = (at = i): never => {
    throw new Invalid(Math.min(at, text.length));
  };
  const skipWhitespace = () => {
    while (i < text.length && WHITESPACE.has(text[i] ?? '')) i++;
  };
  const expectWord = (word: string) => {
    for (const char of word) {
      if (text[i] !== char) fail();
      i++;
    }
  };
  const digits = () => {
    const start = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === start) fail();
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const char = text[i]!;
      if (char === '"') {
        i++;
        return;
      }
      if (char < ' ') fail();
      if (char === '\\') {
        const escape = text[i + 1];
        if (escape === 'u') {
          for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) fail(i + k);
          i += 6;
        } else if (escape !== undefined && ESCAPES.has(escape)) i += 2;
        else fail(i + 1);
      } else i++;
    }
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (): void => {
    skipWhitespace();
    const char = text[i];
    if (char === '{') {
      i++;
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipWhitespace();
        if (text[i] !== '"') fail();
        string();
        skipWhitespace();
        if (text[i] !== ':') fail();
        i++;
        value();
        skipWhitespace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '[') {
      i++;
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        skipWhitespace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    if (char === 't') return expectWord('true');
    if (char === 'f') return expectWord('false');
    if (char === 'n') return expectWord('null');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    fail();
  };
  value();
  skipWhitespace();
  if (i < text.length) fail();
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  const line = (before.match(/\r\n|\r|\n/g) ?? []).length + 1;
  return { line, column: offset - lineStart + 1 };
}

/** Where `text` stops being valid JSON; undefined if it is valid. */
export function jsonErrorPosition(text: string): JsonErrorPosition | undefined {
  try {
    scan(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return { offset: error.offset, ...lineAndColumn(text, error.offset) };
  }
}
