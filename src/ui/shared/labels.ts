/**
 * Human wording for pack kinds and categories in the user's language, shared by the popup, options
 * page and reader. src/core/pack/labels.ts keeps the English reference (core has no browser APIs).
 */
import type { Category, EntityKind } from '@/src/core/pack/schema';
import { t, type MessageKey } from '@/src/ui/i18n';

/** Message keys can't hold "-": "military-base" → "kind_military_base". */
export function kindMessageKey(kind: EntityKind): MessageKey {
  return `kind_${kind.replaceAll('-', '_')}` as MessageKey;
}

export function categoryMessageKey(category: Category): MessageKey {
  return `category_${category}` as MessageKey;
}

/** Lower case in English ("military base"), as it sits after a name. */
export function kindLabel(kind: EntityKind): string {
  return t(kindMessageKey(kind));
}

/** "People", "Places", … */
export function categoryLabel(category: Category): string {
  return t(categoryMessageKey(category));
}
