/**
 * Loads the card's drawing half (card-view.ts: Preact, Floating UI, the card's CSS) into this
 * frame's content-script world when a reader first points at a term, instead of on every page:
 * most pages are read without opening a card, and every frame of every page would otherwise parse it.
 * The background injects entrypoints/card-view.ts with `scripting.executeScript`; the script hands
 * its module over through the content-script world's global object, which the page cannot see.
 */
import type { CardViewModule } from './card-view';

const REGISTRY_KEY = '__glossCardView';

interface CardViewRegistry {
  [REGISTRY_KEY]?: CardViewModule;
}

const registry = globalThis as typeof globalThis & CardViewRegistry;

/** Called by the injected script. */
export function registerCardView(module: CardViewModule): void {
  registry[REGISTRY_KEY] = module;
}

/** The card view, injected on the first call (`inject` asks the background to run the script here). */
export function cardViewLoader(inject: () => Promise<unknown>): () => Promise<CardViewModule> {
  let loading: Promise<CardViewModule> | null = null;
  return () => {
    const loaded = registry[REGISTRY_KEY];
    if (loaded) return Promise.resolve(loaded);
    loading ??= inject()
      .then(() => {
        const module = registry[REGISTRY_KEY];
        if (!module) throw new Error('the card script ran but registered nothing');
        return module;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };
}
