/** Human labels for kinds and categories, shared by the card, popup, reader and options. */
import type { Category, EntityKind } from './schema';

/** Lower case, to sit inside sentences ("Person · 2 facts" capitalises it with CSS). */
export const KIND_LABELS: Record<EntityKind, string> = {
  person: 'person',
  organisation: 'organisation',
  'armed-group': 'armed group',
  country: 'country',
  city: 'city',
  region: 'region',
  sea: 'sea',
  'military-base': 'military base',
  alliance: 'alliance',
  publication: 'publication',
  conflict: 'conflict',
  topic: 'topic',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  people: 'People',
  groups: 'Groups',
  places: 'Places',
  topics: 'Topics',
};
