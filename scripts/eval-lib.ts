/**
 * Precision and recall of the bundled pack on the shared page corpus (../shared/corpus/pages).
 *
 * Each page is read the way the content script reads it: decoded with its declared charset, parsed
 * into a DOM (jsdom), and its text taken with `collectTextNodes` from `document.body`, one text node
 * at a time. The real `Matcher` runs over each node, and its matches are compared with the
 * hand-made gold annotations in tests/data/corpus-gold.json. Used by `npm run eval`
 * (scripts/eval.ts) and by tests/unit/eval.test.ts. The rules of the gold file are in
 * docs/evaluation.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { collectTextNodes, GLOSS_OWNED_ATTRIBUTE, SKIPPED_TAGS } from '../src/content/text-nodes';
import { Matcher } from '../src/core/matcher';
import { matchPage, type PageAnchors } from '../src/core/page-context';
import type { CompiledPack } from '../src/core/pack/compile';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared page corpus (a sibling checkout); GLOSS_CORPUS_DIR overrides it. */
export const CORPUS_DIR = process.env.GLOSS_CORPUS_DIR
  ? path.resolve(process.env.GLOSS_CORPUS_DIR)
  : path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'pages');
export const GOLD_FILE = path.join(REPO_ROOT, 'tests', 'data', 'corpus-gold.json');
export const BASELINE_FILE = path.join(REPO_ROOT, 'tests', 'data', 'eval-baseline.json');

// ---------------------------------------------------------------------------------------------
// Gold file
// ---------------------------------------------------------------------------------------------

/**
 * One annotated string on a page. `text` is looked for as written (letter case, accents and
 * apostrophes as on the page; any run of whitespace matches a space), as a whole word, inside one
 * text node. With `in`, only occurrences of `text` inside an occurrence of the longer string `in`
 * are meant. `count` is how many such occurrences the page has, once longer entries have taken
 * theirs (see `locateGold`).
 */
export interface GoldEntry {
  /** Pack entity id; required for mentions and out-of-scope forms, absent for non-mentions. */
  entity?: string;
  text: string;
  in?: string;
  count: number;
  /** Why a string is not a mention, or is out of scope; optional remark on a mention. */
  why?: string;
}

export interface GoldPage {
  lang: string;
  /** One line: what the page is and what the annotator decided that is not obvious. */
  about: string;
  /** True mentions of pack entities in the text the content script reads. */
  mentions: GoldEntry[];
  /** Strings that look like mentions and are not (false friends): a match on them is a false positive. */
  notMentions: GoldEntry[];
  /** Mentions in a script or language the pack does not claim (Arabic, Chinese): listed, never scored. */
  outOfScope: GoldEntry[];
}

export interface GoldFile {
  description: string;
  pages: Record<string, GoldPage>;
}

export function readGold(file: string = GOLD_FILE): GoldFile {
  return JSON.parse(readFileSync(file, 'utf8')) as GoldFile;
}

// ---------------------------------------------------------------------------------------------
// Reading pages as the content script does
// ---------------------------------------------------------------------------------------------

/**
 * Decodes page bytes with the charset its <meta> declares (as a browser would for a file served
 * without a charset header), else UTF-8. Page 22 of the corpus is windows-1256.
 */
export function decodeHtml(bytes: Uint8Array): { html: string; encoding: string } {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const declared = /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1]?.toLowerCase();
  let encoding = 'utf-8';
  if (declared) {
    try {
      encoding = new TextDecoder(declared).encoding;
    } catch {
      // Unknown label: browsers fall back too.
    }
  }
  return { html: new TextDecoder(encoding).decode(bytes), encoding };
}

/** How a page's text is read: a full jsdom DOM with the real `collectTextNodes`, or its parse5 twin. */
export type ExtractMode = 'jsdom' | 'parse5';

/**
 * Parses a page with jsdom (scripts off) and hands `collectTextNodes(document.body)` to `use`, with
 * the `Node` and `NodeFilter` globals that collectTextNodes reads set from the page's window, as in a
 * content script, and restored afterwards. The window is closed when `use` returns.
 */
export function withPageDom<T>(html: string, use: (document: Document, textNodes: Text[]) => T): T {
  const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
  const scope = globalThis as Record<string, unknown>;
  const saved = new Map<string, { had: boolean; value: unknown }>();
  for (const name of ['Node', 'NodeFilter']) {
    saved.set(name, { had: name in scope, value: scope[name] });
    scope[name] = (dom.window as unknown as Record<string, unknown>)[name];
  }
  try {
    const document = dom.window.document;
    return use(document, collectTextNodes(document.body ?? document.documentElement));
  } finally {
    for (const [name, { had, value }] of saved) {
      if (had) scope[name] = value;
      else delete scope[name];
    }
    dom.window.close();
  }
}

/** The data of every text node `collectTextNodes` returns for `document.body`, in document order. */
export function textNodesWithJsdom(html: string): string[] {
  return withPageDom(html, (_document, nodes) => nodes.map((node) => node.data));
}

type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

function isElement(node: P5Node): node is P5Element {
  return 'tagName' in node;
}

function isExcludedP5(element: P5Element): boolean {
  if (element.namespaceURI !== HTML_NAMESPACE) return true;
  // parse5's tagName is the element's local name, as the content script reads it.
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  const attribute = (name: string) => element.attrs.find((attr) => attr.name === name)?.value;
  if (attribute(GLOSS_OWNED_ATTRIBUTE) !== undefined) return true;
  const editable = attribute('contenteditable');
  return editable !== undefined && editable !== 'false';
}

/**
 * The same text nodes as `textNodesWithJsdom`, from a bare parse5 tree: about four times faster on
 * large pages. It re-implements collectTextNodes' rules (not its descent into open shadow roots: a
 * parsed page has none, as no corpus page uses declarative shadow DOM); `npm run eval` checks on
 * every corpus page that both give the same nodes.
 */
export function textNodesWithParse5(html: string): string[] {
  // As jsdom parses without running scripts: <noscript> content is markup (skipped either way).
  const document = parse(html, { scriptingEnabled: false });
  const htmlElement = document.childNodes.find((node): node is P5Element => isElement(node) && node.tagName === 'html');
  const root = htmlElement?.childNodes.find((node): node is P5Element => isElement(node) && (node.tagName === 'body' || node.tagName === 'frameset')) ?? htmlElement;
  const texts: string[] = [];
  if (!root || isExcludedP5(root)) return texts;
  const walk = (element: P5Element) => {
    for (const child of element.childNodes) {
      if (child.nodeName === '#text') {
        const value = (child as DefaultTreeAdapterMap['textNode']).value;
        if (value.length >= 2) texts.push(value);
      } else if (isElement(child) && !isExcludedP5(child)) {
        walk(child);
      }
    }
  };
  walk(root);
  return texts;
}

export function readPageText(file: string, mode: ExtractMode, dir: string = CORPUS_DIR): string[] {
  const { html } = decodeHtml(readFileSync(path.join(dir, file)));
  return mode === 'jsdom' ? textNodesWithJsdom(html) : textNodesWithParse5(html);
}

export function corpusFiles(dir: string = CORPUS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.html')).sort();
}

// ---------------------------------------------------------------------------------------------
// Locating annotations and matches
// ---------------------------------------------------------------------------------------------

export interface Span {
  node: number;
  start: number;
  end: number;
}

export interface LocatedEntry extends Span {
  entry: GoldEntry;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const BOUNDARY_BEFORE = '(?<![\\p{L}\\p{N}])';
const BOUNDARY_AFTER = '(?![\\p{L}\\p{N}])';

/** A whole-word, case-sensitive pattern for an annotated string; whitespace matches any run of it. */
function wordPattern(text: string, wholeWord: boolean): RegExp {
  const body = text.trim().split(/\s+/u).map(escapeRegExp).join('\\s+');
  return new RegExp(wholeWord ? `${BOUNDARY_BEFORE}${body}${BOUNDARY_AFTER}` : body, 'gu');
}

/** Chinese and Japanese have no spaces between words: their strings are counted without word boundaries. */
function needsWordBoundaries(text: string): boolean {
  return !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text);
}

function findAll(pattern: RegExp, value: string): { index: number; text: string }[] {
  const found: { index: number; text: string }[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(value); match; match = pattern.exec(value)) {
    found.push({ index: match.index, text: match[0] });
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return found;
}

/** Every occurrence of an entry in the page's text nodes (before any claims). */
function occurrences(entry: GoldEntry, nodes: readonly string[]): Span[] {
  const wholeWord = needsWordBoundaries(entry.in ?? entry.text);
  const outer = wordPattern(entry.in ?? entry.text, wholeWord);
  const inner = wordPattern(entry.text, wholeWord);
  const spans: Span[] = [];
  nodes.forEach((value, node) => {
    for (const hit of findAll(outer, value)) {
      if (entry.in === undefined) {
        spans.push({ node, start: hit.index, end: hit.index + hit.text.length });
        continue;
      }
      const within = findAll(inner, hit.text)[0];
      if (within) spans.push({ node, start: hit.index + within.index, end: hit.index + within.index + within.text.length });
    }
  });
  return spans;
}

function overlaps(a: Span, b: Span): boolean {
  return a.node === b.node && a.start < b.end && b.start < a.end;
}

export interface LocatedGold {
  mentions: LocatedEntry[];
  notMentions: LocatedEntry[];
  outOfScope: LocatedEntry[];
  /** Entries whose count does not fit the page: the gold file needs fixing. */
  errors: string[];
}

/**
 * Finds the annotated spans. Longer strings claim their occurrences first (entries with `in` before
 * all others, by the length of `in`), and an occurrence that overlaps a claimed span is left to the
 * entry that claimed it: "war in Syria" takes its "Syria", "Syria Deeply" takes its "Syria", and an
 * entry "Syria" counts only the rest. Out-of-scope entries are located on their own.
 */
export function locateGold(page: GoldPage, nodes: readonly string[], pageName = ''): LocatedGold {
  const errors: string[] = [];
  const tagged = [
    ...page.mentions.map((entry) => ({ entry, kind: 'mention' as const })),
    ...page.notMentions.map((entry) => ({ entry, kind: 'notMention' as const })),
  ];
  const weight = (entry: GoldEntry) => (entry.in !== undefined ? 1_000_000 + entry.in.length : entry.text.length);
  tagged.sort((a, b) => weight(b.entry) - weight(a.entry));
  const claimed: Span[] = [];
  const result: LocatedGold = { mentions: [], notMentions: [], outOfScope: [], errors };
  for (const { entry, kind } of tagged) {
    const free = occurrences(entry, nodes).filter((span) => !claimed.some((other) => overlaps(span, other)));
    if (free.length !== entry.count) {
      errors.push(`${pageName}: ${kind} ${JSON.stringify(entry.text)}${entry.in ? ` in ${JSON.stringify(entry.in)}` : ''}${entry.entity ? ` (${entry.entity})` : ''}: gold says ${entry.count}, page has ${free.length}`);
    }
    claimed.push(...free);
    const located = free.map((span) => ({ ...span, entry }));
    if (kind === 'mention') result.mentions.push(...located);
    else result.notMentions.push(...located);
  }
  for (const entry of page.outOfScope) {
    const found = occurrences(entry, nodes);
    if (found.length !== entry.count) {
      errors.push(`${pageName}: outOfScope ${JSON.stringify(entry.text)} (${entry.entity ?? '?'}): gold says ${entry.count}, page has ${found.length}`);
    }
    result.outOfScope.push(...found.map((span) => ({ ...span, entry })));
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

export interface Found extends Span {
  entityId: string;
  /** The matched text. */
  text: string;
  /** About 60 characters around the match, with the match in [[ ]]. */
  context: string;
}

export interface FalsePositive extends Found {
  page: string;
  /** The entity the gold gives this text, when the match has the wrong entity. */
  goldEntity?: string;
  /** Why the gold says this is not a mention, when it says so explicitly. */
  why?: string;
}

export interface FalseNegative extends Span {
  page: string;
  entityId: string;
  text: string;
  context: string;
}

export interface Counts {
  /** Gold mentions. */
  gold: number;
  /** Matches reported by the matcher. */
  found: number;
  /** Matches that overlap a gold mention of the same entity. */
  correct: number;
  /** Gold mentions overlapped by a match of the same entity. */
  recalled: number;
  precision: number;
  recall: number;
}

export interface PageResult {
  page: string;
  mode: ExtractMode;
  textNodes: number;
  ms: number;
  counts: Counts;
  matches: Found[];
}

export interface EvalResult {
  packVersion: string;
  overall: Counts;
  perEntity: Record<string, Counts>;
  pages: PageResult[];
  falsePositives: FalsePositive[];
  falseNegatives: FalseNegative[];
  goldErrors: string[];
  /** Gold pages with no corpus file, and corpus files with no gold page. */
  missing: string[];
  ms: number;
}

function emptyCounts(): Counts {
  return { gold: 0, found: 0, correct: 0, recalled: 0, precision: 1, recall: 1 };
}

function finish(counts: Counts): Counts {
  counts.precision = counts.found === 0 ? 1 : counts.correct / counts.found;
  counts.recall = counts.gold === 0 ? 1 : counts.recalled / counts.gold;
  return counts;
}

/** About `width` characters of page text around a span, whitespace collapsed, the span in [[ ]]. */
export function contextOf(nodes: readonly string[], span: Span, width = 60): string {
  const side = Math.max(10, Math.floor((width - (span.end - span.start)) / 2));
  let before = nodes[span.node]!.slice(0, span.start);
  for (let node = span.node - 1; before.length < side && node >= 0; node--) before = `${nodes[node]} ${before}`;
  let after = nodes[span.node]!.slice(span.end);
  for (let node = span.node + 1; after.length < side && node < nodes.length; node++) after = `${after} ${nodes[node]}`;
  const squash = (value: string) => value.replace(/\s+/gu, ' ');
  const left = squash(before).slice(-side);
  const right = squash(after).slice(0, side);
  return `${left}[[${squash(nodes[span.node]!.slice(span.start, span.end))}]]${right}`;
}

export interface PageInput {
  page: string;
  nodes: string[];
  mode: ExtractMode;
  ms: number;
}

/** Compares the matcher's matches on one page with the page's gold. */
export function evaluatePage(matcher: Matcher, anchors: PageAnchors, gold: GoldPage, input: PageInput) {
  const { page, nodes } = input;
  const located = locateGold(gold, nodes, page);
  const matches: Found[] = [];
  const accepted = matchPage(matcher, nodes, anchors);
  nodes.forEach((value, node) => {
    for (const match of accepted[node] ?? []) {
      const span = { node, start: match.start, end: match.end };
      matches.push({ ...span, entityId: match.entityId, text: value.slice(match.start, match.end), context: contextOf(nodes, span) });
    }
  });
  const falsePositives: FalsePositive[] = [];
  const falseNegatives: FalseNegative[] = [];
  const counts = emptyCounts();
  const perEntity = new Map<string, Counts>();
  const entityCounts = (id: string) => {
    let entry = perEntity.get(id);
    if (!entry) perEntity.set(id, (entry = emptyCounts()));
    return entry;
  };
  for (const match of matches) {
    const entity = entityCounts(match.entityId);
    counts.found++;
    entity.found++;
    const hits = located.mentions.filter((mention) => overlaps(mention, match));
    if (hits.some((mention) => mention.entry.entity === match.entityId)) {
      counts.correct++;
      entity.correct++;
      continue;
    }
    const not = located.notMentions.find((span) => overlaps(span, match));
    falsePositives.push({ ...match, page, goldEntity: hits[0]?.entry.entity, why: not?.entry.why ?? (hits[0] ? undefined : 'not annotated as a mention') });
  }
  for (const mention of located.mentions) {
    const entityId = mention.entry.entity ?? '';
    const entity = entityCounts(entityId);
    counts.gold++;
    entity.gold++;
    if (matches.some((match) => match.entityId === entityId && overlaps(match, mention))) {
      counts.recalled++;
      entity.recalled++;
    } else {
      falseNegatives.push({ ...mention, page, entityId, text: nodes[mention.node]!.slice(mention.start, mention.end), context: contextOf(nodes, mention) });
    }
  }
  return { counts: finish(counts), perEntity, matches, falsePositives, falseNegatives, errors: located.errors };
}

export interface EvaluateOptions {
  pack: CompiledPack;
  gold?: GoldFile;
  dir?: string;
  /** How to read each page: 'jsdom' for all (exact), or a function choosing per page. */
  mode?: ExtractMode | ((file: string, bytes: number) => ExtractMode);
  /** Text per page already read in this process, reused instead of parsing again. */
  cache?: Map<string, { nodes: string[]; mode: ExtractMode; ms: number }>;
  /** Only these pages. */
  pages?: readonly string[];
}

/** Pages of at least 1 MB are read with parse5 by the unit test (they are checked against jsdom by `npm run eval`). */
export const LARGE_PAGE_BYTES = 1_000_000;

export function readPages(options: Omit<EvaluateOptions, 'pack'>): { inputs: PageInput[]; missing: string[] } {
  const gold = options.gold ?? readGold();
  const dir = options.dir ?? CORPUS_DIR;
  const files = corpusFiles(dir);
  const missing = [
    ...Object.keys(gold.pages).filter((page) => !files.includes(page)).map((page) => `gold page not in corpus: ${page}`),
    ...files.filter((file) => !(file in gold.pages)).map((file) => `corpus page without gold: ${file}`),
  ];
  const wanted = files.filter((file) => file in gold.pages && (!options.pages || options.pages.includes(file)));
  const inputs = wanted.map((page) => {
    const cached = options.cache?.get(page);
    if (cached) return { page, ...cached };
    const bytes = readFileSync(path.join(dir, page));
    const choice = options.mode ?? 'jsdom';
    const mode = typeof choice === 'function' ? choice(page, bytes.length) : choice;
    const started = performance.now();
    const { html } = decodeHtml(bytes);
    const nodes = mode === 'jsdom' ? textNodesWithJsdom(html) : textNodesWithParse5(html);
    const ms = performance.now() - started;
    options.cache?.set(page, { nodes, mode, ms });
    return { page, nodes, mode, ms };
  });
  return { inputs, missing };
}

export function evaluate(options: EvaluateOptions): EvalResult {
  const started = performance.now();
  const gold = options.gold ?? readGold();
  const known = new Set(options.pack.entities.map((entity) => entity.id));
  const matcher = new Matcher(options.pack.entities);
  const { inputs, missing } = readPages({ ...options, gold });
  const result: EvalResult = {
    packVersion: options.pack.version,
    overall: emptyCounts(),
    perEntity: {},
    pages: [],
    falsePositives: [],
    falseNegatives: [],
    goldErrors: [],
    missing,
    ms: 0,
  };
  for (const id of known) result.perEntity[id] = emptyCounts();
  for (const input of inputs) {
    const page = gold.pages[input.page]!;
    for (const entry of [...page.mentions, ...page.outOfScope]) {
      if (!entry.entity || !known.has(entry.entity)) result.goldErrors.push(`${input.page}: ${JSON.stringify(entry.text)} names unknown entity ${JSON.stringify(entry.entity)}`);
    }
    const one = evaluatePage(matcher, options.pack, page, input);
    result.pages.push({ page: input.page, mode: input.mode, textNodes: input.nodes.length, ms: Math.round(input.ms), counts: one.counts, matches: one.matches });
    result.falsePositives.push(...one.falsePositives);
    result.falseNegatives.push(...one.falseNegatives);
    result.goldErrors.push(...one.errors);
    for (const [id, counts] of one.perEntity) {
      const total = (result.perEntity[id] ??= emptyCounts());
      total.gold += counts.gold;
      total.found += counts.found;
      total.correct += counts.correct;
      total.recalled += counts.recalled;
    }
    result.overall.gold += one.counts.gold;
    result.overall.found += one.counts.found;
    result.overall.correct += one.counts.correct;
    result.overall.recalled += one.counts.recalled;
  }
  finish(result.overall);
  for (const counts of Object.values(result.perEntity)) finish(counts);
  result.ms = Math.round(performance.now() - started);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Audit: candidate strings the gold has not decided
// ---------------------------------------------------------------------------------------------

/**
 * Wider searches than the pack's aliases, used while annotating (`npm run eval -- --audit`): every
 * occurrence of these on a page must be covered by a gold mention, non-mention or out-of-scope entry,
 * or be a form the rules in docs/evaluation.md exclude as a whole (adjectives such as "Syrian",
 * "Russian", "Turkish"). Case-insensitive unless marked.
 */
/** A space stands for any run of whitespace and a hyphen for a hyphen or a space, as in the matcher. */
function loosen(source: string): string {
  return source.replace(/ /g, '\\s+').replace(/(?<![\\[])-(?![\\]])/g, '[-\\s]');
}

export const AUDIT_PATTERNS: readonly { label: string; pattern: RegExp }[] = (
  [
    ['Russia', String.raw`russ(?:ia|land|lands|ie|ische[nr]? föderation|ian federation)`],
    ['Moscow', String.raw`mos(?:cow|kau|cou)`],
    ['Syria', String.raw`syri(?:a|en|ens|e)|syrian (?:arab )?republic|république arabe syrienne`],
    ['Assad', String.raw`bashar|baschar|bachar|assads?|asad`],
    ['HTS', String.raw`hts|tahrir|hay'?at|haiat|nusra|fatah al-sham`],
    ['Sharaa', String.raw`(?:al-)?(?:sharaa?|charaa|scharaa|jolani|julani|golani|joulani|jawlani|dscholani)`],
    ['civil war', String.raw`civil war|bürgerkrieg\p{L}*|guerre civile|syrian (?:war|conflict|crisis|revolution|uprising)|war in syria|syria war`],
    ['fall of Assad', String.raw`(?:fall|collapse|ouster|overthrow|toppling|removal|end|sturz|chute) (?:of|to|des?|du|von) (?:the )?(?:bashar )?(?:al-)?assad`],
    ['Khmeimim', String.raw`k?h?meimim|hmeymim|khmeymim|humaymim|chmeimim|jableh|jablah`],
    ['Latakia', String.raw`latt?akiy?a|ladhiqiyah|lattaqui[eé]`],
    ['Tartus', String.raw`tart(?:us|ous|ūs)`],
    ['Mediterranean', String.raw`mediterran\p{L}*|mittelmeer\p{L}*|méditerran\p{L}*`],
    ['Libya', String.raw`liby(?:a|en|e)`],
    ['Ukraine', String.raw`ukrain(?:e|a)`],
    ['NATO', String.raw`nato|otan|north atlantic (?:treaty|alliance)`],
    ['United States', String.raw`united states|u\.s\.a?\.?|usa|america|amerika|amérique|[ée]tats-unis|vereinigten? staaten`],
    ['US', 'US', 'case-sensitive'],
    ['Washington', String.raw`washington`],
    ['Trump', String.raw`trump`],
    ['WSJ', String.raw`wall street journal|wsj`],
    ['Turkey', String.raw`turkey|türkei|türkiye|turkiye|turquie`],
    ['Saudi Arabia', String.raw`saudi-arabi(?:a|en)|arabie saoudite`],
    ['Qatar', String.raw`qatar|katar`],
    ['Gulf states', String.raw`gulf|golfstaaten|golfe`],
    ['Bogdanov', String.raw`bogdano[vw]\p{L}*`],
    ['Lavrentiev', String.raw`lavrent(?:iev|yev)|lawrentjew`],
    ['topics', String.raw`syrian (?:currency|pounds?)|(?:us)?\$ ?23|23 (?:million|millionen|millions)|oil and (?:natural )?gas|export ports?|exporthäfen|permanent (?:military )?bases|russian (?:military )?bases|russia's (?:military )?bases|sanction\p{L}*|sanktion\p{L}*|(?:trade|economic) and (?:economic|trade) (?:cooperation|relations|ties)`],
  ] as [string, string, string?][]
).map(([label, source, caseSensitive]) => ({
  label,
  pattern: new RegExp(`${BOUNDARY_BEFORE}(?:${loosen(source)})${BOUNDARY_AFTER}`, caseSensitive ? 'gu' : 'giu'),
}));

export interface AuditItem {
  page: string;
  label: string;
  text: string;
  context: string;
}

/** Candidate strings on a page that no gold entry covers. */
export function auditPage(page: string, gold: GoldPage, nodes: readonly string[]): AuditItem[] {
  const located = locateGold(gold, nodes, page);
  const covered = [...located.mentions, ...located.notMentions, ...located.outOfScope];
  const items: AuditItem[] = [];
  nodes.forEach((value, node) => {
    for (const { label, pattern } of AUDIT_PATTERNS) {
      for (const hit of findAll(pattern, value)) {
        const span = { node, start: hit.index, end: hit.index + hit.text.length };
        if (!covered.some((other) => overlaps(other, span))) items.push({ page, label, text: hit.text, context: contextOf(nodes, span, 90) });
      }
    }
  });
  return items;
}
