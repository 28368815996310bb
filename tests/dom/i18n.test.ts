import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageState, PageStatus } from '../../src/messaging/protocol';
import { badgeFor, TOOLBAR_ICONS } from '../../src/ui/badge';
import { t } from '../../src/ui/i18n';
import { germanMessage } from './support/german';

describe('t() with the English fallback', () => {
  it('substitutes placeholders literally, whatever the value contains', () => {
    expect(t('cardShowAllFacts', 7)).toBe('Show all 7 facts');
    expect(t('cardNotThisTitle', 'A $& B $$ C')).toBe('Stop highlighting “A $& B $$ C” on this site');
  });
});

describe('the toolbar badge', () => {
  const state = (status: PageStatus, found = 0): PageState => ({
    site: 'news.example',
    status,
    scanning: false,
    entities: Array.from({ length: found }, (_, index) => ({ entityId: `entity-${index}`, count: 1 })),
  });

  it('counts the entities found, or says where Gloss is off', () => {
    expect(badgeFor(state('on', 3))).toEqual({
      text: '3',
      color: '#0f766e',
      title: 'Gloss: 3 terms from the story on this page',
      icon: TOOLBAR_ICONS.on,
    });
    expect(badgeFor(state('on', 1)).title).toBe('Gloss: 1 term from the story on this page');
    expect(badgeFor(state('on'))).toMatchObject({ text: '', title: 'Gloss: 0 terms from the story on this page' });
    expect(badgeFor(state('on')).icon).toBe(TOOLBAR_ICONS.on);
    expect(badgeFor(state('off-everywhere'))).toEqual({ text: 'off', color: '#78716c', title: 'Gloss is off everywhere', icon: TOOLBAR_ICONS.off });
    expect(badgeFor(state('off-site'))).toMatchObject({ title: 'Gloss is off on this site', icon: TOOLBAR_ICONS.off });
    expect(badgeFor(state('off-tab'))).toMatchObject({ title: 'Gloss is off in this tab', icon: TOOLBAR_ICONS.off });
  });

  it('speaks the browser’s language', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(germanMessage as typeof fakeBrowser.i18n.getMessage);
    expect(badgeFor(state('on', 2)).title).toBe('Gloss: 2 Begriffe aus dem Artikel auf dieser Seite');
    expect(badgeFor(state('off-tab'))).toMatchObject({ text: 'aus', title: 'Gloss ist in diesem Tab ausgeschaltet' });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });
});
