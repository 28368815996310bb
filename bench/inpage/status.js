// A cheap snapshot of the observer's state, for polling from Node.
function glossBenchStatus() {
  const state = window.__glossBench;
  if (!state) return null;
  return {
    now: performance.now(),
    keys: state.keys,
    total: state.total,
    registeredAt: state.registeredAt,
    loadedAt: state.loadedAt,
    lastChange: state.lastChange,
    lastIdle: state.lastIdle,
    frames: state.frames,
  };
}
