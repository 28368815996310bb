import { HighlightingSection, type SettingsFormProps } from './HighlightingSection';
import { SitesSection } from './SitesSection';

/** Every setting as a form; pure, so it can be rendered and tested without storage. */
export function OptionsForm({ settings, onChange }: SettingsFormProps) {
  return (
    <>
      <HighlightingSection settings={settings} onChange={onChange} />
      <SitesSection settings={settings} onChange={onChange} />
    </>
  );
}
