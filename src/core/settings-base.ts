/**
 * What every part of Gloss needs of the settings, without the schema library: their constants and
 * defaults, the per-site helpers, and a check that a stored value is already in the form
 * `readSettings` (settings.ts, valibot) gives. Content scripts import this module only: they run in
 * every frame of every page, and building and running the schema there cost about 2 ms each time.
 */
import { HEX_COLOR_REGEX } from 'valibot';
import { isRecord } from './is-record';
import { aliasKey } from './matcher';
import { CATEGORIES, type Category } from './pack/categories';
import { MAX_ALIAS_LENGTH } from './pack/limits';

export const SETTINGS_VERSION = 1;

export const HIGHLIGHT_STYLES = ['underline', 'dotted', 'background'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

/**
 * How highlights are drawn: `css-highlight` paints over the text without touching the page (CSS
 * Custom Highlight API); `mark` wraps mentions in elements (works everywhere). `auto` picks the
 * first where the browser supports it.
 */
export const HIGHLIGHT_ENGINES = ['auto', 'css-highlight', 'mark'] as const;
export type HighlightEngineChoice = (typeof HIGHLIGHT_ENGINES)[number];

export const DEFAULT_COLORS: Record<Category, string> = {
  people: '#7c3aed',
  groups: '#c2410c',
  places: '#0f766e',
  topics: '#2563eb',
};

export const HOVER_DELAY_MS = { default: 300, min: 0, max: 2000 } as const;

/** A host that is an IPv6 address, as `location.host` writes it (lower case, in brackets): a pattern source. */
export const BRACKETED_IPV6 = '\\[[0-9a-f:.]+\\]';

/**
 * A stored site: a page's `location.host` as `siteKey` keeps it. A lower-case hostname (underscores
 * occur in intranet names) or a bracketed IPv6 address, with a port where there is one.
 */
export const HOSTNAME_PATTERN = new RegExp(`^(?:[a-z0-9_.-]+|${BRACKETED_IPV6})(?::\\d+)?$|^$`);
/**
 * What "Not this" hides on a site: a whole entity (its id: how earlier versions hid), or one of its
 * spellings there, as the entity id, a colon and the spelling's `aliasKey` ("ahmed-al-sharaa:golani").
 */
export const HIDDEN_TERM_PATTERN = new RegExp(`^[a-z0-9-]+(?::[^\\n]{1,${MAX_ALIAS_LENGTH}})?$`);
export const COLOR_PATTERN = HEX_COLOR_REGEX;

/** What the reader chose. `SettingsSchema` (settings.ts) reads stored values into this shape; a type test holds the two together. */
export interface Settings {
  version: typeof SETTINGS_VERSION;
  /** Global switch: highlighting on every site. */
  enabled: boolean;
  categories: Record<Category, boolean>;
  highlightStyle: HighlightStyle;
  colors: Record<Category, string>;
  highlightEngine: HighlightEngineChoice;
  hoverDelayMs: number;
  /** Mark only the first mention of each entity on a page. */
  firstMentionOnly: boolean;
  /** Hostnames where highlighting is off, sorted, each once. */
  disabledSites: string[];
  /**
   * What the reader said is "not this" on a site: site key → the terms (see HIDDEN_TERM_PATTERN: an
   * entity's spelling, or a whole entity) no longer marked there, sorted.
   */
  hiddenEntities: Record<string, string[]>;
}

/**
 * A change to the settings, applied to whatever is stored when it is written: a change made meanwhile
 * elsewhere (the popup, another window, a page's "Not this") is kept, where writing a whole value
 * read earlier would undo it.
 */
export type SettingsChange = (current: Settings) => Settings;

/** Freezes `value` and every object in it: a value shared by every reader that none may change. */
function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const item of Object.values(value)) if (typeof item === 'object' && item !== null) deepFreeze(item);
  return Object.freeze(value);
}

/**
 * The settings of a fresh install; the schema's fallbacks are these values. Every reader shares this
 * one value, frozen: a change made to it by mistake throws instead of changing the extension's
 * defaults. Callers that edit settings start from `defaultSettings()`.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = deepFreeze<Settings>({
  version: SETTINGS_VERSION,
  enabled: true,
  categories: { people: true, groups: true, places: true, topics: true },
  highlightStyle: 'underline',
  colors: { ...DEFAULT_COLORS },
  highlightEngine: 'auto',
  hoverDelayMs: HOVER_DELAY_MS.default,
  firstMentionOnly: false,
  disabledSites: [],
  hiddenEntities: {},
});

/** A copy of the defaults of one's own to edit (DEFAULT_SETTINGS is frozen). */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS);
}

const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS);

function hasExactly(record: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(record);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(record, key));
}

/** Strings, each one after the other in sort order, none repeated (what `[...new Set(x)].sort()` gives). */
function isSortedUniqueStrings(value: unknown, each: (item: string) => boolean): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item !== 'string' || !each(item)) return false;
    if (index > 0 && !((value[index - 1] as string) < item)) return false;
  }
  return true;
}

function isPerCategory(value: unknown, each: (item: unknown) => boolean): boolean {
  return isRecord(value) && hasExactly(value, CATEGORIES) && CATEGORIES.every((category) => each(value[category]));
}

const isIn = <T extends string>(list: readonly T[], value: unknown): value is T => list.includes(value as T);

/**
 * A site as settings keep it: what `siteKey` gives for a page (no "www.", which never matches a
 * page). The pattern admits lower case only and no spaces: what the schema's trim and lower-casing leave.
 */
export const isStoredHostname = (host: string) => host !== '' && HOSTNAME_PATTERN.test(host) && !host.startsWith('www.');

/**
 * True when `stored` is exactly what `readSettings` would return for it, with nothing to repair:
 * the current version, every field present and valid, nothing else. The options page and the popup
 * only ever write such values, so pages take them as they are; anything else (an older or newer
 * version, a value changed by hand) goes through `readSettings`. Tests hold the two to each other.
 */
export function isCanonicalSettings(stored: unknown): stored is Settings {
  if (!isRecord(stored) || !hasExactly(stored, SETTINGS_KEYS)) return false;
  const { hoverDelayMs, hiddenEntities } = stored;
  return (
    stored.version === SETTINGS_VERSION &&
    typeof stored.enabled === 'boolean' &&
    isPerCategory(stored.categories, (on) => typeof on === 'boolean') &&
    isIn(HIGHLIGHT_STYLES, stored.highlightStyle) &&
    isPerCategory(stored.colors, (color) => typeof color === 'string' && COLOR_PATTERN.test(color)) &&
    isIn(HIGHLIGHT_ENGINES, stored.highlightEngine) &&
    typeof hoverDelayMs === 'number' &&
    Number.isInteger(hoverDelayMs) &&
    hoverDelayMs >= HOVER_DELAY_MS.min &&
    hoverDelayMs <= HOVER_DELAY_MS.max &&
    typeof stored.firstMentionOnly === 'boolean' &&
    isSortedUniqueStrings(stored.disabledSites, isStoredHostname) &&
    isRecord(hiddenEntities) &&
    Object.entries(hiddenEntities).every(
      ([site, terms]) => isStoredHostname(site) && Array.isArray(terms) && terms.length > 0 && isSortedUniqueStrings(terms, (term) => HIDDEN_TERM_PATTERN.test(term)),
    )
  );
}

/** The hostname settings are kept under: "www." is dropped so a site is one entry. */
export function siteKey(hostnameOrUrl: string): string {
  let host = hostnameOrUrl;
  try {
    if (hostnameOrUrl.includes('/')) host = new URL(hostnameOrUrl).host;
  } catch {
    // Not a URL: treat it as a hostname.
  }
  // "example.com." is the same site as "example.com" (a fully qualified name).
  return host.trim().toLowerCase().replace(/^www\./, '').replace(/\.(?=(?::\d+)?$)/, '');
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** A site key's host and port ("" when none): "[::1]:8080" → ["[::1]", "8080"]. */
export function hostAndPort(key: string): [string, string] {
  const port = /:(\d+)$/.exec(key);
  return port ? [key.slice(0, port.index), port[1]!] : [key, ''];
}

/**
 * Whether a listed site covers `key` (both in `siteKey`'s form): itself, its subdomains
 * ("example.com" covers "news.example.com"), and, listed without a port, every port of them
 * ("localhost" covers "localhost:8765"), as a reader who lists a site means.
 */
export function siteCovers(listed: string, key: string): boolean {
  if (listed === key) return true;
  const [listedHost, listedPort] = hostAndPort(listed);
  const [host, port] = hostAndPort(key);
  if (listedPort && listedPort !== port) return false;
  // IP addresses have no subdomains: "0.1" does not cover "127.0.0.1".
  return host === listedHost || (!listedHost.startsWith('[') && !IPV4.test(host) && host.endsWith(`.${listedHost}`));
}

/** The listed sites that keep `site` off: its own entry, and those of its domains (see siteCovers). */
export function entriesCovering(settings: Settings, site: string): string[] {
  const key = siteKey(site);
  return settings.disabledSites.filter((listed) => siteCovers(listed, key));
}

export function isSiteEnabled(settings: Settings, site: string): boolean {
  return entriesCovering(settings, site).length === 0;
}

/**
 * Switches a site on or off (the popup's switch). Off lists it; on takes off the list every entry
 * that covers it, so that it is on: a listed "example.com" too, for all its subdomains.
 */
export function withSiteEnabled(settings: Settings, site: string, enabled: boolean): Settings {
  const key = siteKey(site);
  const others = settings.disabledSites.filter((listed) => (enabled ? !siteCovers(listed, key) : listed !== key));
  return { ...settings, disabledSites: enabled || !key ? others : [...others, key].sort() };
}

/** Takes one entry off the list of sites (the options page's Remove), leaving the others as they are. */
export function withoutListedSite(settings: Settings, listed: string): Settings {
  return { ...settings, disabledSites: settings.disabledSites.filter((entry) => entry !== listed) };
}

/** The terms hidden on `site` with "Not this" (see HIDDEN_TERM_PATTERN). */
export function hiddenTermsOn(settings: Settings, site: string): string[] {
  const key = siteKey(site);
  // Own keys only: a site named "constructor" must not read Object.prototype's.
  return Object.hasOwn(settings.hiddenEntities, key) ? (settings.hiddenEntities[key] ?? []) : [];
}

/** The hidden term for one spelling of an entity: "Not this" on a mention hides that spelling of it on the site. */
export function hiddenSpellingTerm(entityId: string, spelling: string): string {
  return `${entityId}:${aliasKey(spelling)}`;
}

/** The spellings hidden on `site`, by entity id, each as its `aliasKey`. */
export function hiddenSpellingsOn(settings: Settings, site: string): Map<string, Set<string>> {
  const byEntity = new Map<string, Set<string>>();
  for (const term of hiddenTermsOn(settings, site)) {
    const { entityId, spellingKey } = parseHiddenTerm(term);
    if (spellingKey === null) continue;
    const spellings = byEntity.get(entityId) ?? new Set<string>();
    spellings.add(spellingKey);
    byEntity.set(entityId, spellings);
  }
  return byEntity;
}

/** A hidden term's entity and, for a spelling, its key (null: the whole entity is hidden). */
export function parseHiddenTerm(term: string): { entityId: string; spellingKey: string | null } {
  const colon = term.indexOf(':');
  return colon < 0 ? { entityId: term, spellingKey: null } : { entityId: term.slice(0, colon), spellingKey: term.slice(colon + 1) };
}

/** The entities highlighted on `site`: their category is on and the reader has not hidden them there (a hidden spelling leaves its entity shown). */
export function entitiesShownOn<T extends { id: string; category: Category }>(entities: readonly T[], settings: Settings, site: string): T[] {
  const hidden = new Set(hiddenTermsOn(settings, site));
  return entities.filter((entity) => settings.categories[entity.category] && !hidden.has(entity.id));
}

/** Hides (or shows again) a term's highlights on one site: an entity's spelling, or a whole entity. */
export function withTermHidden(settings: Settings, site: string, term: string, hidden: boolean): Settings {
  const key = siteKey(site);
  const others = hiddenTermsOn(settings, key).filter((other) => other !== term);
  const terms = hidden ? [...others, term].sort() : others;
  const { [key]: _previous, ...rest } = settings.hiddenEntities;
  return { ...settings, hiddenEntities: terms.length > 0 ? { ...rest, [key]: terms } : rest };
}

/**
 * Whether hiding `term` on `site` (or showing it again) can be stored, for values a page sent:
 * the site must give a site key of the form `disabledSites` holds (a page without a host, such as a
 * file:// page, gives '', which is not canonical and which `readSettings` drops, silently undoing
 * the hide) and the term must be an entity id or an entity's spelling (HIDDEN_TERM_PATTERN).
 */
export function canStoreTermHidden(site: unknown, term: unknown): boolean {
  return typeof site === 'string' && isStoredHostname(siteKey(site)) && typeof term === 'string' && HIDDEN_TERM_PATTERN.test(term);
}
