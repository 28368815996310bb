/** What the toolbar button shows for a page: the number of entities found, or that Gloss is off there. */
import type { PageState, PageStatus } from '@/src/messaging/protocol';
import { t, type MessageKey } from '@/src/ui/i18n';

const BADGE_COLOR = '#0f766e';
const BADGE_OFF_COLOR = '#78716c';

/** The toolbar button's pictures, by size (drawn by scripts/icons.ts): the usual one, and grey where Gloss is off. */
export const TOOLBAR_ICONS = {
  on: { 16: '/icon/16.png', 32: '/icon/32.png' },
  off: { 16: '/icon/off/16.png', 32: '/icon/off/32.png' },
} as const;

export interface Badge {
  text: string;
  color: string;
  /** The button's tooltip. */
  title: string;
  icon: (typeof TOOLBAR_ICONS)[keyof typeof TOOLBAR_ICONS];
}

/** The tooltip where Gloss is off, by why. */
const OFF_TITLES = {
  'off-everywhere': 'badgeOffEverywhere',
  'off-site': 'badgeOffSite',
  'off-tab': 'badgeOffTab',
} as const satisfies Record<Exclude<PageStatus, 'on'>, MessageKey>;

export function badgeFor(state: PageState): Badge {
  if (state.status !== 'on') {
    return { text: t('badgeTextOff'), color: BADGE_OFF_COLOR, title: t(OFF_TITLES[state.status]), icon: TOOLBAR_ICONS.off };
  }
  const found = state.entities.length;
  return {
    text: found > 0 ? String(found) : '',
    color: BADGE_COLOR,
    title: found === 1 ? t('badgeFoundOne') : t('badgeFound', found),
    icon: TOOLBAR_ICONS.on,
  };
}
