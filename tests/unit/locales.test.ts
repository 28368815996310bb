/**
 * The message catalogues in public/_locales: complete in every language, well formed for
 * browser.i18n, and really translated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, KIND_LABELS } from '../../src/core/pack/labels';
import { CATEGORIES, ENTITY_KINDS } from '../../src/core/pack/schema';
import { CATALOGUE_LANGUAGES } from '../../src/ui/shared/locales';

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
type Catalogue = Record<string, Message>;

const LOCALES_DIR = join(process.cwd(), 'public', '_locales');

function readCatalogue(language: string): Catalogue {
  return JSON.parse(readFileSync(join(LOCALES_DIR, language, 'messages.json'), 'utf8')) as Catalogue;
}

const languages = readdirSync(LOCALES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const catalogues = Object.fromEntries(languages.map((language) => [language, readCatalogue(language)])) as Record<string, Catalogue>;
const en = catalogues.en ?? {};
const de = catalogues.de ?? {};

/** Placeholders a message uses: $NAME$ (names are case-insensitive); "$$" is a literal dollar sign. */
function usedPlaceholders(message: string): string[] {
  return [...message.replaceAll('$$', '').matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((match) => (match[1] ?? '').toLowerCase());
}

function declaredPlaceholders(entry: Message): string[] {
  return Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
}

/** Messages the same in German as in English on purpose: names and units. */
const SAME_IN_GERMAN = ['extensionName', 'optionsMilliseconds', 'optionsPackVersion'];

describe('message catalogues', () => {
  it('are English and German, the languages the pages know about', () => {
    expect(languages).toEqual([...CATALOGUE_LANGUAGES].sort());
    // The first is the manifest's default_locale (wxt.config.ts), the fallback for every key.
    expect(CATALOGUE_LANGUAGES[0]).toBe('en');
    expect(Object.keys(en).length).toBeGreaterThan(100);
  });

  it.each(languages)('%s: says which language it is, for <html lang>', (language) => {
    expect(catalogues[language]?.catalogueLanguage?.message).toBe(language.replaceAll('_', '-'));
  });

  it('have the same keys in English and German', () => {
    const missingInGerman = Object.keys(en).filter((key) => !(key in de));
    const onlyInGerman = Object.keys(de).filter((key) => !(key in en));
    expect(missingInGerman).toEqual([]);
    expect(onlyInGerman).toEqual([]);
  });

  it.each(languages)('%s: keys are valid message names and no message is empty', (language) => {
    for (const [key, entry] of Object.entries(catalogues[language] ?? {})) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(typeof entry.message, key).toBe('string');
      expect(entry.message.trim(), key).not.toBe('');
      expect(entry.message, key).toBe(entry.message.trim());
    }
  });

  it.each(languages)('%s: every placeholder a message uses is declared, and every declared one is used', (language) => {
    for (const [key, entry] of Object.entries(catalogues[language] ?? {})) {
      const used = usedPlaceholders(entry.message);
      const declared = declaredPlaceholders(entry);
      for (const name of used) expect(declared, `${language}/${key} uses $${name.toUpperCase()}$`).toContain(name);
      for (const name of declared) expect(used, `${language}/${key} declares ${name}`).toContain(name);
      for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
        expect(placeholder.content, `${language}/${key}.${name}`).toMatch(/^\$[1-9]$/);
      }
    }
  });

  it('German placeholders take the same substitutions as the English ones', () => {
    for (const [key, entry] of Object.entries(de)) {
      const english = en[key];
      if (!english) continue;
      const contents = (message: Message) =>
        Object.fromEntries(Object.entries(message.placeholders ?? {}).map(([name, placeholder]) => [name.toLowerCase(), placeholder.content]));
      expect(contents(entry), key).toEqual(contents(english));
    }
  });

  it('every English message says what it is for, for translators', () => {
    const undescribed = Object.entries(en)
      .filter(([, entry]) => !entry.description?.trim())
      .map(([key]) => key);
    expect(undescribed).toEqual([]);
  });

  it('German is a translation, not a copy of English', () => {
    const identical = Object.keys(en).filter((key) => de[key]?.message === en[key]?.message);
    expect(identical.length).toBeLessThanOrEqual(5);
    expect(identical.sort()).toEqual([...SAME_IN_GERMAN].sort());
  });

  it('German uses German quotation marks', () => {
    for (const [key, entry] of Object.entries(de)) {
      expect(entry.message, key).not.toMatch(/["”]/);
      const opening = (entry.message.match(/„/g) ?? []).length;
      const closing = (entry.message.match(/“/g) ?? []).length;
      expect(opening, key).toBe(closing);
    }
  });

  it('has a label for every kind and category, and English matches the core reference labels', () => {
    for (const kind of ENTITY_KINDS) {
      const key = `kind_${kind.replaceAll('-', '_')}`;
      expect(en[key]?.message, key).toBe(KIND_LABELS[kind]);
      expect(de[key]?.message, key).toBeTruthy();
    }
    for (const category of CATEGORIES) {
      const key = `category_${category}`;
      expect(en[key]?.message, key).toBe(CATEGORY_LABELS[category]);
      expect(de[key]?.message, key).toBeTruthy();
    }
  });

  it('plural messages come in pairs: a “…One” key for exactly one, the other for any other number', () => {
    for (const key of Object.keys(en).filter((name) => name.endsWith('One'))) {
      const other = key.slice(0, -'One'.length);
      expect(en[other], `${key} without ${other}`).toBeDefined();
      expect(usedPlaceholders(en[other]?.message ?? ''), other).toContain('count');
      for (const language of languages) expect(catalogues[language]?.[key]?.message, `${language}/${key}`).toMatch(/\b1\b/);
    }
  });
});
