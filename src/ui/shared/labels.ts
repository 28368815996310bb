/** Human wording for pack kinds and categories, shared by the popup, options page and reader. */
import type { Category, EntityKind } from '@/src/core/pack/schema';

export const CATEGORY_LABELS: Record<Category, string> = {
  people: 'People',
  groups: 'Groups',
  places: 'Places',
  topics: 'Topics',
};

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

export function kindLabel(kind: EntityKind): string {
  return KIND_LABELS[kind];
}

/** "1 fact", "3 facts". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
