/**
 * The packs Gloss uses at once: the bundled pack and any the reader imported. Entities and facts of
 * imported packs get ids prefixed with their pack's id (`my-pack--tartus`), so two packs can never
 * claim the same id; the bundled pack keeps its ids, which settings refer to.
 */
import { aliasKey, type DeferredPackedMatcher } from '../matcher';
import type { CompiledPack, Entity, Fact } from './compile';
import type { Category } from './schema';

export const PACK_ID_SEPARATOR = '--';

export interface PackLibrary {
  /** The packs in use, bundled first, with ids as the library knows them. */
  readonly packs: readonly CompiledPack[];
  readonly entities: readonly Entity[];
  readonly facts: readonly Fact[];
  /** Anchor entities of every pack (see PageContext). */
  readonly anchors: readonly string[];
  readonly storyAnchors: readonly string[];
  entity(id: string): Entity | undefined;
  fact(id: string): Fact | undefined;
  /** The pack an entity or fact comes from: its source, title and version. */
  packOf(entityOrFactId: string): CompiledPack | undefined;
}

/** A copy of an imported pack with every id (entities, facts and references) prefixed by the pack id. */
export function namespacePack(pack: CompiledPack): CompiledPack {
  const prefix = `${pack.id}${PACK_ID_SEPARATOR}`;
  const named = (id: string) => prefix + id;
  return {
    ...pack,
    anchors: pack.anchors.map(named),
    storyAnchors: pack.storyAnchors.map(named),
    entities: pack.entities.map((entity) => ({
      ...entity,
      id: named(entity.id),
      related: entity.related.map(named),
      factIds: entity.factIds.map(named),
    })),
    facts: pack.facts.map((fact) => ({ ...fact, id: named(fact.id), entities: fact.entities.map(named) })),
  };
}

export function createLibrary(bundled: CompiledPack | null, imported: readonly CompiledPack[] = []): PackLibrary {
  return libraryOf([...(bundled ? [bundled] : []), ...imported.map(namespacePack)]);
}

/**
 * The library with the bundled pack added after the others if it is switched off: the reader still
 * shows its article and terms (a link from an earlier card, the article's own index), and what is
 * picked there must resolve.
 */
export function withBundledPack(library: PackLibrary, bundled: CompiledPack): PackLibrary {
  return library.packs.some((pack) => pack.id === bundled.id) ? library : libraryOf([...library.packs, bundled]);
}

/** The library of these packs, the bundled one as it is and imported ones with their ids already prefixed. */
function libraryOf(packs: readonly CompiledPack[]): PackLibrary {
  const entities = new Map<string, Entity>();
  const facts = new Map<string, Fact>();
  const owners = new Map<string, CompiledPack>();
  for (const pack of packs) {
    for (const entity of pack.entities) {
      entities.set(entity.id, entity);
      owners.set(entity.id, pack);
    }
    for (const fact of pack.facts) {
      facts.set(fact.id, fact);
      owners.set(fact.id, pack);
    }
  }
  return {
    packs,
    entities: [...entities.values()],
    facts: [...facts.values()],
    anchors: packs.flatMap((pack) => pack.anchors),
    storyAnchors: packs.flatMap((pack) => pack.storyAnchors),
    entity: (id) => entities.get(id),
    fact: (id) => facts.get(id),
    packOf: (id) => owners.get(id),
  };
}

/** Of an entity, what finding and marking its mentions needs. */
export interface IndexedEntity {
  readonly id: string;
  readonly category: Category;
}

/**
 * Of a pack, what a page needs before any card is shown: its entities' ids and categories and its
 * anchors. The bundled pack's index is all the content script carries of it; its names, summaries,
 * facts and source come with the card's script (see src/content/lazy-scripts.ts).
 */
export interface PackIndex {
  readonly id: string;
  readonly anchors: readonly string[];
  readonly storyAnchors: readonly string[];
  readonly entities: readonly IndexedEntity[];
}

export function indexOfPack(pack: CompiledPack): PackIndex {
  return { id: pack.id, anchors: pack.anchors, storyAnchors: pack.storyAnchors, entities: pack.entities.map(({ id, category }) => ({ id, category })) };
}

/** The packs in use as a page knows them until a card is shown. */
export interface PageLibrary {
  /** The bundled pack's index, or null when the reader switched it off. */
  readonly bundled: PackIndex | null;
  /** Imported packs in use, their ids prefixed (see `namespacePack`). */
  readonly imported: readonly CompiledPack[];
  readonly entities: readonly IndexedEntity[];
  readonly anchors: readonly string[];
  readonly storyAnchors: readonly string[];
  /** Matchers of imported packs built ahead, by pack id (the rest are compiled when first needed). */
  readonly prebuiltMatchers: ReadonlyMap<string, DeferredPackedMatcher>;
  /** The whole library, given the bundled pack (the card's script brings it); made once. */
  complete(bundledPack: CompiledPack): PackLibrary;
}

export function createPageLibrary(
  bundled: PackIndex | null,
  imported: readonly CompiledPack[] = [],
  prebuiltMatchers: ReadonlyMap<string, DeferredPackedMatcher> = new Map(),
): PageLibrary {
  const named = imported.map(namespacePack);
  const packs: PackIndex[] = [...(bundled ? [bundled] : []), ...named];
  let completed: { from: CompiledPack; library: PackLibrary } | null = null;
  return {
    bundled,
    imported: named,
    entities: packs.flatMap((pack) => pack.entities),
    anchors: packs.flatMap((pack) => pack.anchors),
    storyAnchors: packs.flatMap((pack) => pack.storyAnchors),
    prebuiltMatchers,
    complete(bundledPack) {
      if (completed?.from !== bundledPack) completed = { from: bundledPack, library: libraryOf([...(bundled ? [bundledPack] : []), ...named]) };
      return completed.library;
    },
  };
}

/**
 * The spellings of `pack`'s aliases that `other` has too (letter case and hyphens aside), as `pack`
 * writes them. Where both packs are in use and both would mark a term, the pack listed first (the
 * bundled one) has it: the reader is told so when importing.
 */
export function sharedSpellings(pack: CompiledPack, other: CompiledPack): string[] {
  const otherKeys = new Set(other.entities.flatMap((entity) => entity.aliases.map((alias) => aliasKey(alias.text))));
  const shared = new Map<string, string>();
  for (const entity of pack.entities) {
    for (const alias of entity.aliases) {
      const key = aliasKey(alias.text);
      if (otherKeys.has(key) && !shared.has(key)) shared.set(key, alias.text);
    }
  }
  return [...shared.values()];
}
