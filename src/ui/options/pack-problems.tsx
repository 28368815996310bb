/**
 * A pack's problems in the reader's language. The compiler (src/core/pack/compile.ts) and its
 * schemas report each problem as an English sentence for developers; the commonest are recognised
 * here by their wording and said in a translated sentence, with where in the file. Any other is
 * shown as it is, marked as English. The compiler's own lines stay available as technical details.
 */
import { Fragment, type ComponentChildren } from 'preact';
import { ENTITY_KINDS } from '@/src/core/pack/categories';
import type { PackProblem } from '@/src/core/pack/compile';
import { t } from '@/src/ui/i18n';
import { tRich } from '@/src/ui/shared/rich-text';

/** A word of the pack format (a field, a kind), written as the file must have it: English. */
function FormatWord({ children }: { children: string }) {
  return <code lang="en">{children}</code>;
}

/** An id the pack's author chose: a name, in no particular language. */
function PackId({ children }: { children: string }) {
  return <code>{children}</code>;
}

/** `"capital"` (valibot's rendering of a received string) → `capital`. */
function unquoted(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/** The last key of a path: `entities[0].summary` → `summary`. */
function lastKey(path: string): string {
  return /([A-Za-z_]\w*)$/.exec(path)?.[1] ?? path;
}

function kindList(): ComponentChildren {
  return ENTITY_KINDS.map((kind, index) => (
    <Fragment key={kind}>
      {index > 0 ? ', ' : null}
      <FormatWord>{kind}</FormatWord>
    </Fragment>
  ));
}

/** One recognised wording: its pattern, and the sentence made of what it captured. */
interface Wording {
  pattern: RegExp;
  /** Only at such paths, where the same wording means different things. */
  path?: RegExp;
  say: (captured: string[], where: { path: string; quoteLanguage: string | undefined }) => ComponentChildren;
}

// The wordings, as src/core/pack/compile.ts and valibot (through schema.ts) write them.
const WORDINGS: Wording[] = [
  {
    path: /^entities\[\d+\]\.kind$/,
    pattern: /^Invalid type: Expected .* but received (.+)$/,
    say: ([kind = '']) => tRich('optionsPackProblemKind', <FormatWord>{unquoted(kind)}</FormatWord>, kindList()),
  },
  {
    // A pack made for another version of Gloss, or one stored before an update changed the format.
    path: /^format$/,
    pattern: /^Invalid type: Expected (\d+) but received (.+)$/,
    say: ([expected = '', found = '']) => tRich('optionsPackProblemFormat', <FormatWord>{found}</FormatWord>, <FormatWord>{expected}</FormatWord>),
  },
  {
    pattern: /^quote of fact "([^"]*)" \(entities: [^)]*\) does not occur verbatim in .*?: "([\s\S]*)"$/,
    say: ([fact = '', quote = ''], { quoteLanguage }) =>
      tRich('optionsPackProblemQuote', <PackId>{fact}</PackId>, <FormatWord>sourceText</FormatWord>, <q lang={quoteLanguage}>{quote}</q>),
  },
  {
    pattern: /^Invalid key: Expected "([^"]+)" but received undefined$/,
    say: ([field = '']) => tRich('optionsPackProblemMissingField', <FormatWord>{field}</FormatWord>),
  },
  {
    pattern: /^Invalid key: Expected never but received "([^"]+)"$/,
    say: ([field = '']) => tRich('optionsPackProblemUnknownField', <FormatWord>{field}</FormatWord>),
  },
  {
    pattern: /^must not be empty$/,
    say: (_, { path }) => tRich('optionsPackProblemEmpty', <FormatWord>{lastKey(path)}</FormatWord>),
  },
  {
    pattern: /^duplicate entity id "([^"]*)"$/,
    say: ([id = '']) => tRich('optionsPackProblemDuplicateTerm', <PackId>{id}</PackId>),
  },
  {
    pattern: /^duplicate fact id "([^"]*)"$/,
    say: ([id = '']) => tRich('optionsPackProblemDuplicateFact', <PackId>{id}</PackId>),
  },
  {
    pattern: /^fact "([^"]*)" names unknown entity "([^"]*)"$/,
    say: ([fact = '', term = '']) => tRich('optionsPackProblemUnknownTerm', <PackId>{fact}</PackId>, <PackId>{term}</PackId>),
  },
  {
    pattern: /^entity "([^"]*)" has no facts$/,
    say: ([term = '']) => tRich('optionsPackProblemNoFacts', <PackId>{term}</PackId>),
  },
];

/** The sections compilePackDocument reports as files of their own: `gulf.json (facts)` at `[0].quote`. */
const SECTION_OF_FILE = / \((entities|facts|sourceText)\)$/;

/** Where a problem is in the document the reader wrote: `facts[0].quote`; empty for the whole file. */
export function documentPath(problem: PackProblem): string {
  const section = SECTION_OF_FILE.exec(problem.file)?.[1];
  if (!section) return problem.path;
  return problem.path.startsWith('[') || !problem.path ? `${section}${problem.path}` : `${section}.${problem.path}`;
}

/** The compiler's own line for a problem, in English, as a build reports it. */
export function technicalLine(problem: PackProblem): string {
  return `${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}`;
}

/** What is wrong, as a sentence in the reader's language where the wording is known. */
export function problemSentence(problem: PackProblem, quoteLanguage?: string): ComponentChildren {
  const path = documentPath(problem);
  for (const wording of WORDINGS) {
    if (wording.path && !wording.path.test(path)) continue;
    const match = wording.pattern.exec(problem.message);
    if (match) return wording.say(match.slice(1), { path, quoteLanguage });
  }
  return tRich('optionsPackProblemOther', <span lang="en">{problem.message}</span>);
}

/** "In the file: entities[0].kind", under a problem's sentence. */
export function ProblemPlace({ problem }: { problem: PackProblem }) {
  const path = documentPath(problem);
  return path ? <span class="pack-problem__place">{tRich('optionsPackProblemPlace', <FormatWord>{path}</FormatWord>)}</span> : null;
}

/** Every problem as a sentence and where it is. */
export function PackProblemList({ problems, quoteLanguage }: { problems: readonly PackProblem[]; quoteLanguage?: string }) {
  return (
    <ul class="packs__problems">
      {problems.map((problem, index) => (
        <li key={index} class="pack-problem">
          <span class="pack-problem__sentence">{problemSentence(problem, quoteLanguage)}</span> <ProblemPlace problem={problem} />
        </li>
      ))}
    </ul>
  );
}

/** The problems as the compiler or the browser wrote them (English), folded away: for a bug report or a search. */
export function TechnicalDetails({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <details class="packs__technical">
      <summary>{t('optionsPackTechnicalDetails')}</summary>
      <pre lang="en">{lines.join('\n')}</pre>
    </details>
  );
}
