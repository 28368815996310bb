// Types of the virtual modules made by scripts/vite-plugin-pack.ts. Type-only `import()`s: an
// ambient module may not import by a relative path (and skipLibCheck would hide the error, leaving `any`).

declare module 'virtual:gloss-pack' {
  const pack: import('./compile').CompiledPack;
  export default pack;
}

declare module 'virtual:gloss-matcher' {
  const matcher: import('../matcher').DeferredPackedMatcher;
  export default matcher;
}

declare module 'virtual:gloss-pack-index' {
  const index: import('./library').PackIndex;
  export default index;
}

declare module 'virtual:gloss-compiler-id' {
  /** Names the code that compiles packs for pages in this build (a hash of its sources; see scripts/vite-plugin-pack.ts). */
  const id: string;
  export default id;
}

declare module 'virtual:gloss-candidates' {
  /** What the frame check needs to find candidate mentions of the bundled pack (see `candidateData`). */
  const data: import('../matcher').CandidateData;
  export default data;
}
