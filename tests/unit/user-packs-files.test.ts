/**
 * Pack files: the bundled pack exported as one document compiles back to the same pack, and a
 * broken JSON file is reported at the right line and column.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePackDocument, type Alias } from '../../src/core/pack/compile';
import { PackDocumentSchema } from '../../src/core/pack/schema';
import { compactAlias, documentJson, packToDocument } from '../../src/pack/document';
import { jsonErrorPosition } from '../../src/ui/options/json-error';
import { loadBundledPack } from '../../scripts/pack-files';
import * as v from 'valibot';

const bundled = loadBundledPack();

describe('packToDocument', () => {
  it('exports the bundled pack as a document that compiles to the same pack', () => {
    const document = packToDocument(bundled);
    expect(v.safeParse(PackDocumentSchema, document).success).toBe(true);
    const text = documentJson(document);
    const again = compilePackDocument('russia-syria-bases.json', JSON.parse(text));
    expect(again).toEqual(bundled);
  });

  it('writes aliases in their compact form, with only the fields that differ from the defaults', () => {
    const plain: Alias = { text: 'Tartus', case: 'proper', notBefore: [], notAfter: [], needsContext: false, needsStory: false, shortForm: false };
    expect(compactAlias(plain)).toBe('Tartus');
    expect(compactAlias({ ...plain, text: 'HTS', case: 'exact', notBefore: ['code'] })).toEqual({ text: 'HTS', case: 'exact', notBefore: ['code'] });
    expect(compactAlias({ ...plain, text: 'Bogdanov', shortForm: true, needsContext: true })).toEqual({
      text: 'Bogdanov',
      needsContext: true,
      shortForm: true,
    });
    expect(compactAlias({ ...plain, text: 'oil and gas', case: 'any', needsStory: true })).toEqual({ text: 'oil and gas', case: 'any', needsStory: true });
    const document = packToDocument(bundled);
    expect(document.storyAnchors).toEqual(bundled.storyAnchors);
    // The pack's source writes every plain alias as a bare string: so does the export.
    const plainIn = (entities: readonly { aliases: readonly unknown[] }[]) => entities.flatMap((entity) => entity.aliases).filter((alias) => typeof alias === 'string');
    const source = JSON.parse(readFileSync(join(process.cwd(), 'data', 'pack', 'entities.json'), 'utf8')) as { aliases: unknown[] }[];
    expect(plainIn(document.entities)).toEqual(plainIn(source));
  });

  it('declares only the related entities the compiler would not add by itself', () => {
    const gulf = compilePackDocument(
      'gulf-notes.json',
      JSON.parse(readFileSync(join(process.cwd(), 'tests', 'fixtures', 'packs', 'gulf-notes.json'), 'utf8')),
    );
    const document = packToDocument(gulf);
    expect(document.entities.map((entity) => entity.related)).toEqual([undefined, ['doha'], undefined]);
    expect(compilePackDocument('again.json', document)).toEqual(gulf);
  });
});

describe('jsonErrorPosition', () => {
  it.each([
    ['{"a": 1}', undefined],
    [' [1, 2.5e3, -0, "x\\u00e9", true, false, null] ', undefined],
    ['{\n  "a": 1,\n}', { line: 3, column: 1 }],
    ['{"a": tru}', { line: 1, column: 10 }],
    ['{"a": 1} x', { line: 1, column: 10 }],
    ['[1, 2', { line: 1, column: 6 }],
    ["{'a': 1}", { line: 1, column: 2 }],
    ['{"a": 01}', { line: 1, column: 8 }],
    ['{"a": "tab\there"}', { line: 1, column: 11 }],
    ['{"a": "\\x"}', { line: 1, column: 9 }],
    ['', { line: 1, column: 1 }],
    ['{\r\n"a": [1,,2]}', { line: 2, column: 9 }],
  ])('%j → %j', (text, expected) => {
    const position = jsonErrorPosition(text);
    if (expected === undefined) {
      expect(position).toBeUndefined();
      expect(() => JSON.parse(text)).not.toThrow();
    } else {
      expect(position).toMatchObject(expected);
      expect(() => JSON.parse(text)).toThrow();
    }
  });
});
