import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing';
import { germanMessage } from './support/german';
import { fakePopupServices } from './support/popup-services';
import { container, mount, settle, unmount, useContainer } from './support/render';
import { describe, expect, it, vi } from 'vitest';
import { PackSearch } from '@/src/core/search';
import { defaultSettings } from '@/src/core/settings';
import type { PageState } from '@/src/messaging/protocol';
import { factById, pack } from '@/src/pack/bundled';
import { PageStatePanel, type PageView } from '@/src/ui/popup/PageStatePanel';
import { Popup } from '@/src/ui/popup/Popup';
import { SearchPanel } from '@/src/ui/popup/SearchPanel';
import { resolvePopupTabId, type PopupServices } from '@/src/ui/popup/services';
import { applyDocumentLanguage } from '@/src/ui/shared/document-language';
import { pageLanguage, textDirection } from '@/src/ui/shared/locales';

/** jsdom has no i18n API, so t() answers from the English catalogue: these are the English texts. */
const UNREADABLE_MESSAGE =
  'Gloss can’t read this page — browser pages, the web store and PDF viewer are off limits to extensions.';
const FILES_HINT =
  'A page saved on your computer? Gloss reads files only with “Allow access to file URLs” on its details page (chrome://extensions).';
const UNREADABLE_SITE_ACCESS_MESSAGE =
  'Gloss can’t read this page: it is either a browser page (settings, the web store, the PDF viewer) or a site you haven’t allowed Gloss to read. To allow it, right-click the Gloss button and change its site access.';
const NOTHING_FOUND_MESSAGE = 'No people, places or topics from the story on this page.';

const packSearch = new PackSearch(pack);
const search = (query: string) => packSearch.search(query);

useContainer();

function searchBox(): HTMLInputElement {
  const input = container.querySelector<HTMLInputElement>('input[type="search"]');
  if (!input) throw new Error('no search box');
  return input;
}

async function type(text: string): Promise<void> {
  await act(() => {
    const input = searchBox();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(key: string): Promise<void> {
  await act(() => {
    searchBox().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

function options(): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]')];
}

function switchNamed(name: string): HTMLInputElement {
  const found = [...container.querySelectorAll<HTMLInputElement>('input[role="switch"]')].find(
    (control) => document.getElementById(control.getAttribute('aria-labelledby') ?? '')?.textContent === name,
  );
  if (!found) throw new Error(`no switch named ${name}`);
  return found;
}

/** The text a control is described by (aria-describedby), as a screen reader announces it after the name. */
function descriptionOf(control: HTMLElement): string | undefined {
  const ids = control.getAttribute('aria-describedby');
  return ids ? ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : undefined;
}

describe('popup search', () => {
  it('is labelled, autofocused and starts empty', async () => {
    await mount(<SearchPanel search={search} onOpen={() => {}} />);
    const input = searchBox();
    expect(input.getAttribute('aria-label')).toBe('Search facts');
    expect(input.placeholder).toBe('Search facts…');
    expect(document.activeElement).toBe(input);
    expect(options()).toHaveLength(0);
  });

  it('finds the $23 million fact, and ArrowDown + Enter opens the reader at it', async () => {
    const onOpen = vi.fn();
    await mount(<SearchPanel search={search} onOpen={onOpen} />);
    await type('23 million');

    const results = options();
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]?.textContent).toContain('$23 million');
    const factIndex = results.findIndex((option) => option.classList.contains('result--fact') && option.textContent?.includes('$23 million'));
    expect(factIndex).toBeGreaterThanOrEqual(0);
    expect(factIndex).toBeLessThan(3);

    for (let step = 0; step <= factIndex; step++) await press('ArrowDown');
    const active = options()[factIndex];
    expect(active?.getAttribute('aria-selected')).toBe('true');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(active?.id);
    expect(options().filter((option) => option.getAttribute('aria-selected') === 'true')).toHaveLength(1);

    await press('Enter');
    expect(onOpen).toHaveBeenCalledTimes(1);
    const request = onOpen.mock.calls[0]?.[0] as { factId?: string };
    expect(request.factId).toBeDefined();
    expect(factById(request.factId ?? '')?.quote).toContain('$23 million');
  });

  it('leaves Enter and the arrow keys to an input method while it composes, and opens nothing', async () => {
    const onOpen = vi.fn();
    await mount(<SearchPanel search={search} onOpen={onOpen} />);
    await type('tartus');
    expect(options().length).toBeGreaterThan(0);
    for (const key of ['ArrowDown', 'Enter']) {
      const event = new KeyboardEvent('keydown', { key, isComposing: true, bubbles: true, cancelable: true });
      await act(() => {
        searchBox().dispatchEvent(event);
      });
      expect(event.defaultPrevented).toBe(false);
    }
    expect(onOpen).not.toHaveBeenCalled();
    expect(searchBox().getAttribute('aria-activedescendant')).toBeNull();
  });

  it('copies the chosen fact’s quote with its source on Ctrl+C, says so under it, and leaves Ctrl+C on text selected in the box alone', async () => {
    const copyText = vi.fn(async (_text: string) => {});
    await mount(<SearchPanel search={search} onOpen={() => {}} packOf={() => pack} copyText={copyText} />);
    await type('23 million');
    const factIndex = options().findIndex((option) => option.classList.contains('result--fact'));
    const entityIndex = options().findIndex((option) => option.classList.contains('result--entity'));
    expect(factIndex).toBeGreaterThanOrEqual(0);
    expect(entityIndex).toBeGreaterThanOrEqual(0);
    const pressCopy = async () => {
      const event = new KeyboardEvent('keydown', { key: 'c', ctrlKey: true, bubbles: true, cancelable: true });
      await act(() => {
        searchBox().dispatchEvent(event);
      });
      await settle();
      return event;
    };

    // Nothing chosen: Ctrl+C is the box's.
    expect((await pressCopy()).defaultPrevented).toBe(false);
    // An entity chosen: no quote to copy, no hint.
    for (let step = 0; step <= entityIndex; step++) await press('ArrowDown');
    expect(options()[entityIndex]?.querySelector('.result__copy')).toBeNull();
    expect((await pressCopy()).defaultPrevented).toBe(false);
    expect(copyText).not.toHaveBeenCalled();

    // Typing starts the choice over.
    await type('23 million');
    for (let step = 0; step <= factIndex; step++) await press('ArrowDown');
    const chosen = options()[factIndex]!;
    expect(chosen.querySelector('.result__copy')?.textContent).toBe('Ctrl+C copies the quote with its source');
    expect(descriptionOf(chosen)).toContain('Ctrl+C copies the quote with its source');
    // Only the chosen fact says it.
    expect(container.querySelectorAll('.result__copy')).toHaveLength(1);

    // Text selected in the box: the reader copies that.
    searchBox().setSelectionRange(0, 2);
    expect((await pressCopy()).defaultPrevented).toBe(false);
    expect(copyText).not.toHaveBeenCalled();

    searchBox().setSelectionRange(10, 10);
    expect((await pressCopy()).defaultPrevented).toBe(true);
    const fact = search('23 million')[factIndex];
    if (fact?.type !== 'fact') throw new Error('no fact result');
    expect(copyText).toHaveBeenCalledExactlyOnceWith(`“${fact.fact.quote}” — ${pack.source.title}`);
    expect(options()[factIndex]?.querySelector('.result__copy')?.textContent).toBe('Quote copied, with its source');
    expect([...container.querySelectorAll('[role="status"]')].map((status) => status.textContent)).toContain('Quote copied, with its source');
  });

  it('shows a fact result with its statement, its quote and its entities', async () => {
    await mount(<SearchPanel search={search} onOpen={() => {}} />);
    await type('23 million');
    const factOption = options().find((option) => option.classList.contains('result--fact'));
    const hit = search('23 million').find((candidate) => candidate.type === 'fact');
    if (!factOption || hit?.type !== 'fact') throw new Error('no fact result');
    expect(factOption.querySelector('.result__statement')?.textContent).toBe(hit.fact.statement);
    const quote = factOption.querySelector('q');
    expect(quote?.textContent).toBe(hit.fact.quote);
    for (const entity of hit.entities) expect(factOption.textContent).toContain(entity.name);
  });

  it.each([
    ['tartous', 'Tartus'],
    ['bogdanov', 'Bogdanov'],
    ['oil gas', 'oil and gas'],
    ['NATO', 'NATO'],
  ])('“%s” finds a result about %s', async (query, expected) => {
    await mount(<SearchPanel search={search} onOpen={() => {}} />);
    await type(query);
    const texts = options().map((option) => option.textContent ?? '');
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.slice(0, 3).some((text) => text.includes(expected))).toBe(true);
  });

  it('ArrowUp wraps to the last result and a click opens an entity result by entity id', async () => {
    const onOpen = vi.fn();
    await mount(<SearchPanel search={search} onOpen={onOpen} />);
    await type('bogdanov');
    await press('ArrowUp');
    const all = options();
    expect(all.at(-1)?.getAttribute('aria-selected')).toBe('true');

    const entityOption = all.find((option) => option.classList.contains('result--entity'));
    expect(entityOption).toBeDefined();
    await act(() => entityOption?.click());
    expect(onOpen).toHaveBeenCalledWith({ entityId: 'mikhail-bogdanov' });
  });

  it('says so, and announces it, when nothing matches', async () => {
    await mount(<SearchPanel search={search} onOpen={() => {}} />);
    await type('qqqxzzv');
    expect(options()).toHaveLength(0);
    expect(container.textContent).toContain('No facts match “qqqxzzv”');
    const status = container.querySelector('[role="status"]');
    expect(status?.textContent).toBe('No facts match “qqqxzzv”');
  });

  it('announces how many results there are', async () => {
    await mount(<SearchPanel search={search} onOpen={() => {}} />);
    await type('bogdanov');
    const count = options().length;
    expect(container.querySelector('[role="status"]')?.textContent).toBe(`${count} result${count === 1 ? '' : 's'} for “bogdanov”`);
  });

  it('shows its children while the box is empty, and Escape clears the box', async () => {
    await mount(
      <SearchPanel search={search} onOpen={() => {}}>
        <p id="page-panel">On this page</p>
      </SearchPanel>,
    );
    expect(container.querySelector('#page-panel')).not.toBeNull();
    await type('tartus');
    expect(container.querySelector('#page-panel')).toBeNull();
    await press('Escape');
    expect(searchBox().value).toBe('');
    expect(container.querySelector('#page-panel')).not.toBeNull();
  });
});

function readyState(state: Partial<PageState>): PageView {
  return { kind: 'ready', state: { site: 'example.com', status: 'on', entities: [], scanning: false, ...state } };
}

describe('popup “On this page”', () => {
  it('says plainly when the page cannot be read', async () => {
    await mount(<PageStatePanel view={{ kind: 'unreadable' }} onReveal={() => {}} />);
    expect(container.textContent).toContain(UNREADABLE_MESSAGE);
  });

  it.each([
    ['off-everywhere', 'Highlighting is off everywhere. Switch on “Highlight everywhere” to see what this page mentions.'],
    ['off-site', 'Highlighting is off on example.com. Switch on “Highlight on this site” to see what this page mentions.'],
    ['off-tab', 'Highlighting is off in this tab. Switch on “Highlight in this tab” to see what this page mentions.'],
  ] as const)('explains why highlighting is %s, naming the switch that turns it on', async (status, explanation) => {
    await mount(<PageStatePanel view={readyState({ status })} onReveal={() => {}} />);
    expect(container.querySelector('.page-panel__note')?.textContent).toBe(explanation);
    expect(container.querySelectorAll('button')).toHaveLength(0);
  });

  it('shows the site in bold when highlighting is off there, and says “this site” without one', async () => {
    await mount(<PageStatePanel view={readyState({ status: 'off-site' })} onReveal={() => {}} />);
    expect(container.querySelector('.page-panel__note strong')?.textContent).toBe('example.com');
    await mount(<PageStatePanel view={readyState({ status: 'off-site', site: '' })} onReveal={() => {}} />);
    expect(container.querySelector('.page-panel__note strong')).toBeNull();
    expect(container.querySelector('.page-panel__note')?.textContent).toContain('Highlighting is off on this site.');
  });

  it('shows no counts where only first mentions are marked (each term is counted once there), and says so', async () => {
    const entities = [
      { entityId: 'russia', count: 1 },
      { entityId: 'mikhail-bogdanov', count: 1 },
    ];
    await mount(<PageStatePanel view={readyState({ entities })} onReveal={vi.fn()} firstMentionOnly />);
    expect(container.querySelectorAll('.page-entity__count')).toHaveLength(0);
    expect([...container.querySelectorAll('.page-entity__name')].map((name) => name.textContent)).toEqual(['Mikhail Bogdanov', 'Russia']);
    expect(container.querySelector('.page-panel__hint')?.textContent).toBe('2 terms found, each marked at its first mention (Options). Click one to go there.');
  });

  it('lists terms mentioned as often by name, not by their ids', async () => {
    const entities = [
      { entityId: 'currency-aid', count: 2 },
      { entityId: 'fall-of-assad', count: 2 },
      { entityId: 'russia', count: 5 },
    ];
    await mount(<PageStatePanel view={readyState({ entities })} onReveal={vi.fn()} />);
    const names = [...container.querySelectorAll('.page-entities .page-entity__name')].map((name) => name.textContent);
    expect(names).toEqual(['Russia', 'Fall of the Assad regime', "Russia's $23 million currency aid"]);
  });

  it('lists the entities found, most mentioned first, with counts; a click reveals the next one', async () => {
    const onReveal = vi.fn();
    const entities = [
      { entityId: 'mikhail-bogdanov', count: 3 },
      { entityId: 'russia', count: 1 },
      { entityId: 'no-such-entity', count: 9 },
    ];
    await mount(<PageStatePanel view={readyState({ entities })} onReveal={onReveal} />);
    const rows = [...container.querySelectorAll<HTMLButtonElement>('.page-entities button')];
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain('Mikhail Bogdanov');
    expect(rows[0]?.querySelector('.page-entity__count [aria-hidden="true"]')?.textContent).toBe('3');
    expect(rows[0]?.querySelector('.page-entity__count .visually-hidden')?.textContent).toBe('3 mentions');
    expect(rows[0]?.title).toBe('Show the next mention of Mikhail Bogdanov on the page');
    expect(rows[0]?.querySelector('.category-dot')?.getAttribute('data-category')).toBe('people');
    expect(rows[1]?.textContent).toContain('Russia');
    expect(rows[1]?.querySelector('.page-entity__count .visually-hidden')?.textContent).toBe('1 mention');
    expect(container.querySelector('.page-panel__hint')?.textContent).toBe('2 terms found. Click one to go to its next mention.');

    await act(() => rows[0]?.click());
    await act(() => rows[0]?.click());
    expect(onReveal).toHaveBeenCalledTimes(2);
    expect(onReveal).toHaveBeenLastCalledWith('mikhail-bogdanov');
  });

  it('says when nothing from the story is on the page', async () => {
    await mount(<PageStatePanel view={readyState({ entities: [] })} onReveal={() => {}} />);
    expect(container.textContent).toContain(NOTHING_FOUND_MESSAGE);
  });
});


describe('popup', () => {
  it('asks the tab for its state and lists what it found', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(services.getPageState).toHaveBeenCalledWith(7);
    expect(container.querySelector('.page-entities')?.textContent).toContain('Mikhail Bogdanov');
    expect(switchNamed('Highlight on this site').checked).toBe(true);
    expect(switchNamed('Highlight in this tab').checked).toBe(true);
    expect(switchNamed('Highlight everywhere').checked).toBe(true);
    expect(container.querySelector('.switches')?.textContent).toContain('example.com');
  });

  it('says which listed site keeps this one off, and switching it on takes that entry off the list', async () => {
    const listed = { ...defaultSettings(), disabledSites: ['example.com', 'other.test'] };
    const { services } = fakePopupServices({
      loadSettings: vi.fn(async () => listed),
      getPageState: vi.fn(async (): Promise<PageState | undefined> => ({ site: 'news.example.com', status: 'off-site', entities: [], scanning: false })),
    });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const site = switchNamed('Highlight on this site');
    expect(site.checked).toBe(false);
    expect(descriptionOf(site)).toBe('news.example.com · off as example.com in the list');
    const change = vi.mocked(services.updateSettings);
    await act(() => site.click());
    await settle();
    const applied = change.mock.calls[0]?.[0];
    expect(applied?.(listed).disabledSites).toEqual(['other.test']);
  });

  it('names an international site as the address bar does: bücher.de, not xn--bcher-kva.de', async () => {
    const listed = { ...defaultSettings(), disabledSites: ['xn--bcher-kva.de'] };
    const { services } = fakePopupServices({
      loadSettings: vi.fn(async () => listed),
      getPageState: vi.fn(async (): Promise<PageState | undefined> => ({ site: 'news.xn--bcher-kva.de', status: 'off-site', entities: [], scanning: false })),
    });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(descriptionOf(switchNamed('Highlight on this site'))).toBe('news.bücher.de · off as bücher.de in the list');
    expect(container.querySelector('.page-panel__note strong')?.textContent).toBe('news.bücher.de');
  });

  it('reports an unreadable page and leaves out the site and tab switches, which would claim to be on there', async () => {
    const { services } = fakePopupServices({
      getPageState: vi.fn(async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      }),
    });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(container.textContent).toContain(UNREADABLE_MESSAGE);
    const switches = [...container.querySelectorAll<HTMLInputElement>('input[role="switch"]')];
    expect(switches).toEqual([switchNamed('Highlight everywhere')]);
    expect(switchNamed('Highlight everywhere').disabled).toBe(false);
    expect(descriptionOf(switchNamed('Highlight everywhere'))).toBeUndefined();
  });

  it('while it asks the page, disables its switches without calling them unavailable', async () => {
    const { services } = fakePopupServices({ getPageState: vi.fn(() => new Promise<never>(() => {})) });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(switchNamed('Highlight on this site').disabled).toBe(true);
    expect(switchNamed('Highlight in this tab').disabled).toBe(true);
    // The site's line is kept blank until the page says which site it is.
    expect(descriptionOf(switchNamed('Highlight on this site'))?.trim()).toBe('');
    expect(descriptionOf(switchNamed('Highlight in this tab'))).toBeUndefined();
  });

  it('reports a browser page as unreadable at once, without asking it', async () => {
    const { services } = fakePopupServices({ mayRunIn: vi.fn(async () => false) });
    await mount(<Popup services={services} search={search} retryDelaysMs={[10_000]} />);
    await settle();
    expect(services.mayRunIn).toHaveBeenCalledWith(7);
    expect(services.getPageState).not.toHaveBeenCalled();
    expect(container.textContent).toContain(UNREADABLE_MESSAGE);
  });

  it('names the limited site access too when the reader limited the sites Gloss may read', async () => {
    const { services } = fakePopupServices({ mayRunIn: vi.fn(async () => false), readsEverySite: vi.fn(async () => false) });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(container.textContent).toContain(UNREADABLE_SITE_ACCESS_MESSAGE);
    expect(container.textContent).not.toContain(UNREADABLE_MESSAGE);
  });

  it('does not blame site access for a page that is readable, or when the browser cannot say', async () => {
    const limited = fakePopupServices({ readsEverySite: vi.fn(async () => false) });
    await mount(<Popup services={limited.services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(container.querySelector('.page-entities')?.textContent).toContain('Mikhail Bogdanov');
    expect(container.textContent).not.toContain(UNREADABLE_SITE_ACCESS_MESSAGE);
    await unmount();
    const unknown = fakePopupServices({
      mayRunIn: vi.fn(async () => false),
      readsEverySite: vi.fn(async () => {
        throw new Error('permissions API unavailable');
      }),
    });
    await mount(<Popup services={unknown.services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(container.textContent).toContain(UNREADABLE_MESSAGE);
  });

  it('adds how to let Gloss read saved pages when the browser keeps files from it', async () => {
    const { services } = fakePopupServices({ mayRunIn: vi.fn(async () => false), readsFiles: vi.fn(async () => false) });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const notes = [...container.querySelectorAll('.page-panel__note')].map((note) => note.textContent);
    expect(notes).toEqual([UNREADABLE_MESSAGE, FILES_HINT]);
  });

  it('gives no file hint while Gloss may read files, nor on a page it reads', async () => {
    const { services } = fakePopupServices({ mayRunIn: vi.fn(async () => false) });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(container.textContent).toContain(UNREADABLE_MESSAGE);
    expect(container.textContent).not.toContain(FILES_HINT);
    await unmount();
    const readable = fakePopupServices({ readsFiles: vi.fn(async () => false) });
    await mount(<Popup services={readable.services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(container.querySelector('.page-entities')?.textContent).toContain('Mikhail Bogdanov');
    expect(container.textContent).not.toContain(FILES_HINT);
  });

  it('treats an empty answer as an unreadable page, after retrying', async () => {
    const { services } = fakePopupServices({ getPageState: vi.fn(async () => undefined) });
    await mount(<Popup services={services} search={search} retryDelaysMs={[1]} />);
    await settle(20);
    expect(services.getPageState).toHaveBeenCalledTimes(2);
    expect(container.textContent).toContain(UNREADABLE_MESSAGE);
  });

  it('asks the page again when its tab has loaded a new one, and recovers from an unreadable moment', async () => {
    let tabLoaded = () => {};
    const state = (entityId: string): PageState => ({ site: 'example.com', status: 'on', entities: [{ entityId, count: 1 }], scanning: false });
    // The first page, then the reloaded tab: at first no content script answers, then the new page does.
    const answers: (PageState | undefined)[] = [state('tartus'), undefined, state('mikhail-bogdanov')];
    const { services } = fakePopupServices({
      getPageState: vi.fn(async () => answers.shift()),
      watchTabLoads: vi.fn((tabId: number, onLoaded: () => void) => {
        expect(tabId).toBe(7);
        tabLoaded = onLoaded;
        return () => {};
      }),
    });
    await mount(<Popup services={services} search={search} retryDelaysMs={[1]} />);
    await settle();
    expect(container.querySelector('.page-entities')?.textContent).toContain('Tartus');
    await act(() => tabLoaded());
    await settle(20);
    expect(services.getPageState).toHaveBeenCalledTimes(3);
    expect(container.querySelector('.page-entities')?.textContent).toContain('Mikhail Bogdanov');
    expect(switchNamed('Highlight in this tab').disabled).toBe(false);
  });

  it('switching the site off stores it in disabledSites and asks the page again', async () => {
    const { services, current } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const callsBefore = vi.mocked(services.getPageState).mock.calls.length;
    await act(() => switchNamed('Highlight on this site').click());
    await settle();
    expect(current().disabledSites).toEqual(['example.com']);
    expect(switchNamed('Highlight on this site').checked).toBe(false);
    expect(vi.mocked(services.getPageState).mock.calls.length).toBeGreaterThan(callsBefore);

    await act(() => switchNamed('Highlight on this site').click());
    await settle();
    expect(current().disabledSites).toEqual([]);
  });

  it('switching the tab off goes through the background with the tab id', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    await act(() => switchNamed('Highlight in this tab').click());
    await settle();
    expect(services.setTabDisabled).toHaveBeenCalledWith(7, true);
    expect(switchNamed('Highlight in this tab').checked).toBe(false);
  });

  it('switching everything off clears settings.enabled', async () => {
    const { services, current } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    await act(() => switchNamed('Highlight everywhere').click());
    await settle();
    expect(current().enabled).toBe(false);
    expect(switchNamed('Highlight everywhere').checked).toBe(false);
  });

  it('while off everywhere, shows the site and tab switches as paused, keeping their positions and letting them be set', async () => {
    const { services, current } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const described = (name: string) => document.getElementById(switchNamed(name).getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    const paused = (name: string) => switchNamed(name).closest('.switch')!.classList.contains('switch--paused');
    expect(paused('Highlight on this site') || paused('Highlight in this tab')).toBe(false);
    expect(described('Highlight on this site')).toBe('example.com');

    await act(() => switchNamed('Highlight everywhere').click());
    await settle();
    for (const name of ['Highlight on this site', 'Highlight in this tab']) {
      expect(paused(name)).toBe(true);
      expect(switchNamed(name).checked).toBe(true);
      expect(switchNamed(name).disabled).toBe(false);
    }
    expect(described('Highlight on this site')).toBe('example.com · Paused');
    expect(described('Highlight in this tab')).toBe('Paused');
    expect(paused('Highlight everywhere')).toBe(false);

    await act(() => switchNamed('Highlight on this site').click());
    await settle();
    expect(current().disabledSites).toEqual(['example.com']);

    await act(() => switchNamed('Highlight everywhere').click());
    await settle();
    expect(paused('Highlight on this site') || paused('Highlight in this tab')).toBe(false);
    expect(described('Highlight in this tab')).toBe('');
  });

  it('gives the switches\' room to the results while there is a query, and shows them again once the box is cleared', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(container.querySelectorAll('input[role="switch"]')).toHaveLength(3);
    await type('tartus');
    expect(options().length).toBeGreaterThan(0);
    expect(container.querySelectorAll('input[role="switch"]')).toHaveLength(0);
    await press('Escape');
    expect(switchNamed('Highlight on this site').checked).toBe(true);
    expect(container.querySelectorAll('input[role="switch"]')).toHaveLength(3);
  });

  it('names each result by its statement (or entity and kind) and describes it by its quote (or summary), for screen readers', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const textOf = (ids: string | null) => (ids ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '(missing)').join(' / ');
    const named = () => options().map((option) => [textOf(option.getAttribute('aria-labelledby')), textOf(option.getAttribute('aria-describedby'))]);
    await type('23 million');
    const hits = search('23 million');
    const factAt = hits.findIndex((hit) => hit.type === 'fact');
    const fact = hits[factAt];
    if (fact?.type !== 'fact') throw new Error('23 million: no fact');
    expect(named()[factAt]).toEqual([fact.fact.statement, fact.fact.quote]);
    await type('Tartus');
    const [entity] = search('Tartus');
    if (entity?.type !== 'entity') throw new Error('Tartus: no entity first');
    expect(named()[0]).toEqual([`${entity.entity.name} city`, entity.entity.summary]);
  });

  it('makes the entities found one Tab stop, moved within by the arrow keys, Home and End', async () => {
    const entities = ['russia', 'syria', 'tartus', 'latakia'].map((entityId, index) => ({ entityId, count: 9 - index }));
    const { services } = fakePopupServices({ getPageState: vi.fn(async () => ({ site: 'example.com', status: 'on' as const, entities, scanning: false })) });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const entries = () => [...container.querySelectorAll<HTMLButtonElement>('.page-entities button')];
    const tabbable = () => entries().filter((entry) => entry.tabIndex === 0).map((entry) => entry.textContent);
    expect(entries()).toHaveLength(4);
    expect(tabbable()).toEqual([entries()[0]?.textContent]);
    const key = async (name: string) =>
      act(() => {
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
      });
    entries()[0]!.focus();
    await key('ArrowDown');
    await key('ArrowDown');
    expect(document.activeElement).toBe(entries()[2]);
    expect(tabbable()).toEqual([entries()[2]?.textContent]);
    await key('End');
    expect(document.activeElement).toBe(entries()[3]);
    await key('ArrowDown');
    expect(document.activeElement).toBe(entries()[3]);
    await key('Home');
    expect(document.activeElement).toBe(entries()[0]);
    await key('ArrowUp');
    expect(document.activeElement).toBe(entries()[0]);
    await key('Enter');
    expect(tabbable()).toHaveLength(1);
  });

  it('reveals an entity in the tab when its row is clicked', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    await act(() => container.querySelector<HTMLButtonElement>('.page-entities button')?.click());
    await settle();
    expect(services.revealEntity).toHaveBeenCalledWith(7, 'mikhail-bogdanov');
  });

  it('keeps the entry that has focus in view when a notice takes room below the list', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const entry = container.querySelector<HTMLButtonElement>('.page-entities button');
    if (!entry) throw new Error('no entry');
    const scrolled = vi.fn();
    entry.scrollIntoView = scrolled;
    entry.focus();
    await act(() => entry.click());
    await settle();
    expect(container.querySelector('.popup__notice')?.textContent).toContain('Mikhail Bogdanov');
    expect(scrolled).toHaveBeenCalledWith({ block: 'nearest' });
  });

  it('drops what the last action said (a mention shown) once the reader searches', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    await act(() => container.querySelector<HTMLButtonElement>('.page-entities button')?.click());
    await settle();
    const notice = () => container.querySelector('.popup__notice')?.textContent ?? '';
    expect(notice()).toContain('Mikhail Bogdanov');
    await type('Tartus');
    await settle();
    expect(notice()).toBe('');
  });

  it('opens the reader at a result and then closes', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    await type('23 million');
    await press('Enter');
    await settle();
    const [firstHit] = search('23 million');
    if (!firstHit) throw new Error('no hit');
    expect(services.openReader).toHaveBeenCalledWith(firstHit.type === 'fact' ? { factId: firstHit.id } : { entityId: firstHit.id });
    expect(services.closePopup).toHaveBeenCalledTimes(1);
  });

  it('footer links open the options page and the whole article', async () => {
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('footer button')];
    await act(() => buttons.find((button) => button.textContent === 'Options')?.click());
    await act(() => buttons.find((button) => button.textContent === 'Read the article')?.click());
    await settle();
    expect(services.openOptions).toHaveBeenCalledTimes(1);
    expect(services.openReader).toHaveBeenCalledWith({});
    expect(container.querySelector('footer')?.textContent).toContain(pack.version);
  });

  it('shows the reader\'s keys for opening a card, and what they do, or nothing when no keys are set', async () => {
    const { services } = fakePopupServices({ openCardShortcut: vi.fn(async () => 'Ctrl+Shift+Y') });
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();
    const hint = container.querySelector('footer .popup__shortcut');
    expect(hint?.querySelector('kbd')?.textContent).toBe('Ctrl+Shift+Y');
    // Read as one text, as shown and then what the keys do: a separate hidden ending was read " : Open the card…".
    const spoken = [...(hint?.children ?? [])].filter((part) => part.getAttribute('aria-hidden') !== 'true');
    expect(spoken.map((part) => part.textContent)).toEqual(['Open card: Ctrl+Shift+Y: Open the card for the highlighted term at the selection (again: the next term’s)']);
    expect(hint?.querySelector('[aria-hidden="true"]')?.textContent).toBe('Open card: Ctrl+Shift+Y');
    await unmount();

    const unset = fakePopupServices({ openCardShortcut: vi.fn(async () => undefined) });
    await mount(<Popup services={unset.services} search={search} retryDelaysMs={[]} />);
    await settle();
    expect(unset.services.openCardShortcut).toHaveBeenCalled();
    expect(container.querySelector('footer .popup__shortcut')).toBeNull();
  });
});

describe('popup tab', () => {
  it('uses ?tab=<id> when given', async () => {
    expect(await resolvePopupTabId('?tab=42')).toBe(42);
  });
});


function speakGerman(): void {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(germanMessage as typeof fakeBrowser.i18n.getMessage);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de');
}

describe('popup in German', () => {
  it('uses the German catalogue when the browser speaks German', async () => {
    speakGerman();
    const { services } = fakePopupServices();
    await mount(<Popup services={services} search={search} retryDelaysMs={[]} />);
    await settle();

    expect(searchBox().getAttribute('aria-label')).toBe('Fakten durchsuchen');
    expect(searchBox().placeholder).toBe('Fakten durchsuchen …');
    expect(container.querySelector('#page-panel-title')?.textContent).toBe('Auf dieser Seite');
    expect(switchNamed('Auf dieser Website markieren').checked).toBe(true);
    expect(switchNamed('In diesem Tab markieren').checked).toBe(true);
    expect(switchNamed('Überall markieren').checked).toBe(true);
    const row = container.querySelector('.page-entities button');
    expect(row?.querySelector('.kind-label')?.textContent).toBe('Person');
    expect(row?.querySelector('.visually-hidden')?.textContent).toBe('2 Erwähnungen');
    expect(container.querySelector('.page-panel__hint')?.textContent).toBe(
      '1 Begriff gefunden. Klicken Sie darauf, um zur nächsten Erwähnung zu springen.',
    );
    const footerButtons = [...container.querySelectorAll('footer button')].map((button) => button.textContent);
    expect(footerButtons).toEqual(['Einstellungen', 'Artikel lesen']);

    await type('bogdanov');
    const count = options().length;
    expect(container.querySelector('[role="status"][aria-live]')?.textContent).toBe(
      count === 1 ? '1 Treffer für „bogdanov“' : `${count} Treffer für „bogdanov“`,
    );
    await type('qqqxzzv');
    expect(container.querySelector('.search__empty-title')?.textContent).toBe('Keine Fakten zu „qqqxzzv“');
  });

  it('names the copy keys as a German keyboard labels them', async () => {
    speakGerman();
    await mount(<SearchPanel search={search} onOpen={() => {}} packOf={() => pack} copyText={vi.fn(async (_text: string) => {})} />);
    await type('23 million');
    const factIndex = options().findIndex((option) => option.classList.contains('result--fact'));
    for (let step = 0; step <= factIndex; step++) await press('ArrowDown');
    expect(container.querySelector('.result__copy')?.textContent).toBe('Strg+C kopiert das Zitat mit seiner Quelle');
  });

  it('puts the site in bold inside the German sentence', async () => {
    speakGerman();
    await mount(<PageStatePanel view={readyState({ status: 'off-site' })} onReveal={() => {}} />);
    const note = container.querySelector('.page-panel__note');
    expect(note?.textContent).toBe(
      'Markierungen sind auf example.com ausgeschaltet. Schalten Sie „Auf dieser Website markieren“ ein, um zu sehen, was diese Seite erwähnt.',
    );
    expect(note?.querySelector('strong')?.textContent).toBe('example.com');
  });
});

describe('page language', () => {
  it('sets <html lang dir> from the browser’s UI language when the catalogue in use is in that language', () => {
    const root = document.createElement('html');
    speakGerman();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de-DE');
    expect(applyDocumentLanguage(root)).toBe('de-DE');
    expect(root.lang).toBe('de-DE');
    expect(root.dir).toBe('ltr');
  });

  it('follows the catalogue when the UI language has none, or reports another language than it picked', () => {
    const root = document.createElement('html');
    // No i18n API: English text, English page.
    expect(applyDocumentLanguage(root)).toBe('en');
    expect(root.dir).toBe('ltr');
    // A French browser gets the English catalogue.
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('fr-FR');
    expect(applyDocumentLanguage(root)).toBe('en');
    // Headless Chromium with --lang=de answers from the German catalogue but says en-US.
    speakGerman();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    expect(applyDocumentLanguage(root)).toBe('de');
  });

  it('keeps the region of the UI language and knows right-to-left scripts', () => {
    expect(pageLanguage('de_AT', 'de')).toBe('de-AT');
    expect(pageLanguage('', 'de')).toBe('de');
    expect(pageLanguage(undefined)).toBe('en');
    expect(textDirection('ar-EG')).toBe('rtl');
    expect(textDirection('he')).toBe('rtl');
    expect(textDirection('de-DE')).toBe('ltr');
  });
});
