// Everything the observer recorded, plus where the registered highlights are: for each gloss
// highlight, how many of its ranges lie in the viewport and the insertion index of the last one
// (a Highlight is a set: it iterates in insertion order, and Gloss inserts in scan order).
function glossBenchCollect() {
  const state = window.__glossBench;
  const visible = {};
  if (typeof CSS !== 'undefined' && CSS.highlights) {
    const width = innerWidth;
    const height = innerHeight;
    CSS.highlights.forEach((highlight, name) => {
      if (!name.startsWith('gloss-') || name === 'gloss-active') return;
      let index = 0;
      let last = -1;
      let count = 0;
      for (const registered of highlight) {
        // Gloss registers static ranges, which cannot be measured: measure a live copy.
        const range = document.createRange();
        try {
          range.setStart(registered.startContainer, registered.startOffset);
          range.setEnd(registered.endContainer, registered.endOffset);
        } catch {
          // Offsets past text the page has since shortened: nothing to measure.
        }
        const rect = range.getBoundingClientRect();
        if ((rect.width > 0 || rect.height > 0) && rect.bottom > 0 && rect.top < height && rect.right > 0 && rect.left < width) {
          last = index;
          count++;
        }
        index++;
      }
      visible[name] = { last, count, size: highlight.size };
    });
  }
  return {
    highlights: state ? state.highlights : [],
    longtasks: state ? state.longtasks : [],
    frames: state ? state.frames : 0,
    idlesAfterRegistration: state ? state.idlesAfterRegistration : [],
    visible,
    scrollY: scrollY,
    elements: document.getElementsByTagName('*').length,
  };
}
