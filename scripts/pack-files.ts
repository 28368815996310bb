/** Reads the knowledge pack's source files from data/pack (Node only: build plugin, tests, tools). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compilePack, type CompiledPack, type PackInput } from '../src/core/pack/compile';

// Tools and tests run from the repository root (npm scripts); jsdom tests have no file: import.meta.url.
export const PACK_DIR = resolve(process.cwd(), 'data/pack') + '/';
export const PACK_FILES = ['pack.json', 'entities.json', 'facts.json', 'source.txt'] as const;

function readJson(dir: string, name: string): { file: string; data: unknown } {
  const file = `data/pack/${name}`;
  const raw = readFileSync(dir + name, 'utf8');
  try {
    return { file, data: JSON.parse(raw) as unknown };
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

export function readPackInput(dir: string = PACK_DIR): PackInput {
  return {
    manifest: readJson(dir, 'pack.json'),
    entities: readJson(dir, 'entities.json'),
    facts: readJson(dir, 'facts.json'),
    source: { file: 'data/pack/source.txt', text: readFileSync(dir + 'source.txt', 'utf8') },
  };
}

export function loadBundledPack(dir: string = PACK_DIR): CompiledPack {
  return compilePack(readPackInput(dir));
}
