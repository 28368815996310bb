/**
 * The languages Gloss has a message catalogue for (public/_locales/<language>/messages.json); the
 * first is the manifest's default_locale. tests/unit/locales.test.ts keeps this list in step with
 * the catalogues. No imports: unit tests read it in Node.
 */
export const CATALOGUE_LANGUAGES = ['en', 'de'] as const;

/** Primary language subtags written right to left. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi']);

function primarySubtag(tag: string): string {
  return tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
}

function normalise(tag: string | undefined): string {
  return (tag ?? '').trim().replaceAll('_', '-');
}

/**
 * The language the extension's pages are shown in, as a BCP 47 tag.
 *
 * `uiLanguage` is the browser's UI language (browser.i18n.getUILanguage()); `catalogueLanguage` is
 * the language of the catalogue the browser actually answers from (the `catalogueLanguage`
 * message). They normally agree, and the UI language is the more precise tag (de-AT). Where they
 * don't — a UI language Gloss has no catalogue for, so the English one answers; or headless
 * Chromium started with --lang=de, which picks the German catalogue but reports en-US — the
 * catalogue's language is the one the text is in.
 */
export function pageLanguage(uiLanguage: string | undefined, catalogueLanguage: string = CATALOGUE_LANGUAGES[0]): string {
  const ui = normalise(uiLanguage);
  const catalogue = normalise(catalogueLanguage) || CATALOGUE_LANGUAGES[0];
  return ui && primarySubtag(ui) === primarySubtag(catalogue) ? ui : catalogue;
}

export function textDirection(languageTag: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(primarySubtag(languageTag)) ? 'rtl' : 'ltr';
}
