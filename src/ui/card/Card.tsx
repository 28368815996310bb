/**
 * The hover card: what the article says about one entity, every fact with its verbatim quote.
 * Pure presentation; the content script decides when it shows and where.
 */
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Entity, Fact } from '@/src/core/pack/compile';
import type { PackManifest } from '@/src/core/pack/schema';
import { nameShows } from '@/src/core/spellings';
import { t } from '@/src/ui/i18n';
import { CopyQuoteButton, documentClipboard, type CopyText } from '@/src/ui/shared/CopyQuoteButton';
import { kindLabel } from '@/src/ui/shared/labels';
import { textDirection } from '@/src/ui/shared/locales';
import { CloseButton } from './CloseButton';

export interface CardProps {
  entity: Entity;
  facts: Fact[];
  related: Entity[];
  /** The page's text the card was opened from: named when the card's title does not contain it (al-Julani → Ahmed al-Sharaa). */
  markedText?: string;
  /** The article the facts come from: named at the foot, and in a copied quote. */
  source: PackManifest['source'];
  /**
   * The language of the pack's words (names, summaries, facts, quotes), set on them: the card's own
   * words are in the browser's language, and neither is the page's, whose `lang` the card would inherit.
   */
  contentLang?: string;
  pinned: boolean;
  onSelectEntity: (entityId: string) => void;
  onReadSource: (factId: string) => void;
  /**
   * "Not this": the highlighted term (`markedText`) means something else here. Absent where the page
   * has no site to remember it for (a file), and for an entity reached from the card.
   */
  onHide?: (fromKeyboard: boolean) => void;
  onClose: () => void;
  /** Puts a quote on the clipboard ("Copy quote"); the page's clipboard by default; null: no such button. */
  copyText?: CopyText | null;
}

/** The focus ring reaches 4px outside a button (2px wide, 2px away), plus a little air. */
const FOCUS_RING_ROOM = 6;

/**
 * Keeps the card's scroll padding at its sticky header's height, so what the keyboard focuses is
 * scrolled into view below the header rather than under it.
 */
function useScrollPaddingBelow(header: RefObject<HTMLElement | null>, scroller: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const headerElement = header.current;
    const scrollerElement = scroller.current;
    // jsdom has no ResizeObserver; nothing scrolls there either.
    if (!headerElement || !scrollerElement || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      scrollerElement.style.scrollPaddingTop = `${headerElement.offsetHeight + FOCUS_RING_ROOM}px`;
    });
    observer.observe(headerElement);
    return () => observer.disconnect();
  }, []);
}

/**
 * Whether the card is cut by its max height with more below what shows (read from a marker at its
 * end going out of view), so a fade can say it scrolls: a card ending on a whole fact looks complete.
 */
function useMoreBelow(scroller: RefObject<HTMLElement | null>, end: RefObject<HTMLElement | null>): boolean {
  const [moreBelow, setMoreBelow] = useState(false);
  useEffect(() => {
    const root = scroller.current;
    const marker = end.current;
    // jsdom has no IntersectionObserver; nothing scrolls there either.
    if (!root || !marker || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const latest = entries.at(-1);
      if (latest) setMoreBelow(!latest.isIntersecting);
    }, { root });
    observer.observe(marker);
    return () => observer.disconnect();
  }, []);
  return moreBelow;
}

/** Facts shown before "Show all": enough to answer a glance without a wall of text. */
const INITIAL_FACTS = 3;
/** Related entities shown before "more": a country of the story relates to most of it (Syria: 27). */
const INITIAL_RELATED = 8;

/**
 * After a list is expanded, focus goes to the first item it revealed: the button that expanded it
 * is gone, and focus left on nothing would fall out of the card to the page. A layout effect, so
 * in the same task as the render that removed the button: an effect run after the next paint left
 * focus on the page's body meanwhile, and an earlier render's effect still waiting could take the
 * request before the list was expanded, leaving it there.
 */
function useFocusRevealed(scope: RefObject<HTMLElement | null>): (selector: string) => void {
  const pending = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (pending.current === null) return;
    const revealed = scope.current?.querySelector<HTMLElement>(pending.current);
    if (!revealed) return;
    revealed.focus();
    pending.current = null;
  });
  return (selector) => {
    pending.current = selector;
  };
}

export function Card({ entity, facts, related, markedText, source, contentLang, pinned, onSelectEntity, onReadSource, onHide, onClose, copyText = documentClipboard() }: CardProps) {
  const [showAll, setShowAll] = useState(false);
  const [showAllRelated, setShowAllRelated] = useState(false);
  const [scrolled, setScrolled] = useState(false);
  // A "Show all" that would reveal a single fact takes the room of that fact: show it instead.
  const factsCapped = !showAll && facts.length > INITIAL_FACTS + 1;
  const visibleFacts = factsCapped ? facts.slice(0, INITIAL_FACTS) : facts;
  // A "more" button that would reveal a single chip takes the room of that chip: show it instead.
  const relatedCapped = !showAllRelated && related.length > INITIAL_RELATED + 1;
  const visibleRelated = relatedCapped ? related.slice(0, INITIAL_RELATED) : related;
  const headingId = `gloss-card-title-${entity.id}`;
  const cardRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLElement>(null);
  useScrollPaddingBelow(headerRef, cardRef);
  const endRef = useRef<HTMLDivElement>(null);
  const moreBelow = useMoreBelow(cardRef, endRef);
  const focusRevealed = useFocusRevealed(cardRef);
  // Set on the pack's words; an imported pack may be written right to left, whatever the reader's language.
  const inPackLanguage = { lang: contentLang, dir: contentLang ? textDirection(contentLang) : undefined };

  return (
    <div
      ref={cardRef}
      class="card"
      role="dialog"
      aria-label={entity.name}
      aria-describedby={`${headingId}-summary`}
      data-category={entity.category}
      data-pinned={pinned ? '' : undefined}
      data-scrolled={scrolled ? '' : undefined}
      data-more-below={moreBelow ? '' : undefined}
      tabIndex={-1}
      onScroll={(event) => setScrolled(event.currentTarget.scrollTop > 0)}
    >
      <header ref={headerRef} class="header">
        <span class="dot" aria-hidden="true" />
        <div class="title">
          <h2 class="name" id={headingId} {...inPackLanguage}>
            {entity.name}
          </h2>
          <p class="kind">
            {kindLabel(entity.kind)} · {facts.length === 1 ? t('cardFactCountOne') : t('cardFactCount', facts.length)}
            {pinned ? <span class="pin"> · {t('cardPinned')}</span> : null}
          </p>
          {markedText && !nameShows(entity.name, markedText) ? <p class="marked-as">{t('cardMarkedAs', markedText.trim())}</p> : null}
        </div>
        <CloseButton label={t('cardClose')} title={t('cardCloseTitle')} onClick={onClose} />
      </header>

      <p class="summary" id={`${headingId}-summary`} {...inPackLanguage}>
        {entity.summary}
      </p>

      <ol class="facts">
        {visibleFacts.map((fact) => {
          // Every fact has the same two buttons: each is described by its fact, so a screen reader's list of buttons tells them apart.
          const statementId = `${headingId}-fact-${fact.id}`;
          return (
            <li class="fact" key={fact.id}>
              <p class="statement" id={statementId} {...inPackLanguage}>
                {fact.statement}
              </p>
              <blockquote class="quote" {...inPackLanguage}>
                <p>“{fact.quote}”</p>
              </blockquote>
              <p class="fact-actions">
                <button type="button" class="link" aria-describedby={statementId} onClick={() => onReadSource(fact.id)}>
                  {t('cardReadInSource')}
                </button>
                {copyText ? (
                  <CopyQuoteButton quote={fact.quote} source={source} copyText={copyText} buttonClass="link" describedBy={statementId} />
                ) : null}
              </p>
            </li>
          );
        })}
      </ol>
      {factsCapped ? (
        <button
          type="button"
          class="more"
          onClick={() => {
            focusRevealed(`.fact:nth-child(${INITIAL_FACTS + 1}) button`);
            setShowAll(true);
          }}
        >
          {t('cardShowAllFacts', facts.length)}
        </button>
      ) : null}

      {related.length > 0 ? (
        <section class="related" aria-labelledby={`${headingId}-related`}>
          <h3 class="section-title" id={`${headingId}-related`}>
            {t('cardRelated')}
          </h3>
          <ul class="chips">
            {visibleRelated.map((other) => (
              <li key={other.id}>
                <button type="button" class="chip" data-category={other.category} onClick={() => onSelectEntity(other.id)}>
                  <span class="chip-dot" aria-hidden="true" />
                  <span {...inPackLanguage}>{other.name}</span>
                </button>
              </li>
            ))}
            {relatedCapped ? (
              <li>
                {/*
                  Named by what it shows first (voice control says what it sees), then what it does. A label,
                  not a visually hidden span: Chromium set that absolutely positioned span off with a space ("+19 more : …").
                */}
                <button
                  type="button"
                  class="chip chip--more"
                  aria-label={`${t('cardMoreRelated', related.length - INITIAL_RELATED)}: ${t('cardShowAllRelated', related.length)}`}
                  onClick={() => {
                    focusRevealed(`.chips li:nth-child(${INITIAL_RELATED + 1}) .chip`);
                    setShowAllRelated(true);
                  }}
                >
                  {t('cardMoreRelated', related.length - INITIAL_RELATED)}
                </button>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <footer class="footer">
        <span>
          {t('cardSource')} <cite {...inPackLanguage}>{source.title}</cite>
        </span>
        {onHide && markedText ? (
          <button type="button" class="not-this" title={t('cardNotThisTitle', markedText.trim())} onClick={(event) => onHide(event.detail === 0)}>
            {t('cardNotThis')}
          </button>
        ) : null}
      </footer>
      <div class="more-below" aria-hidden="true" />
      <div class="card-end" ref={endRef} />
    </div>
  );
}
