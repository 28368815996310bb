import { pack } from '@/src/pack/bundled';
import { matcherFor } from '@/src/pack/bundled-matcher';
import { GlossPage } from '@/src/content/gloss-page';
import { cardViewLoader } from '@/src/content/card-view-loader';
import { PAGE_MATCHES } from '@/src/content/page-matches';
import { createLibrary } from '@/src/core/pack/library';
import { backgroundMessenger, contentMessenger } from '@/src/messaging/protocol';
import { entitiesShownOn, isSiteEnabled, siteKey, withEntityHidden } from '@/src/core/settings';
import { loadSettings, updateSettings, watchSettings } from '@/src/storage/settings';
import { libraryFrom, loadLibrary, watchUserPacks } from '@/src/storage/user-packs';
import '@/src/content/highlights.css';

export default defineContentScript({
  matches: PAGE_MATCHES,
  // Articles embedded in frames (same- or cross-origin) get highlights and cards of their own.
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    // Asked first and not waited for: the scan looks for mentions meanwhile (see GlossPage).
    const tabDisabled = backgroundMessenger.sendMessage('getTabDisabled', undefined).catch(() => false);
    const [settings, library] = await Promise.all([
      loadSettings().then((settings) => {
        // While the packs load and the background answers, get the scan's matcher ready (the same
        // one, see matcherFor), so the scan can start at once; not when highlighting is off here.
        const site = siteKey(location.host);
        if (settings.enabled && isSiteEnabled(settings, site)) matcherFor(entitiesShownOn(pack.entities, settings, site)).prepare();
        return settings;
      }),
      // The bundled pack plus the reader's enabled imported packs; the bundled pack alone if storage fails.
      loadLibrary().catch((error: unknown) => {
        console.warn('Gloss: could not read the imported packs; using the built-in pack', error);
        return createLibrary(pack);
      }),
    ]);
    if (ctx.isInvalid) return;
    const page = new GlossPage(ctx, {
      library,
      settings,
      tabDisabled,
      reportState: (state) => void backgroundMessenger.sendMessage('reportPageState', state).catch(() => undefined),
      openReader: (factId) => void backgroundMessenger.sendMessage('openReader', { factId }),
      hideEntityOnSite: (site, entityId) => void updateSettings((current) => withEntityHidden(current, site, entityId, true)),
      loadCardView: cardViewLoader(() => backgroundMessenger.sendMessage('loadCardView', undefined)),
    });
    const removers = [
      watchSettings((next) => page.updateSettings(next)),
      // Packs imported, removed, switched on or off in the options: highlight from the new set at once.
      watchUserPacks((userPacks) => page.setLibrary(libraryFrom(userPacks))),
      contentMessenger.onMessage('getPageState', () => page.pageState()),
      contentMessenger.onMessage('setTabEnabled', ({ data }) => page.setTabEnabled(data)),
      contentMessenger.onMessage('revealEntity', ({ data }) => page.revealEntity(data)),
      contentMessenger.onMessage('openCardAtSelection', () => page.openCardAtSelection()),
    ];
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
    page.start();
  },
});
