/**
 * The packs Gloss uses at once: the bundled pack and any the reader imported. Entities and facts of
 * imported packs get ids prefixed with their pack's id (`my-pack--tartus`), so two packs can never
 * claim the same id; the bundled pack keeps its ids, which settings refer to.
 */
import type { CompiledPack, Entity, Fact } from './compile';

export const PACK_ID_SEPARATOR = '--';

export interface PackLibrary {
  /** The packs in use, bundled first, with ids as the library knows them. */
  readonly packs: readonly CompiledPack[];
  readonly entities: readonly Entity[];
  readonly facts: readonly Fact[];
  /** Anchor entities of every pack (see PageContext). */
  readonly anchors: readonly string[];
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
  const packs = [...(bundled ? [bundled] : []), ...imported.map(namespacePack)];
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
    entity: (id) => entities.get(id),
    fact: (id) => facts.get(id),
    packOf: (id) => owners.get(id),
  };
}
