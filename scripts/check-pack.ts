/** `npm run pack:check`: validates data/pack and prints a summary, or every problem found. */
import { PackError } from '../src/core/pack/compile';
import { loadBundledPack } from './pack-files';

try {
  const pack = loadBundledPack();
  const aliases = pack.entities.reduce((sum, entity) => sum + entity.aliases.length, 0);
  console.log(`${pack.title} ${pack.version}: ${pack.entities.length} entities, ${aliases} aliases, ${pack.facts.length} facts; every quote found verbatim in data/pack/source.txt.`);
} catch (error) {
  console.error(error instanceof PackError ? error.message : error);
  process.exit(1);
}
