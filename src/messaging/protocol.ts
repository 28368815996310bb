/**
 * The one message contract between Gloss's parts. Content scripts talk to the background; the
 * popup and background talk to a tab's content script. Nothing here ever leaves the browser.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { LazyScript } from '@/src/content/lazy-scripts';
import type { Settings } from '@/src/core/settings-base';
import type { CompiledPacks } from '@/src/storage/compiled-packs';

/** Why highlighting is off on a page, or `on`. */
export type PageStatus = 'on' | 'off-everywhere' | 'off-site' | 'off-tab';

export interface EntityCount {
  entityId: string;
  count: number;
}

export interface PageState {
  /** The site key (hostname without "www.") the per-site switch applies to. */
  site: string;
  status: PageStatus;
  /** Entities found on the page, most mentioned first. Empty while highlighting is off. */
  entities: EntityCount[];
  /** True until the first full scan of the page has finished. */
  scanning: boolean;
}

export interface OpenReaderRequest {
  factId?: string;
  entityId?: string;
}

export interface ContentToBackground {
  /**
   * What the toolbar button shows for the page changed (its status or the number of entities found);
   * the background updates the badge of the sender's tab. A page loaded with nothing to show sends nothing.
   */
  reportPageState(state: PageState): void;
  /** Whether highlighting was switched off for the sender's tab (kept across reloads of that tab). */
  getTabDisabled(): boolean;
  /** Opens the source reader in a new tab, at a fact's quote or an entity's quotes. */
  openReader(request: OpenReaderRequest): void;
  /** Runs a part of the content script loaded on first use (see lazy-scripts.ts) in the sender's frame; resolves once it ran. */
  loadLazyScript(name: LazyScript): void;
  /**
   * The sender's frame has text to read (see frame-text.ts): runs the frame check there
   * (entrypoints/frame-check.ts), or the content script proper at once while an imported pack is in
   * use (the check knows the bundled pack only). Resolves once the script ran.
   */
  frameHasText(): void;
  /** The frame check found that the sender's frame may mention the story: runs the content script proper there; resolves once it ran. */
  startInFrame(): void;
  /**
   * Compiles the imported packs for pages again (a page found them made by another build) and
   * returns them as stored (see src/storage/compiled-packs.ts).
   */
  compilePacks(): CompiledPacks;
  /** The stored settings read with the schema, for a page that found them in another form (see page-settings.ts). */
  readSettings(): Settings;
  /**
   * The reader said a mention is "not this" (hidden: its term, an entity's spelling, is no longer
   * marked on that site), or took it back. False when refused, with nothing stored: a site without a
   * site key (a file:// page) or a term that is not one (see HIDDEN_TERM_PATTERN).
   */
  setTermHiddenOnSite(data: { site: string; term: string; hidden: boolean }): boolean;
  /** The site key of the page shown in the sender's tab, for a frame in it (see site-around.ts); undefined where the tab's address is hidden from Gloss. */
  siteOfTab(): string | undefined;
}

export interface ToContent {
  getPageState(): PageState;
  /** Switches highlighting on the tab on or off; returns the new state. */
  setTabEnabled(enabled: boolean): PageState;
  /** Scrolls to the entity's next occurrence and briefly emphasises it; false if there is none. */
  revealEntity(entityId: string): boolean;
  /** Opens the card for the highlighted term at (or nearest to) the selection, and focuses it. */
  openCardAtSelection(): boolean;
}

export interface PopupToBackground {
  /** Switches highlighting on a tab on or off (the keyboard command uses the same path). */
  setTabDisabled(data: { tabId: number; disabled: boolean }): void;
}

export type BackgroundProtocol = ContentToBackground & PopupToBackground;

/** Messages to the background. A script that needs it only sometimes calls this itself (frame-probe.ts). */
export const makeBackgroundMessenger = () => defineExtensionMessaging<BackgroundProtocol>();
// Marked pure so that a script importing one of them does not make (and carry) the other.
export const backgroundMessenger = /* @__PURE__ */ makeBackgroundMessenger();
export const contentMessenger = /* @__PURE__ */ defineExtensionMessaging<ToContent>();
