// The naive baseline: mark.js over the whole body with every alias, one pass per keyword, the way
// a first version of such an extension would do it. Needs window.Mark (mark.min.js, evaluated
// through the DevTools protocol, so the page's CSP does not apply).
function glossBenchNaive({ aliases }) {
  const root = document.body || document.documentElement;
  const start = performance.now();
  let marked = 0;
  new window.Mark(root).mark(aliases, {
    separateWordSearch: false,
    accuracy: 'exactly',
    done: (count) => {
      marked = count;
    },
  });
  const scripted = performance.now();
  // The wrappers invalidate style and layout: that cost is the page's too, but it is reported
  // apart so that the ratio uses script time only.
  root.getBoundingClientRect();
  const end = performance.now();
  return { ms: scripted - start, withLayoutMs: end - start, marked };
}
