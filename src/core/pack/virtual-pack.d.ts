declare module 'virtual:gloss-pack' {
  import type { CompiledPack } from './compile';
  const pack: CompiledPack;
  export default pack;
}

declare module 'virtual:gloss-matcher' {
  import type { PackedMatcher } from '../matcher';
  const matcher: PackedMatcher;
  export default matcher;
}

declare module 'virtual:gloss-pack-index' {
  import type { PackIndex } from './library';
  const index: PackIndex;
  export default index;
}
