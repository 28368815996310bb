import { HighlightingSection } from './HighlightingSection';
import { SitesSection, type SitesSectionProps } from './SitesSection';

/** Every setting as a form; pure, so it can be rendered and tested without storage. */
export function OptionsForm({ settings, onChange, lookupEntity, contentLanguageOf, siteAccessLimited }: SitesSectionProps) {
  return (
    <>
      <HighlightingSection settings={settings} onChange={onChange} />
      <SitesSection
        settings={settings}
        onChange={onChange}
        lookupEntity={lookupEntity}
        contentLanguageOf={contentLanguageOf}
        siteAccessLimited={siteAccessLimited}
      />
    </>
  );
}
