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
    <section class="switches" aria-label="Highlighting">
      <Switch
        label="Highlight on this site"
        checked={props.siteEnabled}
        disabled={pageSwitchesDisabled}
        description={props.site ?? 'Not available on this page'}
        onChange={props.onSiteChange}
      />
      <Switch
        label="Highlight in this tab"
        checked={props.tabEnabled}
        disabled={!props.pageReadable}
        onChange={props.onTabChange}
      />
      <Switch label="Highlight everywhere" checked={props.globalEnabled} onChange={props.onGlobalChange} />
    </section>
  );
}
