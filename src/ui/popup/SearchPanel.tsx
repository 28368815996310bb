import type { ComponentChildren } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { citation } from '@/src/core/pack/citation';
import type { CompiledPack } from '@/src/core/pack/compile';
import type { Category } from '@/src/core/pack/schema';
import type { SearchHit } from '@/src/core/search';
import type { OpenReaderRequest } from '@/src/messaging/protocol';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { t } from '@/src/ui/i18n';
import { documentClipboard, type CopyText } from '@/src/ui/shared/CopyQuoteButton';
import { KindLabel } from '@/src/ui/shared/KindLabel';
import { useActionStatus } from '@/src/ui/shared/use-action-status';

interface SearchPanelProps {
  /** Runs a query; a `PackSearch` instance's `search` in the extension. */
  search: (query: string) => SearchHit[];
  /** Opens the source reader at a fact's quote or an entity's quotes. */
  onOpen: (request: OpenReaderRequest) => void;
  colors?: Record<Category, string>;
  /** Language of the pack's text (statements, quotes, summaries), which is not translated. */
  contentLang?: string;
  /** The pack a result comes from (its language; its title for results from other packs than the main one). */
  packOf?: (id: string) => CompiledPack | undefined;
  /** The bundled pack's id: its results need no "From …" line. */
  mainPackId?: string;
  /** Shown instead of results while the search box is empty. */
  children?: ComponentChildren;
  /** Every pack is switched off: a search finds nothing, and says why. */
  noPackInUse?: boolean;
  /** Told when the box gets a query and when it is emptied again. */
  onSearchingChange?: (searching: boolean) => void;
  /** Puts the chosen fact's quote on the clipboard (Ctrl+C); the document's clipboard by default; null: not offered. */
  copyText?: CopyText | null;
}

function requestFor(hit: SearchHit): OpenReaderRequest {
  return hit.type === 'fact' ? { factId: hit.id } : { entityId: hit.id };
}

/** Apple's systems copy with ⌘C; Ctrl+C is no copy there. */
const onApple = () => /Mac|iPhone|iPad/.test(navigator.platform);

function isCopyKey(event: KeyboardEvent): boolean {
  return event.key.toLowerCase() === 'c' && (onApple() ? event.metaKey : event.ctrlKey) && !event.altKey && !event.shiftKey;
}

// The Ctrl key as the reader's keyboard labels it (German ones say Strg).
const copyKeysLabel = () => (onApple() ? '⌘C' : `${t('keyCtrl')}+C`);

/** Search box with instant results, a listbox driven from the box (focus stays in the box). */
export function SearchPanel({ search, onOpen, colors, contentLang, packOf, mainPackId, children, noPackInUse = false, onSearchingChange, copyText = documentClipboard() }: SearchPanelProps) {
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(-1);
  const [copyStatus, copy] = useActionStatus('could not copy the quote');
  /** The fact whose quote the last copy was of: its status shows under it only. */
  const [copiedFactId, setCopiedFactId] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const idPrefix = useId();
  const listboxId = `${idPrefix}-results`;
  const optionId = (index: number) => `${idPrefix}-result-${index}`;

  const trimmed = query.trim();
  const hits = useMemo(() => (trimmed ? search(trimmed) : []), [search, trimmed]);
  const activeHit = activeIndex >= 0 ? hits[activeIndex] : undefined;
  const searching = trimmed !== '';
  // The fact chosen with the arrow keys, with the article its quote is cited from: Ctrl+C copies it.
  const copySource = activeHit?.type === 'fact' ? packOf?.(activeHit.id)?.source : undefined;
  const copyable = copyText && copySource && activeHit?.type === 'fact' ? { hit: activeHit, source: copySource, copyText } : undefined;
  const copyMessage = copyStatus === 'done' ? t('popupQuoteCopied') : copyStatus === 'failed' ? t('copyQuoteFailed') : '';

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    onSearchingChange?.(searching);
    // Told on changes of `searching` only, whichever callback the parent passes this time.
  }, [searching]);

  useEffect(() => {
    if (activeIndex < 0) return;
    // scrollIntoView is missing in some test DOMs; the popup works without it.
    document.getElementById(optionId(activeIndex))?.scrollIntoView?.({ block: 'nearest' });
    // optionId only depends on idPrefix, which never changes.
  }, [activeIndex]);

  function onInput(value: string) {
    setQuery(value);
    setActiveIndex(-1);
  }

  function onKeyDown(event: KeyboardEvent) {
    // Keys that pick or confirm an input method's composition (Japanese, Chinese…) are the composition's, not the list's.
    if (event.isComposing) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (hits.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((current) => {
        if (current < 0) return step > 0 ? 0 : hits.length - 1;
        return (current + step + hits.length) % hits.length;
      });
    } else if (event.key === 'Enter') {
      // Enter with nothing chosen yet opens the best match.
      const hit = activeHit ?? hits[0];
      if (!hit) return;
      event.preventDefault();
      onOpen(requestFor(hit));
    } else if (copyable && isCopyKey(event)) {
      // Text selected in the box is the reader's to copy.
      const box = event.currentTarget as HTMLInputElement;
      if (box.selectionStart !== box.selectionEnd) return;
      event.preventDefault();
      const { hit, source, copyText: copyQuote } = copyable;
      setCopiedFactId(hit.id);
      void copy(() => copyQuote(citation(hit.fact.quote, source)));
    } else if (event.key === 'Escape' && query) {
      // Clear first; a second Escape closes the popup as usual.
      event.preventDefault();
      onInput('');
    }
  }

  let announcement = '';
  if (trimmed) {
    if (hits.length === 0) announcement = t('popupSearchNoMatch', trimmed);
    else announcement = hits.length === 1 ? t('popupSearchResultCountOne', trimmed) : t('popupSearchResultCount', hits.length, trimmed);
  }

  return (
    <div class="search">
      <div class="search__box">
        <svg class="search__icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M12.7 12.7 17 17" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
        <input
          ref={inputRef}
          type="search"
          class="search__input"
          aria-label={t('popupSearchLabel')}
          placeholder={t('popupSearchPlaceholder')}
          autoFocus
          autoComplete="off"
          spellcheck={false}
          value={query}
          aria-controls={hits.length ? listboxId : undefined}
          aria-activedescendant={activeHit ? optionId(activeIndex) : undefined}
          onInput={(event) => onInput(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <p class="visually-hidden" role="status">
        {copyMessage}
      </p>
      {!searching ? (
        children
      ) : hits.length === 0 ? (
        <div class="search__empty">
          <p class="search__empty-title">{t('popupSearchNoMatch', trimmed)}</p>
          <p class="muted">{t(noPackInUse ? 'popupNoPackInUse' : 'popupSearchNoMatchHint')}</p>
        </div>
      ) : (
        // Chosen from the search box with the arrow keys (aria-activedescendant): not a Tab stop of its
        // own, which Chromium makes of a scrolling box with nothing focusable in it.
        <ul id={listboxId} class="results" role="listbox" tabIndex={-1} aria-label={t('popupSearchResultsLabel')}>
          {hits.map((hit, index) => {
            const source = packOf?.(hit.id);
            const lang = source?.language ?? contentLang;
            const fromOtherPack = source !== undefined && source.id !== mainPackId;
            // Under the chosen fact: the keys that copy its quote, or how the last copy of it went.
            const copyLine =
              index === activeIndex && copyable
                ? copiedFactId === hit.id && copyMessage
                  ? copyMessage
                  : t('popupCopyQuoteHint', copyKeysLabel())
                : null;
            return (
              <li
                key={`${hit.type}:${hit.id}`}
                id={optionId(index)}
                role="option"
                // Named by its statement (or entity and kind), described by its quote (or summary): read
                // whole, a fact's option ran its statement, quote and every entity's name together.
                aria-labelledby={`${optionId(index)}-name`}
                aria-describedby={`${optionId(index)}-detail${fromOtherPack ? ` ${optionId(index)}-pack` : ''}${copyLine ? ` ${optionId(index)}-copy` : ''}`}
                aria-selected={index === activeIndex}
                class={`result result--${hit.type}${index === activeIndex ? ' result--active' : ''}`}
                onClick={() => onOpen(requestFor(hit))}
              >
                {hit.type === 'fact' ? (
                  <FactResult hit={hit} colors={colors} lang={lang} idPrefix={optionId(index)} />
                ) : (
                  <EntityResult hit={hit} colors={colors} lang={lang} idPrefix={optionId(index)} />
                )}
                {fromOtherPack ? (
                  <p class="result__pack" id={`${optionId(index)}-pack`}>
                    {t('popupResultPack', source.title)}
                  </p>
                ) : null}
                {copyLine ? (
                  <p class="result__copy" id={`${optionId(index)}-copy`}>
                    {copyLine}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

interface ResultProps<T extends SearchHit['type']> {
  hit: Extract<SearchHit, { type: T }>;
  colors?: Record<Category, string>;
  lang?: string;
  /** The option's id: its name and its detail are `${idPrefix}-name` and `${idPrefix}-detail`. */
  idPrefix: string;
}

function FactResult({ hit, colors, lang, idPrefix }: ResultProps<'fact'>) {
  return (
    <>
      <p class="result__statement" id={`${idPrefix}-name`} lang={lang}>
        {hit.fact.statement}
      </p>
      <q class="result__quote" id={`${idPrefix}-detail`} lang={lang}>
        {hit.fact.quote}
      </q>
      {hit.entities.length > 0 ? (
        <p class="result__entities">
          {hit.entities.map((entity) => (
            <span key={entity.id} class="chip">
              <CategoryDot category={entity.category} color={colors?.[entity.category]} />
              {entity.name}
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

function EntityResult({ hit, colors, lang, idPrefix }: ResultProps<'entity'>) {
  const { entity } = hit;
  return (
    <>
      <p class="result__title" id={`${idPrefix}-name`}>
        <CategoryDot category={entity.category} color={colors?.[entity.category]} />
        <span class="result__name">{entity.name}</span> <KindLabel kind={entity.kind} />
      </p>
      <p class="result__summary" id={`${idPrefix}-detail`} lang={lang}>
        {entity.summary}
      </p>
    </>
  );
}
