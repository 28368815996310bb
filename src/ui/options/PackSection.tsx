import type { CompiledPack } from '@/src/core/pack/compile';
import { CATEGORIES, type Category } from '@/src/core/pack/schema';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { t } from '@/src/ui/i18n';
import { categoryLabel } from '@/src/ui/shared/labels';

interface PackCounts {
  entities: number;
  aliases: number;
  facts: number;
}

/** Counts overall and per category; a fact counts for each category it involves. */
export function packCounts(pack: CompiledPack): { total: PackCounts; byCategory: Record<Category, PackCounts> } {
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

interface PackSectionProps {
  pack: CompiledPack;
  colors: Record<Category, string>;
}

export function PackSection({ pack, colors }: PackSectionProps) {
  const { total, byCategory } = packCounts(pack);
  return (
    <section class="card" aria-labelledby="pack-title">
      <h2 id="pack-title" class="card__title">
        {t('optionsPackTitle')}
      </h2>
      <div class="card__body">
        <dl class="pack-facts">
          <div>
            <dt>{t('optionsPackFieldTitle')}</dt>
            <dd lang={pack.language}>{pack.title}</dd>
          </div>
          <div>
            <dt>{t('optionsPackVersion')}</dt>
            <dd>{pack.version}</dd>
          </div>
          <div>
            <dt>{t('optionsPackSource')}</dt>
            <dd lang={pack.language}>
              {pack.source.url ? (
                <a href={pack.source.url} target="_blank" rel="noreferrer noopener">
                  {pack.source.title}
                </a>
              ) : (
                pack.source.title
              )}
              {pack.source.publisher ? <span class="muted"> · {pack.source.publisher}</span> : null}
            </dd>
          </div>
        </dl>
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
      </div>
    </section>
  );
}
