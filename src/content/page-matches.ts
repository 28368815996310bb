/**
 * The pages Gloss reads: the content script's matches, and the same list as host permissions so the
 * background can run the card's script there (entrypoints/card-view.ts). One list, so they cannot drift.
 */
export const PAGE_MATCHES = ['http://*/*', 'https://*/*', 'file:///*'];
