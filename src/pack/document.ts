/**
 * Turns a compiled pack back into the single-document format (docs/pack-format.md), for exporting
 * the bundled pack. The document compiles to the same entities and facts: aliases go back to their
 * compact form (a string when only the text is set, otherwise only the fields that differ from the
 * defaults), and `related` keeps only what the compiler would not add again by itself.
 */
import type { Alias, CompiledPack, Entity, Fact } from '@/src/core/pack/compile';
import type { AliasSource, EntitySource, FactSource, PackDocument } from '@/src/core/pack/schema';

export function compactAlias(alias: Alias): AliasSource {
  const { text, case: caseRule, notBefore, notAfter, needsContext, needsStory, shortForm } = alias;
  if (caseRule === 'proper' && notBefore.length === 0 && notAfter.length === 0 && !needsContext && !needsStory && !shortForm) return text;
  return {
    text,
    ...(caseRule !== 'proper' ? { case: caseRule } : {}),
    ...(notBefore.length > 0 ? { notBefore: [...notBefore] } : {}),
    ...(notAfter.length > 0 ? { notAfter: [...notAfter] } : {}),
    ...(needsContext ? { needsContext } : {}),
    ...(needsStory ? { needsStory } : {}),
    ...(shortForm ? { shortForm } : {}),
  };
}

/** Entities sharing facts with `entity`, most shared first (ties in entity order), as the compiler orders them. */
function bySharedFacts(entity: Entity, facts: Map<string, Fact>, entityOrder: Map<string, number>): string[] {
  const counts = new Map<string, number>();
  for (const factId of entity.factIds) {
    for (const other of facts.get(factId)?.entities ?? []) {
      if (other !== entity.id) counts.set(other, (counts.get(other) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (entityOrder.get(a[0]) ?? 0) - (entityOrder.get(b[0]) ?? 0))
    .map(([id]) => id);
}

/**
 * The shortest declared `related` list that compiles to `entity.related`: the compiler appends the
 * entities that share a fact, so whatever it would append anyway need not be declared.
 */
function declaredRelated(entity: Entity, facts: Map<string, Fact>, entityOrder: Map<string, number>): string[] {
  const shared = bySharedFacts(entity, facts, entityOrder);
  const target = entity.related.join('\n');
  for (let length = 0; length <= entity.related.length; length++) {
    const declared = entity.related.slice(0, length);
    if ([...new Set([...declared, ...shared])].join('\n') === target) return declared;
  }
  return [...entity.related];
}

export function packToDocument(pack: CompiledPack): PackDocument {
  const facts = new Map(pack.facts.map((fact) => [fact.id, fact]));
  const entityOrder = new Map(pack.entities.map((entity, index) => [entity.id, index]));
  const entities: EntitySource[] = pack.entities.map((entity) => {
    const related = declaredRelated(entity, facts, entityOrder);
    return {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      summary: entity.summary,
      aliases: entity.aliases.map(compactAlias),
      ...(related.length > 0 ? { related } : {}),
    };
  });
  const factSources: FactSource[] = pack.facts.map((fact) => ({
    id: fact.id,
    statement: fact.statement,
    quote: fact.quote,
    entities: [...fact.entities],
  }));
  return {
    format: pack.format,
    id: pack.id,
    title: pack.title,
    version: pack.version,
    language: pack.language,
    ...(pack.anchors.length > 0 ? { anchors: [...pack.anchors] } : {}),
    ...(pack.storyAnchors.length > 0 ? { storyAnchors: [...pack.storyAnchors] } : {}),
    source: {
      title: pack.source.title,
      ...(pack.source.publisher ? { publisher: pack.source.publisher } : {}),
      ...(pack.source.url ? { url: pack.source.url } : {}),
    },
    sourceText: pack.sourceText,
    entities,
    facts: factSources,
  };
}

/** A document as the JSON text of an exported file. */
export function documentJson(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
