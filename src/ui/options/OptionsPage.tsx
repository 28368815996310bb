import { useMemo } from 'preact/hooks';
import { createLibrary } from '@/src/core/pack/library';
import { DEFAULT_COLORS, type Settings, type SettingsChange } from '@/src/core/settings';
import { pack } from '@/src/pack/bundled';
import { compileStoredPacks } from '@/src/storage/user-packs';
import { t } from '@/src/ui/i18n';
import { updateSettings } from '@/src/storage/settings';
import { GlossIcon } from '@/src/ui/shared/GlossIcon';
import { useSettings, type SettingsSource } from '@/src/ui/shared/use-settings';
import { browserSiteAccess, type SiteAccessSource } from '@/src/ui/shared/site-access';
import { storageUserPacks, useUserPacks, type UserPacksStore } from '@/src/ui/shared/use-user-packs';
import { useActionStatus } from '@/src/ui/shared/use-action-status';
import { useWatchedValue } from '@/src/ui/shared/use-watched-value';
import { OptionsForm } from './OptionsForm';
import { PacksSection } from './PacksSection';

interface OptionsPageProps {
  settingsSource?: SettingsSource;
  update?: (change: SettingsChange) => Promise<Settings>;
  userPacks?: UserPacksStore;
  /** Saves an exported pack; a Blob download in the extension. */
  download?: (fileName: string, text: string) => void;
  /** Whether the browser lets Gloss read every site, followed live; the browser's permissions by default. */
  siteAccess?: SiteAccessSource;
}

/** The options page: the form, connected to storage, with a quiet "Saved" after each change. */
export function OptionsPage({ settingsSource, update = updateSettings, userPacks = storageUserPacks, download, siteAccess = browserSiteAccess }: OptionsPageProps) {
  const [settings, setSettings] = useSettings(settingsSource);
  const [installed] = useUserPacks(userPacks);
  const [everySite] = useWatchedValue(siteAccess.readsEverySite, siteAccess.watchSiteAccess, "Gloss's site access");
  // Names for the entities hidden per site: every installed pack, whether switched on or not.
  const allPacks = useMemo(
    () =>
      createLibrary(
        pack,
        compileStoredPacks(installed ?? { packs: [], bundledEnabled: true }, pack.id).flatMap((status) => (status.ok ? [status.pack] : [])),
      ),
    [installed],
  );
  const [saveStatus, save] = useActionStatus('could not save settings');

  // Shown at once; saved as a change to what is stored then, so a change made meanwhile elsewhere stays.
  async function onChange(change: SettingsChange) {
    if (!settings) return;
    setSettings(change(settings));
    await save(async () => setSettings(await update(change)));
  }

  return (
    <div class="options">
      <header class="options__header">
        <h1 class="options__title">
          <GlossIcon size={28} />
          <span>
            {t('extensionName')} <span class="muted">{t('optionsTitle')}</span>
          </span>
        </h1>
        <p class={`save-status save-status--${saveStatus}`} role="status">
          {saveStatus === 'done' ? t('optionsSaved') : saveStatus === 'failed' ? t('optionsSaveFailed') : ''}
        </p>
      </header>
      <main class="options__main">
        {settings ? (
          <OptionsForm
            settings={settings}
            onChange={(change) => void onChange(change)}
            lookupEntity={allPacks.entity}
            contentLanguageOf={(id) => allPacks.packOf(id)?.language}
            siteAccessLimited={everySite === false}
          />
        ) : (
          <p class="muted">{t('optionsLoading')}</p>
        )}
        <PacksSection bundled={pack} colors={settings?.colors ?? DEFAULT_COLORS} store={userPacks} download={download} />
      </main>
    </div>
  );
}
