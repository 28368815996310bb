/**
 * The knowledge-pack format (version 1), as valibot schemas. The same schemas validate the
 * bundled pack at build time and any pack a user imports later. Documented in docs/pack-format.md.
 */
import * as v from 'valibot';
import { ENTITY_KINDS } from './categories';
import { MAX_ALIAS_LENGTH } from './limits';

export const PACK_FORMAT_VERSION = 1;

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'must be kebab-case: lowercase letters, digits and single hyphens'));
const text = v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty'));
/** A spelling, no longer than settings keep a hidden one (see limits.ts). */
const aliasText = v.pipe(text, v.maxLength(MAX_ALIAS_LENGTH, `must be at most ${MAX_ALIAS_LENGTH} characters`));

/**
 * Whether `value` is an http or https address. The source's address becomes a link on the options
 * page and in the reader, so an imported pack must not make it script (`javascript:`), a page of its
 * own (`data:`) or a browser or local page (`chrome:`, `file:`); the pages' CSP is the only other guard.
 */
function isWebAddress(value: string): boolean {
  try {
    const { protocol, host } = new URL(value);
    return (protocol === 'http:' || protocol === 'https:') && host !== '';
  } catch {
    return false;
  }
}
const webAddress = v.pipe(v.string(), v.check(isWebAddress, 'must be a web address starting with http:// or https://'));

export { CATEGORIES, ENTITY_KINDS, KIND_CATEGORY, type Category, type EntityKind } from './categories';

/**
 * How an alias is compared with page text, after diacritics and apostrophes are folded:
 * - `proper` (default): as written, with a capitalised first letter or every word capitalised, or in
 *   capitals ("Tartus", "TARTUS"; "al-Sharaa", "Al-Sharaa"; "Ahmed al-Sharaa", "Ahmed Al-Sharaa").
 * - `exact`: only as written; for acronyms such as HTS and NATO.
 * - `any`: any letter case; for topics written in common words ("oil and gas").
 */
export const ALIAS_CASE_RULES = ['proper', 'exact', 'any'] as const;
export type AliasCaseRule = (typeof ALIAS_CASE_RULES)[number];

export const AliasSchema = v.union([
  aliasText,
  v.strictObject({
    text: aliasText,
    case: v.optional(v.picklist(ALIAS_CASE_RULES)),
    /** Words that, directly after the alias, show another sense ("HTS code"). Compared case-insensitively. */
    notBefore: v.optional(v.array(text)),
    /** Words that, directly before the alias, show another sense ("Thanksgiving Turkey"). */
    notAfter: v.optional(v.array(text)),
    /**
     * Marked only on pages that also mention one of the pack's `anchors` through an alias without
     * this flag: "Turkey" on a recipe page, "Bogdanov" on a computer-science page stay unmarked.
     */
    needsContext: v.optional(v.boolean()),
    /**
     * Marked only on pages that also mention one of the pack's `storyAnchors` (the story's own
     * places, people and groups): for phrases of the story in common words ("oil and gas", "$23
     * million"), which a page about the wider world (Russia's energy exports) uses in another story.
     */
    needsStory: v.optional(v.boolean()),
    /**
     * A short form of the name (a bare surname). Not marked on a page where another bearer of the
     * name appears (an alias of this entity ruled out by its context words, e.g. "Farouk
     * al-Sharaa"), unless the page also names this entity in full.
     */
    shortForm: v.optional(v.boolean()),
  }),
]);
export type AliasSource = v.InferOutput<typeof AliasSchema>;

export const EntitySchema = v.strictObject({
  id,
  name: text,
  kind: v.picklist(ENTITY_KINDS),
  summary: text,
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1, 'needs at least one alias')),
  /** Entities worth a click from this one's card, beyond those that share a fact with it. */
  related: v.optional(v.array(id)),
});
export type EntitySource = v.InferOutput<typeof EntitySchema>;

export const FactSchema = v.strictObject({
  id,
  statement: text,
  /** Must occur verbatim, on one line, in the pack's source text. */
  quote: text,
  entities: v.pipe(v.array(id), v.minLength(1, 'must involve at least one entity')),
});
export type FactSource = v.InferOutput<typeof FactSchema>;

export const PackManifestSchema = v.strictObject({
  format: v.literal(PACK_FORMAT_VERSION),
  id,
  title: text,
  version: v.pipe(v.string(), v.regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0')),
  language: v.pipe(v.string(), v.regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'must be a language tag such as en')),
  /**
   * Entities whose mention shows a page is about the story's world (e.g. Syria, Russia, HTS): the
   * condition for aliases marked `needsContext`.
   */
  anchors: v.optional(v.array(id)),
  /** Entities whose mention shows a page is about the story itself (e.g. Syria, HTS): the condition for aliases marked `needsStory`. */
  storyAnchors: v.optional(v.array(id)),
  source: v.strictObject({
    title: text,
    /** Who published the article, when known. */
    publisher: v.optional(text),
    url: v.optional(webAddress),
  }),
});
export type PackManifest = v.InferOutput<typeof PackManifestSchema>;

export const EntitiesFileSchema = v.array(EntitySchema);
export const FactsFileSchema = v.array(FactSchema);

/** A whole pack in one JSON document: the shape users import and export. */
export const PackDocumentSchema = v.strictObject({
  ...PackManifestSchema.entries,
  sourceText: text,
  entities: EntitiesFileSchema,
  facts: FactsFileSchema,
});
export type PackDocument = v.InferOutput<typeof PackDocumentSchema>;
