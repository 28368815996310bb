// Installed in the page's main world before any page script runs (page.addInitScript), in every
// benchmark page with or without Gloss. It never writes to the DOM. It records:
// - long tasks (PerformanceObserver 'longtask', buffered);
// - Gloss's highlights as the page sees them: once per animation frame, the number of ranges in
//   each `gloss-*` entry of CSS.highlights (the registry is per document, so the main world sees
//   what the content script registers from its isolated world);
// - idle periods (requestIdleCallback): Gloss scans in slices that yield with scheduler.yield and
//   queue their continuation at once, so once its highlights are registered the main thread is
//   never idle until the scan is over (unless it waits for the background's answer).
function installGlossBenchObserver() {
  if (window.__glossBench) return;
  const state = {
    longtasks: [],
    /** {t, keys, total, sizes} each time the gloss highlights changed, t = performance.now() */
    highlights: [],
    keys: 0,
    total: 0,
    registeredAt: -1,
    /** When the page's load event fired (a page where Gloss finds nothing gets no highlight). */
    loadedAt: -1,
    lastChange: -1,
    lastIdle: -1,
    /** Start of every idle period after Gloss's highlights were registered (the first ones). */
    idlesAfterRegistration: [],
    frames: 0,
  };
  Object.defineProperty(window, '__glossBench', { value: state, enumerable: false, configurable: false });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longtasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task API: the lists stay empty.
  }
  const read = () => {
    let keys = 0;
    let total = 0;
    const sizes = {};
    if (typeof CSS === 'undefined' || !CSS.highlights) return { keys, total, sizes };
    CSS.highlights.forEach((highlight, name) => {
      if (!name.startsWith('gloss-') || name === 'gloss-active') return;
      keys++;
      total += highlight.size;
      sizes[name] = highlight.size;
    });
    return { keys, total, sizes };
  };
  const frame = () => {
    state.frames++;
    const now = performance.now();
    const { keys, total, sizes } = read();
    if (keys !== state.keys || total !== state.total) {
      state.keys = keys;
      state.total = total;
      state.lastChange = now;
      if (keys > 0 && state.registeredAt < 0) state.registeredAt = now;
      state.highlights.push({ t: now, keys, total, sizes });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  addEventListener('load', () => {
    state.loadedAt = performance.now();
  });
  const idle = () => {
    state.lastIdle = performance.now();
    if (state.registeredAt >= 0 && state.idlesAfterRegistration.length < 100) state.idlesAfterRegistration.push(state.lastIdle);
    requestIdleCallback(idle);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(idle);
}
