/**
 * `npm run eval`: precision and recall of the bundled pack on the shared page corpus, against the
 * gold annotations in tests/data/corpus-gold.json (rules: docs/evaluation.md).
 *
 *   npm run eval                       every page read with jsdom, as the content script reads it
 *   npm run eval -- --fast             pages of 1 MB or more read with parse5, as the unit test does
 *   npm run eval -- --page 04 --page 10    only pages whose file name starts with these
 *   npm run eval -- --audit            also list candidate strings the gold has not decided
 *   npm run eval -- --write-baseline   write the figures to tests/data/eval-baseline.json
 *   npm run eval -- --json             print the whole result as JSON
 *   npm run eval -- --pack DIR         evaluate the pack files in DIR instead of data/pack
 *
 * Exits with 1 when the gold file does not fit the pages (or a page has no gold), or when parse5 and
 * jsdom disagree.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  BASELINE_FILE,
  CORPUS_DIR,
  LARGE_PAGE_BYTES,
  REPO_ROOT,
  auditPage,
  corpusFiles,
  evaluate,
  readGold,
  readPageText,
  type EvalResult,
  type ExtractMode,
} from './eval-lib';
import { loadBundledPack } from './pack-files';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const valuesOf = (name: string) => args.flatMap((arg, index) => (args[index - 1] === name ? [arg] : []));
const pagePrefixes = valuesOf('--page');
const packDir = valuesOf('--pack')[0];

const pct = (value: number) => (value * 100).toFixed(1).padStart(5) + '%';

function printResult(result: EvalResult): void {
  console.log(`\nPer entity (gold = annotated mentions, found = matches; precision = correct/found, recall = recalled/gold)\n`);
  console.log(`${'entity'.padEnd(32)} ${'gold'.padStart(5)} ${'found'.padStart(6)} ${'prec'.padStart(7)} ${'recall'.padStart(7)}`);
  const rows = Object.entries(result.perEntity).sort((a, b) => b[1].gold + b[1].found - (a[1].gold + a[1].found));
  for (const [id, counts] of rows) {
    if (counts.gold === 0 && counts.found === 0) continue;
    console.log(`${id.padEnd(32)} ${String(counts.gold).padStart(5)} ${String(counts.found).padStart(6)} ${pct(counts.precision).padStart(7)} ${pct(counts.recall).padStart(7)}`);
  }
  const unseen = rows.filter(([, counts]) => counts.gold === 0 && counts.found === 0).map(([id]) => id);
  if (unseen.length > 0) console.log(`(neither annotated nor found: ${unseen.join(', ')})`);

  console.log(`\nPer page\n`);
  console.log(`${'page'.padEnd(46)} ${'mode'.padEnd(6)} ${'nodes'.padStart(6)} ${'ms'.padStart(6)} ${'gold'.padStart(5)} ${'found'.padStart(6)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}`);
  for (const page of result.pages) {
    const fp = page.counts.found - page.counts.correct;
    const fn = page.counts.gold - page.counts.recalled;
    console.log(`${page.page.padEnd(46)} ${page.mode.padEnd(6)} ${String(page.textNodes).padStart(6)} ${String(page.ms).padStart(6)} ${String(page.counts.gold).padStart(5)} ${String(page.counts.found).padStart(6)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}`);
  }

  console.log(`\nFalse positives (${result.falsePositives.length})\n`);
  for (const fp of result.falsePositives) {
    const gold = fp.goldEntity ? `gold: ${fp.goldEntity}` : `why: ${fp.why ?? '?'}`;
    console.log(`  ${fp.page.slice(0, 2)} ${fp.entityId.padEnd(24)} "${fp.text}"  …${fp.context}…  (${gold})`);
  }
  console.log(`\nFalse negatives (${result.falseNegatives.length})\n`);
  for (const fn of result.falseNegatives) {
    console.log(`  ${fn.page.slice(0, 2)} ${fn.entityId.padEnd(24)} "${fn.text}"  …${fn.context}…`);
  }

  const { overall } = result;
  console.log(`\nOverall: precision ${pct(overall.precision)} (${overall.correct}/${overall.found}), recall ${pct(overall.recall)} (${overall.recalled}/${overall.gold}) on ${result.pages.length} pages, pack ${result.packVersion}, ${(result.ms / 1000).toFixed(1)} s`);
}

function baselineOf(result: EvalResult) {
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  const brief = (counts: EvalResult['overall']) => ({
    precision: round(counts.precision),
    recall: round(counts.recall),
    gold: counts.gold,
    found: counts.found,
    correct: counts.correct,
    recalled: counts.recalled,
  });
  return {
    description: 'Figures of `npm run eval -- --write-baseline` on ../shared/corpus/pages; tests/unit/eval.test.ts fails if overall precision or recall falls below them.',
    packVersion: result.packVersion,
    overall: brief(result.overall),
    perEntity: Object.fromEntries(Object.entries(result.perEntity).filter(([, counts]) => counts.gold + counts.found > 0).map(([id, counts]) => [id, brief(counts)])),
    pages: Object.fromEntries(result.pages.map((page) => [page.page, brief(page.counts)])),
  };
}

/** Two-space JSON with one line per entity and per page, so that a change reads as a one-line diff. */
function formatBaseline(baseline: ReturnType<typeof baselineOf>): string {
  const block = (entries: Record<string, unknown>) =>
    `{\n${Object.entries(entries).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n')}\n  }`;
  return `{
  "description": ${JSON.stringify(baseline.description)},
  "packVersion": ${JSON.stringify(baseline.packVersion)},
  "overall": ${JSON.stringify(baseline.overall)},
  "perEntity": ${block(baseline.perEntity)},
  "pages": ${block(baseline.pages)}
}
`;
}

function main(): void {
  if (corpusFiles().length === 0) {
    console.error(`No corpus pages in ${CORPUS_DIR} (set GLOSS_CORPUS_DIR).`);
    process.exit(1);
  }
  const pack = packDir ? loadBundledPack(path.resolve(packDir) + '/') : loadBundledPack();
  const gold = readGold();
  const pages = pagePrefixes.length > 0 ? corpusFiles().filter((file) => pagePrefixes.some((prefix) => file.startsWith(prefix))) : undefined;
  const mode: ExtractMode | ((file: string, bytes: number) => ExtractMode) = flag('--fast')
    ? (_file, bytes) => (bytes >= LARGE_PAGE_BYTES ? 'parse5' : 'jsdom')
    : 'jsdom';
  const cache = new Map<string, { nodes: string[]; mode: ExtractMode; ms: number }>();
  const result = evaluate({ pack, gold, mode, cache, pages });
  let failed = false;

  if (flag('--json')) console.log(JSON.stringify(result, null, 2));
  else printResult(result);

  if (!flag('--fast')) {
    // The unit test reads large pages with parse5: check here that it sees what jsdom sees.
    const differing: string[] = [];
    for (const [page, { nodes }] of cache) {
      const fast = readPageText(page, 'parse5');
      if (fast.length !== nodes.length || fast.some((value, index) => value !== nodes[index])) differing.push(page);
    }
    if (differing.length > 0) {
      failed = true;
      console.error(`\nparse5 and jsdom read different text on: ${differing.join(', ')}`);
    } else {
      (flag('--json') ? console.error : console.log)(`parse5 and jsdom read the same text nodes on all ${cache.size} pages.`);
    }
  }

  if (flag('--audit')) {
    console.log(`\nUndecided candidates (not covered by any gold entry)\n`);
    for (const [page, { nodes }] of cache) {
      for (const item of auditPage(page, gold.pages[page]!, nodes)) {
        console.log(`  ${page.slice(0, 2)} ${item.label.padEnd(14)} "${item.text}"  …${item.context}…`);
      }
    }
  }

  for (const line of result.missing) console.error(line);
  if (result.missing.length > 0) failed = true;
  if (result.goldErrors.length > 0) {
    failed = true;
    console.error(`\nThe gold file does not fit the pages (${result.goldErrors.length}):`);
    for (const line of result.goldErrors) console.error(`  ${line}`);
  }

  if (flag('--write-baseline')) {
    if (failed || pages || packDir) {
      console.error('Not writing the baseline: fix the problems above, and run on all pages with data/pack.');
      process.exit(1);
    }
    writeFileSync(BASELINE_FILE, formatBaseline(baselineOf(result)));
    console.log(`Wrote ${path.relative(REPO_ROOT, BASELINE_FILE)}.`);
  }
  if (failed) process.exit(1);
}

main();
