import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PackLibrary } from '@/src/core/pack/library';
import { PackSearch, type SearchHit } from '@/src/core/search';
import { DEFAULT_SETTINGS, entriesCovering, siteKey, withSiteEnabled, type Settings, type SettingsChange } from '@/src/core/settings';
import type { OpenReaderRequest } from '@/src/messaging/protocol';
import { entityById, pack } from '@/src/pack/bundled';
import { t } from '@/src/ui/i18n';
import { useSettings } from '@/src/ui/shared/use-settings';
import { storageUserPacks, useLibrary, type UserPacksStore } from '@/src/ui/shared/use-user-packs';
import { HighlightSwitches } from './HighlightSwitches';
import { PageStatePanel, type PageView } from './PageStatePanel';
import { SearchPanel } from './SearchPanel';
import { browserPopupServices, type PopupServices } from './services';

/** A content script may still be starting when the popup opens, so ask again before giving up. */
const DEFAULT_RETRY_DELAYS_MS = [250, 750];
/** A content script that never answers is treated like none. */
const PAGE_STATE_TIMEOUT_MS = 2000;
/** Settings reach the content script through its own storage watcher; ask again once it has had time. */
const SETTLE_DELAY_MS = 400;
const SCANNING_POLL_MS = 500;

/** Search over every pack in use; the index is built on the first query. */
function librarySearch(library: PackLibrary | undefined): (query: string) => SearchHit[] {
  let index: PackSearch | undefined;
  return (query) => {
    if (!library) return [];
    // PackSearch takes mutable arrays; it only reads them.
    index ??= new PackSearch({ entities: [...library.entities], facts: [...library.facts] });
    return index.search(query);
  };
}

function packsInUse(library: PackLibrary | undefined): { text: string; title: string } {
  const packs = library?.packs ?? [pack];
  const [only] = packs;
  if (packs.length === 0 || !only) return { text: t('popupNoPack'), title: '' };
  if (packs.length === 1) return { text: t('popupPackVersion', only.title, only.version), title: only.source.title };
  return { text: t('popupPackCount', packs.length), title: packs.map((each) => `${each.title} · v${each.version}`).join('\n') };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A tab's page Gloss does not run in; which reasons to give depends on what the reader allowed it. */
async function unreadablePage(services: PopupServices): Promise<PageView> {
  const [everySite, files] = await Promise.all([services.readsEverySite().catch(() => true), services.readsFiles().catch(() => true)]);
  return { kind: 'unreadable', siteAccessLimited: !everySite, filesOff: !files };
}

async function fetchPageView(services: PopupServices, tabId: number, retryDelaysMs: number[]): Promise<PageView> {
  // A browser page never answers: say so at once rather than after the retries.
  if (!(await services.mayRunIn(tabId).catch(() => true))) return unreadablePage(services);
  for (let attempt = 0; ; attempt++) {
    try {
      const state = await withTimeout(services.getPageState(tabId), PAGE_STATE_TIMEOUT_MS);
      if (state) return { kind: 'ready', state };
    } catch {
      // No content script in the tab (yet): retry, then report the page as unreadable.
    }
    const delay = retryDelaysMs[attempt];
    if (delay === undefined) return unreadablePage(services);
    await wait(delay);
  }
}

interface PopupProps {
  services?: PopupServices;
  /** Runs a query; by default over every pack in use (the bundled pack and enabled imported packs). */
  search?: (query: string) => SearchHit[];
  /** Where the imported packs are read; extension storage by default. */
  userPacks?: UserPacksStore;
  retryDelaysMs?: number[];
}

export function Popup({ services = browserPopupServices, search, userPacks = storageUserPacks, retryDelaysMs = DEFAULT_RETRY_DELAYS_MS }: PopupProps) {
  const [settings, setSettings] = useSettings(services);
  const library = useLibrary(userPacks);
  const searchLibrary = useMemo(() => librarySearch(library), [library]);
  // Until the packs are read, names come from the bundled pack (the page's state may come first).
  const lookupEntity = (id: string) => (library ? library.entity(id) : entityById(id));
  const [tabId, setTabId] = useState<number>();
  const [page, setPage] = useState<PageView>({ kind: 'loading' });
  const [tabDisabled, setTabDisabled] = useState<boolean>();
  const [notice, setNotice] = useState('');
  const [searching, setSearching] = useState(false);
  const [openCardKeys, setOpenCardKeys] = useState<string>();
  const latestRequest = useRef(0);
  const settleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  async function refreshPage(id: number, retries: number[] = []): Promise<void> {
    const request = ++latestRequest.current;
    const view = await fetchPageView(services, id, retries);
    // A later refresh may have started meanwhile; only the newest answer counts.
    if (request === latestRequest.current) setPage(view);
  }

  function refreshSoon() {
    if (tabId === undefined) return;
    void refreshPage(tabId);
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => void refreshPage(tabId), SETTLE_DELAY_MS);
  }

  useEffect(() => {
    let active = true;
    services
      .resolveTabId()
      .then((id) => {
        if (!active) return;
        if (id === undefined) {
          setPage({ kind: 'unreadable' });
          return;
        }
        setTabId(id);
        void refreshPage(id, retryDelaysMs);
        services
          .isTabDisabled(id)
          .then((disabled) => active && setTabDisabled(disabled))
          .catch(() => undefined);
      })
      .catch(() => active && setPage({ kind: 'unreadable' }));
    return () => {
      active = false;
      clearTimeout(settleTimer.current);
    };
  }, [services]);

  useEffect(() => {
    let active = true;
    services
      .openCardShortcut()
      .then((keys) => active && setOpenCardKeys(keys))
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [services]);

  // The page in the tab was reloaded or replaced while the popup is open: ask the new one, once it runs Gloss.
  useEffect(() => {
    if (tabId === undefined) return;
    return services.watchTabLoads(tabId, () => void refreshPage(tabId, retryDelaysMs));
  }, [services, tabId]);

  // Counts fill in while the page's first scan runs.
  useEffect(() => {
    if (tabId === undefined || page.kind !== 'ready' || !page.state.scanning) return;
    const timer = setTimeout(() => void refreshPage(tabId), SCANNING_POLL_MS);
    return () => clearTimeout(timer);
  }, [page, tabId]);

  async function changeSettings(change: SettingsChange) {
    if (settings) setSettings(change(settings));
    try {
      setSettings(await services.updateSettings(change));
      setNotice('');
    } catch (error) {
      setNotice(t('popupSaveFailed'));
      console.warn('Gloss: could not save settings', error);
    }
    refreshSoon();
  }

  async function changeTab(enabled: boolean) {
    if (tabId === undefined) return;
    const previous = tabDisabled;
    setTabDisabled(!enabled);
    try {
      await services.setTabDisabled(tabId, !enabled);
      setNotice('');
    } catch (error) {
      setTabDisabled(previous);
      setNotice(t('popupTabFailed'));
      console.warn('Gloss: could not change the tab', error);
    }
    refreshSoon();
  }

  useEffect(() => {
    // The notice's line is kept (popup.css), but a notice of two lines still takes room from the
    // list above it: the entry that has focus stays in view (WCAG 2.4.11). Missing in some test DOMs.
    const focused = document.activeElement;
    if (notice && focused instanceof HTMLElement && focused.closest('.page-entities')) focused.scrollIntoView?.({ block: 'nearest' });
  }, [notice]);

  async function reveal(entityId: string) {
    if (tabId === undefined) return;
    const name = lookupEntity(entityId)?.name ?? entityId;
    try {
      const shown = await services.revealEntity(tabId, entityId);
      setNotice(shown ? t('popupRevealShown', name) : t('popupRevealMissing', name));
    } catch {
      setNotice(t('popupRevealMissing', name));
    }
  }

  async function openReader(request: OpenReaderRequest) {
    try {
      await services.openReader(request);
      services.closePopup();
    } catch (error) {
      setNotice(t('popupReaderFailed'));
      console.warn('Gloss: could not open the reader', error);
    }
  }

  const current = settings ?? DEFAULT_SETTINGS;
  const pageState = page.kind === 'ready' ? page.state : undefined;
  const site = pageState?.site || undefined;
  const colors = current.colors;
  const footer = packsInUse(library);
  // The listed sites that keep this one off; one other than its own entry is named under its switch.
  const siteOffBy = site ? entriesCovering(current, site) : [];
  const siteOffThrough = site ? siteOffBy.find((listed) => listed !== siteKey(site)) : undefined;
  const noPackInUse = library !== undefined && library.packs.length === 0;

  return (
    <div class={searching ? 'popup popup--searching' : 'popup'}>
      <main class="popup__main">
        <h1 class="visually-hidden">{t('extensionName')}</h1>
        <SearchPanel
          search={search ?? searchLibrary}
          colors={colors}
          contentLang={pack.language}
          packOf={library?.packOf}
          mainPackId={pack.id}
          noPackInUse={noPackInUse}
          onOpen={(request) => void openReader(request)}
          onSearchingChange={(nowSearching) => {
            setSearching(nowSearching);
            // What an earlier action said (a mention shown, a save that failed) is stale once the reader searches.
            if (nowSearching) setNotice('');
          }}
        >
          <PageStatePanel
            view={page}
            colors={colors}
            lookupEntity={lookupEntity}
            noPackInUse={noPackInUse}
            firstMentionOnly={current.firstMentionOnly}
            onReveal={(entityId) => void reveal(entityId)}
          />
        </SearchPanel>
        <p class="popup__notice" role="status">
          {notice}
        </p>
        {/* While there is a query, its results get the switches' room too: the popup is at most 600px tall. */}
        {!searching && (
          <HighlightSwitches
            site={site}
            page={page.kind}
            siteEnabled={siteOffBy.length === 0}
            offThrough={siteOffThrough}
            tabEnabled={tabDisabled !== undefined ? !tabDisabled : pageState?.status !== 'off-tab'}
            globalEnabled={current.enabled}
            onSiteChange={(enabled) => site && void changeSettings((s) => withSiteEnabled(s, site, enabled))}
            onTabChange={(enabled) => void changeTab(enabled)}
            onGlobalChange={(enabled) => void changeSettings((s) => ({ ...s, enabled }))}
          />
        )}
      </main>
      <footer class="popup__footer">
        <div class="popup__links">
          <button type="button" class="link-button" onClick={() => void services.openOptions()}>
            {t('popupOptions')}
          </button>
          <button type="button" class="link-button" onClick={() => void openReader({})}>
            {t('popupReadArticle')}
          </button>
          {/* Cards open from the keyboard too: the keys are the reader's (set in the browser), so they are asked, not assumed. */}
          {/*
            Read as one text: a visually hidden ending after the shown part was set off with a space by
            Chromium (it is absolutely positioned), "Open card: Alt+Shift+K : Open the card…".
          */}
          {openCardKeys && (
            <p class="popup__shortcut muted" title={t('commandOpenCard')}>
              <span aria-hidden="true">
                {t('popupShortcutCard')} <kbd>{openCardKeys}</kbd>
              </span>
              <span class="visually-hidden">{`${t('popupShortcutCard')} ${openCardKeys}: ${t('commandOpenCard')}`}</span>
            </p>
          )}
        </div>
        <p class="popup__pack muted" title={footer.title || undefined}>
          {footer.text}
        </p>
      </footer>
    </div>
  );
}
