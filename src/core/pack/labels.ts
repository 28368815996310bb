/** Human labels for kinds and categories, shared by the card, popup, reader and options. */
import type { Category, EntityKind } from './schema';

export const KIND_LABELS: Record<EntityKind, string> = {
  person: 'Person',
  organisation: 'Organisation',
  'armed-group': 'Armed group',
  country: 'Country',
  city: 'City',
  region: 'Region',
  sea: 'Sea',
  'military-base': 'Military base',
  alliance: 'Alliance',
  publication: 'Publication',
  conflict: 'Conflict',
  topic: 'Topic',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  people: 'People',
  groups: 'Groups',
  places: 'Places',
  topics: 'Topics',
};
