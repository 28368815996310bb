// The least any content-script highlighter does, run as the content script of a stand-in extension
// (bench/lib/reference-extensions.ts): read its settings from extension storage first (it must know
// whether the reader switched it off before it marks anything), then the floor's work (one
// TreeWalker, one RegExp over lower-cased text, script/style/noscript skipped by a parent-name
// check) with each match a Range in one registered highlight. No word-boundary checks, no
// categories, no exclusions, no cards, no listeners, no state for the toolbar: what Gloss does
// beyond this is Gloss's own cost.
function glossBenchLeastHighlighter({ source, flags }) {
  chrome.storage.local.get('settings').then(() => {
    const pattern = new RegExp(source, flags);
    const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT']);
    const root = document.body || document.documentElement;
    const highlight = new Highlight();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (skipped.has(node.parentNode.nodeName)) continue;
      const text = node.data.toLowerCase();
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        // Lower-casing can lengthen a text (İ → i̇): keep offsets inside the node.
        const start = Math.min(match.index, node.length);
        const range = new Range();
        range.setStart(node, start);
        range.setEnd(node, Math.min(start + match[0].length, node.length));
        highlight.add(range);
      }
    }
    CSS.highlights.set('gloss-least', highlight);
  });
}
