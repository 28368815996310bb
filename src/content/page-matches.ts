/**
 * The pages Gloss reads: the content script's matches, and the same list as host permissions so the
 * background can run the card's script there (entrypoints/card-view.ts). One list, so they cannot drift.
 */
export const PAGE_MATCHES = ['http://*/*', 'https://*/*', 'file:///*'];

/** Whether `url` is of a kind the patterns cover: each allows any host and path after its scheme. */
export function isPageUrl(url: string): boolean {
  return PAGE_MATCHES.some((pattern) => url.startsWith(pattern.slice(0, pattern.indexOf('*'))));
}
