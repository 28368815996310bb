/** What the toolbar button shows for a page: the number of entities found, or that Gloss is off there. */
import type { PageState, PageStatus } from '@/src/messaging/protocol';
import { t, type MessageKey } from '@/src/ui/i18n';

const BADGE_COLOR = '#0f766e';
const BADGE_OFF_COLOR = '#78716c';

export interface Badge {
  text: string;
  color: string;
  /** The button's tooltip. */
  title: string;
}

/** The tooltip where Gloss is off, by why. */
const OFF_TITLES = {
  'off-everywhere': 'badgeOffEverywhere',
  'off-site': 'badgeOffSite',
  'off-tab': 'badgeOffTab',
} as const satisfies Record<Exclude<PageStatus, 'on'>, MessageKey>;

export function badgeFor(state: PageState): Badge {
  if (state.status !== 'on') return { text: t('badgeTextOff'), color: BADGE_OFF_COLOR, title: t(OFF_TITLES[state.status]) };
  const found = state.entities.length;
  return {
    text: found > 0 ? String(found) : '',
    color: BADGE_COLOR,
    title: found === 1 ? t('badgeFoundOne') : t('badgeFound', found),
  };
}
