import Mark from 'mark.js';
import { Component, type ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CompiledPack, Entity, Fact } from '@/src/core/pack/compile';
import { PACK_ID_SEPARATOR, withBundledPack, type PackLibrary } from '@/src/core/pack/library';
import { CATEGORIES, type Category, type PackManifest } from '@/src/core/pack/schema';
import { DEFAULT_COLORS } from '@/src/core/settings';
import { pack as bundledPack } from '@/src/pack/bundled';
import { CategoryDot } from '@/src/ui/shared/CategoryDot';
import { CopyQuoteButton, copyToClipboard, type CopyText } from '@/src/ui/shared/CopyQuoteButton';
import { GlossIcon } from '@/src/ui/shared/GlossIcon';
import { KindLabel } from '@/src/ui/shared/KindLabel';
import { t } from '@/src/ui/i18n';
import { categoryLabel } from '@/src/ui/shared/labels';
import { useSettings } from '@/src/ui/shared/use-settings';
import { storageUserPacks, useLibrary, type UserPacksStore } from '@/src/ui/shared/use-user-packs';
import { quoteRangesByRun, splitArticle, textRuns, type ArticleBlock, type TextRun } from './article';
import { parseReaderSearch, readerSearch, type ReaderSelection } from './reader-url';
import { useMediaQuery } from './use-media-query';

export const QUOTE_CLASS = 'gloss-quote';

/** The window is too narrow for a sidebar beside the article (reader.css stacks them at the same width). */
export const STACKED_LAYOUT = '(max-width: 860px)';

type ResolvedSelection =
  | { kind: 'fact'; fact: Fact; entities: Entity[] }
  | { kind: 'entity'; entity: Entity; facts: Fact[] }
  | { kind: 'none' }
  | { kind: 'missing'; what: 'fact' | 'entity'; id: string };

function resolveSelection(selection: ReaderSelection, library: PackLibrary): ResolvedSelection {
  if (selection.kind === 'fact') {
    const fact = library.fact(selection.id);
    if (!fact) return { kind: 'missing', what: 'fact', id: selection.id };
    const factEntities = fact.entities.map((id) => library.entity(id)).filter((entity): entity is Entity => !!entity);
    return { kind: 'fact', fact, entities: factEntities };
  }
  if (selection.kind === 'entity') {
    const entity = library.entity(selection.id);
    if (!entity) return { kind: 'missing', what: 'entity', id: selection.id };
    const entityFacts = entity.factIds.map((id) => library.fact(id)).filter((fact): fact is Fact => !!fact);
    return { kind: 'entity', entity, facts: entityFacts };
  }
  return { kind: 'none' };
}

function markedFacts(selection: ResolvedSelection): Fact[] {
  if (selection.kind === 'fact') return [selection.fact];
  if (selection.kind === 'entity') return selection.facts;
  return [];
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function pageTitle(selection: ResolvedSelection, sourceTitle: string): string {
  if (selection.kind === 'entity') return t('readerDocumentTitle', selection.entity.name);
  if (selection.kind === 'fact') return t('readerDocumentTitle', shorten(selection.fact.statement, 70));
  return t('readerDocumentTitle', sourceTitle);
}

function prefersReducedMotion(): boolean {
  // matchMedia is missing in some test DOMs.
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * Brings a marked quote to the middle of the window. With `focus`, focus moves to the paragraph or
 * list item holding it, so keyboard and screen-reader users carry on reading from there.
 */
function scrollToQuote(mark: HTMLElement, focus: boolean): void {
  // scrollIntoView is missing in some test DOMs.
  mark.scrollIntoView?.({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'center' });
  if (!focus) return;
  const block = mark.closest<HTMLElement>('[data-text-start]') ?? mark;
  block.tabIndex = -1;
  block.focus({ preventScroll: true });
}

/** The pack whose article the reader shows: the selection's, or the first pack in use. */
function packFor(selection: ResolvedSelection, library: PackLibrary, bundled: CompiledPack): CompiledPack {
  const id = selection.kind === 'fact' ? selection.fact.id : selection.kind === 'entity' ? selection.entity.id : undefined;
  return (id !== undefined ? library.packOf(id) : undefined) ?? library.packs[0] ?? bundled;
}

interface ReaderProps {
  /** The packs to read from; by default those in use (bundled and enabled imported packs), kept live. */
  library?: PackLibrary;
  /** Where the imported packs are read when no `library` is given. */
  userPacks?: UserPacksStore;
  bundled?: CompiledPack;
  /** Puts text on the clipboard ("Copy quote"); the browser's clipboard by default. */
  copyText?: CopyText;
}

/**
 * The source article with the selected fact's quote (or an entity's quotes) marked, and a sidebar.
 * A fact or entity of an imported pack (`?fact=pack-id--fact-id`) shows that pack's article.
 */
export function Reader({ library: given, userPacks = storageUserPacks, bundled = bundledPack, copyText = copyToClipboard }: ReaderProps) {
  const loaded = useLibrary(userPacks, bundled);
  const library = given ?? loaded;
  if (!library) {
    return (
      <div class="reader" aria-busy="true">
        <header class="reader__bar">
          <ReaderBrand />
        </header>
        <p class="reader__loading muted">{t('readerLoading')}</p>
      </div>
    );
  }
  return <ReaderView library={library} bundled={bundled} copyText={copyText} />;
}

function ReaderView({ library: inUse, bundled, copyText }: { library: PackLibrary; bundled: CompiledPack; copyText: CopyText }) {
  const library = useMemo(() => withBundledPack(inUse, bundled), [inUse, bundled]);
  const [selection, setSelection] = useState<ReaderSelection>(() => parseReaderSearch(location.search));
  const [settings] = useSettings();
  const [announcement, setAnnouncement] = useState('');
  const articleRef = useRef<HTMLElement>(null);
  const sidebarRef = useRef<HTMLElement>(null);
  const stackedSelectionRef = useRef<HTMLDivElement>(null);
  const stacked = useMediaQuery(STACKED_LAYOUT);
  const focusSelectionNext = useRef(false);

  useEffect(() => {
    if (!focusSelectionNext.current) return;
    focusSelectionNext.current = false;
    const title = document.getElementById('selection-title');
    if (!title) return;
    title.tabIndex = -1;
    title.focus({ preventScroll: true });
  }, [selection]);
  /** Focus moves to the quote when the page opens (or history moves), not on clicks in the sidebar. */
  const focusQuoteNext = useRef(true);

  const resolved = useMemo(() => resolveSelection(selection, library), [selection, library]);
  const pack = packFor(resolved, library, bundled);
  const blocks = useMemo(() => splitArticle(pack.sourceText), [pack]);
  const runs = useMemo(() => textRuns(blocks), [blocks]);
  const colors = settings?.colors ?? DEFAULT_COLORS;

  useEffect(() => {
    const onPopState = () => {
      focusQuoteNext.current = true;
      setSelection(parseReaderSearch(location.search));
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  useEffect(() => {
    document.title = pageTitle(resolved, pack.source.title);
  }, [resolved, pack]);

  useEffect(() => {
    const article = articleRef.current;
    if (!article) return;
    new Mark(article).unmark({ className: QUOTE_CLASS });
    const facts = markedFacts(resolved);
    const rangesByRun = quoteRangesByRun(runs, facts);
    for (const [textStart, ranges] of rangesByRun) {
      const element = article.querySelector<HTMLElement>(`[data-text-start="${textStart}"]`);
      if (!element) continue;
      new Mark(element).markRanges(
        ranges.map(({ start, length }) => ({ start, length })),
        {
          className: QUOTE_CLASS,
          each: (mark, range) => {
            const covered = ranges.find((candidate) => candidate.start === range.start);
            if (!covered) return;
            mark.setAttribute('data-fact-ids', covered.factIds.join(' '));
            const statements = covered.factIds.map((id) => library.fact(id)?.statement).filter(Boolean);
            mark.setAttribute('title', statements.join('\n'));
          },
        },
      );
    }
    const first = article.querySelector<HTMLElement>(`mark.${QUOTE_CLASS}`);
    if (first) {
      first.classList.add(`${QUOTE_CLASS}--first`);
      scrollToQuote(first, focusQuoteNext.current);
    }
    focusQuoteNext.current = false;
    const marked = facts.length;
    if (resolved.kind === 'entity') {
      const { name } = resolved.entity;
      setAnnouncement(marked === 1 ? t('readerEntityMarkedOne', name) : t('readerEntityMarked', name, marked));
    } else if (resolved.kind === 'fact') {
      setAnnouncement(t('readerFactMarked'));
    } else {
      setAnnouncement('');
    }
  }, [resolved, runs, library]);

  function navigate(next: ReaderSelection) {
    const search = readerSearch(
      next.kind === 'fact' ? { factId: next.id } : next.kind === 'entity' ? { entityId: next.id } : {},
    );
    history.pushState(null, '', search || location.pathname);
    setSelection(next);
    // Beside the article the sidebar scrolls on its own: what was picked low in its index shows at
    // its top, and focus picked there goes with it (the link it was on scrolls out of view).
    const sidebar = sidebarRef.current;
    const active = document.activeElement;
    focusSelectionNext.current = !!sidebar?.contains(active) || !!stackedSelectionRef.current?.contains(active);
    if (sidebar) sidebar.scrollTop = 0;
  }

  const selectionPanel = (
    <SelectionPanel
      selection={resolved}
      colors={colors}
      contentLang={pack.language}
      onNavigate={navigate}
      onShowQuote={showQuote}
      source={pack.source}
      copyText={copyText}
    />
  );

  function showQuote() {
    const first = articleRef.current?.querySelector<HTMLElement>(`mark.${QUOTE_CLASS}`);
    if (first) scrollToQuote(first, true);
  }

  return (
    <div class="reader">
      <header class="reader__bar">
        <ReaderBrand />
        <span class="reader__bar-title muted">{t('readerBarTitle', pack.title)}</span>
      </header>
      <div class="reader__layout">
        <main class="reader__main">
          {/* Stacked, the chosen fact (and its Copy quote) comes before the article, not after all of it; the index stays last. */}
          {stacked ? (
            <div class="reader__stacked-selection" ref={stackedSelectionRef}>
              {selectionPanel}
            </div>
          ) : null}
          <article class="article" ref={articleRef} lang={pack.language}>
            <header class="article__header">
              <h1 class="article__title">{pack.source.title}</h1>
              <Byline publisher={pack.source.publisher} url={pack.source.url} />
            </header>
            <ArticleBody blocks={blocks} />
          </article>
        </main>
        <aside class="reader__sidebar" ref={sidebarRef} aria-label={t('readerSidebarLabel')}>
          {stacked ? null : selectionPanel}
          <EntityIndex
            entities={pack.entities}
            colors={colors}
            contentLang={pack.language}
            selectedEntityId={resolved.kind === 'entity' ? resolved.entity.id : undefined}
            onNavigate={navigate}
          />
        </aside>
      </div>
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}

function ReaderBrand() {
  return (
    <span class="reader__brand">
      <GlossIcon size={18} />
      {t('extensionName')}
    </span>
  );
}

function Byline({ publisher, url }: { publisher?: string; url?: string }) {
  if (!publisher && !url) return null;
  return (
    <p class="article__byline muted">
      {publisher}
      {publisher && url ? ' · ' : null}
      {url ? (
        <a href={url} target="_blank" rel="noreferrer noopener">
          {new URL(url).hostname.replace(/^www\./, '')}
        </a>
      ) : null}
    </p>
  );
}

/**
 * The article text never changes, and mark.js rewrites its DOM, so Preact must not re-render it:
 * this class component only updates if it is given another article.
 */
class ArticleBody extends Component<{ blocks: ArticleBlock[] }> {
  override shouldComponentUpdate(next: { blocks: ArticleBlock[] }): boolean {
    return next.blocks !== this.props.blocks;
  }

  override render() {
    return (
      <div class="article__body">
        {this.props.blocks.map((block) => {
          if (block.type === 'list') {
            const first = block.items[0];
            return (
              <ul key={`list-${first?.textStart ?? 0}`}>
                {block.items.map((item) => (
                  <li key={item.textStart} data-text-start={item.textStart}>
                    {item.text}
                  </li>
                ))}
              </ul>
            );
          }
          return block.type === 'heading' ? <Heading run={block.run} key={block.run.textStart} /> : <Paragraph run={block.run} key={block.run.textStart} />;
        })}
      </div>
    );
  }
}

function Heading({ run }: { run: TextRun }) {
  return <h2 data-text-start={run.textStart}>{run.text}</h2>;
}

function Paragraph({ run }: { run: TextRun }) {
  return <p data-text-start={run.textStart}>{run.text}</p>;
}

interface NavigateProps {
  onNavigate: (selection: ReaderSelection) => void;
}

function ReaderLink({ to, onNavigate, current = false, children, class: className }: NavigateProps & { to: ReaderSelection; current?: boolean; class?: string; children: ComponentChildren }) {
  const href = readerSearch(to.kind === 'fact' ? { factId: to.id } : to.kind === 'entity' ? { entityId: to.id } : {}) || '?';
  return (
    <a
      href={href}
      class={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        // Let modified clicks open a new tab as usual.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        onNavigate(to);
      }}
    >
      {children}
    </a>
  );
}

interface SelectionPanelProps extends NavigateProps {
  selection: ResolvedSelection;
  colors: Record<Category, string>;
  /** Language of the pack's text, which is not translated. */
  contentLang: string;
  onShowQuote: () => void;
  /** The article shown, which "Copy quote" names. */
  source: PackManifest['source'];
  copyText: CopyText;
}

function SelectionPanel({ selection, colors, contentLang, onNavigate, onShowQuote, source, copyText }: SelectionPanelProps) {
  if (selection.kind === 'missing') {
    return (
      <section class="panel selection" aria-labelledby="selection-title">
        <h2 id="selection-title" class="panel__title">
          {t('readerMissingTitle')}
        </h2>
        <p>{missingMessage(selection.what, selection.id)}</p>
      </section>
    );
  }
  if (selection.kind === 'none') {
    return (
      <section class="panel selection" aria-labelledby="selection-title">
        <h2 id="selection-title" class="panel__title">
          {t('readerIntroTitle')}
        </h2>
        <p class="muted">{t('readerIntro')}</p>
      </section>
    );
  }
  if (selection.kind === 'fact') {
    const { fact, entities } = selection;
    return (
      <section class="panel selection" aria-labelledby="selection-title">
        <h2 id="selection-title" class="panel__eyebrow">
          {t('readerSelectedFact')}
        </h2>
        <p class="selection__statement" lang={contentLang}>
          {fact.statement}
        </p>
        <p class="selection__actions">
          <button type="button" class="link-button" onClick={onShowQuote}>
            {t('readerShowQuote')}
          </button>
          <CopyQuoteButton key={fact.id} quote={fact.quote} source={source} copyText={copyText} buttonClass="link-button" />
        </p>
        {entities.length > 0 ? (
          <ul class="chips" aria-label={t('readerInvolves')}>
            {entities.map((entity) => (
              <li key={entity.id}>
                <ReaderLink to={{ kind: 'entity', id: entity.id }} onNavigate={onNavigate} class="chip">
                  <CategoryDot category={entity.category} color={colors[entity.category]} />
                  {entity.name}
                </ReaderLink>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    );
  }
  const { entity, facts } = selection;
  return (
    <section class="panel selection" aria-labelledby="selection-title">
      <p class="panel__eyebrow">
        <CategoryDot category={entity.category} color={colors[entity.category]} /> <KindLabel kind={entity.kind} />
      </p>
      <h2 id="selection-title" class="selection__name" lang={contentLang}>
        {entity.name}
      </h2>
      <p class="selection__summary" lang={contentLang}>
        {entity.summary}
      </p>
      <h3 class="panel__subtitle">{facts.length === 1 ? t('readerEntityFactsOne') : t('readerEntityFacts', facts.length)}</h3>
      <ol class="selection__facts" lang={contentLang}>
        {facts.map((fact) => (
          <li key={fact.id}>
            <ReaderLink to={{ kind: 'fact', id: fact.id }} onNavigate={onNavigate}>
              {fact.statement}
            </ReaderLink>
          </li>
        ))}
      </ol>
    </section>
  );
}

function missingMessage(what: 'fact' | 'entity', id: string): string {
  const separator = id.indexOf(PACK_ID_SEPARATOR);
  // Only imported packs' ids have the separator: the pack was switched off or removed.
  if (separator > 0) return t('readerMissingImported', id, id.slice(0, separator));
  return what === 'fact' ? t('readerMissingFact', id) : t('readerMissingEntity', id);
}

interface EntityIndexProps extends NavigateProps {
  entities: Entity[];
  colors: Record<Category, string>;
  contentLang: string;
  selectedEntityId: string | undefined;
}

function EntityIndex({ entities, colors, contentLang, selectedEntityId, onNavigate }: EntityIndexProps) {
  const groups = CATEGORIES.map((category) => ({
    category,
    entities: entities.filter((entity) => entity.category === category).sort((a, b) => a.name.localeCompare(b.name)),
  })).filter((group) => group.entities.length > 0);
  return (
    <nav class="panel entity-index" aria-labelledby="entity-index-title">
      <h2 id="entity-index-title" class="panel__title">
        {t('readerIndexTitle')}
      </h2>
      {groups.map(({ category, entities: members }) => (
        <section key={category} class="entity-index__group" aria-labelledby={`entity-group-${category}`}>
          <h3 id={`entity-group-${category}`} class="entity-index__heading">
            <CategoryDot category={category} color={colors[category]} />
            {categoryLabel(category)}
          </h3>
          <ul class="entity-index__list">
            {members.map((entity) => (
              <li key={entity.id}>
                <ReaderLink
                  to={{ kind: 'entity', id: entity.id }}
                  onNavigate={onNavigate}
                  current={entity.id === selectedEntityId}
                  class="entity-index__link"
                >
                  <span class="entity-index__name" lang={contentLang}>
                    {entity.name}
                  </span>
                  <span class="entity-index__count muted">{factCount(entity.factIds.length)}</span>
                </ReaderLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}

function factCount(count: number): string {
  return count === 1 ? t('cardFactCountOne') : t('cardFactCount', count);
}
