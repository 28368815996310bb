/**
 * Gloss's site access as a DOM test sets it (jsdom and WXT's fake browser have no permissions API):
 * every site allowed or not, changed later with `change`, as the reader would in the browser.
 */
import { act } from 'preact/test-utils';
import type { SiteAccessSource } from '@/src/ui/shared/site-access';

export function siteAccess(everySite: boolean) {
  let listener: ((everySite: boolean) => void) | null = null;
  const source: SiteAccessSource = {
    readsEverySite: async () => everySite,
    watchSiteAccess: (onChange) => {
      listener = onChange;
      return () => (listener = null);
    },
  };
  return { source, change: (next: boolean) => act(() => listener?.(next)) };
}
