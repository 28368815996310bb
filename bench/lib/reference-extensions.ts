/**
 * Stand-in extensions that put Gloss's times in context: what the browser charges for any content
 * script, and what the least possible content-script highlighter costs on the same pages (see
 * "References" in docs/benchmark.md). Written as plain MV3 extensions to a temporary directory, with
 * the same `matches`, run time and frames as Gloss's content script; no build step.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PAGE_MATCHES } from '../../src/content/page-matches';
import { callExpression } from './inpage';
import type { SearchTerms } from './pattern';

export type ReferenceKind = 'empty' | 'least';

export const REFERENCE_LABELS: Record<ReferenceKind, string> = {
  empty: 'an empty content script',
  least: 'the least a highlighter does',
};

/** The one highlight the least highlighter registers (bench/inpage/least-highlighter.js). */
const LEAST_HIGHLIGHT = 'gloss-least';

function contentScript(kind: ReferenceKind, terms: SearchTerms): string {
  if (kind === 'empty') return '// Nothing: the cost of injecting a content script at all.\n';
  return `${callExpression('least-highlighter', terms.pattern)};\n`;
}

export async function writeReferenceExtension(kind: ReferenceKind, terms: SearchTerms): Promise<{ dir: string; remove(): Promise<void> }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), `gloss-bench-${kind}-`));
  const dir = path.join(parent, 'extension');
  await mkdir(path.join(dir, 'content-scripts'), { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: `Gloss benchmark reference: ${REFERENCE_LABELS[kind]}`,
    version: '1.0.0',
    permissions: ['storage'],
    // An empty worker: the benchmark finds an extension's id from its service worker.
    background: { service_worker: 'background.js' },
    content_scripts: [
      {
        matches: PAGE_MATCHES,
        js: ['content-scripts/content.js'],
        ...(kind === 'least' ? { css: ['content-scripts/content.css'] } : {}),
        run_at: 'document_idle',
        all_frames: true,
      },
    ],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(dir, 'background.js'), '// Nothing to do.\n');
  await writeFile(path.join(dir, 'content-scripts', 'content.js'), contentScript(kind, terms));
  if (kind === 'least') {
    // Declared in the manifest like Gloss's, so painting the marks costs what Gloss's cost.
    const css = `::highlight(${LEAST_HIGHLIGHT}) {\n  text-decoration: underline solid 1.5px currentColor;\n  text-underline-offset: 0.2em;\n}\n`;
    await writeFile(path.join(dir, 'content-scripts', 'content.css'), css);
  }
  return { dir, remove: () => rm(parent, { recursive: true, force: true }) };
}
