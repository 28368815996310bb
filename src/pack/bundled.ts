/** The bundled pack, compiled at build time (see scripts/vite-plugin-pack.ts), with lookups. */
import bundledPack from 'virtual:gloss-pack';
import type { CompiledPack, Entity, Fact } from '@/src/core/pack/compile';

export const pack: CompiledPack = bundledPack;

const entitiesById = new Map(pack.entities.map((entity) => [entity.id, entity]));
const factsById = new Map(pack.facts.map((fact) => [fact.id, fact]));

export function entityById(id: string): Entity | undefined {
  return entitiesById.get(id);
}

export function factById(id: string): Fact | undefined {
  return factsById.get(id);
}

export function factsOf(entity: Entity): Fact[] {
  return entity.factIds.map((id) => factsById.get(id)).filter((fact): fact is Fact => fact !== undefined);
}
