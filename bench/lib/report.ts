/** The Markdown report (bench/results/latest.md) of a benchmark run. */
import type { Spread } from './stats';
import type { BenchResults, CorpusPageResult } from './run';
import type { MemorySeries, WindowCost } from './dynamic';

const num = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);

/** `median (min–max)`, or just the median for a single run. */
function withSpread(value: Spread | null, digits = 1): string {
  if (!value) return '–';
  if (value.n === 1 || value.min === value.max) return num(value.median, digits);
  return `${num(value.median, digits)} (${num(value.min, digits)}–${num(value.max, digits)})`;
}

const kb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : (bytes / 1024).toFixed(0));
const mb = (bytes: number | null | undefined, digits = 2) => (bytes === null || bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(digits));
const ratio = (value: number | null | undefined, lowerBound = false) => (value === null || value === undefined ? '–' : `${lowerBound ? '> ' : ''}${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)}×`);

function naiveCell(page: CorpusPageResult): string {
  if (page.naive.timedOut) return `> ${(page.naive.capMs / 1000).toFixed(0)} s`;
  return withSpread(page.naive.ms, 0);
}

/** Floor matches / mentions Gloss found, and the ranges it registered when fewer (only those near the viewport). */
function hitsCell(page: CorpusPageResult): string {
  const found = page.mentions ?? page.highlights;
  const registered = page.highlights !== null && found !== null && page.highlights < found ? ` (${page.highlights} registered)` : '';
  return `${page.floorMatches ?? '–'} / ${found ?? '–'}${registered}`;
}

/** The corpus table's rows for `pages`, under its header; the overall footer when given. */
function pagesTable(pages: readonly CorpusPageResult[], overall: BenchResults['overall'] | null): string {
  const rows = pages.map((page) => {
    const cells = [
      page.file.replace(/\.html?$/, ''),
      kb(page.bytes),
      page.elements?.toLocaleString('en') ?? '–',
      hitsCell(page),
      withSpread(page.floorMs),
      withSpread(page.floorMainWorldMs),
      withSpread(page.gloss.toVisibleMs),
      withSpread(page.gloss.toDoneMs),
      withSpread(page.gloss.cpuMs),
      withSpread(page.least.toDoneMs),
      naiveCell(page),
      ratio(page.ratios.glossOverFloor),
      ratio(page.ratios.leastOverFloor),
      ratio(page.ratios.glossOverLeast),
      ratio(page.ratios.glossOverMainWorldFloor),
      ratio(page.ratios.naiveOverGloss, page.ratios.naiveLowerBound),
      num(page.gloss.maxTaskMs?.max),
      `${num(page.longTasks.withGloss.maxMs, 0)} / ${num(page.longTasks.withoutGloss.maxMs, 0)}`,
      mb(page.heap.deltaBytes),
      page.otherCpu === null ? '–' : `${Math.round(page.otherCpu * 100)}%`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  const header = [
    'Page',
    'KB',
    'Elements',
    'Hits floor / Gloss',
    'Floor ms',
    'Floor in page world ms',
    'Gloss visible ms',
    'Gloss done ms',
    'Gloss CPU ms',
    'Least highlighter done ms',
    'Naive mark.js ms',
    'Gloss / floor',
    'Least highlighter / floor',
    'Gloss / least highlighter',
    'Gloss / page-world floor',
    'Naive / Gloss',
    'Longest Gloss task ms',
    'Longest long task ms with / without Gloss',
    'Heap Δ MB',
    'Other CPU',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`, ...rows];
  if (!overall) return lines.join('\n');
  const footer = [
    `**Overall (geometric mean, ${overall.pages} pages)**`,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    `**${ratio(overall.glossOverFloorGeomean)}**`,
    `**${ratio(overall.leastOverFloorGeomean)}**`,
    `**${ratio(overall.glossOverLeastGeomean)}**`,
    `**${ratio(overall.glossOverMainWorldFloorGeomean)}**`,
    `**${ratio(overall.naiveOverGlossGeomean)}**`,
    `**${num(overall.maxGlossTaskMs)}** (max)`,
    '',
    '',
    '',
  ];
  return [...lines, `| ${footer.join(' | ')} |`].join('\n');
}

function windowsTable(costs: WindowCost[], label: string, span = 5): string {
  const picked = costs.length <= span * 2 ? costs : [...costs.slice(0, span), ...costs.slice(-span)];
  const lines = [`| ${label} | Gloss ms | Longest Gloss task ms | Latency to highlights ms | Highlights |`, '|---:|---:|---:|---:|---:|'];
  let previous = -1;
  for (const cost of picked) {
    if (previous >= 0 && cost.index !== previous + 1) lines.push('| … | | | | |');
    lines.push(`| ${cost.index + 1} | ${num(cost.glossMs)} | ${num(cost.maxTaskMs)} | ${num(cost.latencyMs, 0)} | ${cost.highlights} |`);
    previous = cost.index;
  }
  return lines.join('\n');
}

function seriesRow(name: string, series: MemorySeries | null): string {
  if (!series) return `| ${name} | – | – | – | – | – | – |`;
  return `| ${name} | ${series.cycles} | ${mb(series.start.heapUsedBytes)} → ${mb(series.middle.heapUsedBytes)} → ${mb(series.end.heapUsedBytes)} | ${num(series.steadyHeapPerCycle / 1024, 2)} | ${series.start.nodes} → ${series.end.nodes} | ${series.start.jsEventListeners} → ${series.end.jsEventListeners} | ${series.start.documents} → ${series.end.documents} |`;
}

export function renderMarkdown(results: BenchResults): string {
  const { meta } = results;
  const out: string[] = [];
  out.push('# Gloss benchmark: against the floor and naive mark.js', '');
  out.push(
    `Run ${meta.date} on ${meta.cpu} (${meta.cores} cores, ${meta.memoryGiB} GiB), ${meta.os}; ${meta.chromium}, Node ${meta.node}, playwright-core ${meta.playwright}. ` +
      `Git ${meta.git.head ?? '?'}${meta.git.dirtyFiles ? ` with ${meta.git.dirtyFiles} uncommitted files` : ''}. ` +
      `${meta.runs} runs per page (naive mark.js stopped after ${(meta.naiveCapMs / 1000).toFixed(0)} s and not rerun); ${meta.pattern.aliases} aliases of ${meta.pattern.entities} entities, ` +
      `pattern ${meta.pattern.sourceLength.toLocaleString('en')} characters. Took ${Math.round(meta.durationS / 60)} min.`,
    '',
    'Times are medians with (min–max) over the runs. See docs/benchmark.md for what each column measures.',
    '',
  );
  if (meta.coldStart) {
    out.push(
      `Cold start (the browser's first content-script run, on plain.html; not in the tables): ${num(meta.coldStart.cpuAllMs)} ms of main-thread work, ` +
        `script evaluation ${num(meta.coldStart.evaluateMs)} ms (compile ${num(meta.coldStart.compileMs)} ms), longest task ${num(meta.coldStart.maxTaskMs)} ms.`,
      '',
    );
  }
  out.push(`Load average ${meta.loadAverage.start.join(' / ')} at the start, ${meta.loadAverage.end.join(' / ')} at the end.`);
  if (meta.busyPages.length > 0) {
    out.push(` Other processes kept the CPUs busy while measuring: ${meta.busyPages.join(', ')} (treat those rows with care).`);
  }
  out.push('', '');
  out.push('## Targets', '', '| Target | Goal | Measured | Met |', '|---|---|---|---|');
  for (const target of results.targets) {
    out.push(`| ${target.name} | ${target.target} | ${target.measured} | ${target.met === null ? '–' : target.met ? 'yes' : '**no**'} |`);
  }
  out.push('');
  if (results.corpus.length > 0) {
    out.push('## Corpus pages', '', pagesTable(results.corpus, results.overall), '');
    const failed = results.corpus.filter((page) => page.errors.length > 0);
    if (failed.length > 0) {
      out.push('Errors:', '');
      for (const page of failed) out.push(`- ${page.file}: ${page.errors.join('; ')}`);
      out.push('');
    }
    const o = results.overall;
    out.push(
      `Gloss / floor: ${ratio(o.glossOverFloorGeomean)} wall time, ${ratio(o.glossCpuOverFloorGeomean)} main-thread time (geometric means; ` +
        `${ratio(o.glossOverMainWorldFloorGeomean)} wall time against the floor run in the page's own world); ` +
        `${o.pagesWithin2xFloor}/${o.pages} pages within 2×. Naive / Gloss: ${ratio(o.naiveOverGlossGeomean)}; ${o.pagesNaive10x}/${o.pages} pages at 10× or more. ` +
        `The least a content-script highlighter does (read its settings, then the floor's work, one highlight; timed as Gloss is): ` +
        `${ratio(o.leastOverFloorGeomean)} the floor; Gloss / that: ${ratio(o.glossOverLeastGeomean)}.`,
      '',
    );
  }
  if (results.dense) {
    const dense = results.dense;
    out.push(
      '## A page dense with mentions (bench-dense.html)',
      '',
      'A generated live blog: each update names six of the story\'s entities (the URL\'s `updates` sets how many updates), ' +
        'built by the page while it loads. Measured like a corpus page; not in the overall means.',
      '',
      pagesTable([dense], null),
      '',
    );
    if (dense.errors.length > 0) out.push(`Errors: ${dense.errors.join('; ')}`, '');
  }
  if (results.startup.length > 0) {
    out.push(
      '## Content-script startup',
      '',
      '| Page | Runs | Main-thread work, injection → idle ms | The same in thread time ms | of which script evaluation ms | of which compile ms | Injection → scan done ms | Longest task ms | In frames of other sites ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const entry of results.startup) {
      out.push(
        `| ${entry.page} | ${entry.runs} | ${withSpread(entry.cpuAllMs)} | ${withSpread(entry.cpuAllThreadMs)} | ${withSpread(entry.evaluateMs)} | ${withSpread(entry.compileMs)} | ${withSpread(entry.toDoneMs)} | ${withSpread(entry.maxTaskMs)} | ${entry.elsewhereMs?.max ? withSpread(entry.elsewhereMs) : '–'} |`,
      );
    }
    out.push('');
  }
  if (results.append) {
    const { append } = results;
    out.push(
      '## Growing page (bench-append.html)',
      '',
      `${append.options.total.toLocaleString('en')} paragraphs appended in batches of ${append.options.batch}, one batch every ${append.options.intervalMs} ms; ` +
        `${append.finalHighlights} highlights at the end (${append.appendedMentions} mentions appended). ` +
        `Gloss per batch: first ${append.summary.span} ${num(append.summary.firstGlossMs)} ms, last ${append.summary.span} ${num(append.summary.lastGlossMs)} ms ` +
        `(×${num(append.summary.growth, 2)}); latency ${num(append.summary.firstLatencyMs, 0)} → ${num(append.summary.lastLatencyMs, 0)} ms; longest Gloss task ${num(append.maxTaskMs)} ms. ` +
        `Flat: ${append.summary.flat ? 'yes' : '**no**'}.`,
      '',
      windowsTable(append.batches, 'Batch'),
      '',
    );
  }
  if (results.spa) {
    const { spa } = results;
    out.push(
      '## Single-page app (bench-spa.html)',
      '',
      `${spa.options.navigations} navigations (whole content replaced, history.pushState), then ${spa.options.toggles} highlighting off/on toggles through storage. ` +
        `Gloss per navigation: first ${spa.summary.span} ${num(spa.summary.firstGlossMs)} ms, last ${spa.summary.span} ${num(spa.summary.lastGlossMs)} ms; longest Gloss task ${num(spa.maxTaskMs)} ms. ` +
        `Highlights: ${spa.highlights.baseline} at the start, ${spa.highlights.afterNavigations} after the navigations, ${spa.highlights.afterToggles} after the toggles.`,
      '',
      windowsTable(spa.navigations, 'Navigation'),
      '',
      '### Leaks',
      '',
      'Memory after two forced GCs (HeapProfiler.collectGarbage), at the start, halfway and at the end of each series.',
      '',
      '| Series | Cycles | JS heap MB (start → half → end) | Steady growth KB / cycle | DOM nodes | JS event listeners | Documents |',
      '|---|---:|---:|---:|---:|---:|---:|',
      seriesRow('SPA navigations with Gloss', spa.navigationsWithGloss),
      seriesRow('SPA navigations without Gloss', spa.navigationsWithoutGloss),
      seriesRow('Off/on toggles with Gloss', spa.toggles),
      '',
      `Attributable to Gloss: ${num(spa.glossHeapPerNavigation / 1024, 2)} KB per navigation, ${spa.glossListenersGrowth} listeners and ${spa.glossNodesGrowth} nodes over the navigations. ` +
        `Leaks: ${spa.leaks ? `**yes**: ${spa.leakReasons.join('; ')}` : 'none found'}.`,
      '',
    );
  }
  const { bundle } = results;
  out.push(
    '## Bundle',
    '',
    `content-scripts/content.js: ${kb(bundle.contentJsBytes)} KB raw, ${kb(bundle.contentJsGzipBytes)} KB gzip (of which ${kb(bundle.embeddedJsonBytes)} KB embedded JSON); content.css ${kb(bundle.contentCssBytes)} KB.`,
    '',
  );
  const profiled = results.corpus.filter((page) => page.profile && page.profile.length > 0);
  for (const page of profiled) {
    out.push(`## Profile: ${page.file}`, '', '| Function | Total ms | Self ms |', '|---|---:|---:|');
    for (const entry of page.profile!) out.push(`| \`${entry.name.replace(/\|/g, '\\|')}\` | ${num(entry.totalMs)} | ${num(entry.selfMs)} |`);
    out.push('');
  }
  if (results.errors.length > 0) out.push('## Errors', '', ...results.errors.map((error) => `- ${error}`), '');
  return out.join('\n');
}
