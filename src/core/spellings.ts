/** How the reader sees a term's spelling next to its entity's name (card, "Not this" notice, options). */
import { aliasKey } from './matcher';
import { foldString } from './text/fold';

/** Folded as the matcher folds (case, accents, typographic marks aside), whether an entity's name already shows a spelling (Assad in Bashar al-Assad). */
export function nameShows(name: string, spelling: string): boolean {
  const fold = (value: string) => foldString(value).toLowerCase();
  return fold(name).includes(fold(spelling.trim()));
}

/** The pack's own spelling of an alias key ("golani" → "Golani"), for showing it; the key when the pack has none. */
export function spellingOf(entity: { aliases: readonly { text: string }[] } | undefined, key: string): string {
  return entity?.aliases.find((alias) => aliasKey(alias.text) === key)?.text ?? key;
}
