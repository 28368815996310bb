/**
 * Timers that all stop when the content script's context is invalidated, through one listener.
 * WXT's `ctx.setTimeout` adds an abort listener per call that stays until invalidation, so a
 * timer per pointer move or per report would pile up listeners for as long as the page is open.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export class ContextTimers {
  readonly #ctx: ContentScriptContext;
  readonly #pending = new Set<ReturnType<typeof setTimeout>>();

  constructor(ctx: ContentScriptContext) {
    this.#ctx = ctx;
    ctx.onInvalidated(() => {
      for (const id of this.#pending) clearTimeout(id);
      this.#pending.clear();
    });
  }

  set(handler: () => void, delayMs: number): ReturnType<typeof setTimeout> {
    const id = setTimeout(() => {
      this.#pending.delete(id);
      if (this.#ctx.isValid) handler();
    }, delayMs);
    this.#pending.add(id);
    return id;
  }

  clear(id: ReturnType<typeof setTimeout> | null): void {
    if (id === null) return;
    clearTimeout(id);
    this.#pending.delete(id);
  }

  /** Timers waiting now (for tests and leak checks). */
  get size(): number {
    return this.#pending.size;
  }
}
