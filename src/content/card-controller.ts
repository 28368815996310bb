/**
 * When the card shows, where, and for what. Hover intent: the card opens when the pointer rests on
 * a highlighted term (not when it sweeps across), stays while the pointer travels into it, pins on
 * click, and closes on Esc, an outside click, or after a grace period once the pointer has left.
 * A touch screen has no hover: there a tap on a term opens its card, pinned, unless the tap was the
 * page's (on a link or a control, in a region a script made clickable, or handled by the page).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CompiledPack } from '@/src/core/pack/compile';
import type { PackLibrary, PageLibrary } from '@/src/core/pack/library';
import { hiddenSpellingTerm } from '@/src/core/settings-base';
import type { Flash } from '@/src/ui/card/CardLayer';
import type { CardView, CardViewModule } from './card-view';
import type { HighlightEngine, Mention } from './engine';
import { TABBABLE_SELECTOR, hasFocus } from './focusable';
import { pageTheme } from './page-theme';
import { ContextTimers } from './timers';
import { isUserEvent } from './user-events';

/**
 * Where a tap belongs to the page, not to Gloss: links, controls, and elements that take text or
 * react to a press. A term there gets no card from a tap (it still has one on hover).
 */
const INTERACTIVE_SELECTOR =
  'a[href], button, input, select, textarea, label, summary, audio, video, [onclick], [contenteditable]:not([contenteditable="false"]), ' +
  '[role="button"], [role="link"], [role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"]';

/** A pointer that moved further than this while waiting was sweeping past, not resting. */
const REST_TOLERANCE_PX = 6;
/** Time to travel from the term into the card (or back) before the card closes. */
const CLOSE_GRACE_MS = 350;
const FLASH_MS = 1600;

interface OpenCard {
  entityId: string;
  mention: Mention;
  pinned: boolean;
  /** Opened from the keyboard (focus moved into it): the reader is working with the card. */
  keyboard: boolean;
  pointer: { x: number; y: number } | null;
}

interface PendingOpen {
  mention: Mention;
  x: number;
  y: number;
  timer: ReturnType<typeof setTimeout>;
}

export interface CardControllerOptions {
  /** The packs in use now (they can change while the page is open). */
  library: () => PageLibrary;
  hoverDelayMs: () => number;
  openReader: (factId: string) => void;
  /** "Not this" (hidden) and its Undo (not): stored for this page's site (`term`: see HIDDEN_TERM_PATTERN). */
  setTermHidden: (term: string, hidden: boolean) => void;
  /** The site "Not this" applies to, as the reader is told. */
  site: () => string;
  /** The drawing half of the card, loaded when first needed (see lazy-scripts.ts). */
  loadView: () => Promise<CardViewModule>;
}

function isInInteractiveElement(event: Event): boolean {
  // The composed path: a link inside a web component's shadow root counts too. A pointer cursor is
  // how pages mark what a script makes clickable (a teaser whose whole box opens the story).
  for (const target of event.composedPath()) {
    if (!(target instanceof Element)) continue;
    if (target.matches(INTERACTIVE_SELECTOR) || getComputedStyle(target).cursor === 'pointer') return true;
  }
  return false;
}

/** A listener that hears only the reader's events (see user-events.ts). */
function readerOnly<E extends Event>(listen: (event: E) => void): (event: E) => void {
  return (event) => {
    if (isUserEvent(event)) listen(event);
  };
}

function sameMention(a: Mention, b: Mention): boolean {
  if (a.entityId !== b.entityId || a.anchorElement() !== b.anchorElement()) return false;
  const first = a.range();
  const second = b.range();
  return (
    first.startContainer === second.startContainer &&
    first.startOffset === second.startOffset &&
    first.endContainer === second.endContainer &&
    first.endOffset === second.endOffset
  );
}

/** A spelling hidden with "Not this", as its notice (with Undo) tells it. */
interface HiddenSpelling {
  term: string;
  spelling: string;
  name: string;
  focusUndo: boolean;
  /** Undo was pressed: the notice says so for a moment. */
  undone: boolean;
  /** Where a reader's focus goes back to when it leaves the notice (see #focusBackFrom). */
  returnTo: { anchor: Element; around: Element | null; before: Element | null };
}

export class CardController {
  readonly #ctx: ContentScriptContext;
  readonly #engine: () => HighlightEngine | null;
  readonly #options: CardControllerOptions;
  #view: CardView | null = null;
  /** Arrives with the view: the content script carries only the bundled pack's index. */
  #bundledPack: CompiledPack | null = null;
  #viewPromise: Promise<CardView | null> | null = null;
  #card: OpenCard | null = null;
  #pending: PendingOpen | null = null;
  #closeTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #timers: ContextTimers;
  #flashes: Flash[] = [];
  #nextFlashId = 1;
  #focusBeforeOpen: Element | null = null;
  /**
   * The reader's selection when the keyboard opened the first card, and the term it led to. Closing
   * from inside the card gives it back; once the reader has gone on to other terms, the caret goes
   * to the last one's instead, where focus goes too, so the command goes on from there.
   */
  #selectionBeforeOpen: { ranges: Range[]; mention: Mention } | null = null;
  /** A term's element given a tabindex to take focus back from the card, until it loses focus. */
  #lentTabIndex: HTMLElement | null = null;
  /** The kind of pointer of the last press: a click from a finger or a pen tap opens a card. */
  #pressedWith = '';
  #theme: 'light' | 'dark' = 'light';
  /** The term just hidden with "Not this" (an entity's spelling), while its notice shows. */
  #hidden: HiddenSpelling | null = null;

  constructor(ctx: ContentScriptContext, engine: () => HighlightEngine | null, options: CardControllerOptions) {
    this.#ctx = ctx;
    this.#timers = new ContextTimers(ctx);
    this.#engine = engine;
    this.#options = options;
    // The reader's events only (user-events.ts): a page's own cannot open, pin or close cards.
    ctx.addEventListener(document, 'pointermove', readerOnly((event) => this.#onPointerMove(event)), { passive: true, capture: true });
    ctx.addEventListener(document, 'pointerdown', readerOnly((event) => this.#onPointerDown(event)), { capture: true });
    ctx.addEventListener(document, 'keydown', readerOnly((event) => this.#onKeyDown(event)), { capture: true });
    // Bubbling, not capturing: the page's own handlers run first, and a tap they handled is theirs.
    ctx.addEventListener(document, 'click', readerOnly((event) => this.#onClick(event)));
    // The pointer left the document (into another frame, out of the window): it did not rest on the
    // term it was last over, and this document hears no more moves to tell.
    ctx.addEventListener(document.documentElement, 'pointerleave', readerOnly(() => this.#offTerms()));
    ctx.onInvalidated(() => {
      this.close();
      this.#returnTabIndex();
    });
  }

  get isOpen(): boolean {
    return this.#card !== null;
  }

  /** The open card's mention while the reader's focus is inside the card (keyboard use), else null. */
  get focusedMention(): Mention | null {
    return this.#card && this.#view?.hasFocus() ? this.#card.mention : null;
  }

  /** Opens the card for a mention now (keyboard command, tests), optionally moving focus into it. */
  async open(mention: Mention, options: { focus?: boolean; pinned?: boolean; pointer?: { x: number; y: number } } = {}): Promise<void> {
    this.#cancelPending();
    this.#cancelClose();
    // From one card to the next (the keyboard command again), Esc still returns where the reader was before the first.
    if (options.focus && !this.#view?.hasFocus()) {
      this.#focusBeforeOpen = document.activeElement;
      const selection = document.getSelection();
      const ranges = selection ? Array.from({ length: selection.rangeCount }, (_, index) => selection.getRangeAt(index).cloneRange()) : [];
      this.#selectionBeforeOpen = ranges.length > 0 ? { ranges, mention } : null;
    }
    this.#theme = pageTheme(document);
    this.#card = {
      entityId: mention.entityId,
      mention,
      pinned: options.pinned ?? false,
      keyboard: options.focus ?? false,
      pointer: options.pointer ?? null,
    };
    this.#engine()?.setActive(mention);
    await this.#render();
    if (!this.#view && this.#card?.mention === mention) {
      // Nothing to draw with (see #ensureView): no card is open, so the next rest tries again.
      this.#card = null;
      this.#engine()?.setActive(null);
      return;
    }
    const card = this.#cardElement();
    if (!card || !this.#card) return;
    this.#view?.track(card, this.#card.mention, this.#card.pointer, () => this.close());
    if (options.focus) card.focus({ preventScroll: true });
  }

  close(): void {
    this.#cancelPending();
    this.#cancelClose();
    if (!this.#card) return;
    const card = this.#cardElement();
    const focusWasInside = card !== null && this.#view !== null && this.#view.hasFocus();
    const { mention, keyboard } = this.#card;
    this.#card = null;
    this.#engine()?.setActive(null);
    this.#view?.stopTracking();
    void this.#render();
    if (focusWasInside) {
      this.#returnFocus(this.#focusBeforeOpen, mention.anchorElement(), keyboard);
      this.#returnSelection(mention);
    }
    this.#focusBeforeOpen = null;
    this.#selectionBeforeOpen = null;
  }

  #returnSelection(closing: Mention): void {
    const before = this.#selectionBeforeOpen;
    const selection = document.getSelection();
    if (!before || !selection) return;
    // Focus went back into a text field: its own caret is the reader's place, and a document
    // selection set now would move it (and lose what the reader types next).
    const focused = document.activeElement;
    if (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement || (focused instanceof HTMLElement && focused.isContentEditable)) return;
    if (sameMention(before.mention, closing)) {
      if (!before.ranges.every((range) => range.startContainer.isConnected && range.endContainer.isConnected)) return;
      selection.removeAllRanges();
      for (const range of before.ranges) selection.addRange(range);
      return;
    }
    const term = closing.range();
    if (term.startContainer.isConnected) selection.collapse(term.startContainer, term.startOffset);
  }

  /**
   * Focus leaves the card for where the reader was before it opened (`before`), or else for its term:
   * never for the document's body, from where the next Tab would start again at the top of the page.
   */
  #returnFocus(before: Element | null, anchor: Element, openedFromKeyboard: boolean): void {
    if (before instanceof HTMLElement && before !== document.body && before.isConnected) {
      before.focus({ preventScroll: true });
      if (hasFocus(before)) return;
    }
    if (!anchor.isConnected) return;
    // A term inside a link or a control: that is where the reader is. Not merely inside a region with
    // tabindex="-1" (a skip link's <main>): focus there would send the next Tab to the region's top.
    const control = anchor.closest(TABBABLE_SELECTOR);
    if (control instanceof HTMLElement) {
      control.focus({ preventScroll: true });
      if (hasFocus(control)) return;
    }
    // A pointer that closed the card puts focus where it pressed; only a keyboard reader needs a place.
    if (!openedFromKeyboard || !(anchor instanceof HTMLElement) || anchor.hasAttribute('tabindex')) return;
    // Plain text takes no focus: its element borrows a tabindex while it has focus, so that the
    // next Tab goes on from the term.
    this.#returnTabIndex();
    anchor.setAttribute('tabindex', '-1');
    this.#lentTabIndex = anchor;
    const giveBack = () => (this.#lentTabIndex === anchor ? this.#returnTabIndex() : undefined);
    this.#ctx.addEventListener(anchor, 'blur', giveBack, { once: true });
    anchor.focus({ preventScroll: true });
    // It could not take focus (the page made it inert meanwhile): no blur will come to give it back.
    if (!hasFocus(anchor)) {
      anchor.removeEventListener('blur', giveBack);
      giveBack();
    }
  }

  #returnTabIndex(): void {
    this.#lentTabIndex?.removeAttribute('tabindex');
    this.#lentTabIndex = null;
  }

  /** Briefly emphasises a mention (after the popup scrolled to it). Draws over the page, writes nothing into it. */
  async flash(mention: Mention): Promise<void> {
    const rects = [...mention.range().getClientRects()];
    if (rects.length === 0) return;
    const id = this.#nextFlashId++;
    this.#flashes = [
      ...this.#flashes,
      ...rects.map((rect, index) => ({ id: `${id}-${index}`, left: rect.left - 2, top: rect.top - 1, width: rect.width + 4, height: rect.height + 2 })),
    ];
    await this.#render();
    this.#timers.set(() => {
      this.#flashes = this.#flashes.filter((flash) => !flash.id.startsWith(`${id}-`));
      void this.#render();
    }, FLASH_MS);
  }

  #isInsideUi(event: Event): boolean {
    return this.#view?.contains(event) ?? false;
  }

  #onPointerMove(event: PointerEvent): void {
    if (event.pointerType === 'touch') return;
    if (this.#isInsideUi(event)) {
      this.#cancelClose();
      this.#cancelPending();
      return;
    }
    // A button held down: the reader is selecting text (or dragging), and a card would cover where the selection goes.
    if (event.buttons !== 0) {
      this.#cancelPending();
      return;
    }
    const mention = this.#engine()?.mentionAt(event) ?? null;
    if (!mention) {
      this.#offTerms();
      return;
    }
    if (this.#card && sameMention(this.#card.mention, mention)) {
      this.#cancelClose();
      return;
    }
    const pending = this.#pending;
    if (pending && sameMention(pending.mention, mention)) {
      if (Math.hypot(event.clientX - pending.x, event.clientY - pending.y) <= REST_TOLERANCE_PX) return;
    }
    // A new term, or the pointer is still moving: (re)start waiting for it to rest, and meanwhile
    // load the card's drawing half if this is the first term the reader points at.
    this.#cancelPending();
    void this.#ensureView();
    const { clientX: x, clientY: y } = event;
    const timer = this.#timers.set(() => {
      this.#pending = null;
      if (this.#card?.pinned) return;
      void this.open(mention, { pointer: { x, y } });
    }, this.#options.hoverDelayMs());
    this.#pending = { mention, x, y, timer };
  }

  #onPointerDown(event: PointerEvent): void {
    this.#pressedWith = event.pointerType;
    if (!this.#card) return;
    if (this.#isInsideUi(event)) {
      // Clicking into the card keeps it open while the reader selects or copies text.
      this.#pin();
      return;
    }
    const mention = this.#engine()?.mentionAt(event) ?? null;
    if (mention && sameMention(mention, this.#card.mention)) return;
    this.close();
  }

  /** Keeps the open card open until the reader closes it (it shows that it is pinned). */
  #pin(): void {
    if (!this.#card || this.#card.pinned) return;
    this.#card.pinned = true;
    void this.#render();
  }

  /** A tap on a term (touch or pen, which may not hover): open its card, pinned, as a rest would. */
  #onClick(event: MouseEvent): void {
    const pressedWith = this.#pressedWith;
    // A click with no press before it (from the keyboard) is no tap.
    this.#pressedWith = '';
    if (pressedWith !== 'touch' && pressedWith !== 'pen') return;
    if (event.defaultPrevented || event.button !== 0 || this.#isInsideUi(event)) return;
    const mention = this.#engine()?.mentionAt(event) ?? null;
    if (!mention || isInInteractiveElement(event)) return;
    if (this.#card && sameMention(this.#card.mention, mention)) {
      // A pen that hovered opened it already: the tap pins it.
      this.#pin();
      return;
    }
    void this.open(mention, { pinned: true, pointer: { x: event.clientX, y: event.clientY } });
  }

  #onKeyDown(event: KeyboardEvent): void {
    // Keys that an input method is composing with belong to it (Esc cancels the composition).
    if (event.isComposing) return;
    if (event.key === 'Tab' && this.#card) {
      this.#onTab(event);
      return;
    }
    if (event.key !== 'Escape' || !this.#card) return;
    // Esc is the card's only when the reader is addressing it (focus in it, pinned, opened from the
    // keyboard). A card that merely showed on hover closes, and the page still hears the key: its
    // own modal or menu closes too, a video leaves full screen.
    if (this.#card.pinned || this.#card.keyboard || this.#view?.hasFocus()) {
      event.stopPropagation();
      event.preventDefault();
    }
    this.close();
  }

  /**
   * Tab past the card's last control, or Shift+Tab before its first: the reader is done with the card,
   * as with a disclosure popover. It closes and focus goes back where the reader was; left to the
   * browser, focus would go on from the card's place at the document's end, to the top of the page.
   */
  #onTab(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || !this.#view?.tabLeavesCard(event.shiftKey)) return;
    event.preventDefault();
    event.stopPropagation();
    this.close();
  }

  /** The pointer is over no term: nothing opens, and an open card closes after a grace period. */
  #offTerms(): void {
    this.#cancelPending();
    this.#scheduleClose();
  }

  #scheduleClose(): void {
    if (!this.#card || this.#card.pinned || this.#closeTimer !== null) return;
    this.#closeTimer = this.#timers.set(() => {
      this.#closeTimer = null;
      if (this.#card && !this.#card.pinned) this.close();
    }, CLOSE_GRACE_MS);
  }

  #cancelClose(): void {
    this.#timers.clear(this.#closeTimer);
    this.#closeTimer = null;
  }

  #cancelPending(): void {
    if (this.#pending) this.#timers.clear(this.#pending.timer);
    this.#pending = null;
  }

  /** The packs in use, whole: known once the view (which brings the bundled pack) has loaded. */
  #library(): PackLibrary | null {
    return this.#bundledPack ? this.#options.library().complete(this.#bundledPack) : null;
  }

  #selectEntity(entityId: string): void {
    if (!this.#card || !this.#library()?.entity(entityId)) return;
    // The card keeps its place by the term (the view places the new card where the old one was
    // kept); only its content changes, and it stays open.
    this.#card = { ...this.#card, entityId, pinned: true };
    void this.#render().then(() => this.#cardElement()?.focus({ preventScroll: true }));
  }

  #ensureView(): Promise<CardView | null> {
    this.#viewPromise ??= this.#options
      .loadView()
      .then((module) => {
        if (this.#ctx.isInvalid) return null;
        this.#bundledPack = module.bundledPack;
        return module.createCardView(this.#ctx);
      })
      .then((view) => (this.#view = view))
      .catch((error: unknown) => {
        // Nothing to draw with (the extension was updated or removed meanwhile); try again next time.
        console.warn('Gloss: could not load the card', error);
        this.#viewPromise = null;
        return null;
      });
    return this.#viewPromise;
  }

  async #render(): Promise<void> {
    if (!this.#card && this.#flashes.length === 0 && !this.#hidden && !this.#view) return;
    const view = await this.#ensureView();
    if (!view || this.#ctx.isInvalid) return;
    const card = this.#card;
    const library = this.#library();
    const entity = card ? library?.entity(card.entityId) : undefined;
    // Only for the term's own entity: a related entity chosen in the card was not marked there.
    const markedText = card && card.mention.entityId === card.entityId ? card.mention.range().toString() : undefined;
    view.render({
      theme: this.#theme,
      flashes: this.#flashes,
      card:
        card && entity && library
          ? {
              entity,
              markedText,
              facts: entity.factIds.map((id) => library.fact(id)).filter((fact) => fact !== undefined),
              related: entity.related.map((id) => library.entity(id)).filter((other) => other !== undefined),
              source: library.packOf(entity.id)?.source ?? { title: '' },
              contentLang: library.packOf(entity.id)?.language,
              // A card the keyboard opened stays open as a pinned one does; "pinned" would mean nothing to its reader.
              pinned: card.pinned && !card.keyboard,
              onSelectEntity: (id: string) => this.#selectEntity(id),
              onReadSource: (factId: string) => this.#options.openReader(factId),
              // "Not this" is about the mark: not offered for a related entity chosen in the card. Settings
              // keep it per site: a page without one (a file) has nowhere to keep it.
              onHide: markedText && this.#options.site() ? (fromKeyboard: boolean) => this.#hide(fromKeyboard) : undefined,
              onClose: () => this.close(),
            }
          : null,
      hiddenNotice: this.#hidden
        ? {
            spelling: this.#hidden.spelling,
            entityName: this.#hidden.name,
            site: this.#options.site(),
            focusUndo: this.#hidden.focusUndo,
            undone: this.#hidden.undone,
            onUndo: () => this.#undoHide(),
            onDismiss: () => this.#dismissHidden(),
          }
        : null,
    }, card?.mention.anchorElement() ?? null);
  }

  /**
   * "Not this": the card closes, the term's spelling stops being marked as its entity on this site
   * ("Golani" for the brigade; the entity's other names stay marked), and a notice offers Undo.
   */
  #hide(fromKeyboard: boolean): void {
    if (!this.#card) return;
    const { mention } = this.#card;
    const spelling = mention.range().toString().trim();
    const name = this.#library()?.entity(mention.entityId)?.name ?? mention.entityId;
    // Only a keyboard reader is taken to Undo: for a click, focus held there kept the notice up
    // (it stays while it has focus) until the reader clicked elsewhere.
    const focusUndo = fromKeyboard && (this.#view?.hasFocus() ?? false);
    // The term's element, and the one around it: a <mark> the mark.js engine drew is gone once the spelling is hidden.
    const anchor = mention.anchorElement();
    const returnTo = { anchor, around: anchor.parentElement, before: this.#focusBeforeOpen };
    this.close();
    const term = hiddenSpellingTerm(mention.entityId, spelling);
    this.#options.setTermHidden(term, true);
    this.#hidden = { term, spelling, name, focusUndo, undone: false, returnTo };
    void this.#render();
  }

  #undoHide(): void {
    const hidden = this.#hidden;
    if (!hidden || hidden.undone) return;
    this.#options.setTermHidden(hidden.term, false);
    // The notice says so (a status: a screen reader reads it out) and goes by itself; Undo leaves it.
    const focusWasInside = this.#view?.hasFocus() ?? false;
    this.#hidden = { ...hidden, undone: true };
    void this.#render();
    if (focusWasInside) this.#focusBackFrom(hidden);
  }

  #dismissHidden(): void {
    const hidden = this.#hidden;
    if (!hidden) return;
    const focusWasInside = this.#view?.hasFocus() ?? false;
    this.#hidden = null;
    void this.#render();
    if (focusWasInside) this.#focusBackFrom(hidden);
  }

  /**
   * Focus in the notice (on Undo, Dismiss, or Esc pressed there) would fall to the page's body as its
   * button goes: it goes back where the card would have sent it, as after Esc on the card.
   */
  #focusBackFrom({ returnTo, focusUndo: fromKeyboard }: HiddenSpelling): void {
    if (this.#card) return;
    // As after a card: a pointer's "Not this" leaves plain text unfocused, a keyboard reader needs a place.
    this.#returnFocus(returnTo.before, returnTo.anchor.isConnected || !returnTo.around ? returnTo.anchor : returnTo.around, fromKeyboard);
  }

  #cardElement(): HTMLElement | null {
    return this.#view?.cardElement() ?? null;
  }
}
