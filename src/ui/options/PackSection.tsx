import type { CompiledPack } from '@/src/core/pack/compile';
import { CATEGORIES, type Category } from '@/src/core/pack/schema';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { t } from '@/src/ui/i18n';
import { categoryLabel } from '@/src/ui/shared/labels';

export interface PackCounts {
  entities: number;
  aliases: number;
  facts: number;
}

/** Counts overall and per category; a fact counts for each category it involves. */
export function packCounts(pack: Pick<CompiledPack, 'entities' | 'facts'>): { total: PackCounts; byCategory: Record<Category, PackCounts> } {
  const categoryOf = new Map(pack.entities.map((entity) => [entity.id, entity.category]));
  const byCategory = Object.fromEntries(
    CATEGORIES.map((category) => {
      const members = pack.entities.filter((entity) => entity.category === category);
      const facts = pack.facts.filter((fact) => fact.entities.some((id) => categoryOf.get(id) === category));
      return [
        category,
        {
          entities: members.length,
          aliases: members.reduce((sum, entity) => sum + entity.aliases.length, 0),
          facts: facts.length,
        },
      ];
    }),
  ) as Record<Category, PackCounts>;
  const total = {
    entities: pack.entities.length,
    aliases: pack.entities.reduce((sum, entity) => sum + entity.aliases.length, 0),
    facts: pack.facts.length,
  };
  return { total, byCategory };
}

export function entityCount(count: number): string {
  return count === 1 ? t('optionsPackEntityCountOne') : t('optionsPackEntityCount', count);
}

export function aliasCount(count: number): string {
  return count === 1 ? t('optionsPackAliasCountOne') : t('optionsPackAliasCount', count);
}

export function factCount(count: number): string {
  return count === 1 ? t('optionsPackFactCountOne') : t('optionsPackFactCount', count);
}

interface PackTableProps {
  pack: CompiledPack;
  colors: Record<Category, string>;
}

/** What a pack contains, by category, with the totals. */
export function PackTable({ pack, colors }: PackTableProps) {
  const { total, byCategory } = packCounts(pack);
  return (
    <>
      <div class="pack-table-scroll">
        <table class="pack-table">
          <caption class="visually-hidden">{t('optionsPackCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('optionsPackCategory')}</th>
              <th scope="col">{t('optionsPackEntities')}</th>
              <th scope="col">{t('optionsPackAliases')}</th>
              <th scope="col">{t('optionsPackFacts')}</th>
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((category) => (
              <tr key={category}>
                <th scope="row">
                  <CategoryDot category={category} color={colors[category]} /> {categoryLabel(category)}
                </th>
                <td>{byCategory[category].entities}</td>
                <td>{byCategory[category].aliases}</td>
                <td>{byCategory[category].facts}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('optionsPackAll')}</th>
              <td>{total.entities}</td>
              <td>{total.aliases}</td>
              <td>{total.facts}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="field-hint">{t('optionsPackHint')}</p>
    </>
  );
}
