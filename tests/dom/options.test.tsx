import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_COLORS, DEFAULT_SETTINGS, type Settings } from '@/src/core/settings';
import { pack } from '@/src/pack/bundled';
import { loadSettings, saveSettings } from '@/src/storage/settings';
import { parseSiteInput } from '@/src/ui/options/hostname';
import { OptionsForm } from '@/src/ui/options/OptionsForm';
import { changedFields, OptionsPage } from '@/src/ui/options/OptionsPage';
import { packCounts, PackSection } from '@/src/ui/options/PackSection';

let container: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

async function mount(vnode: preact.VNode): Promise<void> {
  await act(() => {
    render(vnode, container);
  });
}

async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), ...overrides };
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

describe('options form: highlighting', () => {
  it('has a named switch per category, and toggling one changes only that category', async () => {
    const onChange = vi.fn();
    const current = settings();
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    for (const name of ['People', 'Groups', 'Places', 'Topics']) expect(switchNamed(name).checked).toBe(true);

    await act(() => switchNamed('Places').click());
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ ...current, categories: { ...current.categories, places: false } });
  });

  it('toggles highlighting everywhere and first-mention-only', async () => {
    const onChange = vi.fn();
    const current = settings();
    await mount(<OptionsForm settings={current} onChange={onChange} />);
    await act(() => switchNamed('Highlight everywhere').click());
    expect(onChange).toHaveBeenLastCalledWith({ ...current, enabled: false });
    await act(() => switchNamed('Mark only the first mention of each entity').click());
    expect(onChange).toHaveBeenLastCalledWith({ ...current, firstMentionOnly: true });
  });

  it('picks a highlight style from a radio group', async () => {
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    const radios = [...container.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((radio) => radio.value)).toEqual(['underline', 'dotted', 'background']);
    expect(new Set(radios.map((radio) => radio.name)).size).toBe(1);
    expect(radios.find((radio) => radio.checked)?.value).toBe('underline');
    await act(() => radios[2]?.click());
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ highlightStyle: 'background' }));
  });

  it('changes a category colour and resets all colours', async () => {
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    expect(button('Reset colours').disabled).toBe(true);
    const people = labelled<HTMLInputElement>('People colour');
    expect(people.type).toBe('color');
    expect(people.value).toBe(DEFAULT_COLORS.people);
    await fill(people, '#ff0000', 'change');
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ colors: { ...DEFAULT_COLORS, people: '#ff0000' } }));

    onChange.mockClear();
    await mount(<OptionsForm settings={settings({ colors: { ...DEFAULT_COLORS, topics: '#000000' } })} onChange={onChange} />);
    await act(() => button('Reset colours').click());
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ colors: DEFAULT_COLORS }));
  });

  it('takes a hover delay from 0 to 2000 ms and refuses others', async () => {
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    const delay = labelled<HTMLInputElement>('Hover delay');
    expect(delay.value).toBe('300');
    await fill(delay, '800');
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ hoverDelayMs: 800 }));

    onChange.mockClear();
    await fill(delay, '2500');
    expect(onChange).not.toHaveBeenCalled();
    expect(delay.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('.field-error')?.textContent).toContain('0 to 2000');
  });
});

describe('options form: sites', () => {
  it('adds a site normalised through siteKey: “WWW.Example.com” is stored as example.com', async () => {
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings({ disabledSites: ['news.test'] })} onChange={onChange} />);
    await submitSite('WWW.Example.com');
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ disabledSites: ['example.com', 'news.test'] }));
  });

  it('accepts a pasted address and keeps only its host', async () => {
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings()} onChange={onChange} />);
    await submitSite('https://www.example.org/world/story?id=1');
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ disabledSites: ['example.org'] }));
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
    const onChange = vi.fn();
    await mount(<OptionsForm settings={settings({ disabledSites: ['a.test', 'b.test'] })} onChange={onChange} />);
    const listed = [...container.querySelectorAll('.sites__name')].map((element) => element.textContent);
    expect(listed).toEqual(['a.test', 'b.test']);
    await act(() => button('Remove a.test').click());
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ disabledSites: ['b.test'] }));
  });
});

describe('parseSiteInput', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  WWW.Example.COM  ', 'example.com'],
    ['http://localhost:8080/page', 'localhost:8080'],
    ['sub.news.example.co.uk/path', 'sub.news.example.co.uk'],
    ['bücher.de', 'xn--bcher-kva.de'],
  ])('%s → %s', (input, site) => {
    expect(parseSiteInput(input)).toEqual({ ok: true, site });
  });

  it.each(['', '   ', 'exa mple.com', '-bad-.com', 'file:///tmp/x.html', 'a..b'])('refuses %j', (input) => {
    expect(parseSiteInput(input).ok).toBe(false);
  });
});

describe('knowledge pack section', () => {
  it('shows title, version, source and counts by category', async () => {
    await mount(<PackSection pack={pack} colors={DEFAULT_COLORS} />);
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

describe('options page (connected to storage)', () => {
  it('saves each change at once and says “Saved”', async () => {
    await mount(<OptionsPage />);
    await settle();
    await act(() => switchNamed('Topics').click());
    await settle();
    expect((await loadSettings()).categories.topics).toBe(false);
    const status = container.querySelector('[role="status"]');
    expect(status?.textContent).toBe('Saved');
  });

  it('shows changes made elsewhere, such as in the popup', async () => {
    await mount(<OptionsPage />);
    await settle();
    expect(switchNamed('Highlight everywhere').checked).toBe(true);
    await act(async () => {
      await saveSettings(settings({ enabled: false, disabledSites: ['elsewhere.test'] }));
    });
    await settle();
    expect(switchNamed('Highlight everywhere').checked).toBe(false);
    expect(container.querySelector('.sites__name')?.textContent).toBe('elsewhere.test');
  });

  it('only writes the fields it changed, so it keeps concurrent changes', () => {
    const before = settings();
    const after = { ...before, hoverDelayMs: 900 };
    expect(changedFields(before, after)).toEqual({ hoverDelayMs: 900 });
  });

  it('the page has the open-in-tab marker in its HTML', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(`${process.cwd()}/entrypoints/options/index.html`, 'utf8');
    expect(html).toContain('<meta name="manifest.open_in_tab" content="true" />');
  });
});
