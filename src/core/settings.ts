/**
 * User settings: typed, with defaults, versioned. Whatever is in storage (malformed, older, from a
 * newer version) goes through `readSettings`, which migrates what it can, repairs each field on its
 * own and keeps every choice that is still valid. It never throws.
 */
import * as v from 'valibot';
import { CATEGORIES, type Category } from './pack/categories';
import { isRecord } from './is-record';
import { jsonEqual } from './json-equal';
import {
  COLOR_PATTERN,
  DEFAULT_SETTINGS,
  defaultSettings,
  HIDDEN_TERM_PATTERN,
  HIGHLIGHT_ENGINES,
  HIGHLIGHT_STYLES,
  HOVER_DELAY_MS,
  isStoredHostname,
  siteKey,
  SETTINGS_VERSION,
  type Settings,
} from './settings-base';

export * from './settings-base';

const hexColor = v.pipe(v.string(), v.regex(COLOR_PATTERN));
/** A stored site in the form `siteKey` gives (trimmed, lower case, no "www."), or invalid. */
const hostname = v.pipe(v.string(), v.transform(siteKey), v.check(isStoredHostname));

function perCategory<T extends v.GenericSchema>(schema: T, defaults: Record<Category, v.InferOutput<T>>) {
  return v.object(
    Object.fromEntries(CATEGORIES.map((category) => [category, v.fallback(schema, defaults[category])])) as Record<
      Category,
      v.SchemaWithFallback<T, v.InferOutput<T>>
    >,
  );
}

export const SettingsSchema = v.object({
  version: v.literal(SETTINGS_VERSION),
  /** Global switch: highlighting on every site. */
  enabled: v.fallback(v.boolean(), () => DEFAULT_SETTINGS.enabled),
  categories: v.fallback(perCategory(v.boolean(), DEFAULT_SETTINGS.categories), () => ({ ...DEFAULT_SETTINGS.categories })),
  highlightStyle: v.fallback(v.picklist(HIGHLIGHT_STYLES), () => DEFAULT_SETTINGS.highlightStyle),
  colors: v.fallback(perCategory(hexColor, DEFAULT_SETTINGS.colors), () => ({ ...DEFAULT_SETTINGS.colors })),
  highlightEngine: v.fallback(v.picklist(HIGHLIGHT_ENGINES), () => DEFAULT_SETTINGS.highlightEngine),
  hoverDelayMs: v.fallback(v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_MS.min), v.maxValue(HOVER_DELAY_MS.max)), HOVER_DELAY_MS.default),
  /** Mark only the first mention of each entity on a page. */
  firstMentionOnly: v.fallback(v.boolean(), () => DEFAULT_SETTINGS.firstMentionOnly),
  /** Hostnames where highlighting is off. */
  disabledSites: v.fallback(v.pipe(v.array(v.fallback(hostname, '')), v.transform(sortedUnique)), []),
  /** What the reader said is "not this" on a site: site key → the terms (entity ids, or entities' spellings) no longer marked there. */
  hiddenEntities: v.fallback(
    v.pipe(
      v.record(v.string(), v.fallback(v.array(v.fallback(v.pipe(v.string(), v.regex(HIDDEN_TERM_PATTERN)), '')), [])),
      v.transform(cleanHiddenEntities),
    ),
    {},
  ),
});

/** Keeps the sites `disabledSites` could hold (in `siteKey`'s form: one entry a site) with their ids, sorted, each once. */
function cleanHiddenEntities(bySite: Record<string, string[]>): Record<string, string[]> {
  const idsBySite = new Map<string, string[]>();
  for (const [stored, ids] of Object.entries(bySite)) {
    const site = siteKey(stored);
    if (isStoredHostname(site)) idsBySite.set(site, [...(idsBySite.get(site) ?? []), ...ids]);
  }
  const cleaned: Record<string, string[]> = {};
  for (const [site, ids] of idsBySite) {
    const unique = sortedUnique(ids);
    if (unique.length > 0) cleaned[site] = unique;
  }
  return cleaned;
}

/** A stored list's form: each non-empty item once, sorted (what `isCanonicalSettings` checks for). */
function sortedUnique(items: string[]): string[] {
  return [...new Set(items.filter(Boolean))].sort();
}

/** Upgrades settings stored by version `from` to version `from + 1`. */
export type SettingsMigration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** Migrations by the version they upgrade from. Version 1 is the first released format. */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {};

export interface SettingsReadResult {
  settings: Settings;
  /** What was wrong with the stored value, for the options page and logs; empty when it was fine. */
  repairs: string[];
}

export function readSettings(
  stored: unknown,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
  currentVersion: number = SETTINGS_VERSION,
): SettingsReadResult {
  const repairs: string[] = [];
  if (stored === undefined || stored === null) return { settings: defaultSettings(), repairs };
  if (!isRecord(stored)) {
    return { settings: defaultSettings(), repairs: ['stored settings were not an object; defaults used'] };
  }
  let data: Record<string, unknown> = { ...stored };
  // Versions start at 1: below that is as malformed as a string (and migrating up from -1e8 would take minutes).
  let version = typeof data.version === 'number' && Number.isInteger(data.version) && data.version >= 1 ? data.version : 1;
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
    return { settings: defaultSettings(), repairs: [...repairs, 'stored settings were unreadable; defaults used'] };
  }
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (key in stored && !jsonEqual(parsed.output[key], stored[key])) {
      repairs.push(`"${key}" was invalid and was repaired`);
    }
  }
  return { settings: parsed.output, repairs };
}
