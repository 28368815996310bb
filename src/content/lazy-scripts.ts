/**
 * Parts of the content script loaded into a frame's content-script world the first time they are
 * needed, instead of on every page: most pages are read without opening a card, and few readers
 * choose the mark.js engine, yet every frame of every page would otherwise parse both.
 * The background injects the part's script (an unlisted entrypoint) with `scripting.executeScript`;
 * the script hands its module over through the content-script world's global object, which the page
 * cannot see.
 */
import type { CardViewModule } from './card-view';
import type { MarkEngineModule } from './engines/mark-engine';

export interface LazyModules {
  /** entrypoints/card-view.ts: Preact, Floating UI and the card's CSS. */
  cardView: CardViewModule;
  /** entrypoints/mark-engine.ts: mark.js and the engine that wraps mentions in `<mark>`. */
  markEngine: MarkEngineModule;
}

export type LazyScript = keyof LazyModules;

/** The built script of each part, as the background injects it. */
export const LAZY_SCRIPT_FILES = {
  cardView: '/card-view.js',
  markEngine: '/mark-engine.js',
} as const satisfies Record<LazyScript, string>;

/**
 * The content script proper and its highlight styles, as built: the manifest runs them in top
 * documents, the background in a frame once its text may mention the story (see frame-text.ts).
 */
export const CONTENT_SCRIPT_FILES = { script: '/content-scripts/content.js', style: '/content-scripts/content.css' } as const;

/** The check a frame's text gets before the content script starts there (entrypoints/frame-check.ts). */
export const FRAME_CHECK_FILE = '/frame-check.js';

/** The probe the manifest runs in every frame (entrypoints/frame-probe.ts). */
export const FRAME_PROBE_FILE = '/frame-probe.js';

export function isLazyScript(name: unknown): name is LazyScript {
  return typeof name === 'string' && Object.hasOwn(LAZY_SCRIPT_FILES, name);
}

const REGISTRY_KEY = '__glossLazyModules';

interface LazyModuleRegistry {
  [REGISTRY_KEY]?: Partial<LazyModules>;
}

const registry = globalThis as typeof globalThis & LazyModuleRegistry;

/** Called by the injected script. */
export function registerLazyModule<Name extends LazyScript>(name: Name, module: LazyModules[Name]): void {
  registry[REGISTRY_KEY] ??= {};
  registry[REGISTRY_KEY][name] = module;
}

/**
 * The part's module, injected on the first call (`inject` asks the background to run its script
 * here). A failed injection is tried again on the next call.
 */
export function lazyModuleLoader<Name extends LazyScript>(name: Name, inject: () => Promise<unknown>): () => Promise<LazyModules[Name]> {
  let loading: Promise<LazyModules[Name]> | null = null;
  const registered = () => registry[REGISTRY_KEY]?.[name] as LazyModules[Name] | undefined;
  return () => {
    const loaded = registered();
    if (loaded) return Promise.resolve(loaded);
    loading ??= inject()
      .then(() => {
        const module = registered();
        if (!module) throw new Error(`the ${name} script ran but registered nothing`);
        return module;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };
}
