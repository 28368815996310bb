import { citation } from '@/src/core/pack/citation';
import type { PackManifest } from '@/src/core/pack/schema';
import { t } from '@/src/ui/i18n';
import { useActionStatus } from './use-action-status';

/** Puts text on the clipboard; may reject (no focus, no permission, or no clipboard on an insecure page). */
export type CopyText = (text: string) => Promise<void>;

export const copyToClipboard: CopyText = (text) => navigator.clipboard.writeText(text);

/**
 * The browser's clipboard where the document has one: pages served without TLS (other than from
 * localhost) have none, and a button that can only fail is not offered there.
 */
export function documentClipboard(): CopyText | null {
  return typeof navigator !== 'undefined' && navigator.clipboard ? copyToClipboard : null;
}

interface CopyQuoteButtonProps {
  quote: string;
  /** The article the quote comes from, named after it (`citation`). */
  source: PackManifest['source'];
  copyText: CopyText;
  /** The button's look where it is used (the reader's and the card's links differ). */
  buttonClass: string;
  /** The id of what the quote belongs to, where several such buttons stand together (a card's facts). */
  describedBy?: string;
}

/** "Copy quote": the quote and its article on the clipboard, said in a status beside the button. */
export function CopyQuoteButton({ quote, source, copyText, buttonClass, describedBy }: CopyQuoteButtonProps) {
  const [status, copy] = useActionStatus('could not copy the quote');
  return (
    <>
      <button type="button" class={buttonClass} title={t('copyQuoteTitle')} aria-describedby={describedBy} onClick={() => void copy(() => copyText(citation(quote, source)))}>
        {t('copyQuote')}
      </button>
      <span class={`copy-status copy-status--${status}`} role="status">
        {status === 'done' ? t('quoteCopied') : status === 'failed' ? t('copyQuoteFailed') : ''}
      </span>
    </>
  );
}
