/**
 * Pack files in and out of the options page: reading an imported file into a checked document (or
 * every reason it cannot be used), and downloading a pack as a file.
 */
import { isRecord } from '@/src/core/is-record';
import { compilePackDocument, PackError, type CompiledPack, type PackProblem } from '@/src/core/pack/compile';
import { t } from '@/src/ui/i18n';
import { jsonErrorPosition } from './json-error';

/** Larger files are refused before reading: extension storage holds about 10 MB in all. */
export const MAX_PACK_FILE_BYTES = 4 * 1024 * 1024;

export type PackFileResult =
  | { ok: true; document: unknown; pack: CompiledPack }
  | {
      ok: false;
      /** One sentence: what went wrong with which file. */
      summary: string;
      /** Each problem on its own, "file at path: message"; may be empty. */
      details: string[];
    };

export function formatProblem(problem: PackProblem): string {
  // Without a path it is only punctuation: "file: message".
  return problem.path ? t('optionsPackProblem', problem.file, problem.path, problem.message) : `${problem.file}: ${problem.message}`;
}

function jsonFailure(fileName: string, text: string, error: unknown): PackFileResult {
  const detail = error instanceof Error ? error.message : String(error);
  if (!text.trim()) return { ok: false, summary: t('optionsPackEmptyFile', fileName), details: [] };
  const position = jsonErrorPosition(text);
  const summary = position
    ? t('optionsPackBadJson', fileName, position.line, position.column)
    : t('optionsPackBadJsonNoPosition', fileName);
  return { ok: false, summary, details: [detail] };
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
    return { ok: false, summary: t('optionsPackNotAPack', fileName), details: [] };
  }
  let pack: CompiledPack;
  try {
    pack = compilePackDocument(fileName, data);
  } catch (error) {
    if (!(error instanceof PackError)) {
      // Not expected from the compiler; still a file that cannot be used, not a broken page.
      return { ok: false, summary: t('optionsPackInvalidOne', fileName), details: [error instanceof Error ? error.message : String(error)] };
    }
    const count = error.problems.length;
    return {
      ok: false,
      summary: count === 1 ? t('optionsPackInvalidOne', fileName) : t('optionsPackInvalid', count, fileName),
      details: error.problems.map(formatProblem),
    };
  }
  if (pack.id === bundledId) {
    return { ok: false, summary: t('optionsPackBundledId', fileName, pack.id), details: [] };
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
