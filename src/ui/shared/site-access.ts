/**
 * Whether the browser lets Gloss read every web site. A reader can limit an extension's site access
 * (Chrome: right-click its button, "On click" or "On specific sites"); Gloss then reads only the
 * sites allowed, and its popup and options say so. File pages have a switch of their own ("Allow
 * access to file URLs"), left out here.
 */
import { browser } from 'wxt/browser';
import { PAGE_MATCHES } from '@/src/content/page-matches';

const WEB_SITES = PAGE_MATCHES.filter((pattern) => !pattern.startsWith('file:'));

export function readsEverySite(): Promise<boolean> {
  return browser.permissions.contains({ origins: WEB_SITES });
}

/** Calls `onChange` with the new answer whenever Gloss's permissions change; returns a stop function. */
export function watchSiteAccess(onChange: (readsEverySite: boolean) => void): () => void {
  const recheck = () => void readsEverySite().then(onChange, () => undefined);
  browser.permissions.onAdded.addListener(recheck);
  browser.permissions.onRemoved.addListener(recheck);
  return () => {
    browser.permissions.onAdded.removeListener(recheck);
    browser.permissions.onRemoved.removeListener(recheck);
  };
}

export interface SiteAccessSource {
  readsEverySite: () => Promise<boolean>;
  watchSiteAccess: (onChange: (readsEverySite: boolean) => void) => () => void;
}

export const browserSiteAccess: SiteAccessSource = { readsEverySite, watchSiteAccess };
