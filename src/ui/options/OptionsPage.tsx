import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_COLORS, type Settings } from '@/src/core/settings';
import { pack } from '@/src/pack/bundled';
import { t } from '@/src/ui/i18n';
import { updateSettings } from '@/src/storage/settings';
import { useSettings, type SettingsSource } from '@/src/ui/shared/use-settings';
import { OptionsForm } from './OptionsForm';
import { PackSection } from './PackSection';

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

const SAVED_VISIBLE_MS = 2000;

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
}

/** The options page: the form, connected to storage, with a quiet "Saved" after each change. */
export function OptionsPage({ settingsSource, update = updateSettings }: OptionsPageProps) {
  const [settings, setSettings] = useSettings(settingsSource);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const hideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(hideTimer.current), []);

  async function onChange(next: Settings) {
    if (!settings) return;
    const patch = changedFields(settings, next);
    setSettings(next);
    setSaveState('saving');
    clearTimeout(hideTimer.current);
    try {
      setSettings(await update((current) => ({ ...current, ...patch })));
      setSaveState('saved');
      hideTimer.current = setTimeout(() => setSaveState('idle'), SAVED_VISIBLE_MS);
    } catch (error) {
      console.warn('Gloss: could not save settings', error);
      setSaveState('failed');
    }
  }

  return (
    <div class="options">
      <header class="options__header">
        <h1 class="options__title">
          {t('extensionName')} <span class="muted">{t('optionsTitle')}</span>
        </h1>
        <p class={`save-status save-status--${saveState}`} role="status">
          {saveState === 'saved' ? t('optionsSaved') : saveState === 'failed' ? t('optionsSaveFailed') : ''}
        </p>
      </header>
      <main class="options__main">
        {settings ? <OptionsForm settings={settings} onChange={(next) => void onChange(next)} /> : <p class="muted">{t('optionsLoading')}</p>}
        <PackSection pack={pack} colors={settings?.colors ?? DEFAULT_COLORS} />
      </main>
    </div>
  );
}
