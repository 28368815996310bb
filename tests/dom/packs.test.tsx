/**
 * User packs in the extension pages: the options page's "Knowledge packs" section (import, errors,
 * switches, removal, export), the popup's search over imported packs and the reader at an imported
 * fact. Storage is WXT's fake browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { germanMessage } from './support/german';
import { fakePopupServices } from './support/popup-services';
import { container, mount, settle, unmount, useContainer } from './support/render';
import { siteAccess } from './support/site-access';
import { describe, expect, it, vi } from 'vitest';
import { compilePackDocument } from '@/src/core/pack/compile';
import { DEFAULT_COLORS, DEFAULT_SETTINGS, type Settings } from '@/src/core/settings';
import { pack as bundled } from '@/src/pack/bundled';
import { loadUserPacks, saveUserPacks, type UserPacks } from '@/src/storage/user-packs';
import { downloadFile } from '@/src/ui/options/pack-files';
import { OptionsPage } from '@/src/ui/options/OptionsPage';
import { PacksSection } from '@/src/ui/options/PacksSection';
import { storageUserPacks, type UserPacksStore } from '@/src/ui/shared/use-user-packs';
import { Popup } from '@/src/ui/popup/Popup';
import { QUOTE_CLASS, Reader } from '@/src/ui/reader/Reader';

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'packs');
const fixtureText = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const gulfNotes = JSON.parse(fixtureText('gulf-notes.json')) as Record<string, unknown>;
const gulfPack = compilePackDocument('gulf-notes.json', gulfNotes);
const NOW = new Date('2025-11-25T10:00:00.000Z');

useContainer({ resetBrowser: true, resetUrl: true });

/** Lets pending promises (storage, file reads) and effects run. */
async function settleAll(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await settle();
}

function button(name: string, within: ParentNode = container): HTMLButtonElement {
  const found = [...within.querySelectorAll<HTMLButtonElement>('button')].find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

function buttonNames(within: ParentNode = container): string[] {
  return [...within.querySelectorAll<HTMLButtonElement>('button')].map((item) => item.getAttribute('aria-label') ?? item.textContent?.trim() ?? '');
}

function switchNamed(name: string): HTMLInputElement {
  const found = [...container.querySelectorAll<HTMLInputElement>('input[role="switch"]')].find(
    (control) => document.getElementById(control.getAttribute('aria-labelledby') ?? '')?.textContent === name,
  );
  if (!found) throw new Error(`no switch named ${name}`);
  return found;
}

function packItem(id: string): HTMLElement {
  const item = container.querySelector<HTMLElement>(`.packs [data-pack-id="${id}"]`);
  if (!item) throw new Error(`no pack ${id} listed`);
  return item;
}

function listedPackIds(): string[] {
  return [...container.querySelectorAll<HTMLElement>('.packs [data-pack-id]')].map((item) => item.dataset.packId ?? '');
}

const status = () => container.querySelector('.packs__status')?.textContent ?? '';
const alertBox = () => container.querySelector<HTMLElement>('[role="alert"]');
const alertLines = () => [...(alertBox()?.querySelectorAll('li') ?? [])].map((item) => item.textContent);
/** The folded-away lines of a failed import, as the compiler or the browser wrote them. */
const technicalDetails = () => alertBox()?.querySelector<HTMLElement>('details.packs__technical pre');

/** Chooses a file in the section's file input, as the browser does after "Import a pack…". */
async function chooseFile(name: string, text: string): Promise<void> {
  const input = container.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  expect(input.accept).toBe('.json,application/json');
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settleAll();
}

async function mountSection(download = vi.fn()): Promise<typeof download> {
  await mount(<PacksSection bundled={bundled} colors={DEFAULT_COLORS} download={download} now={() => NOW} />);
  await settleAll();
  return download;
}

async function install(userPacks: UserPacks): Promise<void> {
  await saveUserPacks(userPacks);
}

const storedGulf = (overrides: Record<string, unknown> = {}, enabled = true) => ({
  document: { ...gulfNotes, ...overrides },
  enabled,
  importedAt: NOW.toISOString(),
});

describe('options: knowledge packs', () => {
  it('lists the bundled pack with its version, source and counts; it can be exported and switched, not removed', async () => {
    await mountSection();
    expect(listedPackIds()).toEqual([bundled.id]);
    const item = packItem(bundled.id);
    expect(item.textContent).toContain(bundled.version);
    expect(item.textContent).toContain(bundled.source.title);
    expect(item.textContent).toContain('Built in');
    const aliases = bundled.entities.reduce((sum, entity) => sum + entity.aliases.length, 0);
    expect(item.querySelector('.pack__counts')?.textContent).toBe(
      `${bundled.entities.length} terms · ${aliases} aliases · ${bundled.facts.length} facts`,
    );
    expect(switchNamed(bundled.title).checked).toBe(true);
    expect(buttonNames(item)).toEqual([`Export ${bundled.title}`]);
    const input = container.querySelector<HTMLInputElement>('input[type="file"]');
    expect(input?.accept).toBe('.json,application/json');
    expect(button('Import a pack…').disabled).toBe(false);
  });

  it('imports a valid pack: stored, listed, switched on, and says what it holds', async () => {
    await mountSection();
    await chooseFile('gulf-notes.json', fixtureText('gulf-notes.json'));
    expect(status()).toBe('Imported Gulf notes: 3 terms, 5 facts.');
    expect(alertBox()).toBeNull();
    expect(listedPackIds()).toEqual([bundled.id, 'gulf-notes']);
    const item = packItem('gulf-notes');
    expect(item.textContent).toContain('Notes on Doha and the Gulf Cooperation Council');
    expect(item.textContent).toContain('0.1.0');
    expect(item.querySelector('.pack__counts')?.textContent).toBe('3 terms · 7 aliases · 5 facts');
    expect(switchNamed('Gulf notes').checked).toBe(true);
    expect(buttonNames(item)).toEqual(['Export Gulf notes', 'Remove Gulf notes']);
    const stored = await loadUserPacks();
    expect(stored).toEqual({ bundledEnabled: true, packs: [{ document: gulfNotes, enabled: true, importedAt: NOW.toISOString() }] });
  });

  it('keeps “Import a pack…” focusable while a file is imported (disabling it would drop focus to the page); a click then opens no chooser', async () => {
    let saveNow!: () => void;
    const saveAllowed = new Promise<void>((resolve) => (saveNow = resolve));
    const slowStore: UserPacksStore = { ...storageUserPacks, update: async (change) => (await saveAllowed, storageUserPacks.update(change)) };
    await mount(<PacksSection bundled={bundled} colors={DEFAULT_COLORS} store={slowStore} now={() => NOW} />);
    await settleAll();
    const importButton = button('Import a pack…');
    importButton.focus();
    await chooseFile('gulf-notes.json', fixtureText('gulf-notes.json'));
    expect(status()).toBe('Importing gulf-notes.json…');
    expect(importButton.disabled).toBe(false);
    expect(importButton.getAttribute('aria-disabled')).toBe('true');
    const openChooser = vi.spyOn(container.querySelector<HTMLInputElement>('input[type="file"]')!, 'click');
    await act(() => importButton.click());
    expect(openChooser).not.toHaveBeenCalled();
    saveNow();
    await settleAll();
    expect(status()).toBe('Imported Gulf notes: 3 terms, 5 facts.');
    expect(importButton.hasAttribute('aria-disabled')).toBe(false);
    expect(document.activeElement).toBe(importButton);
  });

  it('says which spellings an imported pack shares with the built-in one (whose entities are marked there)', async () => {
    const entities = (gulfNotes.entities as { id: string; aliases: unknown[] }[]).map((entity) =>
      entity.id === 'doha' ? { ...entity, aliases: [...entity.aliases, 'Qatar'] } : entity,
    );
    await install({ bundledEnabled: true, packs: [storedGulf({ entities })] });
    await mountSection();
    expect(packItem('gulf-notes').querySelector('.pack__shared')?.textContent).toBe(
      'Spellings the built-in pack has too: Qatar. While it is on, its own terms are marked there.',
    );
    expect(packItem(bundled.id).querySelector('.pack__shared')).toBeNull();
  });

  it('says nothing of shared spellings when an imported pack has none', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    await mountSection();
    expect(packItem('gulf-notes').querySelector('.pack__shared')).toBeNull();
  });

  it('replaces an installed pack with the same id and says from which version to which', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf({}, false)] });
    await mountSection();
    await chooseFile('gulf-notes-0.2.0.json', JSON.stringify({ ...gulfNotes, version: '0.2.0', title: 'Gulf notes, revised' }));
    expect(status()).toBe('Updated Gulf notes, revised from version 0.1.0 to 0.2.0.');
    expect(listedPackIds()).toEqual([bundled.id, 'gulf-notes']);
    const stored = await loadUserPacks();
    expect(stored.packs).toHaveLength(1);
    expect((stored.packs[0]?.document as { version: string }).version).toBe('0.2.0');
    // Replacing keeps the pack's switch as it was.
    expect(stored.packs[0]?.enabled).toBe(false);

    await chooseFile('again.json', JSON.stringify({ ...gulfNotes, version: '0.2.0' }));
    expect(status()).toBe('Replaced Gulf notes with the imported copy (version 0.2.0).');
  });

  it('lists every problem of a broken pack in an alert, naming the file and the paths, and changes nothing', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    const before = await loadUserPacks();
    await mountSection();
    await chooseFile('broken-pack.json', fixtureText('broken-pack.json'));
    const alert = alertBox();
    expect(alert?.querySelector('.packs__errors-summary')?.textContent).toBe(
      'broken-pack.json is not a valid pack: 3 problems. Nothing was changed.',
    );
    expect(alertLines()).toEqual([
      'The quote of fact doha-capital is not word for word in the article (sourceText); copy it from there exactly: Doha is the capital city of Qatar. In the file: facts[0].quote',
      'Fact gcc-founded names the term gulf-cooperation-council, which the pack does not have. In the file: facts[1].entities[0]',
      'The term gcc has no facts: add one that names it, or remove the term. In the file: entities[1]',
    ]);
    // The quote is the pack's own text, in its language.
    expect(alertBox()?.querySelector('q')?.lang).toBe('en');
    // The compiler's own lines, for a bug report or a search, folded away.
    expect(technicalDetails()?.closest('details')?.open).toBe(false);
    expect(technicalDetails()?.lang).toBe('en');
    expect(technicalDetails()?.textContent?.split('\n')).toEqual([
      expect.stringMatching(/^broken-pack\.json \(facts\) at \[0\]\.quote: quote of fact "doha-capital" .* does not occur verbatim/),
      'broken-pack.json (facts) at [1].entities[0]: fact "gcc-founded" names unknown entity "gulf-cooperation-council"',
      'broken-pack.json (entities) at [1]: entity "gcc" has no facts',
    ]);
    expect(status()).toBe('');
    expect(listedPackIds()).toEqual([bundled.id, 'gulf-notes']);
    expect(await loadUserPacks()).toEqual(before);
  });

  it('reports an unknown kind in a sentence that lists the kinds Gloss knows, at its path in the document', async () => {
    await mountSection();
    await chooseFile('bad-kind-pack.json', fixtureText('bad-kind-pack.json'));
    expect(alertBox()?.querySelector('.packs__errors-summary')?.textContent).toBe(
      'bad-kind-pack.json is not a valid pack: 1 problem. Nothing was changed.',
    );
    expect(alertLines()).toEqual([
      'The kind capital is not one Gloss knows. Use one of these: person, organisation, armed-group, country, city, region, sea, military-base, alliance, publication, conflict, topic. In the file: entities[0].kind',
    ]);
    // Words of the format are written as the file must have them: in English, and marked so.
    const formatWords = [...(alertBox()?.querySelectorAll('li code') ?? [])];
    expect(formatWords.map((word) => [word.textContent, word.getAttribute('lang')])).toContainEqual(['capital', 'en']);
    expect(formatWords.map((word) => [word.textContent, word.getAttribute('lang')])).toContainEqual(['entities[0].kind', 'en']);
    expect(technicalDetails()?.textContent).toMatch(/^bad-kind-pack\.json at entities\[0\]\.kind: Invalid type: .* but received "capital"$/);
    expect((await loadUserPacks()).packs).toEqual([]);
  });

  it('reports a file that is not JSON with its name and the line and column of the error', async () => {
    await mountSection();
    await chooseFile('notes.json', '{\n  "format": 1,\n  "id": "x",\n}\n');
    expect(alertBox()?.querySelector('.packs__errors-summary')?.textContent).toBe(
      'notes.json is not valid JSON: the error is at line 4, column 1. Nothing was changed.',
    );
    // The browser's own wording, in English, is folded away.
    expect(alertLines()).toEqual([]);
    expect(technicalDetails()?.textContent).not.toBe('');
    expect(technicalDetails()?.lang).toBe('en');
    await chooseFile('empty.json', '  \n');
    expect(alertBox()?.textContent).toBe('empty.json is empty. Nothing was changed.');
    expect((await loadUserPacks()).packs).toEqual([]);
  });

  it('says the commonest problems in a sentence, and any other as the compiler wrote it, marked as English', async () => {
    await mountSection();
    type Entry = { id: string; [field: string]: unknown };
    const entities = gulfNotes.entities as Entry[];
    const facts = gulfNotes.facts as Entry[];
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing field', { entities: [{ ...entities[0], summary: undefined }, ...entities.slice(1)] }, 'The field summary is missing. In the file: entities[0].summary'],
      ['an unknown field', { entities: [{ ...entities[0], colour: 'red' }, ...entities.slice(1)] }, 'Gloss does not know the field colour: check its spelling, or remove it. In the file: entities[0].colour'],
      ['an empty field', { entities: [{ ...entities[0], summary: ' ' }, ...entities.slice(1)] }, 'The field summary is empty. In the file: entities[0].summary'],
      ['a term id twice', { entities: [...entities, entities[0]] }, `Another term already has the id ${entities[0]!.id}: each term needs an id of its own. In the file: entities[3].id`],
      ['a fact id twice', { facts: [...facts, facts[0]] }, `Another fact already has the id ${facts[0]!.id}: each fact needs an id of its own. In the file: facts[5].id`],
      [
        'another problem',
        { version: '1' },
        'Not in Gloss’s pack format (in English): must be a semantic version such as 1.0.0 In the file: version',
      ],
    ];
    for (const [problem, change, sentence] of cases) {
      await chooseFile('notes.json', JSON.stringify({ ...gulfNotes, ...change }));
      expect(alertLines(), problem).toEqual([sentence]);
    }
    expect(alertBox()?.querySelector('li span[lang="en"]')?.textContent).toBe('must be a semantic version such as 1.0.0');
  });

  it('says in one sentence that a JSON file of something else is not a pack', async () => {
    await mountSection();
    const files: [string, string][] = [
      ['settings.json', JSON.stringify({ hello: 'world', enabled: true, colors: {} })],
      ['list.json', '[1, 2, 3]'],
    ];
    for (const [name, text] of files) {
      await chooseFile(name, text);
      expect(alertBox()?.querySelector('.packs__errors-summary')?.textContent ?? alertBox()?.textContent).toBe(
        `${name} is not a Gloss pack: it has none of a pack’s fields (format, entities, facts). Nothing was changed.`,
      );
      expect(alertLines()).toEqual([]);
    }
    expect((await loadUserPacks()).packs).toEqual([]);
  });

  it('refuses a pack with the id of the built-in pack', async () => {
    await mountSection();
    await chooseFile('copy.json', JSON.stringify({ ...gulfNotes, id: bundled.id }));
    expect(alertBox()?.textContent).toBe(
      `copy.json has the id “${bundled.id}” of the built-in pack. Give the pack an id of its own. Nothing was changed.`,
    );
    expect((await loadUserPacks()).packs).toEqual([]);
  });

  it('a successful import clears an earlier error, and an error clears an earlier success', async () => {
    await mountSection();
    await chooseFile('broken-pack.json', fixtureText('broken-pack.json'));
    await chooseFile('gulf-notes.json', fixtureText('gulf-notes.json'));
    expect(alertBox()).toBeNull();
    expect(status()).toContain('Imported Gulf notes');
    await chooseFile('broken-pack.json', fixtureText('broken-pack.json'));
    expect(status()).toBe('');
    expect(alertBox()).not.toBeNull();
  });

  it('switches the bundled and imported packs off and on, and warns when none is in use', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    await mountSection();
    await act(() => switchNamed(bundled.title).click());
    await settleAll();
    expect((await loadUserPacks()).bundledEnabled).toBe(false);
    expect(status()).toBe(`${bundled.title} is switched off: its names are no longer highlighted.`);
    expect(container.querySelector('.packs__none')).toBeNull();

    await act(() => switchNamed('Gulf notes').click());
    await settleAll();
    expect((await loadUserPacks()).packs[0]?.enabled).toBe(false);
    expect(container.querySelector('.packs__none')?.textContent).toBe(
      'No pack is in use: Gloss highlights nothing until you switch one on.',
    );

    await act(() => switchNamed('Gulf notes').click());
    await settleAll();
    expect((await loadUserPacks()).packs[0]?.enabled).toBe(true);
    expect(status()).toBe('Gulf notes is in use again.');
    expect(switchNamed(bundled.title).checked).toBe(false);
    expect(switchNamed('Gulf notes').checked).toBe(true);
  });

  it('removes an imported pack only after an inline confirmation; Cancel keeps it', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    const confirmSpy = vi.spyOn(window, 'confirm');
    await mountSection();
    const item = packItem('gulf-notes');
    await act(() => button('Remove Gulf notes', item).click());
    const question = item.querySelector('[role="group"]');
    expect(question?.getAttribute('aria-label')).toBe('Remove Gulf notes?');
    expect(buttonNames(item)).toEqual(['Export Gulf notes', 'Yes, remove', 'Cancel']);
    expect(document.activeElement).toBe(button('Cancel', item));

    await act(() => button('Cancel', item).click());
    expect(buttonNames(item)).toEqual(['Export Gulf notes', 'Remove Gulf notes']);
    expect(document.activeElement).toBe(button('Remove Gulf notes', item));
    expect((await loadUserPacks()).packs).toHaveLength(1);

    await act(() => button('Remove Gulf notes', item).click());
    await act(() => button('Yes, remove', item).click());
    await settleAll();
    expect(listedPackIds()).toEqual([bundled.id]);
    expect(status()).toBe('Removed Gulf notes.');
    expect((await loadUserPacks()).packs).toEqual([]);
    expect(confirmSpy).not.toHaveBeenCalled();
  });

  it('Escape cancels the confirmation', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    await mountSection();
    const item = packItem('gulf-notes');
    await act(() => button('Remove Gulf notes', item).click());
    await act(() => {
      button('Cancel', item).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(buttonNames(item)).toEqual(['Export Gulf notes', 'Remove Gulf notes']);
  });

  it('shows a stored pack that can no longer be used, with why, and keeps it until removed', async () => {
    const oldFormat = { ...gulfNotes, id: 'old-notes', title: 'Old notes', format: 2 };
    await install({ bundledEnabled: true, packs: [{ document: oldFormat, enabled: true, importedAt: '' }, storedGulf()] });
    await mountSection();
    expect(listedPackIds()).toEqual([bundled.id, 'old-notes', 'gulf-notes']);
    const item = packItem('old-notes');
    expect(item.querySelector('.field-error')?.textContent).toBe(
      'Cannot be used: The pack is in format 2, and this version of Gloss reads format 1. In the file: format',
    );
    expect(item.querySelector('details.packs__technical pre')?.textContent).toMatch(/^old-notes-0\.1\.0\.json at format: /);
    expect(item.textContent).toContain('Imported');
    const toggle = switchNamed('Old notes');
    expect(toggle.disabled).toBe(true);
    expect(toggle.checked).toBe(false);
    expect(buttonNames(item)).toEqual(['Export Old notes', 'Remove Old notes']);
    expect((await loadUserPacks()).packs).toHaveLength(2);
  });

  it('exports the bundled pack as <id>-<version>.json that compiles to the same entities and facts', async () => {
    const download = await mountSection();
    await act(() => button(`Export ${bundled.title}`).click());
    expect(download).toHaveBeenCalledTimes(1);
    const [fileName, text] = download.mock.calls[0] as [string, string];
    expect(fileName).toBe(`${bundled.id}-${bundled.version}.json`);
    const again = compilePackDocument(fileName, JSON.parse(text));
    expect(again.entities).toEqual(bundled.entities);
    expect(again.facts).toEqual(bundled.facts);
    expect(again.sourceText).toBe(bundled.sourceText);
    // Aliases with only a text are written as plain strings.
    expect((JSON.parse(text) as { entities: { aliases: unknown[] }[] }).entities[0]?.aliases.some((alias) => typeof alias === 'string')).toBe(true);
  });

  it('an exported pack imports again cleanly (the round trip)', async () => {
    const download = await mountSection();
    await chooseFile('gulf-notes.json', fixtureText('gulf-notes.json'));
    await act(() => button('Export Gulf notes').click());
    const [fileName, text] = download.mock.calls[0] as [string, string];
    expect(fileName).toBe('gulf-notes-0.1.0.json');
    expect(compilePackDocument(fileName, JSON.parse(text))).toEqual(gulfPack);

    // The exported bundled pack, with an id of its own, imports as a new pack.
    await act(() => button(`Export ${bundled.title}`).click());
    const bundledText = download.mock.calls[1]?.[1] as string;
    await chooseFile('copy.json', JSON.stringify({ ...JSON.parse(bundledText), id: 'my-copy', title: 'My copy' }));
    expect(status()).toBe(`Imported My copy: ${bundled.entities.length} terms, ${bundled.facts.length} facts.`);
    // It shares every spelling with the built-in pack: its note names the first ten and counts the rest.
    const shared = [...container.querySelectorAll('.pack__shared')].find((note) => note.closest('li, section, article')?.textContent?.includes('My copy'));
    expect(shared?.querySelector('p')?.textContent).toMatch(/^Spellings the built-in pack has too: ([^,]+, ){9}[^,]+ and \d+ more\. While it is on, its own terms are marked there\.$/);
    // All of them, behind a disclosure any reader can open.
    const all = shared?.querySelector('details');
    expect(all?.querySelector('summary')?.textContent).toMatch(/^All \d+ shared spellings$/);
    expect(all?.querySelector('p')?.textContent?.split(', ').length).toBeGreaterThan(100);

    await chooseFile(fileName, text);
    expect(status()).toBe('Replaced Gulf notes with the imported copy (version 0.1.0).');
    expect(alertBox()).toBeNull();
  });

  it('downloads through a temporary object URL and <a download>, and releases the URL', async () => {
    vi.useFakeTimers();
    try {
      const blobs: Blob[] = [];
      const create = vi.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:gloss/1';
      });
      const revoke = vi.fn();
      Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
      const clicked: HTMLAnchorElement[] = [];
      const onClick = (event: Event) => {
        clicked.push(event.target as HTMLAnchorElement);
        event.preventDefault();
      };
      document.addEventListener('click', onClick);
      downloadFile('gulf-notes-0.1.0.json', '{"a":1}\n');
      document.removeEventListener('click', onClick);
      expect(clicked).toHaveLength(1);
      expect(clicked[0]?.download).toBe('gulf-notes-0.1.0.json');
      expect(clicked[0]?.getAttribute('href')).toBe('blob:gloss/1');
      expect(clicked[0]?.isConnected).toBe(false);
      expect(await blobs[0]?.text()).toBe('{"a":1}\n');
      expect(blobs[0]?.type).toBe('application/json');
      expect(revoke).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1000);
      expect(revoke).toHaveBeenCalledWith('blob:gloss/1');
    } finally {
      vi.useRealTimers();
      Object.assign(URL, { createObjectURL: undefined, revokeObjectURL: undefined });
    }
  });

  it('shows packs imported in another window', async () => {
    await mountSection();
    await act(async () => {
      await install({ bundledEnabled: true, packs: [storedGulf()] });
    });
    await settleAll();
    expect(listedPackIds()).toEqual([bundled.id, 'gulf-notes']);
  });

  it('names entities of imported packs in the list of hidden entities', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf({}, false)] });
    await fakeBrowser.storage.local.set({
      settings: { ...DEFAULT_SETTINGS, hiddenEntities: { 'news.test': ['gulf-notes--doha'] } } satisfies Settings,
    });
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settleAll();
    expect(container.querySelector('.hidden-entity__name')?.textContent).toBe('Doha');
  });
});


describe('options: knowledge packs in German', () => {
  it('says everything in German (Sie-Form), the pack’s own text excepted', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(germanMessage as typeof fakeBrowser.i18n.getMessage);
    await mountSection();
    expect(container.querySelector('#packs-title')?.textContent).toBe('Wissenspakete');
    expect(button('Paket importieren …')).toBeTruthy();
    await chooseFile('gulf-notes.json', fixtureText('gulf-notes.json'));
    expect(status()).toBe('Gulf notes importiert: 3 Begriffe, 5 Fakten.');
    await act(() => button('Gulf notes entfernen').click());
    expect(buttonNames(packItem('gulf-notes'))).toEqual(['Gulf notes exportieren', 'Ja, entfernen', 'Abbrechen']);
    await chooseFile('notes.json', '{"id": }');
    expect(alertBox()?.querySelector('.packs__errors-summary')?.textContent).toBe(
      'notes.json ist kein gültiges JSON: Der Fehler steht in Zeile 1, Spalte 8. Es wurde nichts geändert.',
    );
  });

  it('says a broken pack’s problems in German; only words of the format, the pack’s own and the folded-away details are English', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(germanMessage as typeof fakeBrowser.i18n.getMessage);
    await mountSection();
    await chooseFile('broken-pack.json', fixtureText('broken-pack.json'));
    expect(alertLines()).toEqual([
      'Das Zitat des Fakts doha-capital steht nicht wortwörtlich im Artikel (sourceText); kopieren Sie es genau von dort: Doha is the capital city of Qatar. Stelle in der Datei: facts[0].quote',
      'Der Fakt gcc-founded nennt den Begriff gulf-cooperation-council, den das Paket nicht enthält. Stelle in der Datei: facts[1].entities[0]',
      'Der Begriff gcc hat keine Fakten: Fügen Sie einen hinzu, der ihn nennt, oder entfernen Sie den Begriff. Stelle in der Datei: entities[1]',
    ]);
    expect(alertBox()?.querySelector('details summary')?.textContent).toBe('Technische Details (auf Englisch)');
    await chooseFile('bad-kind-pack.json', fixtureText('bad-kind-pack.json'));
    expect(alertLines()).toEqual([
      expect.stringMatching(/^Die Art capital kennt Gloss nicht\. Verwenden Sie eine dieser Arten: person, organisation, .*, topic\. Stelle in der Datei: entities\[0\]\.kind$/),
    ]);
    // What is left once the English parts (marked) are taken out is German.
    const germanOnly = alertBox()!.cloneNode(true) as HTMLElement;
    germanOnly.querySelectorAll('[lang="en"], details').forEach((english) => english.remove());
    expect(germanOnly.textContent).not.toMatch(/Invalid|Expected|received|verbatim|unknown|In the file/);
  });
});


/** The popup's services for a tab whose page found the imported pack's Doha. */
function dohaPopupServices() {
  return fakePopupServices({
    getPageState: vi.fn(async () => ({ site: 'example.com', status: 'on' as const, entities: [{ entityId: 'gulf-notes--doha', count: 1 }], scanning: false })),
  }).services;
}

function searchFor(text: string): Promise<void> {
  return act(() => {
    const input = container.querySelector<HTMLInputElement>('input[type="search"]');
    if (!input) throw new Error('no search box');
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function pressEnter(): Promise<void> {
  return act(() => {
    container.querySelector('input[type="search"]')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  });
}

describe('popup: imported packs', () => {
  it('finds a fact of an imported pack, says which pack it is from, and Enter opens the reader at it', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    const services = dohaPopupServices();
    await mount(<Popup services={services} retryDelaysMs={[]} />);
    await settleAll();
    await searchFor('secretariat Riyadh');
    const first = container.querySelector('[role="option"]');
    expect(first?.querySelector('.result__statement')?.textContent).toBe('The council’s secretariat sits in Riyadh.');
    expect(first?.querySelector('.result__pack')?.textContent).toBe('From Gulf notes');
    await pressEnter();
    await settleAll();
    expect(services.openReader).toHaveBeenCalledWith({ factId: 'gulf-notes--gcc-secretariat' });
    // The page's imported entities are named, and the footer counts the packs in use.
    await searchFor('');
    expect(container.querySelector('.page-entity__name')?.textContent).toBe('Doha');
    expect(container.querySelector('footer')?.textContent).toContain('2 knowledge packs');
  });

  it('results from the bundled pack carry no pack line; packs switched off are not searched', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf({}, false)] });
    await mount(<Popup services={dohaPopupServices()} retryDelaysMs={[]} />);
    await settleAll();
    await searchFor('Riyadh');
    expect(container.textContent).toContain('No facts match “Riyadh”');
    await searchFor('Bogdanov');
    expect(container.querySelectorAll('[role="option"]').length).toBeGreaterThan(0);
    expect(container.querySelector('.result__pack')).toBeNull();
    expect(container.querySelector('footer')?.textContent).toContain(bundled.version);
  });

  it('follows packs switched on in the options while open', async () => {
    await install({ bundledEnabled: false, packs: [storedGulf({}, false)] });
    await mount(<Popup services={dohaPopupServices()} retryDelaysMs={[]} />);
    await settleAll();
    expect(container.querySelector('footer')?.textContent).toContain('No knowledge pack in use');
    // Nothing on the page and no result: the popup says why, not that the page has nothing of the story.
    const noPack = 'No knowledge pack is switched on, so Gloss has nothing to look for. Switch one on in Options.';
    expect(container.querySelector('.page-panel')?.textContent).toContain(noPack);
    await searchFor('Doha');
    expect(container.querySelector('.search__empty')?.textContent).toContain(noPack);
    await searchFor('');
    await act(async () => {
      await install({ bundledEnabled: false, packs: [storedGulf()] });
    });
    await settleAll();
    await searchFor('Doha capital');
    expect(container.querySelector('[role="option"] .result__pack')?.textContent).toBe('From Gulf notes');
    expect(container.querySelector('footer')?.textContent).toContain('Gulf notes · v0.1.0');
    await searchFor('Tartus');
    expect(container.querySelector('.search__empty')?.textContent).not.toContain(noPack);
  });
});

describe('reader: imported packs', () => {
  async function openReader(search: string): Promise<void> {
    history.replaceState(null, '', `/reader.html${search}`);
    await mount(<Reader />);
    await settleAll();
  }

  it('shows an imported fact in its own pack’s article, with that pack’s entities', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    await openReader('?fact=gulf-notes--gcc-secretariat');
    expect(container.querySelector('h1')?.textContent).toBe('Notes on Doha and the Gulf Cooperation Council');
    expect(container.querySelector('.reader__bar-title')?.textContent).toBe('Source article · Gulf notes');
    expect(container.querySelector('.selection__statement')?.textContent).toBe('The council’s secretariat sits in Riyadh.');
    const marked = [...container.querySelectorAll(`mark.${QUOTE_CLASS}`)].map((mark) => mark.textContent).join('');
    expect(marked).toBe('The council’s secretariat is based in Riyadh.');
    const index = [...container.querySelectorAll('.entity-index__name')].map((name) => name.textContent);
    expect(index.sort()).toEqual(['Doha', 'Gulf Cooperation Council', 'Riyadh']);
    expect(container.querySelector('article')?.getAttribute('lang')).toBe('en');
    const chips = [...container.querySelectorAll('.selection .chip')].map((chip) => chip.getAttribute('href'));
    expect(chips).toEqual(['?entity=gulf-notes--gulf-cooperation-council', '?entity=gulf-notes--riyadh']);
  });

  it('moves from an imported entity to its facts, and the bundled pack still opens by default', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf()] });
    await openReader('?entity=gulf-notes--doha');
    expect(container.querySelector('#selection-title')?.textContent).toBe('Doha');
    expect(container.querySelector('h1')?.textContent).toBe('Notes on Doha and the Gulf Cooperation Council');
    await unmount();
    await openReader('');
    expect(container.querySelector('h1')?.textContent).toBe(bundled.source.title);
  });

  it('still reads the built-in pack’s article when that pack is switched off: its terms and facts resolve', async () => {
    await install({ bundledEnabled: false, packs: [] });
    await openReader('?entity=mikhail-bogdanov');
    expect(container.querySelector('#selection-title')?.textContent).toBe('Mikhail Bogdanov');
    expect(container.querySelectorAll(`mark.${QUOTE_CLASS}`).length).toBeGreaterThan(0);
    await unmount();
    // Another pack in use: it opens by default, and a link to a built-in term shows the built-in article.
    await install({ bundledEnabled: false, packs: [storedGulf()] });
    await openReader('');
    expect(container.querySelector('h1')?.textContent).toBe('Notes on Doha and the Gulf Cooperation Council');
    await unmount();
    await openReader('?fact=moscow-gave-23-million');
    expect(container.querySelector('h1')?.textContent).toBe(bundled.source.title);
    expect(container.querySelector('.selection__statement')?.textContent).toBe(bundled.facts.find((fact) => fact.id === 'moscow-gave-23-million')?.statement);
  });

  it('says so when the fact’s pack is switched off or removed', async () => {
    await install({ bundledEnabled: true, packs: [storedGulf({}, false)] });
    await openReader('?fact=gulf-notes--gcc-secretariat');
    expect(container.querySelector('#selection-title')?.textContent).toBe('Not in this pack');
    expect(container.textContent).toContain('No pack in use has “gulf-notes--gcc-secretariat”. Its pack, “gulf-notes”, may have been switched off');
    expect(container.querySelector('h1')?.textContent).toBe(bundled.source.title);
  });
});
