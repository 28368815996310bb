// The floor: the least work that finds every alias on the page. One TreeWalker over text nodes,
// one precompiled RegExp (Gloss's own alias pattern, which is lower-case) run over each text,
// lower-cased, no DOM writes. Text directly inside <script>, <style> and <noscript> is skipped (a
// parent-name check, no filter callback): Gloss never reads it either, and some pages carry
// megabytes of inline JSON there.
function glossBenchFloor({ source, flags }) {
  const pattern = new RegExp(source, flags);
  const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT']);
  const root = document.body || document.documentElement;
  const start = performance.now();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!skipped.has(node.parentNode.nodeName)) nodes.push(node);
  }
  const collected = performance.now();
  let matches = 0;
  let chars = 0;
  for (const node of nodes) {
    const text = node.data.toLowerCase();
    chars += text.length;
    pattern.lastIndex = 0;
    while (pattern.exec(text) !== null) matches++;
  }
  const end = performance.now();
  return { ms: end - start, walkMs: collected - start, matchMs: end - collected, matches, textNodes: nodes.length, chars };
}
