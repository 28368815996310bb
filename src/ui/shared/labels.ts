/** Human wording for pack kinds and categories, shared by the popup, options page and reader. */
import type { EntityKind } from '@/src/core/pack/schema';
import { KIND_LABELS } from '@/src/core/pack/labels';

export { CATEGORY_LABELS, KIND_LABELS } from '@/src/core/pack/labels';

export function kindLabel(kind: EntityKind): string {
  return KIND_LABELS[kind];
}

/** "1 fact", "3 facts". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
