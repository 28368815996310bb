/**
 * Validates a knowledge pack and compiles it into the shape the extension uses. Every problem is
 * reported with the file, the path inside it and what is wrong, so a reviewer can fix it directly.
 */
import * as v from 'valibot';
import { aliasKey, Matcher } from '../matcher';
import {
  type AliasCaseRule,
  type Category,
  type EntityKind,
  EntitiesFileSchema,
  FactsFileSchema,
  KIND_CATEGORY,
  PackDocumentSchema,
  PackManifestSchema,
  type AliasSource,
  type PackManifest,
} from './schema';

export interface Alias {
  text: string;
  case: AliasCaseRule;
  notBefore: string[];
  notAfter: string[];
  needsContext: boolean;
  needsStory: boolean;
  shortForm: boolean;
}

export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  category: Category;
  summary: string;
  aliases: Alias[];
  /** Ids of related entities: declared ones first, then those sharing a fact, most shared first. */
  related: string[];
  /**
   * Ids of the facts that involve this entity: those whose quote names it first (a card's first
   * facts are about it, not facts where it is only implied), each group in source order.
   */
  factIds: string[];
}

export interface Fact {
  id: string;
  statement: string;
  quote: string;
  entities: string[];
  /** Where the quote stands in the source text, as UTF-16 offsets. */
  quoteStart: number;
  quoteEnd: number;
}

export interface CompiledPack extends Omit<PackManifest, 'anchors' | 'storyAnchors'> {
  anchors: string[];
  storyAnchors: string[];
  sourceText: string;
  entities: Entity[];
  facts: Fact[];
}

export interface PackProblem {
  file: string;
  /** Dotted path inside the file, e.g. `[3].aliases[0].text`; empty for the whole file. */
  path: string;
  message: string;
}

export class PackError extends Error {
  constructor(readonly problems: PackProblem[]) {
    super(
      `Knowledge pack is invalid:\n${problems
        .map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'PackError';
  }
}

/** The pieces of a pack and the names of the files they came from (for error messages). */
export interface PackInput {
  manifest: { file: string; data: unknown };
  entities: { file: string; data: unknown };
  facts: { file: string; data: unknown };
  source: { file: string; text: string };
}

function formatPath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

function validate<TSchema extends v.GenericSchema>(
  schema: TSchema,
  file: string,
  data: unknown,
  problems: PackProblem[],
): v.InferOutput<TSchema> | undefined {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  for (const issue of result.issues) {
    problems.push({ file, path: formatPath(issue), message: issue.message });
  }
  return undefined;
}

function normaliseAlias(alias: AliasSource): Alias {
  if (typeof alias === 'string') {
    return { text: alias, case: 'proper', notBefore: [], notAfter: [], needsContext: false, needsStory: false, shortForm: false };
  }
  return {
    text: alias.text,
    case: alias.case ?? 'proper',
    notBefore: alias.notBefore ?? [],
    notAfter: alias.notAfter ?? [],
    needsContext: alias.needsContext ?? false,
    needsStory: alias.needsStory ?? false,
    shortForm: alias.shortForm ?? false,
  };
}

export function compilePack(input: PackInput): CompiledPack {
  const problems: PackProblem[] = [];
  const manifest = validate(PackManifestSchema, input.manifest.file, input.manifest.data, problems);
  const entitySources = validate(EntitiesFileSchema, input.entities.file, input.entities.data, problems);
  const factSources = validate(FactsFileSchema, input.facts.file, input.facts.data, problems);
  const sourceText = input.source.text.replace(/\r\n?/g, '\n');
  if (!sourceText.trim()) problems.push({ file: input.source.file, path: '', message: 'source text is empty' });
  if (!manifest || !entitySources || !factSources) throw new PackError(problems);

  const entityIndexById = new Map<string, number>();
  entitySources.forEach((entity, index) => {
    if (entityIndexById.has(entity.id)) {
      problems.push({ file: input.entities.file, path: `[${index}].id`, message: `duplicate entity id "${entity.id}"` });
    }
    entityIndexById.set(entity.id, index);
  });

  const aliasOwner = new Map<string, string>();
  entitySources.forEach((entity, index) => {
    entity.aliases.forEach((alias, aliasIndex) => {
      const aliasText = typeof alias === 'string' ? alias : alias.text;
      // Compared as the matcher sees them: folded, any case, hyphens as spaces.
      const key = aliasKey(aliasText);
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== entity.id) {
        problems.push({
          file: input.entities.file,
          path: `[${index}].aliases[${aliasIndex}]`,
          message: `alias "${aliasText}" of "${entity.id}" is already an alias of "${owner}"`,
        });
      }
      aliasOwner.set(key, entity.id);
    });
    (entity.related ?? []).forEach((relatedId, relatedIndex) => {
      if (!entityIndexById.has(relatedId)) {
        problems.push({
          file: input.entities.file,
          path: `[${index}].related[${relatedIndex}]`,
          message: `"${entity.id}" names unknown related entity "${relatedId}"`,
        });
      }
    });
  });

  for (const field of ['anchors', 'storyAnchors'] as const) {
    (manifest[field] ?? []).forEach((anchorId, index) => {
      if (!entityIndexById.has(anchorId)) {
        problems.push({ file: input.manifest.file, path: `${field}[${index}]`, message: `anchor "${anchorId}" is not an entity` });
      }
    });
  }
  entitySources.forEach((entity, index) => {
    entity.aliases.forEach((alias, aliasIndex) => {
      if (typeof alias !== 'string' && alias.needsContext && (manifest.anchors ?? []).length === 0) {
        problems.push({
          file: input.entities.file,
          path: `[${index}].aliases[${aliasIndex}].needsContext`,
          message: `alias "${alias.text}" needs context, but pack.json names no anchors`,
        });
      }
      if (typeof alias !== 'string' && alias.needsStory && (manifest.storyAnchors ?? []).length === 0) {
        problems.push({
          file: input.entities.file,
          path: `[${index}].aliases[${aliasIndex}].needsStory`,
          message: `alias "${alias.text}" needs the story, but pack.json names no storyAnchors`,
        });
      }
    });
  });

  const factIds = new Set<string>();
  const facts: Fact[] = [];
  factSources.forEach((fact, index) => {
    if (factIds.has(fact.id)) {
      problems.push({ file: input.facts.file, path: `[${index}].id`, message: `duplicate fact id "${fact.id}"` });
    }
    factIds.add(fact.id);
    fact.entities.forEach((entityId, entityIndex) => {
      if (!entityIndexById.has(entityId)) {
        problems.push({
          file: input.facts.file,
          path: `[${index}].entities[${entityIndex}]`,
          message: `fact "${fact.id}" names unknown entity "${entityId}"`,
        });
      }
    });
    const quoteStart = sourceText.indexOf(fact.quote);
    if (quoteStart < 0) {
      problems.push({
        file: input.facts.file,
        path: `[${index}].quote`,
        message: `quote of fact "${fact.id}" (entities: ${fact.entities.join(', ')}) does not occur verbatim in ${input.source.file}: "${fact.quote}"`,
      });
    } else if (fact.quote.includes('\n')) {
      problems.push({ file: input.facts.file, path: `[${index}].quote`, message: `quote of fact "${fact.id}" spans lines` });
    }
    facts.push({ ...fact, quoteStart, quoteEnd: quoteStart + fact.quote.length });
  });

  entitySources.forEach((entity, index) => {
    if (!factSources.some((fact) => fact.entities.includes(entity.id))) {
      problems.push({ file: input.entities.file, path: `[${index}]`, message: `entity "${entity.id}" has no facts` });
    }
  });

  if (problems.length > 0) throw new PackError(problems);

  facts.sort((a, b) => a.quoteStart - b.quoteStart || a.id.localeCompare(b.id));
  const entities: Entity[] = entitySources.map((entity) => {
    const ownFacts = facts.filter((fact) => fact.entities.includes(entity.id));
    const sharedCounts = new Map<string, number>();
    for (const fact of ownFacts) {
      for (const other of fact.entities) {
        if (other !== entity.id) sharedCounts.set(other, (sharedCounts.get(other) ?? 0) + 1);
      }
    }
    const byShared = [...sharedCounts.entries()]
      .sort((a, b) => b[1] - a[1] || (entityIndexById.get(a[0]) ?? 0) - (entityIndexById.get(b[0]) ?? 0))
      .map(([otherId]) => otherId);
    const related = [...new Set([...(entity.related ?? []), ...byShared])];
    return {
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      category: KIND_CATEGORY[entity.kind],
      summary: entity.summary,
      aliases: entity.aliases.map(normaliseAlias),
      related,
      factIds: ownFacts.map((fact) => fact.id),
    };
  });

  putNamingFactsFirst(entities, facts);
  return { ...manifest, anchors: manifest.anchors ?? [], storyAnchors: manifest.storyAnchors ?? [], sourceText, entities, facts };
}

/**
 * Reorders each entity's facts so those whose quote names it come first (found as on a page: the
 * longest alias wins, so "Tartus Naval Base" names the base, not the city; context words aside).
 * The rest keep source order after them: facts where it is only implied ("Syria's new rulers").
 */
function putNamingFactsFirst(entities: Entity[], facts: readonly Fact[]): void {
  const matcher = new Matcher(entities);
  const namedIn = new Map(facts.map((fact) => [fact.id, new Set(matcher.findAll(fact.quote).map((match) => match.entityId))]));
  for (const entity of entities) {
    const naming = entity.factIds.filter((id) => namedIn.get(id)?.has(entity.id));
    entity.factIds = [...naming, ...entity.factIds.filter((id) => !naming.includes(id))];
  }
}

/** Validates and compiles a single-document pack, the format users import and export. */
export function compilePackDocument(file: string, data: unknown): CompiledPack {
  const problems: PackProblem[] = [];
  const document = validate(PackDocumentSchema, file, data, problems);
  if (!document) throw new PackError(problems);
  const { sourceText, entities, facts, ...manifest } = document;
  return compilePack({
    manifest: { file, data: manifest },
    entities: { file: `${file} (entities)`, data: entities },
    facts: { file: `${file} (facts)`, data: facts },
    source: { file: `${file} (sourceText)`, text: sourceText },
  });
}
