/**
 * Pack files in and out of the options page: reading an imported file into a checked document (or
 * every reason it cannot be used), and downloading a pack as a file.
 */
import { isRecord } from '@/src/core/is-record';
import { compilePackDocument, PackError, type CompiledPack, type PackProblem } from '@/src/core/pack/compile';
import { t } from '@/src/ui/i18n';
import { jsonErrorPosition } from './json-error';
import { technicalLine } from './pack-problems';

/** A language tag as a pack gives one ("en", "de-CH"): only such a value becomes a lang attribute. */
const LANGUAGE_TAG = /^[a-z]{2}(?:-[A-Z]{2})?$/;

/** Larger files are refused before reading: extension storage holds about 10 MB in all. */
export const MAX_PACK_FILE_BYTES = 4 * 1024 * 1024;

export interface PackFileFailure {
  ok: false;
  /** One sentence: what went wrong with which file. */
  summary: string;
  /** Each problem the pack has; may be empty. */
  problems: PackProblem[];
  /** What the compiler or the browser said, in English; may be empty. */
  technical: string[];
  /** The language the pack says it is written in (its quotes are), if it says one. */
  contentLanguage?: string;
}

export type PackFileResult = { ok: true; document: unknown; pack: CompiledPack } | PackFileFailure;

/** A file that cannot be imported; the technical lines are by default the problems' own. */
function failure(summary: string, problems: PackProblem[] = [], technical: string[] = problems.map(technicalLine)): PackFileFailure {
  return { ok: false, summary, problems, technical };
}

function jsonFailure(fileName: string, text: string, error: unknown): PackFileResult {
  const detail = error instanceof Error ? error.message : String(error);
  if (!text.trim()) return failure(t('optionsPackEmptyFile', fileName));
  const position = jsonErrorPosition(text);
  const summary = position
    ? t('optionsPackBadJson', fileName, position.line, position.column)
    : t('optionsPackBadJsonNoPosition', fileName);
  return failure(summary, [], [detail]);
}

/**
 * Reads the text of an imported file: JSON, then the pack format. `bundledId` is the bundled pack's
 * id, which an imported pack may not take.
 */
export function readPackFile(fileName: string, text: string, bundledId: string): PackFileResult {
  // A byte-order mark is not JSON, but editors write one; it says nothing about the content.
  const json = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return jsonFailure(fileName, json, error);
  }
  // JSON of something else altogether: one sentence says so, not a schema error for every key it has.
  if (!isRecord(data) || !['format', 'entities', 'facts'].some((field) => field in data)) {
    return failure(t('optionsPackNotAPack', fileName));
  }
  let pack: CompiledPack;
  try {
    pack = compilePackDocument(fileName, data);
  } catch (error) {
    if (!(error instanceof PackError)) {
      // Not expected from the compiler; still a file that cannot be used, not a broken page.
      return failure(t('optionsPackInvalidOne', fileName), [], [error instanceof Error ? error.message : String(error)]);
    }
    const count = error.problems.length;
    const summary = count === 1 ? t('optionsPackInvalidOne', fileName) : t('optionsPackInvalid', count, fileName);
    const language = typeof data.language === 'string' && LANGUAGE_TAG.test(data.language) ? data.language : undefined;
    return { ...failure(summary, error.problems), contentLanguage: language };
  }
  if (pack.id === bundledId) {
    return failure(t('optionsPackBundledId', fileName, pack.id));
  }
  return { ok: true, document: data, pack };
}

/** Reads a chosen file, refusing one too large to be a pack. */
export async function readFileText(file: File): Promise<{ ok: true; text: string } | { ok: false; summary: string }> {
  if (file.size > MAX_PACK_FILE_BYTES) {
    return { ok: false, summary: t('optionsPackTooLarge', file.name, Math.round(MAX_PACK_FILE_BYTES / (1024 * 1024))) };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    return { ok: false, summary: t('optionsPackUnreadable', file.name, error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Saves text as a file through a temporary object URL and `<a download>` (no downloads permission
 * needed); the URL is released once the download has had time to start.
 */
export function downloadFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Firefox reads the blob after the click returns; revoking at once can leave an empty file.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
