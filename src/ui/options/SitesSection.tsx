import { useId, useRef, useState } from 'preact/hooks';
import type { Entity } from '@/src/core/pack/compile';
import { parseHiddenTerm, withTermHidden, withSiteEnabled, withoutListedSite } from '@/src/core/settings';
import { siteForDisplay } from '@/src/core/site-display';
import { spellingOf } from '@/src/core/spellings';
import { entityById, pack } from '@/src/pack/bundled';
import { t } from '@/src/ui/i18n';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { tRich } from '@/src/ui/shared/rich-text';
import { KindLabel } from '@/src/ui/shared/KindLabel';
import { useFocusAfterRemoval } from './focus-after-removal';
import type { SettingsFormProps } from './HighlightingSection';
import { parseSiteInput } from './hostname';

export interface SitesSectionProps extends SettingsFormProps {
  /** Finds a hidden entity's name; every installed pack in the extension. */
  lookupEntity?: (id: string) => Entity | undefined;
  /** The language of an entity's pack (names are in the pack's language). */
  contentLanguageOf?: (id: string) => string | undefined;
  /** True while the reader has limited the sites the browser lets Gloss read (see site-access.ts). */
  siteAccessLimited?: boolean;
}

export function SitesSection({
  settings,
  onChange,
  lookupEntity = entityById,
  contentLanguageOf = () => pack.language,
  siteAccessLimited = false,
}: SitesSectionProps) {
  const id = useId();
  const [input, setInput] = useState('');
  const [error, setError] = useState('');
  const sitesList = useRef<HTMLDivElement>(null);
  const emptyNote = useRef<HTMLParagraphElement>(null);
  const rememberRemoval = useFocusAfterRemoval(sitesList, '.sites__item button', () => emptyNote.current);

  function addSite(event: Event) {
    event.preventDefault();
    const parsed = parseSiteInput(input);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (settings.disabledSites.includes(parsed.site)) {
      setError(t('optionsSiteAlreadyListed', siteForDisplay(parsed.site)));
      return;
    }
    setError('');
    setInput('');
    onChange((current) => withSiteEnabled(current, parsed.site, false));
  }

  const sites = settings.disabledSites;
  return (
    <section class="card" aria-labelledby="sites-title">
      <h2 id="sites-title" class="card__title">
        {t('optionsSitesTitle')}
      </h2>
      <div class="card__body">
        <div ref={sitesList}>
          <p class="field-hint">{t('optionsSitesHint')}</p>
          {siteAccessLimited && <p class="sites__access-note">{t('optionsSiteAccessLimited')}</p>}
          {sites.length === 0 ? (
            <p ref={emptyNote} class="sites__empty muted" tabIndex={-1}>
              {t(siteAccessLimited ? 'optionsSitesEmptyLimited' : 'optionsSitesEmpty')}
            </p>
          ) : (
            <ul class="sites" aria-label={t('optionsSitesListLabel')}>
              {sites.map((site) => (
                <li key={site} class="sites__item">
                  <span class="sites__name">{siteForDisplay(site)}</span>
                  <button
                    type="button"
                    class="button button--small"
                    aria-label={t('optionsRemoveSite', siteForDisplay(site))}
                    onClick={(event) => {
                      rememberRemoval(event.currentTarget);
                      onChange((current) => withoutListedSite(current, site));
                    }}
                  >
                    {t('optionsRemove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <form class="sites__add" onSubmit={addSite} noValidate>
          <label for={id} class="field__label">
            {t('optionsAddSite')}
          </label>
          <div class="field__row">
            <input
              id={id}
              type="text"
              class="text-input"
              inputMode="url"
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              placeholder={t('optionsSitePlaceholder')}
              value={input}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onInput={(event) => {
                setInput(event.currentTarget.value);
                if (error) setError('');
              }}
            />
            <button type="submit" class="button">
              {t('optionsAdd')}
            </button>
          </div>
          {error ? (
            <p id={`${id}-error`} class="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
        <HiddenEntities settings={settings} onChange={onChange} lookupEntity={lookupEntity} contentLanguageOf={contentLanguageOf} />
      </div>
    </section>
  );
}

/** The "Not this" choices made in cards: per site, the terms (an entity's spelling, or a whole entity) no longer highlighted there. */
function HiddenEntities({ settings, onChange, lookupEntity, contentLanguageOf }: Required<Omit<SitesSectionProps, 'siteAccessLimited'>>) {
  const id = useId();
  const notThis = t('cardNotThis');
  const group = useRef<HTMLDivElement>(null);
  const emptyNote = useRef<HTMLParagraphElement>(null);
  const rememberRemoval = useFocusAfterRemoval(group, '.hidden-entity button', () => emptyNote.current);
  const bySite = Object.entries(settings.hiddenEntities)
    .filter(([, ids]) => ids.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <div ref={group} class="hidden-entities" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} class="field__label hidden-entities__title">
        {t('optionsHiddenTitle', notThis)}
      </h3>
      <p class="field-hint">{t('optionsHiddenHint', notThis)}</p>
      {bySite.length === 0 ? (
        <p ref={emptyNote} class="hidden-entities__empty sites__empty muted" tabIndex={-1}>
          {t('optionsHiddenEmpty')}
        </p>
      ) : (
        <ul class="hidden-sites">
          {bySite.map(([site, terms]) => {
            const entries = terms
              .map((term) => {
                const { entityId, spellingKey } = parseHiddenTerm(term);
                const entity = lookupEntity(entityId);
                return { term, entityId, entity, name: entity?.name ?? entityId, spelling: spellingKey === null ? null : spellingOf(entity, spellingKey) };
              })
              .sort((a, b) => a.name.localeCompare(b.name) || (a.spelling ?? '').localeCompare(b.spelling ?? ''));
            const shownSite = siteForDisplay(site);
            return (
              <li key={site} class="hidden-site">
                <p class="hidden-site__name sites__name" aria-hidden="true">
                  {shownSite}
                </p>
                <ul class="hidden-site__entities" aria-label={t('optionsHiddenOnSite', shownSite)}>
                  {entries.map(({ term, entityId, entity, name, spelling }) => {
                    const lang = entity ? contentLanguageOf(entityId) : undefined;
                    return (
                      <li key={term} class="hidden-entity" data-entity-id={entityId} data-spelling={spelling ?? undefined}>
                        <span class="hidden-entity__label">
                          <span class="hidden-entity__title">
                            {entity ? <CategoryDot category={entity.category} color={settings.colors[entity.category]} /> : null}
                            <span class="hidden-entity__name" lang={lang}>
                              {name}
                            </span>
                          </span>
                          {spelling === null ? null : (
                            <span class="hidden-entity__spelling">{tRich('optionsHiddenSpelling', <span lang={lang}>{spelling}</span>)}</span>
                          )}
                          {entity ? <KindLabel kind={entity.kind} /> : null}
                        </span>
                        <button
                          type="button"
                          class="button button--small"
                          aria-label={spelling === null ? t('optionsShowAgainLabel', name, shownSite) : t('optionsShowSpellingAgainLabel', spelling, name, shownSite)}
                          onClick={(event) => {
                            rememberRemoval(event.currentTarget);
                            onChange((current) => withTermHidden(current, site, term, false));
                          }}
                        >
                          {t('optionsShowAgain')}
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
