/**
 * Compiles data/pack into the virtual module `virtual:gloss-pack`. An invalid pack fails the build
 * with every problem listed (file, path inside it, what is wrong); edits to data/pack rebuild in dev.
 */
import type { Plugin } from 'vite';
import { loadBundledPack, PACK_DIR, PACK_FILES } from './pack-files';

const VIRTUAL_ID = 'virtual:gloss-pack';
const RESOLVED_ID = '\0' + VIRTUAL_ID;

export function glossPack(): Plugin {
  return {
    name: 'gloss-pack',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      for (const name of PACK_FILES) this.addWatchFile(PACK_DIR + name);
      const pack = loadBundledPack();
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(pack))});`;
    },
  };
}
