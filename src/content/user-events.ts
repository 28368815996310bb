/**
 * Whether the reader made an event (a real pointer, key or tap), not a page script (`dispatchEvent`,
 * `element.click()`). Pages can reach Gloss's cards only through events: only the reader's open a
 * card or press its buttons, so no page opens reader tabs, writes "Not this" or shows itself a card.
 */
export function isUserEvent(event: Event): boolean {
  return event.isTrusted;
}
