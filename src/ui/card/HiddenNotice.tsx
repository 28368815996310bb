/**
 * Shown after "Not this": the term's spelling is no longer highlighted on this site, with a way to take it back
 * there and then instead of in the options. It leaves by itself after a while, but not while the
 * reader's pointer or focus is on it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { siteForDisplay } from '@/src/core/site-display';
import { nameShows } from '@/src/core/spellings';
import { t } from '@/src/ui/i18n';
import { CloseButton } from './CloseButton';

export interface HiddenNoticeProps {
  /** The spelling no longer marked, as the page wrote it. */
  spelling: string;
  /** The name of the entity it was marked as. */
  entityName: string;
  site: string;
  /** Focus the Undo button when shown: the reader chose "Not this" from inside the card. */
  focusUndo: boolean;
  /** Undo was pressed: the notice says the spelling is highlighted again (a status a screen reader reads out), then goes. */
  undone?: boolean;
  onUndo: () => void;
  onDismiss: () => void;
}

export const HIDDEN_NOTICE_MS = 8000;
/** How long "highlighted again" stays after Undo: a confirmation, nothing left to choose. */
export const UNDONE_NOTICE_MS = 3000;

export function HiddenNotice({ spelling, entityName, site, focusUndo, undone = false, onUndo, onDismiss }: HiddenNoticeProps) {
  const undo = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pause = () => clearTimeout(timer.current);
  const resume = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(onDismiss, undone ? UNDONE_NOTICE_MS : HIDDEN_NOTICE_MS);
  };

  useEffect(() => {
    resume();
    if (focusUndo && !undone) undo.current?.focus({ preventScroll: true });
    return pause;
  }, [spelling, entityName, site, undone]);

  return (
    <div
      class="notice"
      role="status"
      onPointerEnter={pause}
      onPointerLeave={resume}
      onFocusIn={pause}
      onFocusOut={(event) => {
        if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) resume();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDismiss();
      }}
    >
      <p class="notice__text">
        {undone
          ? t('cardShownAgainNotice', spelling)
          : nameShows(entityName, spelling)
            ? t('cardHiddenNotice', spelling, siteForDisplay(site))
            : t('cardHiddenNoticeAs', spelling, entityName, siteForDisplay(site))}
      </p>
      {undone ? null : (
        <button type="button" class="notice__undo" ref={undo} onClick={onUndo}>
          {t('cardUndo')}
        </button>
      )}
      <CloseButton class="notice__close" label={t('cardDismiss')} title={t('cardDismiss')} onClick={onDismiss} />
    </div>
  );
}
