/**
 * The options page's "Knowledge packs" section: the bundled pack and every imported pack, each with
 * a switch, an export button and (imported packs) removal with an inline confirmation; and the
 * import of a pack file. A failed import changes nothing.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CompiledPack, PackProblem } from '@/src/core/pack/compile';
import { sharedSpellings } from '@/src/core/pack/library';
import type { Category } from '@/src/core/pack/schema';
import { documentJson, packToDocument } from '@/src/pack/document';
import {
  compileStoredPacks,
  packFileName,
  storedPackField,
  withBundledEnabled,
  withImportedPack,
  withoutPack,
  withPackEnabled,
  type StoredPack,
  type StoredPackStatus,
  type UserPacks,
} from '@/src/storage/user-packs';
import { t } from '@/src/ui/i18n';
import { tRich } from '@/src/ui/shared/rich-text';
import { Switch } from '@/src/ui/shared/Switch';
import { storageUserPacks, useUserPacks, type UserPacksStore } from '@/src/ui/shared/use-user-packs';
import { downloadFile, readFileText, readPackFile, type PackFileFailure } from './pack-files';
import { PackProblemList, ProblemPlace, problemSentence, technicalLine, TechnicalDetails } from './pack-problems';
import { aliasCount, entityCount, factCount, packCounts, PackTable } from './PackSection';

export interface PacksSectionProps {
  bundled: CompiledPack;
  colors: Record<Category, string>;
  store?: UserPacksStore;
  /** Saves a file for the user; a Blob download in the extension. */
  download?: (fileName: string, text: string) => void;
  /** The clock, for the import date. */
  now?: () => Date;
}

type Feedback = { kind: 'none' } | { kind: 'status'; message: string } | ({ kind: 'error' } & Omit<PackFileFailure, 'ok'>);

/** An error that is all in its summary (storage, export). */
const plainError = (summary: string): Feedback => ({ kind: 'error', summary, problems: [], technical: [] });

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatDate(iso: string): string | undefined {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return undefined;
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium' }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

function importedOrigin(stored: StoredPack): string {
  const date = formatDate(stored.importedAt);
  return date ? t('optionsPackOriginImported', date) : t('optionsPackOriginImportedUndated');
}

function storedTitle(status: StoredPackStatus): string {
  return status.ok ? status.pack.title : (storedPackField(status.stored, 'title') ?? (status.id || t('optionsPackUntitled')));
}

export function PacksSection({ bundled, colors, store = storageUserPacks, download = downloadFile, now = () => new Date() }: PacksSectionProps) {
  const [userPacks, setUserPacks] = useUserPacks(store);
  const [feedback, setFeedback] = useState<Feedback>({ kind: 'none' });
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const statuses = useMemo(() => (userPacks ? compileStoredPacks(userPacks, bundled.id) : []), [userPacks, bundled]);

  const bundledEnabled = userPacks?.bundledEnabled ?? true;
  const noneInUse = userPacks !== undefined && !bundledEnabled && !statuses.some((status) => status.ok && status.stored.enabled);

  /** Applies a change through storage; false (and an error shown) if it could not be saved. */
  async function change(update: (current: UserPacks) => UserPacks): Promise<boolean> {
    if (userPacks) setUserPacks(update(userPacks));
    try {
      setUserPacks(await store.update(update));
      return true;
    } catch (error) {
      console.warn('Gloss: could not save the packs', error);
      setFeedback(plainError(t('optionsPackSaveFailed', errorText(error))));
      // Show what storage really holds.
      store.load().then(setUserPacks, () => undefined);
      return false;
    }
  }

  async function toggle(title: string, update: (current: UserPacks) => UserPacks, enabled: boolean) {
    if (await change(update)) setFeedback({ kind: 'status', message: enabled ? t('optionsPackOn', title) : t('optionsPackOff', title) });
  }

  async function remove(id: string, title: string) {
    if (await change((current) => withoutPack(current, id))) {
      setFeedback({ kind: 'status', message: t('optionsPackRemoved', title) });
      listRef.current?.focus();
    }
  }

  function exportText(fileName: string, text: string) {
    try {
      download(fileName, text);
    } catch (error) {
      console.warn('Gloss: could not export the pack', error);
      setFeedback(plainError(t('optionsPackExportFailed', errorText(error))));
    }
  }

  async function importFile(file: File) {
    setImporting(true);
    setFeedback({ kind: 'status', message: t('optionsPackImporting', file.name) });
    try {
      const read = await readFileText(file);
      if (!read.ok) {
        setFeedback(plainError(read.summary));
        return;
      }
      const result = readPackFile(file.name, read.text, bundled.id);
      if (!result.ok) {
        const { summary, problems, technical, contentLanguage } = result;
        setFeedback({ kind: 'error', summary, problems, technical, contentLanguage });
        return;
      }
      let replaced: StoredPack | undefined;
      try {
        const next = await store.update((current) => {
          const imported = withImportedPack(current, result.document, now().toISOString());
          replaced = imported.replaced;
          return imported.userPacks;
        });
        setUserPacks(next);
      } catch (error) {
        console.warn('Gloss: could not save the imported pack', error);
        setFeedback(plainError(t('optionsPackSaveFailed', errorText(error))));
        return;
      }
      const { pack } = result;
      const previousVersion = replaced ? storedPackField(replaced, 'version') : undefined;
      let message: string;
      if (!replaced) message = t('optionsPackImportedMessage', pack.title, entityCount(pack.entities.length), factCount(pack.facts.length));
      else if (previousVersion && previousVersion !== pack.version) message = t('optionsPackUpdated', pack.title, previousVersion, pack.version);
      else message = t('optionsPackReplaced', pack.title, pack.version);
      setFeedback({ kind: 'status', message });
    } finally {
      setImporting(false);
    }
  }

  return (
    <section class="card" aria-labelledby="packs-title">
      <h2 id="packs-title" class="card__title">
        {t('optionsPackTitle')}
      </h2>
      <div class="card__body">
        <p class="field-hint packs__hint">{t('optionsPacksHint')}</p>
        {userPacks === undefined ? (
          <p class="muted">{t('optionsLoading')}</p>
        ) : (
          <ul class="packs" ref={listRef} tabIndex={-1} aria-label={t('optionsPacksListLabel')}>
            <PackItem
              packId={bundled.id}
              title={bundled.title}
              lang={bundled.language}
              origin={t('optionsPackOriginBuiltIn')}
              pack={bundled}
              colors={colors}
              enabled={bundledEnabled}
              onToggle={(enabled) => void toggle(bundled.title, (current) => withBundledEnabled(current, enabled), enabled)}
              onExport={() => exportText(packFileName(bundled.id, bundled.version), documentJson(packToDocument(bundled)))}
            />
            {statuses.map((status) => {
              const title = storedTitle(status);
              return (
                <PackItem
                  key={status.id}
                  packId={status.id}
                  title={title}
                  lang={status.ok ? status.pack.language : storedPackField(status.stored, 'language')}
                  origin={importedOrigin(status.stored)}
                  pack={status.ok ? status.pack : undefined}
                  version={storedPackField(status.stored, 'version')}
                  problems={status.ok ? undefined : status.problems}
                  sharedWithBuiltIn={status.ok ? sharedSpellings(status.pack, bundled) : undefined}
                  colors={colors}
                  enabled={status.stored.enabled}
                  onToggle={(enabled) => void toggle(title, (current) => withPackEnabled(current, status.id, enabled), enabled)}
                  onExport={() =>
                    exportText(packFileName(status.id || 'pack', storedPackField(status.stored, 'version')), documentJson(status.stored.document))
                  }
                  onRemove={() => remove(status.id, title)}
                />
              );
            })}
          </ul>
        )}
        {noneInUse ? <p class="packs__none field-error">{t('optionsPackNoneInUse')}</p> : null}
        <div class="packs__import">
          <div class="field__row">
            {/* aria-disabled, not disabled, while importing: disabling the focused button would drop focus to the page. */}
            <button
              type="button"
              class="button"
              disabled={userPacks === undefined}
              aria-disabled={importing || undefined}
              onClick={() => {
                if (!importing) fileInput.current?.click();
              }}
            >
              {t('optionsPackImport')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              class="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(event) => {
                const input = event.currentTarget;
                const file = input.files?.[0];
                // Cleared, so choosing the same file again (after fixing it) imports it again.
                input.value = '';
                if (file) void importFile(file);
              }}
            />
          </div>
          <p class="field-hint">{t('optionsPackImportHint')}</p>
          <p class="packs__status" role="status">
            {feedback.kind === 'status' ? feedback.message : ''}
          </p>
          {feedback.kind === 'error' ? (
            <div class="packs__errors" role="alert">
              <p class="packs__errors-summary">
                {feedback.summary} {t('optionsPackNothingChanged')}
              </p>
              {feedback.problems.length > 0 ? <PackProblemList problems={feedback.problems} quoteLanguage={feedback.contentLanguage} /> : null}
              <TechnicalDetails lines={feedback.technical} />
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}

interface PackItemProps {
  packId: string;
  title: string;
  lang: string | undefined;
  /** "Built in" or "Imported <date>". */
  origin: string;
  /** The compiled pack; undefined for a stored pack that cannot be used. */
  pack: CompiledPack | undefined;
  /** The version, for a pack that cannot be used (a compiled pack has its own). */
  version?: string;
  problems?: PackProblem[];
  /** Spellings an imported pack shares with the built-in one, which has them while it is on. */
  sharedWithBuiltIn?: string[];
  colors: Record<Category, string>;
  enabled: boolean;
  onToggle: (enabled: boolean) => void;
  onExport: () => void;
  /** Absent for the bundled pack, which cannot be removed. */
  onRemove?: () => Promise<void>;
}

/** How many shared spellings a pack's note names: a copy of the built-in pack shares hundreds. */
const SHARED_SPELLINGS_SHOWN = 10;

/** Whether a list of shared spellings is too long to name whole (one more is named rather than counted). */
const tooManySpellings = (spellings: readonly string[]) => spellings.length > SHARED_SPELLINGS_SHOWN + 1;

function someSpellings(spellings: string[]): string {
  if (!tooManySpellings(spellings)) return spellings.join(', ');
  return t('optionsPackSharedSpellingsMore', spellings.slice(0, SHARED_SPELLINGS_SHOWN).join(', '), spellings.length - SHARED_SPELLINGS_SHOWN);
}

function PackItem({ packId, title, lang, origin, pack, version, problems, sharedWithBuiltIn, colors, enabled, onToggle, onExport, onRemove }: PackItemProps) {
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'cancel' | 'remove' | null>(null);

  useEffect(() => {
    if (focusNext.current === 'cancel') cancelButton.current?.focus();
    if (focusNext.current === 'remove') removeButton.current?.focus();
    focusNext.current = null;
  }, [confirming]);

  function confirm(on: boolean) {
    focusNext.current = on ? 'cancel' : 'remove';
    setConfirming(on);
  }

  const counts = pack ? packCounts(pack).total : undefined;
  const shownVersion = pack?.version ?? version;
  const [firstProblem, ...moreProblems] = problems ?? [];
  return (
    <li class={`pack${enabled && pack ? '' : ' pack--off'}`} data-pack-id={packId}>
      <Switch label={title} labelLang={lang} description={origin} checked={enabled && !!pack} disabled={!pack} onChange={onToggle} />
      <dl class="pack-facts">
        {shownVersion ? (
          <div>
            <dt>{t('optionsPackVersion')}</dt>
            <dd>{shownVersion}</dd>
          </div>
        ) : null}
        {pack ? (
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
        ) : null}
        {counts ? (
          <div>
            <dt>{t('optionsPackContents')}</dt>
            <dd class="pack__counts">
              {entityCount(counts.entities)} · {aliasCount(counts.aliases)} · {factCount(counts.facts)}
            </dd>
          </div>
        ) : null}
      </dl>
      {sharedWithBuiltIn && sharedWithBuiltIn.length > 0 ? (
        <div class="pack__shared">
          <p class="field-hint">{t('optionsPackSharedSpellings', someSpellings(sharedWithBuiltIn))}</p>
          {/* All of them, for every reader (a tooltip reaches only a mouse). */}
          {tooManySpellings(sharedWithBuiltIn) ? (
            <details class="field-hint pack__shared-all">
              <summary>{t('optionsPackSharedSpellingsAll', sharedWithBuiltIn.length)}</summary>
              <p>{sharedWithBuiltIn.join(', ')}</p>
            </details>
          ) : null}
        </div>
      ) : null}
      {firstProblem ? (
        <div class="pack__problems">
          <p class="field-error">
            {tRich('optionsPackCannotBeUsed', problemSentence(firstProblem, lang))} <ProblemPlace problem={firstProblem} />
          </p>
          {moreProblems.length > 0 ? <PackProblemList problems={moreProblems} quoteLanguage={lang} /> : null}
          <TechnicalDetails lines={(problems ?? []).map(technicalLine)} />
        </div>
      ) : null}
      {pack ? (
        <details class="pack__details">
          <summary>{t('optionsPackByCategory')}</summary>
          <PackTable pack={pack} colors={colors} />
        </details>
      ) : null}
      <div class="pack__actions">
        <button type="button" class="button button--small" aria-label={t('optionsPackExportLabel', title)} onClick={onExport}>
          {t('optionsPackExport')}
        </button>
        {onRemove && !confirming ? (
          <button
            ref={removeButton}
            type="button"
            class="button button--small"
            aria-label={t('optionsPackRemoveLabel', title)}
            onClick={() => confirm(true)}
          >
            {t('optionsPackRemove')}
          </button>
        ) : null}
        {onRemove && confirming ? (
          <span
            class="pack__confirm"
            role="group"
            aria-label={t('optionsPackConfirmRemove', title)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                confirm(false);
              }
            }}
          >
            <span class="pack__confirm-question" aria-hidden="true">
              {t('optionsPackConfirmRemove', title)}
            </span>
            <button type="button" class="button button--small button--danger" onClick={() => void onRemove()}>
              {t('optionsPackConfirmYes')}
            </button>
            <button ref={cancelButton} type="button" class="button button--small" onClick={() => confirm(false)}>
              {t('optionsPackConfirmCancel')}
            </button>
          </span>
        ) : null}
      </div>
    </li>
  );
}
