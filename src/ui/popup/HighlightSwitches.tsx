import { t } from '@/src/ui/i18n';
import { Switch } from '@/src/ui/shared/Switch';

interface HighlightSwitchesProps {
  /** Site key of the page; undefined when the page cannot be read. */
  site: string | undefined;
  siteEnabled: boolean;
  tabEnabled: boolean;
  globalEnabled: boolean;
  /** False when no content script runs on the page, so per-site and per-tab switches mean nothing. */
  pageReadable: boolean;
  onSiteChange: (enabled: boolean) => void;
  onTabChange: (enabled: boolean) => void;
  onGlobalChange: (enabled: boolean) => void;
}

export function HighlightSwitches(props: HighlightSwitchesProps) {
  const pageSwitchesDisabled = !props.pageReadable || !props.site;
  return (
    <section class="switches" aria-label={t('highlightingTitle')}>
      <Switch
        label={t('switchSite')}
        checked={props.siteEnabled}
        disabled={pageSwitchesDisabled}
        description={props.site ?? t('popupSiteUnavailable')}
        onChange={props.onSiteChange}
      />
      <Switch label={t('switchTab')} checked={props.tabEnabled} disabled={!props.pageReadable} onChange={props.onTabChange} />
      <Switch label={t('switchEverywhere')} checked={props.globalEnabled} onChange={props.onGlobalChange} />
    </section>
  );
}
