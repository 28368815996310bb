/**
 * One compiled matcher for every alias of every entity: a single RegExp run once over each text,
 * so the cost of scanning a page does not grow with the number of terms.
 */
import type { Alias, Entity } from './pack/compile';
import { foldString, foldText, originalRange, type FoldedText } from './text/fold';
import { latin1Subject, patternIsLatin1 } from './text/latin1';

export interface TextMatch {
  /** UTF-16 offsets in the original (unfolded) text. */
  start: number;
  end: number;
  entityId: string;
  /** The alias as written in the pack. */
  alias: string;
  /** Page-level conditions of the alias (see PageContext). */
  needsContext: boolean;
  needsStory: boolean;
  shortForm: boolean;
  /** Ruled out by the words around it: another sense, or another bearer of the name. */
  ruledOut: boolean;
}

/** What the matcher knows of an alias once it matched. */
interface AliasEntry {
  entityId: string;
  /** The alias as written in the pack. */
  text: string;
  needsContext: boolean;
  needsStory: boolean;
  shortForm: boolean;
  /** Folded, lower-cased words that rule the match out when they follow or precede it. */
  notBefore: string[];
  notAfter: string[];
  /**
   * The letter cases the page may write it in (folded, spaces and hyphens as one space), or null
   * for any case. The pattern itself matches lower-cased text, so case is checked here.
   */
  cases: string[] | null;
  /**
   * Pattern of the shorter aliases this one begins with ("Tartus" in "Tartus Naval Base"), tried
   * at the same place when the page writes the longer one in a case it does not allow.
   */
  shorter: string | null;
}

/**
 * A matcher as plain data (JSON), so the bundled pack's can be built once at build time and the
 * content script skips the work on every page.
 */
export interface CompiledMatcher {
  /** The RegExp source (flags PATTERN_FLAGS) over lower-cased folded text, or null when there is nothing to match. */
  pattern: string | null;
  /** Alias entries by the key of a matched text (see `aliasKey`). */
  entries: [key: string, entry: AliasEntry][];
}

/**
 * A compiled matcher in fewer bytes, as the content script carries it (it parses it on every page):
 * one row per entry, `[key, entityId, text, flags, cases, shorter, notBefore, notAfter]`, where
 * flags is 1 for needsContext plus 2 for shortForm plus 4 for needsStory, `cases` 0 means any case, a list
 * of context words written before is the number of the first row that has it (a pack repeats its guard
 * words on every spelling of a phrase), and trailing defaults are left out (flags 0; cases: those of
 * the proper rule, see caseVariants; no shorter; no words).
 */
export interface PackedMatcher {
  pattern: string | null;
  rows: PackedEntry[];
}

/**
 * A packed matcher as the content script carries it: its rows stay JSON text until a page first
 * matches an alias, so a page (or frame) that mentions nothing never builds them.
 */
export interface DeferredPackedMatcher {
  pattern: string | null;
  rowsJson: string;
}

type PackedEntry = [
  key: string,
  entityId: string,
  text: string,
  flags?: number,
  cases?: string[] | 0 | null,
  shorter?: string | null,
  notBefore?: PackedWords,
  notAfter?: PackedWords,
];
/** Context words, or the number of the first row with the same words in the same place. */
type PackedWords = string[] | number;
const NOT_BEFORE_AT = 6;
const NOT_AFTER_AT = 7;

/** Flags of the compiled pattern: global (one pass over a text), Unicode (`\p{L}` and astral text). */
export const PATTERN_FLAGS = 'gu';

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
/** Longer than any alias plus the context read around it (48 characters each side): windows of a long text overlap this much. */
const WINDOW_OVERLAP = 256;
/** A letter or digit at the end or the start of a string, as a whole code point (as a `u` pattern's lookaround sees it). */
const WORD_CHAR_AT_END = /[\p{L}\p{N}]$/u;
const WORD_CHAR_AT_START = /^[\p{L}\p{N}]/u;
const SPACES_AND_HYPHENS = /[\s-]+/gu;
/** Long enough for V8 to compile a pattern straight to machine code (see `compileToMachineCode`). */
const PREPARE_SUBJECT = ' '.repeat(1024);

/**
 * V8 first compiles a RegExp to bytecode and recompiles it to machine code on its next use, unless
 * the first subject is long (1,000 characters or more): then it compiles machine code at once,
 * which for an alias pattern costs about a third of the two compilations. Page texts are mostly
 * short, so a pattern is run once on a long blank text before them.
 */
export function compileToMachineCode(pattern: RegExp): void {
  pattern.lastIndex = 0;
  pattern.exec(PREPARE_SUBJECT);
  pattern.lastIndex = 0;
}
const NO_ALIASES: PackedMatcher = { pattern: null, rows: [] };

/** The RegExp of an alias pattern's source, and whether it runs over `latin1Subject`s (text/latin1.ts). */
export function aliasPattern(source: string | null): { pattern: RegExp | null; latin1: boolean } {
  return source === null ? { pattern: null, latin1: false } : { pattern: new RegExp(source, PATTERN_FLAGS), latin1: patternIsLatin1(source) };
}

/**
 * A text as an alias pattern reads it: folded (offsets map back to `text`), lower-cased at the same
 * length (one lower-case pattern compiles several times faster than one that spells out each alias's
 * letter cases; the cases an alias allows are checked on the few matches instead), and what the
 * pattern runs over: the same text, as one-byte characters where it can be (text/latin1.ts).
 */
export function patternInput(text: string, latin1: boolean): { folded: FoldedText; lowered: string; subject: string } {
  const folded = foldText(text);
  const lowered = lowerCaseSameLength(folded.text);
  return { folded, lowered, subject: latin1 ? latin1Subject(lowered, text) : lowered };
}

/**
 * A pattern of `compileMatcher` that itself finds whole words only, as a search without the
 * matcher's boundary checks needs (the benchmark's floor, tests).
 */
export function wholeWordPattern(pattern: string): string {
  return `(?<!${LETTER_OR_DIGIT})(?:${pattern})(?!${LETTER_OR_DIGIT})`;
}

/** An ASCII letter or digit: what `[\p{L}\p{N}]` matches below U+0080. */
function isAsciiWordChar(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a);
}

// ASCII neighbours are decided by their code: the Unicode patterns are compiled (a few tenths of a
// millisecond each) only on a page where a match touches other text.

/** Whether a letter or digit ends right before `index`. */
export function wordCharBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const code = text.charCodeAt(index - 1);
  return code < 0x80 ? isAsciiWordChar(code) : WORD_CHAR_AT_END.test(text.slice(Math.max(0, index - 2), index));
}

/** Whether a letter or digit starts at `index`. */
export function wordCharAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const code = text.charCodeAt(index);
  return code < 0x80 ? isAsciiWordChar(code) : WORD_CHAR_AT_START.test(text.slice(index, index + 2));
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The pattern of an alias, one token per character. Page text may break a name across spaces or
 * line breaks, or write a hyphen as a space.
 */
function tokensFor(lowerCased: string): string[] {
  const tokens: string[] = [];
  for (const char of lowerCased) {
    if (/\s/u.test(char)) tokens.push('\\s+');
    else if (char === '-') tokens.push('[-\\s]');
    else tokens.push(escapeRegExp(char));
  }
  return tokens;
}

/**
 * The letter cases a rule allows. `proper`: as written, with its first letter capitalised, with every
 * word's (a headline's "Hayat Tahrir Al-Sham", as many outlets write "Ahmed Al-Sharaa"), or in capitals.
 */
function caseVariants(folded: string, rule: Alias['case']): string[] {
  if (rule === 'exact') return [folded];
  const capitalised = folded.charAt(0).toUpperCase() + folded.slice(1);
  const everyWordCapitalised = folded.replace(/(^|[\s-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
  return [...new Set([folded, capitalised, everyWordCapitalised, folded.toUpperCase()])];
}

/** The lookup key of a matched or alias text: letter case and space/hyphen differences removed. */
export function keyOf(foldedText: string): string {
  return foldedText.toLowerCase().replace(SPACES_AND_HYPHENS, ' ');
}

/** A matched or alias text as its letter case is checked: spaces and hyphens made one space. */
export function caseFormOf(foldedText: string): string {
  return foldedText.replace(SPACES_AND_HYPHENS, ' ');
}

/** The key under which the matcher knows an alias; two aliases with one key are one spelling. */
export function aliasKey(aliasText: string): string {
  return keyOf(foldString(aliasText));
}

function startsWithWord(text: string, word: string): boolean {
  return text.startsWith(word) && !wordCharAt(text, word.length);
}

/**
 * Lower-cases text without changing its length, so offsets stay shared. After folding (which takes
 * the dot off "İ") `toLowerCase` keeps every length; a character it would lengthen is kept as is.
 */
export function lowerCaseSameLength(text: string): string {
  const lowered = text.toLowerCase();
  if (lowered.length === text.length) return lowered;
  let result = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    result += lower.length === char.length ? lower : char;
  }
  return result;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** An alias ends here. */
  end: boolean;
  /** Tokens in the longest alias through here, counted from here. */
  depth: number;
}

/**
 * One alternation of aliases, shaped as a tree of shared beginnings ("tartus(?:\\s+naval\\s+base)?"):
 * at each position the engine tests one branch per next character instead of every alias, which
 * makes the scan several times faster and the pattern quicker to compile. Where an alias ends and
 * a longer one goes on, the longer is tried first (a greedy optional group), so "Tartus Naval Base"
 * wins over "Tartus" at the same position.
 */
function alternation(aliases: Iterable<readonly string[]>): string {
  const root: TrieNode = { children: new Map(), end: false, depth: 0 };
  for (const tokens of aliases) {
    let node = root;
    for (const token of tokens) {
      let child = node.children.get(token);
      if (!child) node.children.set(token, (child = { children: new Map(), end: false, depth: 0 }));
      node = child;
    }
    node.end = true;
  }
  const depthOf = (node: TrieNode): number => {
    node.depth = 0;
    for (const child of node.children.values()) node.depth = Math.max(node.depth, 1 + depthOf(child));
    return node.depth;
  };
  depthOf(root);
  const patternOf = (node: TrieNode): string => {
    // Branches can overlap (a hyphen may be written as a space): the deeper is tried first.
    const branches = [...node.children]
      .sort(([, a], [, b]) => b.depth - a.depth)
      .map(([token, child]) => token + patternOf(child));
    if (branches.length === 0) return '';
    if (node.end) return `(?:${branches.join('|')})?`;
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return patternOf(root);
}

/** Builds the single pattern and the alias table for `entities`. */
export function compileMatcher(entities: readonly Entity[]): CompiledMatcher {
  const entries = new Map<string, AliasEntry>();
  const alternatives = new Map<string, { tokens: string[]; key: string }>();
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      const folded = foldString(alias.text);
      const key = aliasKey(alias.text);
      // Spellings that differ only in case or hyphenation ("NATO", "Nato") share one entry, and
      // the cases either allows. The pack compiler rejects such a pair across two entities.
      let entry = entries.get(key);
      if (!entry) {
        entry = {
          entityId: entity.id,
          text: alias.text,
          needsContext: alias.needsContext,
          needsStory: alias.needsStory,
          shortForm: alias.shortForm,
          notBefore: alias.notBefore.map((word) => keyOf(foldString(word))),
          notAfter: alias.notAfter.map((word) => keyOf(foldString(word))),
          cases: [],
          shorter: null,
        };
        entries.set(key, entry);
      }
      const variants = caseVariants(folded, alias.case);
      if (alias.case === 'any') entry.cases = null;
      else if (entry.cases) entry.cases = [...new Set([...entry.cases, ...variants.map(caseFormOf)])];
      for (const variant of variants) {
        // Lower-casing can change a length ("ß" in capitals is "SS"): each variant adds its own.
        const lowerCased = variant.toLowerCase();
        alternatives.set(lowerCased, { tokens: tokensFor(lowerCased), key });
      }
    }
  }
  // The shorter aliases an alias begins with end where a word of it ends: look those up by key,
  // rather than comparing every alias with every other (a pack of a few hundred aliases took ms).
  const alternativesByKey = new Map<string, { tokens: string[]; order: number }[]>();
  [...alternatives.values()].forEach(({ tokens, key }, order) => {
    const list = alternativesByKey.get(key) ?? [];
    list.push({ tokens, order });
    alternativesByKey.set(key, list);
  });
  for (const [key, entry] of entries) {
    const prefixes: { tokens: string[]; order: number }[] = [];
    for (let end = 1; end < key.length; end++) {
      if (wordCharAt(key, end)) continue;
      prefixes.push(...(alternativesByKey.get(key.slice(0, end)) ?? []));
    }
    // In the order the aliases were given, as the pattern of all of them has its branches.
    if (prefixes.length > 0) entry.shorter = alternation(prefixes.sort((a, b) => a.order - b.order).map((prefix) => prefix.tokens));
  }
  // Without word-boundary assertions: a lookbehind is tested at every position the search tries
  // (V8 cannot skip ahead to an alias's first letters), which made the search a third slower and
  // the pattern slower to compile. The matcher checks the boundaries of the few matches instead.
  const body = alternation([...alternatives.values()].map((alternative) => alternative.tokens));
  return { pattern: body || null, entries: [...entries] };
}

/**
 * What a frame's check needs to find, in any text, at least every place where the matcher of the
 * same entities finds a mention, and few more (src/core/candidates.ts): the matcher's own pattern,
 * and the letter cases of the aliases the pack allows in one case only ("US", "HTS"), so the word
 * "us" is no candidate. Context words,
 * categories switched off and the cases of other aliases are left to the matcher.
 */
export interface CandidateData {
  /** The pattern of `compileMatcher` (flags PATTERN_FLAGS), over folded lower-cased text. */
  pattern: string | null;
  /** By alias key: the case forms (see `caseFormOf`) of aliases allowed in one case only. */
  oneCase: Record<string, string[]>;
}

export function candidateData(entities: readonly Entity[], compiled: CompiledMatcher = compileMatcher(entities)): CandidateData {
  const oneCase = new Map<string, Set<string>>();
  const anyCase = new Set<string>();
  for (const entity of entities) {
    for (const alias of entity.aliases) {
      const key = aliasKey(alias.text);
      if (alias.case !== 'exact') {
        anyCase.add(key);
        continue;
      }
      const forms = oneCase.get(key) ?? new Set<string>();
      forms.add(caseFormOf(foldString(alias.text)));
      oneCase.set(key, forms);
    }
  }
  // A key that some alias allows in other cases too is checked by the matcher alone.
  return { pattern: compiled.pattern, oneCase: Object.fromEntries([...oneCase].filter(([key]) => !anyCase.has(key)).map(([key, forms]) => [key, [...forms]])) };
}

/**
 * The usual letter cases of an alias written `text`: the `proper` rule's (see caseVariants). A packed
 * row leaves them out, so the pack's many names cost the content script nothing for their cases.
 */
function defaultCases(text: string): string[] {
  return [...new Set(caseVariants(text, 'proper').map(caseFormOf))];
}

/** What each field of a packed row is when left out (the first three are never left out). */
const PACKED_DEFAULTS: readonly unknown[] = [null, null, null, 0, null, null, [], []];

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export function packMatcher(compiled: CompiledMatcher): PackedMatcher {
  const firstRowWith = { notBefore: new Map<string, number>(), notAfter: new Map<string, number>() };
  const packWords = (place: keyof typeof firstRowWith, words: string[], rowIndex: number): PackedWords => {
    if (words.length === 0) return words;
    const asText = words.join('\n');
    const first = firstRowWith[place].get(asText);
    if (first !== undefined) return first;
    firstRowWith[place].set(asText, rowIndex);
    return words;
  };
  const rows = compiled.entries.map(([key, entry], rowIndex): PackedEntry => {
    const row: PackedEntry = [
      key,
      entry.entityId,
      entry.text,
      (entry.needsContext ? 1 : 0) + (entry.shortForm ? 2 : 0) + (entry.needsStory ? 4 : 0),
      entry.cases === null ? 0 : sameList(entry.cases, defaultCases(entry.text)) ? null : entry.cases,
      entry.shorter,
      packWords('notBefore', entry.notBefore, rowIndex),
      packWords('notAfter', entry.notAfter, rowIndex),
    ];
    while (row.length > 3) {
      const last = row.at(-1);
      const fallback = PACKED_DEFAULTS[row.length - 1];
      if (last === fallback || (Array.isArray(last) && last.length === 0 && Array.isArray(fallback))) row.pop();
      else break;
    }
    return row;
  });
  return { pattern: compiled.pattern, rows };
}

/** One packed row as the entry it stands for; `rows`: all of them, for the context words it shares. */
function unpackEntry(row: PackedEntry, rows: readonly PackedEntry[]): AliasEntry {
  const [, entityId, text, flags = 0, cases = null, shorter = null] = row;
  const words = (at: typeof NOT_BEFORE_AT | typeof NOT_AFTER_AT): string[] => {
    const packed = row[at] ?? [];
    return typeof packed === 'number' ? (rows[packed]?.[at] as string[]) : packed;
  };
  return {
    entityId,
    text,
    needsContext: (flags & 1) !== 0,
    needsStory: (flags & 4) !== 0,
    shortForm: (flags & 2) !== 0,
    notBefore: words(NOT_BEFORE_AT),
    notAfter: words(NOT_AFTER_AT),
    cases: cases === 0 ? null : (cases ?? defaultCases(text)),
    shorter,
  };
}

export function unpackMatcher(packed: PackedMatcher): CompiledMatcher {
  return { pattern: packed.pattern, entries: packed.rows.map((row) => [row[0], unpackEntry(row, packed.rows)]) };
}

type MatcherSource = readonly Entity[] | CompiledMatcher | PackedMatcher | DeferredPackedMatcher;

function isPacked(source: MatcherSource): source is PackedMatcher {
  return 'rows' in source;
}

function isDeferred(source: MatcherSource): source is DeferredPackedMatcher {
  return 'rowsJson' in source;
}

function isCompiled(source: readonly Entity[] | CompiledMatcher): source is CompiledMatcher {
  return !Array.isArray(source);
}

/**
 * A pattern with its alias table, compiled once and shared by every matcher made from it: a
 * restricted matcher (see `Matcher.restrictedTo`) costs nothing to make.
 */
class CompiledAliases {
  readonly pattern: RegExp | null;
  /** The pattern is all Latin-1: it runs over `latin1Subject`s, one-byte strings (see text/latin1.ts). */
  readonly latin1: boolean;
  readonly #entries: Map<string, AliasEntry>;
  /**
   * Packed rows not unpacked yet, by key. A page matches a handful of the pack's spellings: the
   * rest are never unpacked (see `entry`).
   */
  readonly #packedRows = new Map<string, PackedEntry>();
  /** Every packed row in order: a row's context words may be those of an earlier row. */
  #rows: readonly PackedEntry[] = [];
  /** Rows still as JSON (see DeferredPackedMatcher), parsed on the first lookup. */
  #rowsJson: string | null = null;
  /** Sticky patterns of shorter aliases, built the first time a case check needs them. */
  readonly #shorterPatterns = new Map<string, RegExp>();
  prepared = false;

  constructor(source: MatcherSource) {
    let patternSource: string | null;
    if (isPacked(source) || isDeferred(source)) {
      patternSource = source.pattern;
      this.#entries = new Map();
      if (isPacked(source)) this.#addRows(source.rows);
      else this.#rowsJson = source.rowsJson;
    } else {
      const compiled = isCompiled(source) ? source : compileMatcher(source);
      patternSource = compiled.pattern;
      this.#entries = new Map(compiled.entries);
    }
    ({ pattern: this.pattern, latin1: this.latin1 } = aliasPattern(patternSource));
  }

  #addRows(rows: readonly PackedEntry[]): void {
    this.#rows = rows;
    for (const row of rows) this.#packedRows.set(row[0], row);
  }

  entry(key: string): AliasEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry) return entry;
    if (this.#rowsJson !== null) {
      this.#addRows(JSON.parse(this.#rowsJson) as PackedEntry[]);
      this.#rowsJson = null;
    }
    const row = this.#packedRows.get(key);
    if (!row) return undefined;
    const unpacked = unpackEntry(row, this.#rows);
    this.#entries.set(key, unpacked);
    return unpacked;
  }

  /** The longest of the shorter aliases `source` (an entry's `shorter`) at `start`, if any. */
  shorterAt(source: string, lowered: string, start: number): string | null {
    let pattern = this.#shorterPatterns.get(source);
    if (!pattern) {
      pattern = new RegExp(`(?:${source})(?!${LETTER_OR_DIGIT})`, 'yu');
      this.#shorterPatterns.set(source, pattern);
    }
    pattern.lastIndex = start;
    return pattern.exec(lowered)?.[0] ?? null;
  }
}

/** What the page scanner needs of a matcher: one pack's (`Matcher`) or several packs' (`MatcherGroup`). */
export interface TextMatcher {
  readonly isEmpty: boolean;
  /** Compiles what the first search would, ahead of it. */
  prepare(): void;
  findAll(text: string, includeRuledOut?: boolean): TextMatch[];
}

export class Matcher implements TextMatcher {
  #aliases: CompiledAliases;
  /** The entities this matcher finds, or null for all of them (see `restrictedTo`). */
  #shown: ReadonlySet<string> | null = null;

  /** From a pack's entities, or from `compileMatcher`'s result made earlier (at build time), packed or not. */
  constructor(source: MatcherSource) {
    this.#aliases = new CompiledAliases(source);
  }

  /**
   * A matcher finding only the given entities, sharing this one's compiled pattern: where the
   * pattern finds an alias of another entity, the longest shorter alias there of a shown one is
   * taken instead, as a pattern of the shown entities' aliases alone would have found. So switching
   * a category off or hiding an entity never recompiles the pack's pattern.
   */
  restrictedTo(entityIds: Iterable<string>): Matcher {
    const restricted = new Matcher(NO_ALIASES);
    restricted.#aliases = this.#aliases;
    restricted.#shown = new Set(entityIds);
    return restricted;
  }

  /**
   * Compiles the pattern to machine code now rather than on the first text scanned: for idle
   * moments such as waiting for settings. Called by the first search otherwise.
   */
  prepare(): void {
    const aliases = this.#aliases;
    const pattern = aliases.pattern;
    if (!pattern || aliases.prepared) return;
    aliases.prepared = true;
    compileToMachineCode(pattern);
  }

  get isEmpty(): boolean {
    return this.#aliases.pattern === null || this.#shown?.size === 0;
  }

  /**
   * Every mention in `text`, in order, none overlapping. With `includeRuledOut`, mentions ruled
   * out by their context words are returned too, flagged, for page-level decisions: the mentions
   * found inside a phrase ruled out overlap it.
   */
  findAll(text: string, includeRuledOut = false): TextMatch[] {
    const { pattern, latin1 } = this.#aliases;
    if (!pattern || this.#shown?.size === 0) return [];
    this.prepare();
    const { folded, lowered, subject } = patternInput(text, latin1);
    const matches: TextMatch[] = [];
    pattern.lastIndex = 0;
    for (let found = pattern.exec(subject); found; found = pattern.exec(subject)) {
      const foldedStart = found.index;
      const accepted = wordCharBefore(lowered, foldedStart) ? null : this.#accept(folded.text, lowered, foldedStart, found[0]);
      if (!accepted) {
        // The regex would have gone on to the next position: so does the search.
        pattern.lastIndex = foldedStart + 1;
        continue;
      }
      const { entry, length } = accepted;
      const foldedEnd = foldedStart + length;
      const ruledOut = this.#ruledOutByContext(entry, folded.text, foldedStart, foldedEnd);
      // A shorter alias taken instead of the one found: the search goes on right after it. A phrase
      // ruled out goes on at its second word, as a name may stand in a phrase that is not the story's
      // ("Assad" in "called for the fall of Assad"); a single name ruled out is skipped whole.
      pattern.lastIndex = ruledOut && entry.text.includes(' ') ? foldedStart + secondWordAt(subject.slice(foldedStart, foldedEnd)) : foldedEnd;
      if (ruledOut && !includeRuledOut) continue;
      const [start, end] = originalRange(folded, text, foldedStart, foldedEnd);
      matches.push({ start, end, entityId: entry.entityId, alias: entry.text, needsContext: entry.needsContext, needsStory: entry.needsStory, shortForm: entry.shortForm, ruledOut });
    }
    return matches;
  }

  /**
   * The alias matched at `start` if it ends a word, is of a shown entity and the page writes it in a
   * case it allows, else the longest shorter alias there that passes; null when none does.
   */
  #accept(foldedText: string, lowered: string, start: number, matched: string): { entry: AliasEntry; length: number } | null {
    const aliases = this.#aliases;
    // The pattern's match may end inside a word; the shorter aliases `shorterAt` finds end words.
    let endsWord = !wordCharAt(lowered, start + matched.length);
    for (let candidate: string | null = matched; candidate !== null; endsWord = true) {
      const entry = aliases.entry(keyOf(candidate));
      if (!entry) return null;
      const { cases } = entry;
      const shown = this.#shown === null || this.#shown.has(entry.entityId);
      if (endsWord && shown && (cases === null || cases.includes(caseFormOf(foldedText.slice(start, start + candidate.length))))) {
        return { entry, length: candidate.length };
      }
      candidate = entry.shorter === null ? null : aliases.shorterAt(entry.shorter, lowered, start);
    }
    return null;
  }

  #ruledOutByContext(entry: AliasEntry, text: string, start: number, end: number): boolean {
    if (entry.notBefore.length > 0) {
      const after = keyOf(text.slice(end, end + 48)).replace(/^[\s'\u2019]+/u, '');
      if (entry.notBefore.some((word) => startsWithWord(after, word))) return true;
    }
    if (entry.notAfter.length > 0) {
      const before = keyOf(text.slice(Math.max(0, start - 48), start)).replace(/\s+$/u, '');
      if (entry.notAfter.some((word) => before.endsWith(word) && !wordCharBefore(before, before.length - word.length))) {
        return true;
      }
    }
    return false;
  }
}

/** Where the second word of a phrase the pattern matched begins (after its first space or hyphen). */
function secondWordAt(phrase: string): number {
  const space = phrase.search(/[\s-]/u);
  return space < 0 ? phrase.length : space + 1;
}

/**
 * The mentions a window of a long text reports, placed in the whole text. A caller reads a long
 * text window by window to yield in between (a 5 MB text node must not freeze the page); windows
 * overlap enough to see a whole alias and the context words around it, and each mention is
 * reported once, by the window it starts in.
 */
export function matchesInWindow(matcher: TextMatcher, part: TextWindow, includeRuledOut = false): TextMatch[] {
  const own: TextMatch[] = [];
  for (const match of matcher.findAll(part.text, includeRuledOut)) {
    const start = part.offset + match.start;
    if (start < part.ownStart || start >= part.ownEnd) continue;
    own.push({ ...match, start, end: part.offset + match.end });
  }
  return own;
}

/** A window of a long text: `text` starts at `offset`; mentions starting in [ownStart, ownEnd) are this window's to report. */
export interface TextWindow {
  readonly text: string;
  readonly offset: number;
  readonly ownStart: number;
  readonly ownEnd: number;
}

/**
 * The windows a long text is read in, `size` characters each plus `WINDOW_OVERLAP` on either side,
 * so a window sees every alias starting in its own part whole, with the words around it.
 */
export function* textWindows(text: string, size: number): Generator<TextWindow> {
  for (let ownStart = 0; ownStart < text.length; ownStart += size) {
    const offset = Math.max(0, ownStart - WINDOW_OVERLAP);
    const end = Math.min(text.length, ownStart + size + WINDOW_OVERLAP);
    yield { text: text.slice(offset, end), offset, ownStart, ownEnd: ownStart + size };
  }
}

/**
 * Several packs' matchers as one: each pack keeps its own compiled pattern (the bundled pack's is
 * built at build time; an imported pack's is compiled once). Where mentions overlap, the earlier
 * wins, then the longer, then the pack listed first, as one pattern of all the aliases would choose.
 */
export class MatcherGroup implements TextMatcher {
  readonly #matchers: readonly TextMatcher[];

  constructor(matchers: readonly TextMatcher[]) {
    this.#matchers = matchers.filter((matcher) => !matcher.isEmpty);
  }

  get isEmpty(): boolean {
    return this.#matchers.length === 0;
  }

  prepare(): void {
    for (const matcher of this.#matchers) matcher.prepare();
  }

  findAll(text: string, includeRuledOut = false): TextMatch[] {
    if (this.#matchers.length === 1) return this.#matchers[0]!.findAll(text, includeRuledOut);
    const found = this.#matchers.flatMap((matcher, order) => matcher.findAll(text, includeRuledOut).map((match) => ({ match, order })));
    found.sort((a, b) => a.match.start - b.match.start || b.match.end - a.match.end || a.order - b.order);
    const matches: TextMatch[] = [];
    let reach = 0;
    for (const { match } of found) {
      if (match.start < reach) continue;
      matches.push(match);
      reach = match.end;
    }
    return matches;
  }
}
