/**
 * Full-text search over a pack's entities and facts (MiniSearch): prefix, fuzzy and
 * diacritic-insensitive, so "tartous", "23 million" and "oil gas" find what a reader means.
 */
import MiniSearch, { type SearchResult as MiniSearchResult } from 'minisearch';
import type { CompiledPack, Entity, Fact } from './pack/compile';
import { foldString } from './text/fold';

export type SearchHit =
  | { type: 'entity'; id: string; score: number; entity: Entity }
  | { type: 'fact'; id: string; score: number; fact: Fact; entities: Entity[] };

interface SearchDocument {
  key: string;
  type: 'entity' | 'fact';
  refId: string;
  name: string;
  aliases: string;
  text: string;
  quote: string;
}

const TOKEN_SEPARATOR = /[^\p{L}\p{N}]+/u;
/** "HTS's", "Sharaa’s": the name, not the name and a word "s". */
const POSSESSIVE = /(?<=\p{L})['’]s(?![\p{L}\p{N}])/gu;

function tokenize(text: string): string[] {
  return text.replace(POSSESSIVE, '').split(TOKEN_SEPARATOR).filter(Boolean);
}

function processTerm(term: string): string | null {
  const folded = foldString(term).toLowerCase().replace(/'/g, '');
  return folded || null;
}

/** A text's words as the index sees them: split, folded and lower-cased. */
function wordsOf(text: string): string[] {
  return tokenize(text)
    .map(processTerm)
    .filter((word): word is string => word !== null);
}

/** How well one of an entity's names (its name or an alias) answers a query: the better, the higher it ranks. */
const NameMatch = {
  None: 0,
  /** Each word of the query is one of a name's, begins one, or is one misspelt ("Bogdanof", "Hmeimim base"). */
  Near: 1,
  /** A name begins with the query ("Lavr"; "Tartus" for Tartus Naval Base). */
  Start: 2,
  /** A name is the query ("HTS", "Tartous"). */
  Whole: 3,
} as const;
type NameMatch = (typeof NameMatch)[keyof typeof NameMatch];

/** Shorter queries ("a", "al") begin too many names to say which entity is meant. */
const MIN_NAME_START_LENGTH = 3;

/** Edits a word of this length may be off by and still be taken for a name's word (as the index's fuzzy search allows). */
function typosAllowed(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/** Whether `a` is within `limit` single-letter edits of `b` (Levenshtein, stopping early). */
function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...row) > limit) return false;
    previous = row;
  }
  return previous[b.length]! <= limit;
}

function nearWord(queryWord: string, nameWord: string, written: (word: string) => boolean): boolean {
  if (queryWord === nameWord) return true;
  if (queryWord.length >= MIN_NAME_START_LENGTH && nameWord.startsWith(queryWord)) return true;
  return withinEdits(queryWord, nameWord, typosAllowed(queryWord.length)) && !written(queryWord);
}

/** `written`: whether the pack has a word of the query as written (then it is no misspelling). */
function nameMatch(nameWords: readonly string[], queryWords: readonly string[], written: (word: string) => boolean): NameMatch {
  const last = queryWords.length - 1;
  if (last < 0) return NameMatch.None;
  // Every word of the query is the name's word at its place; the last one may be unfinished.
  const begins =
    queryWords.length <= nameWords.length &&
    queryWords.every((word, index) => (index === last ? nameWords[index]?.startsWith(word) : nameWords[index] === word));
  if (begins && nameWords.length === queryWords.length && nameWords[last] === queryWords[last]) return NameMatch.Whole;
  if (begins && queryWords.join(' ').length >= MIN_NAME_START_LENGTH) return NameMatch.Start;
  // Not for short words ("al" is a word of many names): they say nothing of which entity is meant.
  const near = queryWords.every((word) => word.length >= MIN_NAME_START_LENGTH && nameWords.some((nameWord) => nearWord(word, nameWord, written)));
  return near ? NameMatch.Near : NameMatch.None;
}

export class PackSearch {
  readonly #index: MiniSearch<SearchDocument>;
  readonly #entities: Map<string, Entity>;
  readonly #facts: Map<string, Fact>;
  /** The words of each entity's name and of each of its aliases, by entity id. */
  readonly #entityNameWords: Map<string, string[][]>;

  constructor(pack: Pick<CompiledPack, 'entities' | 'facts'>) {
    this.#entities = new Map(pack.entities.map((entity) => [entity.id, entity]));
    this.#facts = new Map(pack.facts.map((fact) => [fact.id, fact]));
    this.#entityNameWords = new Map(
      pack.entities.map((entity) => [entity.id, [entity.name, ...entity.aliases.map((alias) => alias.text)].map(wordsOf)]),
    );
    this.#index = new MiniSearch<SearchDocument>({
      idField: 'key',
      fields: ['name', 'aliases', 'text', 'quote'],
      storeFields: ['type', 'refId'],
      tokenize,
      processTerm,
    });
    const namesOf = (ids: string[]) => ids.map((id) => this.#entities.get(id)?.name ?? '').join(' ');
    const aliasesOf = (ids: string[]) =>
      ids.flatMap((id) => this.#entities.get(id)?.aliases.map((alias) => alias.text) ?? []).join(' ');
    this.#index.addAll([
      ...pack.entities.map((entity) => ({
        key: `entity:${entity.id}`,
        type: 'entity' as const,
        refId: entity.id,
        name: entity.name,
        aliases: entity.aliases.map((alias) => alias.text).join(' '),
        text: entity.summary,
        quote: '',
      })),
      ...pack.facts.map((fact) => ({
        key: `fact:${fact.id}`,
        type: 'fact' as const,
        refId: fact.id,
        name: namesOf(fact.entities),
        aliases: aliasesOf(fact.entities),
        text: fact.statement,
        quote: fact.quote,
      })),
    ]);
  }

  search(query: string, limit = 30): SearchHit[] {
    if (!query.trim()) return [];
    const options = {
      prefix: true,
      fuzzy: (term: string) => (term.length > 3 ? 0.2 : false),
      boost: { name: 3, aliases: 2, text: 1.5, quote: 1 },
    } as const;
    // Every word must match where possible ("oil gas"); otherwise any word may.
    let results: MiniSearchResult[] = this.#index.search(query, { ...options, combineWith: 'AND' });
    if (results.length === 0) results = this.#index.search(query, { ...options, combineWith: 'OR' });
    // An entity the query names comes before the facts that mention it, which outscore it on words
    // (their text repeats the name, while an entity's many aliases dilute each one's weight).
    // The sort is stable: the search's order holds within each kind of match.
    const queryWords = wordsOf(query);
    // A word the pack has as written ("Russian") is meant as written, not as a misspelt name ("Russia").
    // Asked only when a word is compared for misspelling, once a word.
    const writtenWords = new Map<string, boolean>();
    const written = (word: string): boolean => {
      let found = writtenWords.get(word);
      if (found === undefined) writtenWords.set(word, (found = this.#index.search(word, { prefix: false, fuzzy: false }).length > 0));
      return found;
    };
    const ranked = results
      .map((result) => ({ result, match: result.type === 'entity' ? this.#nameMatchOf(String(result.refId), queryWords, written) : NameMatch.None }))
      .sort((a, b) => b.match - a.match)
      .map(({ result }) => result);
    const hits: SearchHit[] = [];
    for (const result of ranked.slice(0, limit)) {
      const id = String(result.refId);
      if (result.type === 'entity') {
        const entity = this.#entities.get(id);
        if (entity) hits.push({ type: 'entity', id, score: result.score, entity });
      } else {
        const fact = this.#facts.get(id);
        if (fact) {
          const entities = fact.entities
            .map((entityId) => this.#entities.get(entityId))
            .filter((entity): entity is Entity => entity !== undefined);
          hits.push({ type: 'fact', id, score: result.score, fact, entities });
        }
      }
    }
    return hits;
  }

  #nameMatchOf(entityId: string, queryWords: readonly string[], written: (word: string) => boolean): NameMatch {
    let best: NameMatch = NameMatch.None;
    for (const nameWords of this.#entityNameWords.get(entityId) ?? []) {
      const match = nameMatch(nameWords, queryWords, written);
      if (match > best) best = match;
    }
    return best;
  }
}
