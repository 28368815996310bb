/**
 * Turns the pack's plain source text into readable blocks and maps quote offsets (into the source
 * text) onto those blocks, so the reader can mark each quote inside the element that holds it.
 */
import type { Fact } from '@/src/core/pack/compile';

/** A run of text as rendered, with where it sits in the source text. */
export interface TextRun {
  text: string;
  /** Offset of `text`'s first character in the source text. */
  textStart: number;
  /** The whole source line the run came from, including any stripped "- " prefix. */
  lineStart: number;
  lineEnd: number;
}

export type ArticleBlock =
  | { type: 'heading'; run: TextRun }
  | { type: 'paragraph'; run: TextRun }
  | { type: 'list'; items: TextRun[] };

const LIST_PREFIX = '- ';
const HEADING_MAX_LENGTH = 80;
const FINAL_PUNCTUATION = /[.,:;!?…"”'’)]$/u;

export function splitArticle(sourceText: string): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  let lineStart = 0;
  for (const line of sourceText.split('\n')) {
    const lineEnd = lineStart + line.length;
    const leading = line.length - line.trimStart().length;
    const content = line.trim();
    if (content) {
      if (content.startsWith(LIST_PREFIX)) {
        const text = content.slice(LIST_PREFIX.length).trimStart();
        // `text` is a suffix of `content`, which starts after the line's leading spaces.
        const textStart = lineStart + leading + content.length - text.length;
        const run: TextRun = { text, textStart, lineStart, lineEnd };
        const previous = blocks.at(-1);
        // Consecutive list lines form one list.
        if (previous?.type === 'list') previous.items.push(run);
        else blocks.push({ type: 'list', items: [run] });
      } else {
        const run: TextRun = { text: content, textStart: lineStart + leading, lineStart, lineEnd };
        const isHeading = content.length < HEADING_MAX_LENGTH && !FINAL_PUNCTUATION.test(content);
        blocks.push({ type: isHeading ? 'heading' : 'paragraph', run });
      }
    }
    lineStart = lineEnd + 1;
  }
  return blocks;
}

export function textRuns(blocks: ArticleBlock[]): TextRun[] {
  return blocks.flatMap((block) => (block.type === 'list' ? block.items : [block.run]));
}

/** A range to mark inside one run, relative to the run's text. */
export interface RunRange {
  start: number;
  length: number;
  factIds: string[];
}

/**
 * The ranges to mark, by the run's `textStart`. Quotes never span lines (the pack compiler checks),
 * so each quote falls in one run; a quote that includes a stripped "- " is clipped to the text.
 * Overlapping quotes are merged, since mark.js skips overlapping ranges.
 */
export function quoteRangesByRun(runs: TextRun[], facts: Fact[]): Map<number, RunRange[]> {
  const byRun = new Map<number, RunRange[]>();
  for (const fact of facts) {
    if (fact.quoteStart < 0) continue;
    const run = runs.find((candidate) => candidate.lineStart <= fact.quoteStart && fact.quoteStart < candidate.lineEnd);
    if (!run) continue;
    const start = Math.max(fact.quoteStart, run.textStart) - run.textStart;
    const end = Math.min(fact.quoteEnd, run.textStart + run.text.length) - run.textStart;
    if (end <= start) continue;
    const ranges = byRun.get(run.textStart) ?? [];
    ranges.push({ start, length: end - start, factIds: [fact.id] });
    byRun.set(run.textStart, ranges);
  }
  for (const [key, ranges] of byRun) byRun.set(key, mergeRanges(ranges));
  return byRun;
}

function mergeRanges(ranges: RunRange[]): RunRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: RunRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.start + last.length) {
      const end = Math.max(last.start + last.length, range.start + range.length);
      last.length = end - last.start;
      last.factIds = [...new Set([...last.factIds, ...range.factIds])];
    } else {
      merged.push({ ...range, factIds: [...range.factIds] });
    }
  }
  return merged;
}
