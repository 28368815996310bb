declare module 'virtual:gloss-pack' {
  import type { CompiledPack } from './compile';
  const pack: CompiledPack;
  export default pack;
}
