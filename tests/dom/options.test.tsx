import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { germanMessage } from './support/german';
import { container, mount, settle, useContainer } from './support/render';
import { siteAccess } from './support/site-access';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_COLORS, defaultSettings, withTermHidden, withSiteEnabled, type Settings, type SettingsChange } from '@/src/core/settings';
import { pack } from '@/src/pack/bundled';
import { loadSettings, saveSettings, updateSettings } from '@/src/storage/settings';
import type { SettingsSource } from '@/src/ui/shared/use-settings';
import { parseSiteInput } from '@/src/ui/options/hostname';
import { OptionsForm } from '@/src/ui/options/OptionsForm';
import { OptionsPage } from '@/src/ui/options/OptionsPage';
import { packCounts } from '@/src/ui/options/PackSection';
import { PacksSection } from '@/src/ui/options/PacksSection';

useContainer({ resetBrowser: true });

function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings(), ...overrides };
}

function switchNamed(name: string): HTMLInputElement {
  const found = [...container.querySelectorAll<HTMLInputElement>('input[role="switch"]')].find(
    (control) => document.getElementById(control.getAttribute('aria-labelledby') ?? '')?.textContent === name,
  );
  if (!found) throw new Error(`no switch named ${name}`);
  return found;
}

function labelled<T extends HTMLElement>(label: string): T {
  const byAria = container.querySelector<T>(`[aria-label="${label}"]`);
  if (byAria) return byAria;
  const labelElement = [...container.querySelectorAll('label')].find((element) => element.textContent?.trim() === label);
  const id = labelElement?.getAttribute('for');
  const control = id ? (document.getElementById(id) as T | null) : null;
  if (!control) throw new Error(`nothing labelled ${label}`);
  return control;
}

function button(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll<HTMLButtonElement>('button')].find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

async function fill(input: HTMLInputElement, value: string, eventType: 'input' | 'change' = 'input'): Promise<void> {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event(eventType, { bubbles: true }));
  });
}

async function submitSite(value: string): Promise<void> {
  await fill(labelled<HTMLInputElement>('Add a site'), value);
  await act(() => button('Add').click());
}

/** A change made elsewhere (the popup, a page's "Not this") that the form has not shown yet. */
const MADE_ELSEWHERE = { site: 'elsewhere.test', hidden: ['elsewhere.test', 'nato'] } as const;

/**
 * An `onChange` for the form on its own: the form asks for changes (functions of the stored
 * settings), and this records what each makes of the settings shown. Each is applied to what is
 * stored, which has a change the form has not shown: a change that must keep it, it checks here
 * and takes out again, so the results read as changes of the settings shown.
 */
function recordChanges(shown: Settings) {
  const results: Settings[] = [];
  const stored = withTermHidden(withSiteEnabled(shown, MADE_ELSEWHERE.site, false), ...MADE_ELSEWHERE.hidden, true);
  const onChange = vi.fn((change: SettingsChange) => {
    const written = change(stored);
    expect(written.disabledSites, 'a site switched off elsewhere was undone').toContain(MADE_ELSEWHERE.site);
    expect(written.hiddenEntities[MADE_ELSEWHERE.hidden[0]], 'a "Not this" made elsewhere was undone').toContain(MADE_ELSEWHERE.hidden[1]);
    results.push(withTermHidden(withSiteEnabled(written, MADE_ELSEWHERE.site, true), ...MADE_ELSEWHERE.hidden, false));
  });
  return { onChange, results };
}

describe('options form: highlighting', () => {
  it('has a named switch per category, and toggling one changes only that category', async () => {
    const current = settings();
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    for (const name of ['People', 'Groups', 'Places', 'Topics']) expect(switchNamed(name).checked).toBe(true);

    await act(() => switchNamed('Places').click());
    expect(results).toEqual([{ ...current, categories: { ...current.categories, places: false } }]);
  });

  it('toggles highlighting everywhere and first-mention-only', async () => {
    const current = settings();
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    await act(() => switchNamed('Highlight everywhere').click());
    expect(results.at(-1)).toEqual({ ...current, enabled: false });
    await act(() => switchNamed('Mark only the first mention of each term').click());
    expect(results.at(-1)).toEqual({ ...current, firstMentionOnly: true });
  });

  it('picks a highlight style from a radio group', async () => {
    const { onChange, results } = recordChanges(settings());
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    const radios = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"][name$="-style"]')];
    expect(radios.map((radio) => radio.value)).toEqual(['underline', 'dotted', 'background']);
    expect(new Set(radios.map((radio) => radio.name)).size).toBe(1);
    expect(radios.find((radio) => radio.checked)?.value).toBe('underline');
    await act(() => radios[2]?.click());
    expect(results).toEqual([{ ...settings(), highlightStyle: 'background' }]);
  });

  it('picks how highlights are drawn: automatic by default, or <mark> wrapping', async () => {
    const { onChange, results } = recordChanges(settings());
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    const radios = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"][name$="-engine"]')];
    expect(radios.map((radio) => radio.value)).toEqual(['auto', 'css-highlight', 'mark']);
    expect(radios.find((radio) => radio.checked)?.value).toBe('auto');
    expect(radios[2]?.parentElement?.textContent).toBe('Wrap names in <mark> elements');
    await act(() => radios[2]?.click());
    expect(results).toEqual([{ ...settings(), highlightEngine: 'mark' }]);
  });

  it('changes a category colour and resets all colours', async () => {
    const plain = recordChanges(settings());
    await mount(<OptionsForm settings={settings()} onChange={plain.onChange} />);
    expect(button('Reset colours').disabled).toBe(true);
    const people = labelled<HTMLInputElement>('People colour');
    expect(people.type).toBe('color');
    expect(people.value).toBe(DEFAULT_COLORS.people);
    await fill(people, '#ff0000', 'change');
    expect(plain.results.map((result) => result.colors)).toEqual([{ ...DEFAULT_COLORS, people: '#ff0000' }]);

    const changed = settings({ colors: { ...DEFAULT_COLORS, topics: '#000000' } });
    const reset = recordChanges(changed);
    await mount(<OptionsForm settings={changed} onChange={reset.onChange} />);
    await act(() => button('Reset colours').click());
    expect(reset.results.map((result) => result.colors)).toEqual([DEFAULT_COLORS]);
  });

  it('takes a hover delay from 0 to 2000 ms and refuses others', async () => {
    const { onChange, results } = recordChanges(settings());
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    const delay = labelled<HTMLInputElement>('Hover delay');
    expect(delay.value).toBe('300');
    await fill(delay, '800');
    expect(results.map((result) => result.hoverDelayMs)).toEqual([800]);

    onChange.mockClear();
    await fill(delay, '2500');
    expect(onChange).not.toHaveBeenCalled();
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('.field-error')?.textContent).toContain('0 to 2000');
  });

  it('keeps an out-of-range hover delay on screen, flagged and explained, until it is fixed; the stored one meanwhile unchanged', async () => {
    const { onChange, results } = recordChanges(settings());
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    const delay = labelled<HTMLInputElement>('Hover delay');
    const message = () => {
      const ids = (delay.getAttribute('aria-describedby') ?? '').split(' ');
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
    };
    const hint = message();
    delay.focus();
    for (const value of ['2500', '-50', '12.5']) {
      await fill(delay, value);
      expect(delay.getAttribute('aria-invalid')).toBe('true');
      expect(message()).toBe(`${hint} | Enter a whole number of milliseconds from 0 to 2000. Until then the delay stays 300\u00a0ms.`);
    }
    // Leaving the box neither reverts it silently nor hides why it is refused.
    await act(() => delay.blur());
    expect(delay.value).toBe('12.5');
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect(message()).toContain('from 0 to 2000');
    expect(onChange).not.toHaveBeenCalled();

    // Fixed: saved, and the message goes.
    delay.focus();
    await fill(delay, '1500');
    expect(results.map((result) => result.hoverDelayMs)).toEqual([1500]);
    expect(delay.hasAttribute('aria-invalid')).toBe(false);
    expect(message()).toBe(hint);
    expect(container.querySelector('.field-error')?.textContent).toBe('');
  });

  it('keeps the hover delay being typed when earlier saves echo back, and shows the stored one once left', async () => {
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    const delay = labelled<HTMLInputElement>('Hover delay');
    delay.focus();
    await fill(delay, '12');
    await fill(delay, '1234');
    // The first save's echo arrives while the reader is still typing.
    await mount(<OptionsForm settings={settings({ hoverDelayMs: 12 })} onChange={onChange} />);
    expect(delay.value).toBe('1234');
    await mount(<OptionsForm settings={settings({ hoverDelayMs: 1234 })} onChange={onChange} />);
    await act(() => delay.blur());
    expect(delay.value).toBe('1234');
    // A change made elsewhere (another options window) shows when the box is not being typed in.
    await mount(<OptionsForm settings={settings({ hoverDelayMs: 500 })} onChange={onChange} />);
    expect(delay.value).toBe('500');
  });
});

describe('options form: sites', () => {
  it('adds a site normalised through siteKey: “WWW.Example.com” is stored as example.com', async () => {
    const current = settings({ disabledSites: ['news.test'] });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    await submitSite('WWW.Example.com');
    expect(results.map((result) => result.disabledSites)).toEqual([['example.com', 'news.test']]);
  });

  it('accepts a pasted address and keeps only its host', async () => {
    const { onChange, results } = recordChanges(settings());
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    await submitSite('https://www.example.org/world/story?id=1');
    expect(results.map((result) => result.disabledSites)).toEqual([['example.org']]);
  });

  it('refuses something that is not a hostname, or one already listed, and says why', async () => {
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings({ disabledSites: ['example.com'] })} onChange={onChange} />);
    await submitSite('not a site!');
    expect(onChange).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain('not a site name');
    expect(labelled<HTMLInputElement>('Add a site').getAttribute('aria-invalid')).toBe('true');

    await submitSite('www.example.com');
    expect(onChange).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('example.com is already in the list.');
  });

  it('lists the sites and removes one', async () => {
    const current = settings({ disabledSites: ['a.test', 'b.test'] });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    const listed = [...container.querySelectorAll('.sites__name')].map((element) => element.textContent);
    expect(listed).toEqual(['a.test', 'b.test']);
    await act(() => button('Remove a.test').click());
    expect(results.map((result) => result.disabledSites)).toEqual([['b.test']]);
  });

  it('shows an international site as the reader wrote it (bücher.de), while it is kept encoded', async () => {
    const current = settings({ disabledSites: ['xn--bcher-kva.de'], hiddenEntities: { 'xn--bcher-kva.de': ['turkey'] } });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    expect([...container.querySelectorAll('.sites__name')].map((element) => element.textContent)).toEqual(['bücher.de', 'bücher.de']);
    await act(() => button('Show again: Turkey on bücher.de').click());
    await act(() => button('Remove bücher.de').click());
    expect(results.map((result) => [result.disabledSites, result.hiddenEntities])).toEqual([
      [['xn--bcher-kva.de'], {}],
      [[], { 'xn--bcher-kva.de': ['turkey'] }],
    ]);
  });
});

describe('options form: entities hidden per site (“Not this”)', () => {
  function hiddenList(site: string): HTMLElement | null {
    return container.querySelector<HTMLElement>(`[aria-label="Hidden on ${site}"]`);
  }

  it('says clearly when nothing is hidden', async () => {
    await mount(<OptionsForm settings={settings()} onChange={() => {}} />);
    const section = container.querySelector('.hidden-entities');
    expect(section?.querySelector('h3')?.textContent).toBe('Hidden with “Not this”');
    expect(section?.textContent).toContain('Nothing hidden: every name is highlighted on every site.');
    expect(section?.querySelectorAll('.hidden-entity')).toHaveLength(0);
  });

  it('lists, per site, the names hidden there, sorted, with their kind', async () => {
    const current = settings({ hiddenEntities: { 'news.test': ['turkey', 'nato'], 'blog.example': ['russia'] } });
    await mount(<OptionsForm settings={current} onChange={() => {}} />);
    const sites = [...container.querySelectorAll('.hidden-site__name')].map((element) => element.textContent);
    expect(sites).toEqual(['blog.example', 'news.test']);
    const names = [...(hiddenList('news.test')?.querySelectorAll('.hidden-entity__name') ?? [])].map((element) => element.textContent);
    expect(names).toEqual(['NATO', 'Turkey']);
    expect(hiddenList('news.test')?.querySelector('.kind-label')?.textContent).toBe('alliance');
    expect(hiddenList('blog.example')?.textContent).toContain('Russia');
    expect(container.textContent).not.toContain('Nothing hidden');
  });

  it('“Show again” highlights the entity on that site again, and only there', async () => {
    const current = settings({ hiddenEntities: { 'news.test': ['nato', 'turkey'], 'blog.example': ['nato'] } });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    const showAgain = button('Show again: NATO on news.test');
    expect(showAgain.textContent).toBe('Show again');
    // Its name begins with what it shows: a voice control user says "Show again" (WCAG 2.5.3).
    expect(showAgain.getAttribute('aria-label')?.startsWith(showAgain.textContent ?? '—')).toBe(true);
    await act(() => showAgain.click());
    expect(results).toEqual([withTermHidden(current, 'news.test', 'nato', false)]);
    expect(results[0]?.hiddenEntities).toEqual({ 'news.test': ['turkey'], 'blog.example': ['nato'] });
  });

  it('lists a hidden spelling under its term, in the pack\'s own writing, and shows that spelling again', async () => {
    const current = settings({ hiddenEntities: { 'news.test': ['ahmed-al-sharaa:golani', 'nato'] } });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    const rows = [...(hiddenList('news.test')?.querySelectorAll('.hidden-entity') ?? [])];
    expect(rows.map((row) => row.querySelector('.hidden-entity__name')?.textContent)).toEqual(['Ahmed al-Sharaa', 'NATO']);
    expect(rows[0]?.querySelector('.hidden-entity__spelling')?.textContent).toBe('as “Golani”');
    expect(rows[1]?.querySelector('.hidden-entity__spelling')).toBeNull();
    const showAgain = button('Show again: “Golani” as Ahmed al-Sharaa on news.test');
    expect(showAgain.textContent).toBe('Show again');
    await act(() => showAgain.click());
    expect(results.map((result) => result.hiddenEntities)).toEqual([{ 'news.test': ['nato'] }]);
  });

  it('drops the site once its last entity is shown again', async () => {
    const current = settings({ hiddenEntities: { 'news.test': ['turkey'] } });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    await act(() => button('Show again: Turkey on news.test').click());
    expect(results.map((result) => result.hiddenEntities)).toEqual([{}]);
  });

  it('shows the id of an entity this pack does not know, and can still show it again', async () => {
    const current = settings({ hiddenEntities: { 'news.test': ['retired-entity'] } });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    expect(hiddenList('news.test')?.querySelector('.hidden-entity__name')?.textContent).toBe('retired-entity');
    await act(() => button('Show again: retired-entity on news.test').click());
    expect(results.map((result) => result.hiddenEntities)).toEqual([{}]);
  });
});

describe('parseSiteInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  WWW.Example.COM  ', 'example.com'],
    ['http://localhost:8080/page', 'localhost:8080'],
    ['sub.news.example.co.uk/path', 'sub.news.example.co.uk'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['http://build_box:8080/', 'build_box:8080'],
    ['[::1]:5173', '[::1]:5173'],
    ['http://[2001:DB8::7]/x', '[2001:db8::7]'],
    // A listed site covers its subdomains: the wildcard says the same.
    ['*.example.org', 'example.org'],
    // The default ports are no part of a page's host; nor is a fully qualified name's last dot.
    ['example.com:80', 'example.com'],
    ['http://example.com:443/', 'example.com'],
    ['example.com.', 'example.com'],
  ])('%s → %s', (input, site) => {
    expect(parseSiteInput(input)).toEqual({ ok: true, site });
  });

  it.each(['', '   ', 'exa mple.com', '-bad-.com', 'file:///tmp/x.html', 'a..b', '[::1', 'a:b:c', 'chrome://extensions', 'about://blank', 'ftp://example.com'])('refuses %j', (input) => {
    expect(parseSiteInput(input).ok).toBe(false);
  });
});

describe('knowledge pack section', () => {
  it('shows title, version, source and counts by category', async () => {
    await mount(<PacksSection bundled={pack} colors={DEFAULT_COLORS} />);
    await settle();
    const text = container.textContent ?? '';
    expect(text).toContain(pack.title);
    expect(text).toContain(pack.version);
    expect(text).toContain(pack.source.title);
    const { total, byCategory } = packCounts(pack);
    expect(total.entities).toBe(pack.entities.length);
    expect(total.facts).toBe(pack.facts.length);
    expect(sumOver(byCategory, 'entities')).toBe(total.entities);
    expect(sumOver(byCategory, 'aliases')).toBe(total.aliases);
    const footer = [...container.querySelectorAll('tfoot td')].map((cell) => Number(cell.textContent));
    expect(footer).toEqual([total.entities, total.aliases, total.facts]);
    const peopleRow = [...container.querySelectorAll('tbody tr')].find((row) => row.textContent?.includes('People'));
    expect(Number(peopleRow?.querySelector('td')?.textContent)).toBe(pack.entities.filter((entity) => entity.category === 'people').length);
  });
});

function sumOver(byCategory: ReturnType<typeof packCounts>['byCategory'], field: 'entities' | 'aliases'): number {
  return Object.values(byCategory).reduce((sum, counts) => sum + counts[field], 0);
}

const SITE_ACCESS_NOTE = 'Your browser lets Gloss read only the sites you allow it';

describe('options page (connected to storage)', () => {
  it('says, beside the sites list, when the reader has limited the sites Gloss may read, and follows changes', async () => {
    const access = siteAccess(false);
    await mount(<OptionsPage siteAccess={access.source} />);
    await settle();
    expect(container.querySelector('.sites__access-note')?.textContent).toContain(SITE_ACCESS_NOTE);
    // Not "Gloss highlights on every site": it does not.
    expect(container.querySelector('.sites__empty')?.textContent).toBe('No sites switched off here.');
    await access.change(true);
    expect(container.querySelector('.sites__access-note')).toBeNull();
    expect(container.querySelector('.sites__empty')?.textContent).toBe('No sites yet: Gloss highlights on every site.');
    await access.change(false);
    expect(container.querySelector('.sites__access-note')?.textContent).toContain(SITE_ACCESS_NOTE);
  });

  it('has no such note while Gloss may read every site', async () => {
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settle();
    expect(container.querySelector('.sites__name, .sites__empty')).not.toBeNull();
    expect(container.querySelector('.sites__access-note')).toBeNull();
  });

  it('saves each change at once and says “Saved”', async () => {
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settle();
    await act(() => switchNamed('Topics').click());
    await settle();
    expect((await loadSettings()).categories.topics).toBe(false);
    const status = container.querySelector('[role="status"]');
    expect(status?.textContent).toBe('Saved');
  });

  it('shows changes made elsewhere, such as in the popup', async () => {
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settle();
    expect(switchNamed('Highlight everywhere').checked).toBe(true);
    await act(async () => {
      await saveSettings(settings({ enabled: false, disabledSites: ['elsewhere.test'] }));
    });
    await settle();
    expect(switchNamed('Highlight everywhere').checked).toBe(false);
    expect(container.querySelector('.sites__name')?.textContent).toBe('elsewhere.test');
  });

  it('“Show again” is saved to storage and the list follows', async () => {
    await saveSettings(settings({ hiddenEntities: { 'news.test': ['nato', 'turkey'] } }));
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settle();
    await act(() => button('Show again: Turkey on news.test').click());
    await settle();
    expect((await loadSettings()).hiddenEntities).toEqual({ 'news.test': ['nato'] });
    const names = [...container.querySelectorAll('.hidden-entity__name')].map((element) => element.textContent);
    expect(names).toEqual(['NATO']);
  });

  /** Presses a button as a keyboard reader does: focused first, then clicked (Enter). */
  async function pressFocused(name: string): Promise<void> {
    const pressed = button(name);
    pressed.focus();
    await act(() => pressed.click());
    await settle();
  }

  it('“Remove” moves focus to the next site’s button, else the previous one’s, else to the note that no site is listed', async () => {
    await saveSettings(settings({ disabledSites: ['a.test', 'b.test', 'c.test'] }));
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settle();
    await pressFocused('Remove b.test');
    expect(document.activeElement).toBe(button('Remove c.test'));
    await pressFocused('Remove c.test');
    expect(document.activeElement).toBe(button('Remove a.test'));
    await pressFocused('Remove a.test');
    expect(document.activeElement).toBe(container.querySelector('.sites__empty'));
    expect((await loadSettings()).disabledSites).toEqual([]);
  });

  it('“Show again” moves focus to the next term’s button (on the next site too), else the previous one’s, else to the note that nothing is hidden', async () => {
    await saveSettings(settings({ hiddenEntities: { 'news.test': ['nato', 'turkey'], 'blog.example': ['russia'] } }));
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settle();
    await pressFocused('Show again: Russia on blog.example');
    expect(document.activeElement).toBe(button('Show again: NATO on news.test'));
    await pressFocused('Show again: Turkey on news.test');
    expect(document.activeElement).toBe(button('Show again: NATO on news.test'));
    await pressFocused('Show again: NATO on news.test');
    expect(document.activeElement).toBe(container.querySelector('.hidden-entities__empty'));
    expect((await loadSettings()).hiddenEntities).toEqual({});
  });

  it('leaves focus where the reader moved it before a removed row was gone', async () => {
    await saveSettings(settings({ disabledSites: ['a.test', 'b.test'] }));
    await mount(<OptionsPage siteAccess={siteAccess(true).source} />);
    await settle();
    const addSite = labelled<HTMLInputElement>('Add a site');
    await act(() => {
      button('Remove a.test').click();
      addSite.focus();
    });
    await settle();
    expect(document.activeElement).toBe(addSite);
  });

  it('keeps a change made elsewhere that it has not shown yet: a site removed here leaves a site added meanwhile', async () => {
    await saveSettings(settings({ disabledSites: ['a.test'] }));
    // The page shows what it loaded, and hears nothing more: the popup's change below has not echoed here yet.
    const shown: SettingsSource = { loadSettings, watchSettings: () => () => {} };
    await mount(<OptionsPage settingsSource={shown} siteAccess={siteAccess(true).source} />);
    await settle();
    await updateSettings((current) => withSiteEnabled(current, 'b.test', false));
    await act(() => button('Remove a.test').click());
    await settle();
    expect((await loadSettings()).disabledSites).toEqual(['b.test']);
    expect([...container.querySelectorAll('.sites__name')].map((element) => element.textContent)).toEqual(['b.test']);
  });

  it('the page has the open-in-tab marker in its HTML', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(`${process.cwd()}/entrypoints/options/index.html`, 'utf8');
    expect(html).toContain('<meta name="manifest.open_in_tab" content="true" />');
  });
});


describe('options in German', () => {
  it('labels the form, the categories and the hidden entities in German', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(germanMessage as typeof fakeBrowser.i18n.getMessage);
    const current = settings({ hiddenEntities: { 'news.test': ['nato'] } });
    const { onChange, results } = recordChanges(current);
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    for (const name of ['Personen', 'Gruppen', 'Orte', 'Themen', 'Überall markieren']) expect(switchNamed(name).checked).toBe(true);
    expect(labelled<HTMLInputElement>('Farbe für Personen').type).toBe('color');
    expect(labelled<HTMLInputElement>('Anzeigeverzögerung').value).toBe('300');
    expect(container.querySelector('.hidden-entities h3')?.textContent).toBe('Mit „Nicht gemeint“ ausgeblendet');
    expect(container.querySelector('[aria-label="Auf news.test ausgeblendet"] .kind-label')?.textContent).toBe('Bündnis');
    await act(() => button('Wieder markieren: NATO auf news.test').click());
    expect(results.map((result) => result.hiddenEntities)).toEqual([{}]);

    const delay = labelled<HTMLInputElement>('Anzeigeverzögerung');
    await fill(delay, '5000');
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(delay.getAttribute('aria-describedby')?.split(' ')[1] ?? '')?.textContent).toBe(
      'Geben Sie eine ganze Zahl von 0 bis 2000 Millisekunden ein. Bis dahin bleibt die Verzögerung bei 300\u00a0ms.',
    );

    await fill(labelled<HTMLInputElement>('Website hinzufügen'), 'not a site!');
    await act(() => button('Hinzufügen').click());
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('„not a site!“ ist kein Websitename. Geben Sie einen wie beispiel.de ein.');
  });
});

