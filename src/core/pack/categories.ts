/**
 * Entity kinds and the categories they belong to: plain data, apart from the pack schemas
 * (schema.ts), so that code which needs only these (settings, the content script's highlight
 * names) does not build the schemas.
 */
export const ENTITY_KINDS = [
  'person',
  'organisation',
  'armed-group',
  'country',
  'city',
  'region',
  'sea',
  'military-base',
  'alliance',
  'publication',
  'conflict',
  'topic',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Colour and on/off switches work per category; every kind belongs to exactly one. */
export const CATEGORIES = ['people', 'groups', 'places', 'topics'] as const;
export type Category = (typeof CATEGORIES)[number];

export const KIND_CATEGORY: Record<EntityKind, Category> = {
  person: 'people',
  organisation: 'groups',
  'armed-group': 'groups',
  alliance: 'groups',
  publication: 'groups',
  country: 'places',
  city: 'places',
  region: 'places',
  sea: 'places',
  'military-base': 'places',
  conflict: 'topics',
  topic: 'topics',
};
