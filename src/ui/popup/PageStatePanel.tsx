import { useRef, useState } from 'preact/hooks';
import type { Category } from '@/src/core/pack/schema';
import type { Entity } from '@/src/core/pack/compile';
import { siteForDisplay } from '@/src/core/site-display';
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
  /** Every pack is switched off: nothing is found on any page, and the panel says why. */
  noPackInUse?: boolean;
  /** Only first mentions are marked (options): the page counts one of each, so no counts are shown. */
  firstMentionOnly?: boolean;
}

export function PageStatePanel({ view, onReveal, colors, lookupEntity = entityById, noPackInUse = false, firstMentionOnly = false }: PageStatePanelProps) {
  return (
    <section class="page-panel" aria-labelledby="page-panel-title" aria-busy={view.kind === 'loading'}>
      <h2 id="page-panel-title" class="section-title">
        {t('popupOnThisPage')}
      </h2>
      <PageStateBody view={view} onReveal={onReveal} colors={colors} lookupEntity={lookupEntity} noPackInUse={noPackInUse} firstMentionOnly={firstMentionOnly} />
    </section>
  );
}

function PageStateBody({ view, onReveal, colors, lookupEntity, noPackInUse, firstMentionOnly = false }: Required<Pick<PageStatePanelProps, 'lookupEntity'>> & PageStatePanelProps) {
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
    const site = state.site ? <strong>{siteForDisplay(state.site)}</strong> : t('popupThisSite');
    return <p class="page-panel__note">{tRich('popupOffSite', site, t('switchSite'))}</p>;
  }
  if (state.status === 'off-tab') {
    return <p class="page-panel__note">{t('popupOffTab', t('switchTab'))}</p>;
  }

  const found = state.entities
    .map(({ entityId, count }) => ({ entity: lookupEntity(entityId), count }))
    .filter((item): item is { entity: Entity; count: number } => item.entity !== undefined)
    // Most mentioned first (the page's order), and terms mentioned as often by name, as the reader reads them.
    .sort((a, b) => b.count - a.count || a.entity.name.localeCompare(b.entity.name));
  if (found.length === 0) {
    return <p class="page-panel__note muted">{state.scanning ? t('popupPageScanning') : t(noPackInUse ? 'popupNoPackInUse' : 'popupNothingFound')}</p>;
  }
  return (
    <>
      <FoundEntities found={found} colors={colors} onReveal={onReveal} showCounts={!firstMentionOnly} />
      <p class="page-panel__hint muted">{foundHint(found.length, state.scanning, firstMentionOnly)}</p>
    </>
  );
}

interface FoundEntitiesProps {
  found: { entity: Entity; count: number }[];
  colors?: Record<Category, string>;
  onReveal: (entityId: string) => void;
  showCounts: boolean;
}

/** Keys that move within the list, from the entry at `at` of `count`; undefined for any other key. */
function entryAfterKey(key: string, at: number, count: number): number | undefined {
  if (key === 'ArrowDown') return Math.min(at + 1, count - 1);
  if (key === 'ArrowUp') return Math.max(at - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}

/**
 * The entities found, one Tab stop for the whole list (the arrow keys, Home and End move within
 * it): a page naming thirty of them put thirty Tab presses between the search box and the switches.
 */
function FoundEntities({ found, colors, onReveal, showCounts }: FoundEntitiesProps) {
  // By entity: the list changes while the popup is open (the page is still being read, counts reorder it).
  const [current, setCurrent] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const at = Math.max(0, found.findIndex(({ entity }) => entity.id === current));

  function onKeyDown(event: KeyboardEvent) {
    const next = entryAfterKey(event.key, at, found.length);
    if (next === undefined) return;
    event.preventDefault();
    setCurrent(found[next]?.entity.id ?? '');
    list.current?.querySelectorAll<HTMLButtonElement>('.page-entity')[next]?.focus();
  }

  return (
    <ul class="page-entities" ref={list} onKeyDown={onKeyDown}>
      {found.map(({ entity, count }, index) => (
        <li key={entity.id}>
          <button
            type="button"
            class="page-entity"
            tabIndex={index === at ? 0 : -1}
            title={t('popupRevealTitle', entity.name)}
            onFocus={() => setCurrent(entity.id)}
            onClick={() => onReveal(entity.id)}
          >
            <CategoryDot category={entity.category} color={colors?.[entity.category]} />
            <span class="page-entity__label">
              <span class="page-entity__name">{entity.name}</span>
              <KindLabel kind={entity.kind} />
            </span>
            {showCounts && (
              <span class="page-entity__count">
                <span aria-hidden="true">{count}</span>
                <span class="visually-hidden">{count === 1 ? t('popupMentionCountOne') : t('popupMentionCount', count)}</span>
              </span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}

function foundHint(count: number, scanning: boolean, firstMentionOnly: boolean): string {
  if (scanning) return count === 1 ? t('popupFoundSoFarOne') : t('popupFoundSoFar', count);
  if (firstMentionOnly) return count === 1 ? t('popupFoundFirstOnlyOne') : t('popupFoundFirstOnly', count);
  return count === 1 ? t('popupFoundOne') : t('popupFound', count);
}
