import { beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Every test starts from empty storage, without listeners or spies left by the one before.
beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
});
