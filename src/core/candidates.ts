/**
 * Whether a text may mention anything of the bundled pack, with the matcher's own pattern and no alias
 * table (see `candidateData`): a frame's check before Gloss starts there (src/content/candidate-watch.ts).
 * False means the matcher finds nothing in the text.
 */
import { aliasPattern, caseFormOf, compileToMachineCode, keyOf, patternInput, wordCharAt, wordCharBefore, type CandidateData } from './matcher';

export class CandidateFinder {
  readonly #pattern: RegExp | null;
  /** See text/latin1.ts. */
  readonly #latin1: boolean;
  readonly #oneCase: ReadonlyMap<string, readonly string[]>;

  constructor({ pattern, oneCase }: CandidateData) {
    ({ pattern: this.#pattern, latin1: this.#latin1 } = aliasPattern(pattern));
    if (this.#pattern) compileToMachineCode(this.#pattern);
    this.#oneCase = new Map(Object.entries(oneCase));
  }

  /** Whether `text` may mention something; for a long text, call it window by window. */
  mayMention(text: string): boolean {
    const pattern = this.#pattern;
    if (!pattern) return false;
    const { folded, lowered, subject } = patternInput(text, this.#latin1);
    pattern.lastIndex = 0;
    try {
      for (let found = pattern.exec(subject); found; found = pattern.exec(subject)) {
        const start = found.index;
        if (!wordCharBefore(lowered, start) && this.#endsWordAt(folded.text, lowered, subject, start, found[0])) return true;
        // The expression would have gone on to the next position: so does the search.
        pattern.lastIndex = start + 1;
      }
      return false;
    } finally {
      pattern.lastIndex = 0;
    }
  }

  /** Whether the alias `matched` at `start`, or a shorter one it begins with, ends a word there in a case it allows. */
  #endsWordAt(folded: string, lowered: string, subject: string, start: number, matched: string): boolean {
    for (let alias: string | null = matched; alias !== null; alias = this.#longestAt(subject, start, alias.length - 1)) {
      if (wordCharAt(lowered, start + alias.length)) continue;
      const cases = this.#oneCase.get(keyOf(alias));
      if (!cases || cases.includes(caseFormOf(folded.slice(start, start + alias.length)))) return true;
    }
    return false;
  }

  /** The longest alias that starts at `start` of the pattern's subject and is at most `maxLength` long, if any. */
  #longestAt(subject: string, start: number, maxLength: number): string | null {
    const pattern = this.#pattern;
    if (!pattern || maxLength <= 0) return null;
    const resume = pattern.lastIndex;
    pattern.lastIndex = 0;
    const found = pattern.exec(subject.slice(start, start + maxLength));
    pattern.lastIndex = resume;
    return found?.index === 0 ? found[0] : null;
  }
}
