import { siteForDisplay } from '@/src/core/site-display';
import { t } from '@/src/ui/i18n';
import { Switch } from '@/src/ui/shared/Switch';
import type { PageView } from './PageStatePanel';

interface HighlightSwitchesProps {
  /** Site key of the page; undefined when the page cannot be read. */
  site: string | undefined;
  siteEnabled: boolean;
  /** The listed site that keeps this one off, when it is another ("example.com" for news.example.com): switching on takes it off the list. */
  offThrough?: string;
  tabEnabled: boolean;
  globalEnabled: boolean;
  /**
   * Whether Gloss runs on the page: while it is being asked (`loading`) the per-site and per-tab
   * switches are disabled; where it cannot run (`unreadable`) they are left out, since a disabled
   * switch was still announced and drawn as on ("checked, disabled") where nothing is highlighted.
   */
  page: PageView['kind'];
  onSiteChange: (enabled: boolean) => void;
  onTabChange: (enabled: boolean) => void;
  onGlobalChange: (enabled: boolean) => void;
}

/** Keeps the site's line while the page is asked, so the popup does not grow when a readable page answers. */
const LINE_KEPT = '\u00a0';

export function HighlightSwitches(props: HighlightSwitchesProps) {
  const pageReadable = props.page === 'ready';
  // Off everywhere: the site's and tab's switches keep their positions (and can be set for later), but do nothing now.
  const paused = !props.globalEnabled;
  const pausedNote = paused ? t('switchPausedEverywhere') : undefined;
  const shownSite = props.site ? siteForDisplay(props.site) : undefined;
  const site = shownSite && props.offThrough ? `${shownSite} · ${t('switchSiteOffThrough', siteForDisplay(props.offThrough))}` : shownSite;
  const siteLine = site ?? (props.page === 'loading' ? LINE_KEPT : t('popupSiteUnavailable'));
  const everywhere = <Switch label={t('switchEverywhere')} checked={props.globalEnabled} onChange={props.onGlobalChange} />;
  // The page panel above says why Gloss cannot run here; only the switch that still means something stays.
  if (props.page === 'unreadable') {
    return (
      <section class="switches" aria-label={t('highlightingTitle')}>
        {everywhere}
      </section>
    );
  }
  return (
    <section class="switches" aria-label={t('highlightingTitle')}>
      <Switch
        label={t('switchSite')}
        checked={props.siteEnabled}
        disabled={!pageReadable || !props.site}
        paused={paused}
        description={pausedNote && pageReadable && props.site ? `${siteLine} · ${pausedNote}` : siteLine}
        onChange={props.onSiteChange}
      />
      <Switch
        label={t('switchTab')}
        checked={props.tabEnabled}
        disabled={!pageReadable}
        paused={paused}
        description={pageReadable ? pausedNote : undefined}
        onChange={props.onTabChange}
      />
      {everywhere}
    </section>
  );
}
