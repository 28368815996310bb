/** What the toolbar button shows for a page: the number of entities found, or that Gloss is off there. */
import type { PageState } from '@/src/messaging/protocol';
import { t } from '@/src/ui/i18n';

const BADGE_COLOR = '#0f766e';
const BADGE_OFF_COLOR = '#78716c';

export interface Badge {
  text: string;
  color: string;
  /** The button's tooltip. */
  title: string;
}

export function badgeFor(state: PageState): Badge {
  if (state.status === 'off-everywhere') return { text: t('badgeTextOff'), color: BADGE_OFF_COLOR, title: t('badgeOffEverywhere') };
  if (state.status === 'off-site') return { text: t('badgeTextOff'), color: BADGE_OFF_COLOR, title: t('badgeOffSite') };
  if (state.status === 'off-tab') return { text: t('badgeTextOff'), color: BADGE_OFF_COLOR, title: t('badgeOffTab') };
  const found = state.entities.length;
  return {
    text: found > 0 ? String(found) : '',
    color: BADGE_COLOR,
    title: found === 1 ? t('badgeFoundOne') : t('badgeFound', found),
  };
}
