import { GlossPage } from '@/src/content/gloss-page';
import { lazyModuleLoader } from '@/src/content/lazy-scripts';
import { PAGE_MATCHES } from '@/src/content/page-matches';
import { siteAroundFrame } from '@/src/content/site-around';
import { backgroundMessenger, contentMessenger } from '@/src/messaging/protocol';
import { defaultSettings } from '@/src/core/settings-base';
import { pageLibraryOf, pagePacksFrom, watchCompiledPacks } from '@/src/storage/compiled-packs';
import { pageSettingsFrom, watchPageSettings } from '@/src/storage/page-settings';
import { loadPageStart } from '@/src/storage/page-start';
import { prepareBundledMatcher } from '@/src/pack/library-matcher';
import '@/src/content/highlights.css';

export default defineContentScript({
  matches: PAGE_MATCHES,
  // Top documents only: in frames (same- or cross-origin) the background runs this script once the
  // frame has text to read (entrypoints/frame-probe.ts); embedded articles get highlights and cards of their own.
  allFrames: false,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    // Listening before storage is read: the reader may switch the tab off while the page starts (the
    // background stores it after this page read the flag that no tab is off), and that comes only as this message.
    // Changes heard before the page exists wait for it.
    let pageCreated!: (page: GlossPage) => void;
    let pageNotCreated!: (reason: Error) => void;
    const created = new Promise<GlossPage>((resolve, reject) => {
      pageCreated = resolve;
      pageNotCreated = reject;
    });
    created.catch(() => undefined);
    // Stopped before the page existed (the extension updated or reloaded): what waits for it fails, not hangs.
    ctx.onInvalidated(() => pageNotCreated(new Error('Gloss stopped before the page started')));
    const removers = [contentMessenger.onMessage('setTabEnabled', async ({ data }) => (await created).setTabEnabled(data))];
    ctx.onInvalidated(() => {
      for (const remove of removers) {
        // After an extension update the old context's API calls throw; each listener still goes.
        try {
          remove();
        } catch {
          // The browser has already dropped listeners of an invalidated context.
        }
      }
    });
    // Imported packs come compiled by the background, which compiles them again if another build did.
    const compileAgain = () => backgroundMessenger.sendMessage('compilePacks', undefined);
    // Settings stored in any other form than the schema's are read by the background (page-settings.ts).
    const readSettings = () => backgroundMessenger.sendMessage('readSettings', undefined);
    // Watched from before the read too: a change stored while the page starts is applied once it exists.
    removers.push(
      watchPageSettings(readSettings, (next) => {
        created.then((page) => ctx.isValid && page.updateSettings(next), () => undefined);
      }),
      // Packs imported, removed, switched on or off in the options: highlight from the new set at once.
      watchCompiledPacks(async (stored) => {
        const [packs, page] = await Promise.all([pagePacksFrom(stored, compileAgain), created.catch(() => null)]);
        if (page && ctx.isValid) page.setLibrary(pageLibraryOf(packs));
      }),
    );
    const pageStart = loadPageStart();
    // In a frame, the site of the page around it (asked of the background, while storage is read, where the browser hides it).
    const siteAroundAsked =
      window.top === window
        ? undefined
        : // Absent in older Firefox, whatever TypeScript's DOM types say.
          siteAroundFrame(location.ancestorOrigins as DOMStringList | undefined, () => backgroundMessenger.sendMessage('siteOfTab', undefined));
    // The browser reads storage in its own process: the page's thread is free to compile the pattern meanwhile.
    prepareBundledMatcher();
    const fromStorage = pageStart.then(
      async (stored) => {
        const [settings, packs] = await Promise.all([pageSettingsFrom(stored.settings, readSettings), pagePacksFrom(stored.compiledPacks, compileAgain)]);
        return { settings, library: pageLibraryOf(packs), mayBeTabOff: stored.mayBeTabOff };
      },
      (error: unknown) => {
        // Storage unreadable: the defaults and the bundled pack still serve the page.
        console.warn('Gloss: could not read settings and imported packs; using the defaults', error);
        return { settings: defaultSettings(), library: pageLibraryOf(null), mayBeTabOff: true };
      },
    );
    const [{ settings, library, mayBeTabOff }, siteAround] = await Promise.all([fromStorage, siteAroundAsked]);
    // Only while some tab is switched off does the page ask about its own, and the scan looks for
    // mentions while the background answers (see GlossPage). Otherwise it waits for nobody.
    const askTabDisabled = () => backgroundMessenger.sendMessage('getTabDisabled', undefined).catch(() => false);
    const tabDisabled = mayBeTabOff ? askTabDisabled() : false;
    if (ctx.isInvalid) return;
    const page = new GlossPage(ctx, {
      library,
      settings,
      siteAround,
      tabDisabled,
      // The badge speaks for the top page: frames keep their state to themselves.
      reportState: window.top === window ? (state) => void backgroundMessenger.sendMessage('reportPageState', state).catch(() => undefined) : undefined,
      openReader: (factId) =>
        void backgroundMessenger
          .sendMessage('openReader', { factId })
          .catch((error: unknown) => console.warn('Gloss: could not open the article', error)),
      askTabDisabled,
      setTermHiddenOnSite: (site, term, hidden) =>
        void backgroundMessenger
          .sendMessage('setTermHiddenOnSite', { site, term, hidden })
          .catch((error: unknown) => console.warn('Gloss: could not store "Not this" for this site', error)),
      loadCardView: lazyModuleLoader('cardView', () => backgroundMessenger.sendMessage('loadLazyScript', 'cardView')),
      loadMarkEngine: lazyModuleLoader('markEngine', () => backgroundMessenger.sendMessage('loadLazyScript', 'markEngine')),
    });
    removers.push(
      contentMessenger.onMessage('getPageState', () => page.pageState()),
      contentMessenger.onMessage('revealEntity', ({ data }) => page.revealEntity(data)),
      contentMessenger.onMessage('openCardAtSelection', () => page.openCardAtSelection()),
    );
    page.start();
    // A switch heard meanwhile is applied now, in a microtask: before the scan's first slice reads anything.
    pageCreated(page);
  },
});
