/**
 * Draws the card and the flashes of revealed terms in a shadow root, and keeps the card by its term.
 * This is the heavy half of the card (Preact, Floating UI, the card's CSS, and what the bundled pack
 * says: names, summaries, facts, quotes): pages load it only when a reader first rests on a term
 * (see lazy-scripts.ts); CardController decides when and what.
 */
import { autoUpdate, computePosition, flip, inline, limitShift, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { CompiledPack } from '@/src/core/pack/compile';
import { pack } from '@/src/pack/bundled';
import { CardLayer, type CardLayerProps } from '@/src/ui/card/CardLayer';
import { applyDocumentLanguage } from '@/src/ui/shared/document-language';
import cardCss from '@/src/ui/card/card.css?inline';
import type { Mention } from './engine';
import { TABBABLE_SELECTOR } from './focusable';
import { GLOSS_OWNED_ATTRIBUTE } from './text-nodes';
import { isUserEvent } from './user-events';

export const CARD_HOST_NAME = 'gloss-card';

/** Room the card keeps from the viewport's edges. */
const VIEWPORT_PADDING = 8;
/** The least height that shows a card's name and its first fact. */
const MIN_CARD_HEIGHT = 140;
/** Focus that left the notice this shortly before its dialog closed was taken by the closing, not by the reader. */
const FOCUS_TAKEN_BY_CLOSING_MS = 200;
/** What could press something in the card: a page's own (synthetic) ones stop at its shadow root. */
const PRESSING_EVENTS = ['click', 'auxclick', 'dblclick', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup', 'keypress', 'input', 'change', 'submit'];

/** Whether an element is in the browser's top layer: an open modal dialog, a popover, a fullscreen element. */
function isTopLayer(element: Element): boolean {
  try {
    return element.matches('dialog:modal, :popover-open, :fullscreen');
  } catch {
    // A browser without one of these selectors.
    return element.localName === 'dialog' && element.hasAttribute('open');
  }
}

/** An element's parent as it is rendered: its slot, its parent, or its shadow root's host. */
function flatTreeParent(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/**
 * The top-layer element a term is in, if any (shadow roots and slots crossed): a card outside it
 * would be drawn under it and, for a modal dialog, be inert.
 */
function topLayerAround(term: Element): Element | null {
  for (let element: Element | null = term; element; element = flatTreeParent(element)) if (isTopLayer(element)) return element;
  return null;
}

function stopUnlessFromReader(event: Event): void {
  if (isUserEvent(event)) return;
  event.stopImmediatePropagation();
  event.preventDefault();
}

/** Whether the card, at `position` and its current size, would lie over any of `rects` (a term's lines). */
function coversAnyOf(position: { x: number; y: number }, card: HTMLElement, rects: Iterable<DOMRect>): boolean {
  const { width, height } = card.getBoundingClientRect();
  for (const rect of rects) {
    const across = Math.min(position.x + width, rect.right) - Math.max(position.x, rect.left);
    const down = Math.min(position.y + height, rect.bottom) - Math.max(position.y, rect.top);
    if (across > 0.5 && down > 0.5) return true;
  }
  return false;
}

export class CardView {
  readonly #ctx: ContentScriptContext;
  readonly #ui: ShadowRootContentScriptUi<void>;
  #stopTracking: (() => void) | null = null;
  /** What the card is kept by, while it is: a render that replaces the card element (another entity chosen in it) places the new one there too. */
  #tracked: { card: HTMLElement; mention: Mention; pointer: { x: number; y: number } | null; onTermGone: () => void } | null = null;
  /** Which tracking a placement belongs to: one computed for an earlier term (placing is async) is dropped. */
  #tracking = 0;
  /** The top-layer element the last card's term was in: the notice after "Not this" shows there too while it is open. */
  #layer: Element | null = null;
  /** The layer listened to for leaving the top layer (taking the host out of sight with it), and how to stop. */
  #watchedLayer: Element | null = null;
  #layerWatch: AbortController | null = null;
  /** What was drawn last: drawn again in the document when the page closes the layer it was in. */
  #lastProps: CardLayerProps | null = null;
  /** What last had focus in the card layer, and when it lost it (null: it has not, that we heard). */
  #focusInside: { element: HTMLElement; lostAt: number | null } | null = null;

  private constructor(ctx: ContentScriptContext, ui: ShadowRootContentScriptUi<void>) {
    this.#ctx = ctx;
    this.#ui = ui;
  }

  static async create(ctx: ContentScriptContext): Promise<CardView> {
    let container: HTMLElement | null = null;
    const ui = await createShadowRootUi<void>(ctx, {
      name: CARD_HOST_NAME,
      position: 'inline',
      anchor: document.documentElement,
      append: 'last',
      mode: 'open',
      css: cardCss,
      // Keys typed in the card (Tab, Space, Enter) must not reach the page's own shortcuts. They stop
      // inside the shadow root; Esc still closes the card, heard by CardController's capturing listener
      // on the document before that.
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (uiContainer, _shadow, host) => {
        container = uiContainer;
        // The card speaks the browser's language, not the page's (whose `lang` it would inherit).
        applyDocumentLanguage(uiContainer);
        host.setAttribute(GLOSS_OWNED_ATTRIBUTE, '');
      },
      onRemove: () => {
        if (container) render(null, container);
      },
    });
    ui.mount();
    // In the page only while it shows something (see render).
    ui.shadowHost.remove();
    // The page can reach the card's buttons through the open shadow root (`button.click()`): only the
    // reader's events get past its root, so no page opens reader tabs or writes "Not this".
    for (const type of PRESSING_EVENTS) {
      ctx.addEventListener(ui.shadow, type, stopUnlessFromReader, { capture: true });
    }
    const view = new CardView(ctx, ui);
    ctx.addEventListener(ui.shadow, 'focusin', (event) => {
      if (event.target instanceof HTMLElement) view.#focusInside = { element: event.target, lostAt: null };
    });
    ctx.addEventListener(ui.shadow, 'focusout', () => {
      if (view.#focusInside) view.#focusInside.lostAt = performance.now();
    });
    ctx.onInvalidated(() => {
      view.stopTracking();
      view.#watchLayer(null);
    });
    return view;
  }

  /** Draws the card, flashes and notice; `term` is the open card's term, whose top layer the card joins. */
  render(props: CardLayerProps, term: Element | null = null): void {
    if (this.#ctx.isInvalid) return;
    const host = this.#ui.shadowHost;
    const showsSomething = props.card !== null || props.flashes.length > 0 || props.hiddenNotice !== null;
    if (showsSomething) {
      if (term) this.#layer = topLayerAround(term);
      else if (this.#layer && !(this.#layer.isConnected && isTopLayer(this.#layer))) this.#layer = null;
      const parent = this.#layer ?? document.documentElement;
      if (host.parentNode !== parent) parent.append(host);
      this.#joinTopLayer(this.#layer !== null);
    }
    this.#watchLayer(showsSomething ? this.#layer : null);
    this.#lastProps = showsSomething ? props : null;
    render(h(CardLayer, props), this.#ui.uiContainer);
    // Nothing to show: the element leaves the page, which then looks as it did before Gloss.
    if (!showsSomething) host.remove();
    const card = this.cardElement();
    if (card && this.#tracked && card !== this.#tracked.card) this.track(card, this.#tracked.mention, this.#tracked.pointer, this.#tracked.onTermGone);
  }

  /**
   * When the page closes the dialog (popover, fullscreen element) the host is in, what it shows
   * moves to the document: the notice after "Not this", with its Undo, would otherwise wait unseen in
   * the closed dialog until it timed out. (An open card is left to close by itself: its term is no
   * longer drawn, see track.)
   */
  #watchLayer(layer: Element | null): void {
    if (layer === this.#watchedLayer) return;
    this.#layerWatch?.abort();
    this.#layerWatch = null;
    this.#watchedLayer = layer;
    if (!layer) return;
    const watch = new AbortController();
    const leftTopLayer = () => {
      if ((layer.isConnected && isTopLayer(layer)) || this.#ctx.isInvalid || !this.#lastProps || this.#lastProps.card) return;
      // A keyboard reader on Undo stays there. Closing the dialog took focus out already (Firefox
      // gives it to the dialog's opener just before the close event; Chromium drops it on removal
      // without a focusout): focus that left the notice a moment ago comes back too.
      const focused = this.#focusInside;
      const giveBack = focused && (focused.lostAt === null || performance.now() - focused.lostAt < FOCUS_TAKEN_BY_CLOSING_MS) ? focused.element : null;
      this.render(this.#lastProps);
      if (giveBack?.isConnected && this.#ui.shadow.contains(giveBack)) giveBack.focus({ preventScroll: true });
    };
    // Each says the element may have left the top layer: a dialog's close, a popover's toggle, fullscreen's end.
    for (const type of ['close', 'toggle']) layer.addEventListener(type, leftTopLayer, { signal: watch.signal });
    document.addEventListener('fullscreenchange', leftTopLayer, { signal: watch.signal });
    // Or the page took it out of the document, which fires none of them. Watched only while the
    // notice shows in such an element, a few seconds at most.
    const removal = new MutationObserver(() => {
      if (!layer.isConnected) leftTopLayer();
    });
    removal.observe(document, { childList: true, subtree: true });
    watch.signal.addEventListener('abort', () => removal.disconnect(), { once: true });
    this.#layerWatch = watch;
  }

  /**
   * Inside a top-layer element the host joins the top layer itself, as a manual popover (shown after
   * that element, so above it): a dialog centred with a transform, or scrolling its overflow, would
   * otherwise place and clip the card as its own content. Elsewhere it is a plain element.
   */
  #joinTopLayer(join: boolean): void {
    const host = this.#ui.shadowHost;
    if (typeof host.showPopover !== 'function') return;
    if (!join) {
      host.removeAttribute('popover');
      return;
    }
    if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
    if (!isTopLayer(host)) host.showPopover();
  }

  /** Whether an event happened inside the card (or a flash). */
  contains(event: Event): boolean {
    return event.composedPath().includes(this.#ui.shadowHost);
  }

  hasFocus(): boolean {
    return this.#ui.shadow.activeElement !== null;
  }

  /**
   * Whether Tab (or Shift+Tab, `backwards`) would take focus out of the card: from its last control,
   * or from its first one or the card itself.
   */
  tabLeavesCard(backwards: boolean): boolean {
    const card = this.cardElement();
    const focused = this.#ui.shadow.activeElement;
    if (!card || !focused || !card.contains(focused)) return false;
    const controls = [...card.querySelectorAll<HTMLElement>(TABBABLE_SELECTOR)].filter((control) => !control.closest('[hidden], [inert]'));
    if (backwards) return focused === card || focused === controls[0];
    return controls.length === 0 || focused === controls.at(-1);
  }

  cardElement(): HTMLElement | null {
    return this.#ui.shadow.querySelector<HTMLElement>('.card');
  }

  /**
   * Places the card by the term, and keeps it there while the page scrolls or resizes; `onTermGone`
   * when the term is no longer drawn (the page closed the dialog it was in, or hid it).
   */
  track(card: HTMLElement, mention: Mention, pointer: { x: number; y: number } | null, onTermGone: () => void): void {
    this.stopTracking();
    const tracking = this.#tracking;
    const reference: VirtualElement = {
      getBoundingClientRect: () => mention.range().getBoundingClientRect(),
      getClientRects: () => mention.range().getClientRects(),
      contextElement: mention.anchorElement(),
    };
    const place = (around: { x: number; y: number } | undefined) =>
      computePosition(reference, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(6),
          // A term broken over two lines: place by the line under the pointer (`around`), or with
          // none, below the term's last line or above its first.
          inline(around),
          flip({ padding: VIEWPORT_PADDING, fallbackStrategy: 'bestFit' }),
          size({
            padding: VIEWPORT_PADDING,
            apply({ availableHeight, elements }) {
              const viewportRoom = document.documentElement.clientHeight - 2 * VIEWPORT_PADDING;
              const height = Math.min(viewportRoom, Math.max(MIN_CARD_HEIGHT, availableHeight));
              elements.floating.style.maxHeight = `${Math.floor(height)}px`;
            },
          }),
          // Along the page as far as it takes. Up or down (after size, so at the height it gave) only
          // when neither side of the term has room, as in a small frame: then over the term rather
          // than out of sight, but never off it.
          shift({ padding: VIEWPORT_PADDING, crossAxis: true, limiter: limitShift({ mainAxis: false }) }),
        ],
      });
    const update = () => {
      const anchor = mention.anchorElement();
      // checkVisibility: false inside a closed dialog or any display: none (absent in older browsers).
      if (!anchor.isConnected || (typeof anchor.checkVisibility === 'function' && !anchor.checkVisibility())) {
        if (tracking === this.#tracking) onTermGone();
        return;
      }
      void place(pointer ?? undefined)
        .then((position) => {
          if (!pointer) return position;
          // By the pointer's line, a card shifted along a narrow screen can lie on the term's other
          // line (the name's end, under its start): then it goes by the whole term instead.
          const lines = mention.range().getClientRects();
          return lines.length > 1 && coversAnyOf(position, card, lines) ? place(undefined) : position;
        })
        .then(({ x, y }) => {
          if (tracking !== this.#tracking) return;
          // The position is in the viewport; the card is placed in its host's containing block, which a
          // dialog centred with a transform makes its own. The host sits at that block's corner.
          const origin = this.#ui.shadowHost.getBoundingClientRect();
          card.style.left = `${Math.round(x - origin.left)}px`;
          card.style.top = `${Math.round(y - origin.top)}px`;
        });
    };
    this.#stopTracking = autoUpdate(reference, card, update);
    this.#tracked = { card, mention, pointer, onTermGone };
  }

  stopTracking(): void {
    this.#tracking++;
    this.#stopTracking?.();
    this.#stopTracking = null;
    this.#tracked = null;
  }
}

/** What the lazily loaded card script hands to the content script. */
export interface CardViewModule {
  createCardView: (ctx: ContentScriptContext) => Promise<CardView>;
  /** The bundled pack whole: the content script carries only its index (see PageLibrary). */
  bundledPack: CompiledPack;
}

export const cardViewModule: CardViewModule = {
  createCardView: (ctx) => CardView.create(ctx),
  bundledPack: pack,
};
