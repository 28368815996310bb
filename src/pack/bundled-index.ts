/** What the content script carries of the bundled pack (see PackIndex), compiled at build time. */
import index from 'virtual:gloss-pack-index';
import type { PackIndex } from '@/src/core/pack/library';

export const bundledIndex: PackIndex = index;
