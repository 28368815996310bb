/**
 * npm run bench: Gloss against the floor (one TreeWalker + one RegExp) and naive mark.js on every
 * corpus page and a page dense with mentions, plus startup, a growing page, an SPA and leak checks.
 * See docs/benchmark.md.
 *
 *   npm run bench                          # build, then the full benchmark (~15–25 min on 2 cores)
 *   npx tsx scripts/bench.ts --runs 1 --pages 07-,25-   # no build; two pages, one run
 *
 * Options: --runs N, --pages a,b (substrings of corpus file names), --naive-cap SECONDS,
 * --ext DIR (unpacked build, default .output/chrome-mv3), --out DIR (default bench/results),
 * --only corpus,dense,startup,append,spa, --navigations N, --toggles N, --append-total N,
 * --profile a,b (CPU profile of Gloss by function on those pages; use an unminified build),
 * --quiet F (wait before each page until the CPUs are less than F busy, default 0.3; 1 = never wait).
 */
import path from 'node:path';
import { DEFAULT_OPTIONS, runBench, type BenchOptions } from '../bench/lib/run';

function parse(argv: string[]): Partial<BenchOptions> {
  const options: Partial<BenchOptions> = {};
  const value = (index: number, name: string) => {
    const next = argv[index + 1];
    if (next === undefined) throw new Error(`${name} needs a value`);
    return next;
  };
  const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);
  let only: string[] | null = null;
  let navigations = DEFAULT_OPTIONS.spa!.navigations;
  let toggles = DEFAULT_OPTIONS.spa!.toggles;
  let appendTotal = DEFAULT_OPTIONS.append!.total;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    switch (arg) {
      case '--runs':
        options.runs = Number(value(index++, arg));
        break;
      case '--pages':
        options.pages = list(value(index++, arg));
        break;
      case '--naive-cap':
        options.naiveCapMs = Number(value(index++, arg)) * 1000;
        break;
      case '--ext':
        options.extensionDir = path.resolve(value(index++, arg));
        break;
      case '--out':
        options.outDir = path.resolve(value(index++, arg));
        break;
      case '--only':
        only = list(value(index++, arg));
        break;
      case '--navigations':
        navigations = Number(value(index++, arg));
        break;
      case '--toggles':
        toggles = Number(value(index++, arg));
        break;
      case '--append-total':
        appendTotal = Number(value(index++, arg));
        break;
      case '--quiet':
        options.quietThreshold = Number(value(index++, arg));
        break;
      case '--profile':
        options.profilePages = list(value(index++, arg));
        break;
      case '--help':
      case '-h':
        console.log('See the header of scripts/bench.ts and docs/benchmark.md.');
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${arg} (see scripts/bench.ts)`);
    }
  }
  const wants = (section: string) => only === null || only.includes(section);
  options.corpus = wants('corpus');
  if (!wants('dense')) options.dense = null;
  if (!wants('startup')) options.startup = null;
  options.append = wants('append') ? { ...DEFAULT_OPTIONS.append!, total: appendTotal } : null;
  options.spa = wants('spa') ? { navigations, toggles } : null;
  return options;
}

const results = await runBench(parse(process.argv.slice(2)));
console.log('');
for (const target of results.targets) {
  console.log(`${target.met === null ? '–' : target.met ? 'MET   ' : 'MISSED'} ${target.name}: ${target.measured}`);
}
