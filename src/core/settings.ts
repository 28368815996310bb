/**
 * User settings: typed, with defaults, versioned. Whatever is in storage (malformed, older, from a
 * newer version) goes through `readSettings`, which migrates what it can, repairs each field on its
 * own and keeps every choice that is still valid. It never throws.
 */
import * as v from 'valibot';
import { CATEGORIES, type Category } from './pack/categories';
import { isRecord } from './is-record';

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

const hexColor = v.pipe(v.string(), v.hexColor());
const hostname = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^[a-z0-9.-]+(?::\d+)?$|^$/));

function perCategory<T extends v.GenericSchema>(schema: T, defaults: Record<Category, v.InferOutput<T>>) {
  return v.object(
    Object.fromEntries(CATEGORIES.map((category) => [category, v.fallback(schema, defaults[category])])) as Record<
      Category,
      v.SchemaWithFallback<T, v.InferOutput<T>>
    >,
  );
}

const DEFAULT_CATEGORIES: Record<Category, boolean> = { people: true, groups: true, places: true, topics: true };

export const SettingsSchema = v.object({
  version: v.literal(SETTINGS_VERSION),
  /** Global switch: highlighting on every site. */
  enabled: v.fallback(v.boolean(), true),
  categories: v.fallback(perCategory(v.boolean(), DEFAULT_CATEGORIES), DEFAULT_CATEGORIES),
  highlightStyle: v.fallback(v.picklist(HIGHLIGHT_STYLES), 'underline'),
  colors: v.fallback(perCategory(hexColor, DEFAULT_COLORS), DEFAULT_COLORS),
  highlightEngine: v.fallback(v.picklist(HIGHLIGHT_ENGINES), 'auto'),
  hoverDelayMs: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2000)), 300),
  /** Mark only the first mention of each entity on a page. */
  firstMentionOnly: v.fallback(v.boolean(), false),
  /** Hostnames where highlighting is off. */
  disabledSites: v.fallback(v.pipe(v.array(v.fallback(hostname, '')), v.transform(uniqueHostnames)), []),
  /** Entities the reader said are "not this" on a site: site key → entity ids no longer marked there. */
  hiddenEntities: v.fallback(
    v.pipe(
      v.record(v.string(), v.fallback(v.array(v.fallback(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)), '')), [])),
      v.transform(cleanHiddenEntities),
    ),
    {},
  ),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

function cleanHiddenEntities(bySite: Record<string, string[]>): Record<string, string[]> {
  const cleaned: Record<string, string[]> = {};
  for (const [site, ids] of Object.entries(bySite)) {
    const unique = [...new Set(ids.filter(Boolean))].sort();
    if (site && unique.length > 0) cleaned[site] = unique;
  }
  return cleaned;
}

function uniqueHostnames(hosts: string[]): string[] {
  return [...new Set(hosts.filter(Boolean))].sort();
}

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, { version: SETTINGS_VERSION });

/** Upgrades settings stored by version `from` to version `from + 1`. */
export type SettingsMigration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** Migrations by the version they upgrade from. Version 1 is the first released format. */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {};

export interface SettingsReadResult {
  settings: Settings;
  /** What was wrong with the stored value, for the options page and logs; empty when it was fine. */
  repairs: string[];
}

/** Structural equality of JSON values; key order does not matter (storage may reorder keys). */
function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
}

export function readSettings(
  stored: unknown,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
  currentVersion: number = SETTINGS_VERSION,
): SettingsReadResult {
  const repairs: string[] = [];
  if (stored === undefined || stored === null) return { settings: structuredClone(DEFAULT_SETTINGS), repairs };
  if (!isRecord(stored)) {
    return { settings: structuredClone(DEFAULT_SETTINGS), repairs: ['stored settings were not an object; defaults used'] };
  }
  let data: Record<string, unknown> = { ...stored };
  let version = typeof data.version === 'number' && Number.isInteger(data.version) ? data.version : 1;
  if (data.version !== version) repairs.push('stored settings had no valid version; read as version 1');
  if (version > currentVersion) {
    // Written by a newer Gloss (e.g. after a downgrade): keep every field this version understands.
    repairs.push(`stored settings are from a newer version (${version}); fields this version knows were kept`);
    version = currentVersion;
  }
  for (; version < currentVersion; version++) {
    const migrate = migrations[version];
    if (migrate) data = migrate(data);
  }
  data.version = SETTINGS_VERSION;
  const parsed = v.safeParse(SettingsSchema, data);
  if (!parsed.success) {
    return { settings: structuredClone(DEFAULT_SETTINGS), repairs: [...repairs, 'stored settings were unreadable; defaults used'] };
  }
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (key in stored && !deepEqual(parsed.output[key], stored[key])) {
      repairs.push(`"${key}" was invalid and was repaired`);
    }
  }
  return { settings: parsed.output, repairs };
}

/** The hostname settings are kept under: "www." is dropped so a site is one entry. */
export function siteKey(hostnameOrUrl: string): string {
  let host = hostnameOrUrl;
  try {
    if (hostnameOrUrl.includes('/')) host = new URL(hostnameOrUrl).host;
  } catch {
    // Not a URL: treat it as a hostname.
  }
  return host.trim().toLowerCase().replace(/^www\./, '');
}

export function isSiteEnabled(settings: Settings, site: string): boolean {
  return !settings.disabledSites.includes(siteKey(site));
}

export function withSiteEnabled(settings: Settings, site: string, enabled: boolean): Settings {
  const key = siteKey(site);
  const others = settings.disabledSites.filter((host) => host !== key);
  return { ...settings, disabledSites: enabled || !key ? others : [...others, key].sort() };
}

export function hiddenEntitiesOn(settings: Settings, site: string): string[] {
  return settings.hiddenEntities[siteKey(site)] ?? [];
}

/** The entities highlighted on `site`: their category is on and the reader has not hidden them there. */
export function entitiesShownOn<T extends { id: string; category: Category }>(entities: readonly T[], settings: Settings, site: string): T[] {
  const hidden = new Set(hiddenEntitiesOn(settings, site));
  return entities.filter((entity) => settings.categories[entity.category] && !hidden.has(entity.id));
}

/** Hides (or shows again) an entity's highlights on one site. */
export function withEntityHidden(settings: Settings, site: string, entityId: string, hidden: boolean): Settings {
  const key = siteKey(site);
  const others = hiddenEntitiesOn(settings, key).filter((id) => id !== entityId);
  const ids = hidden ? [...others, entityId].sort() : others;
  const { [key]: _previous, ...rest } = settings.hiddenEntities;
  return { ...settings, hiddenEntities: ids.length > 0 ? { ...rest, [key]: ids } : rest };
}
