import pack from 'virtual:gloss-pack';
import { GlossPage } from '@/src/content/gloss-page';
import { createLibrary } from '@/src/core/pack/library';
import { backgroundMessenger, contentMessenger } from '@/src/messaging/protocol';
import { withEntityHidden } from '@/src/core/settings';
import { loadSettings, updateSettings, watchSettings } from '@/src/storage/settings';
import '@/src/content/highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  // Articles embedded in frames (same- or cross-origin) get highlights and cards of their own.
  allFrames: true,
  runAt: 'document_idle',
  cssInjectionMode: 'manifest',
  async main(ctx) {
    const [settings, tabDisabled] = await Promise.all([
      loadSettings(),
      backgroundMessenger.sendMessage('getTabDisabled', undefined).catch(() => false),
    ]);
    if (ctx.isInvalid) return;
    const page = new GlossPage(ctx, {
      library: createLibrary(pack),
      settings,
      tabDisabled,
      reportState: (state) => void backgroundMessenger.sendMessage('reportPageState', state).catch(() => undefined),
      openReader: (factId) => void backgroundMessenger.sendMessage('openReader', { factId }),
      hideEntityOnSite: (site, entityId) => void updateSettings((current) => withEntityHidden(current, site, entityId, true)),
    });
    const removers = [
      watchSettings((next) => page.updateSettings(next)),
      contentMessenger.onMessage('getPageState', () => page.pageState()),
      contentMessenger.onMessage('setTabEnabled', ({ data }) => page.setTabEnabled(data)),
      contentMessenger.onMessage('revealEntity', ({ data }) => page.revealEntity(data)),
      contentMessenger.onMessage('openCardAtSelection', () => page.openCardAtSelection()),
    ];
    ctx.onInvalidated(() => removers.forEach((remove) => remove()));
    page.start();
  },
});
