import { useMemo } from 'preact/hooks';
import { createLibrary } from '@/src/core/pack/library';
import { DEFAULT_COLORS, type Settings } from '@/src/core/settings';
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

/** The settings fields that differ, so a save does not undo a change made meanwhile elsewhere. */
export function changedFields(before: Settings, after: Settings): Partial<Settings> {
  const keys = Object.keys(after) as (keyof Settings)[];
  return Object.fromEntries(
    keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => [key, after[key]]),
  ) as Partial<Settings>;
}

interface OptionsPageProps {
  settingsSource?: SettingsSource;
  update?: (change: (current: Settings) => Settings) => Promise<Settings>;
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

  async function onChange(next: Settings) {
    if (!settings) return;
    const patch = changedFields(settings, next);
    setSettings(next);
    await save(async () => setSettings(await update((current) => ({ ...current, ...patch }))));
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
            onChange={(next) => void onChange(next)}
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
