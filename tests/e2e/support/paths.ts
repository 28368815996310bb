/** Paths the e2e harness needs, resolved from this file so tests work from any cwd. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The unpacked Chrome build that `npm run build` writes. */
export const EXTENSION_DIR = path.join(REPO_ROOT, '.output', 'chrome-mv3');
/** The Firefox build that `npm run build:firefox` writes. */
export const FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, '.output', 'firefox-mv2');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures');
/** The shared page corpus (a sibling checkout); GLOSS_CORPUS_DIR overrides it. */
export const CORPUS_DIR = process.env.GLOSS_CORPUS_DIR
  ? path.resolve(process.env.GLOSS_CORPUS_DIR)
  : path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'pages');
