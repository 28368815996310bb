import type { Category } from '@/src/core/pack/schema';
import type { Entity } from '@/src/core/pack/compile';
import type { PageState } from '@/src/messaging/protocol';
import { entityById } from '@/src/pack/bundled';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { t } from '@/src/ui/i18n';
import { KindLabel } from '@/src/ui/shared/KindLabel';
import { tRich } from '@/src/ui/shared/rich-text';

/**
 * What the popup knows about the page: still asking, no content script there (`siteAccessLimited`:
 * while the reader has limited the sites Gloss may read; `filesOff`: while Gloss may not read files
 * from the computer, which the page may be), or its state.
 */
export type PageView =
  | { kind: 'loading' }
  | { kind: 'unreadable'; siteAccessLimited?: boolean; filesOff?: boolean }
  | { kind: 'ready'; state: PageState };


interface PageStatePanelProps {
  view: PageView;
  onReveal: (entityId: string) => void;
  colors?: Record<Category, string>;
  lookupEntity?: (id: string) => Entity | undefined;
}

export function PageStatePanel({ view, onReveal, colors, lookupEntity = entityById }: PageStatePanelProps) {
  return (
    <section class="page-panel" aria-labelledby="page-panel-title" aria-busy={view.kind === 'loading'}>
      <h2 id="page-panel-title" class="section-title">
        {t('popupOnThisPage')}
      </h2>
      <PageStateBody view={view} onReveal={onReveal} colors={colors} lookupEntity={lookupEntity} />
    </section>
  );
}

function PageStateBody({ view, onReveal, colors, lookupEntity }: Required<Pick<PageStatePanelProps, 'lookupEntity'>> & PageStatePanelProps) {
  if (view.kind === 'loading') return <p class="page-panel__note muted">{t('popupPageLoading')}</p>;
  if (view.kind === 'unreadable') {
    return (
      <>
        <p class="page-panel__note">{t(view.siteAccessLimited ? 'popupUnreadableSiteAccess' : 'popupUnreadable')}</p>
        {view.filesOff && <p class="page-panel__note muted">{t('popupUnreadableFiles')}</p>}
      </>
    );
  }

  const { state } = view;
  if (state.status === 'off-everywhere') {
    return <p class="page-panel__note">{t('popupOffEverywhere', t('switchEverywhere'))}</p>;
  }
  if (state.status === 'off-site') {
    const site = state.site ? <strong>{state.site}</strong> : t('popupThisSite');
    return <p class="page-panel__note">{tRich('popupOffSite', site, t('switchSite'))}</p>;
  }
  if (state.status === 'off-tab') {
    return <p class="page-panel__note">{t('popupOffTab', t('switchTab'))}</p>;
  }

  const found = state.entities
    .map(({ entityId, count }) => ({ entity: lookupEntity(entityId), count }))
    .filter((item): item is { entity: Entity; count: number } => item.entity !== undefined);
  if (found.length === 0) {
    return <p class="page-panel__note muted">{state.scanning ? t('popupPageScanning') : t('popupNothingFound')}</p>;
  }
  return (
    <>
      <ul class="page-entities">
        {found.map(({ entity, count }) => (
          <li key={entity.id}>
            <button
              type="button"
              class="page-entity"
              title={t('popupRevealTitle', entity.name)}
              onClick={() => onReveal(entity.id)}
            >
              <CategoryDot category={entity.category} color={colors?.[entity.category]} />
              <span class="page-entity__label">
                <span class="page-entity__name">{entity.name}</span>
                <KindLabel kind={entity.kind} />
              </span>
              <span class="page-entity__count">
                <span aria-hidden="true">{count}</span>
                <span class="visually-hidden">{count === 1 ? t('popupMentionCountOne') : t('popupMentionCount', count)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p class="page-panel__hint muted">{foundHint(found.length, state.scanning)}</p>
    </>
  );
}

function foundHint(count: number, scanning: boolean): string {
  if (scanning) return count === 1 ? t('popupFoundSoFarOne') : t('popupFoundSoFar', count);
  return count === 1 ? t('popupFoundOne') : t('popupFound', count);
}
