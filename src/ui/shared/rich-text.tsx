import { Fragment, type ComponentChildren } from 'preact';
import { t, type MessageKey } from '@/src/ui/i18n';

/** Private-use characters: never in a translation, so a token can't clash with real text. */
const TOKEN = /\uE000(\d+)\uE001/;

/**
 * A translated message whose placeholders are elements (a site name in bold, a link), not text:
 * the translation decides where they go. `tRich('popupOffSite', <strong>{site}</strong>, label)`.
 */
export function tRich(key: MessageKey, ...parts: ComponentChildren[]): ComponentChildren[] {
  const text = t(key, ...parts.map((_, index) => `\uE000${index}\uE001`));
  return text
    .split(TOKEN)
    .map((piece, index) => (index % 2 === 1 ? <Fragment key={index}>{parts[Number(piece)]}</Fragment> : piece))
    .filter((piece) => piece !== '');
}
