import type { Category } from '@/src/core/pack/schema';
import type { Entity } from '@/src/core/pack/compile';
import type { PageState } from '@/src/messaging/protocol';
import { entityById } from '@/src/pack/bundled';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { KindLabel } from '@/src/ui/shared/KindLabel';
import { plural } from '@/src/ui/shared/labels';

/** What the popup knows about the page: still asking, no content script there, or its state. */
export type PageView = { kind: 'loading' } | { kind: 'unreadable' } | { kind: 'ready'; state: PageState };

export const UNREADABLE_MESSAGE =
  'Gloss can’t read this page — browser pages, the web store and PDF viewer are off limits to extensions.';
export const NOTHING_FOUND_MESSAGE = 'No people, places or topics from the story on this page.';

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
        On this page
      </h2>
      <PageStateBody view={view} onReveal={onReveal} colors={colors} lookupEntity={lookupEntity} />
    </section>
  );
}

function PageStateBody({ view, onReveal, colors, lookupEntity }: Required<Pick<PageStatePanelProps, 'lookupEntity'>> & PageStatePanelProps) {
  if (view.kind === 'loading') return <p class="page-panel__note muted">Looking at this page…</p>;
  if (view.kind === 'unreadable') return <p class="page-panel__note">{UNREADABLE_MESSAGE}</p>;

  const { state } = view;
  if (state.status === 'off-everywhere') {
    return <p class="page-panel__note">Highlighting is off everywhere. Switch on “Highlight everywhere” to see what this page mentions.</p>;
  }
  if (state.status === 'off-site') {
    return (
      <p class="page-panel__note">
        Highlighting is off on <strong>{state.site || 'this site'}</strong>. Switch on “Highlight on this site” to see what this page mentions.
      </p>
    );
  }
  if (state.status === 'off-tab') {
    return <p class="page-panel__note">Highlighting is off in this tab. Switch on “Highlight in this tab” to see what this page mentions.</p>;
  }

  const found = state.entities
    .map(({ entityId, count }) => ({ entity: lookupEntity(entityId), count }))
    .filter((item): item is { entity: Entity; count: number } => item.entity !== undefined);
  if (found.length === 0) {
    return <p class="page-panel__note muted">{state.scanning ? 'Reading this page…' : NOTHING_FOUND_MESSAGE}</p>;
  }
  return (
    <>
      <ul class="page-entities">
        {found.map(({ entity, count }) => (
          <li key={entity.id}>
            <button
              type="button"
              class="page-entity"
              title={`Show the next mention of ${entity.name} on the page`}
              onClick={() => onReveal(entity.id)}
            >
              <CategoryDot category={entity.category} color={colors?.[entity.category]} />
              <span class="page-entity__name">{entity.name}</span>
              <KindLabel kind={entity.kind} />
              <span class="page-entity__count">
                {count}
                <span class="visually-hidden"> {count === 1 ? 'mention' : 'mentions'}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p class="page-panel__hint muted">
        {plural(found.length, 'entity', 'entities')} found{state.scanning ? ', still reading…' : ''}. Click one to go to its next mention.
      </p>
    </>
  );
}
