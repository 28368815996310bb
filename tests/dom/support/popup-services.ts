/**
 * The popup's services as its DOM tests give them: a tab (7) whose page runs Gloss and found Mikhail
 * Bogdanov twice, settings kept in memory, every call a mock to inspect. Override what a test needs.
 */
import { vi } from 'vitest';
import { defaultSettings, type Settings } from '@/src/core/settings';
import type { PageState } from '@/src/messaging/protocol';
import type { PopupServices } from '@/src/ui/popup/services';

export function fakePopupServices(overrides: Partial<PopupServices> = {}) {
  let settings: Settings = defaultSettings();
  const services = {
    resolveTabId: vi.fn(async () => 7),
    mayRunIn: vi.fn(async () => true),
    readsEverySite: vi.fn(async () => true),
    readsFiles: vi.fn(async () => true),
    getPageState: vi.fn(
      async (): Promise<PageState | undefined> => ({
        site: 'example.com',
        status: 'on',
        entities: [{ entityId: 'mikhail-bogdanov', count: 2 }],
        scanning: false,
      }),
    ),
    revealEntity: vi.fn(async () => true),
    isTabDisabled: vi.fn(async () => false),
    setTabDisabled: vi.fn(async () => {}),
    loadSettings: vi.fn(async () => settings),
    updateSettings: vi.fn(async (change: (current: Settings) => Settings) => {
      settings = change(settings);
      return settings;
    }),
    watchSettings: vi.fn(() => () => {}),
    watchTabLoads: vi.fn(() => () => {}),
    openReader: vi.fn(async () => {}),
    openOptions: vi.fn(async (): Promise<void> => {}),
    openCardShortcut: vi.fn(async (): Promise<string | undefined> => 'Alt+Shift+K'),
    closePopup: vi.fn(),
    ...overrides,
  } satisfies PopupServices;
  return { services, current: () => settings };
}
