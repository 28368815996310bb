/** The × that closes the card or the notice after "Not this". */
export function CloseButton({ label, title, class: className, onClick }: { label: string; title: string; class?: string; onClick: () => void }) {
  return (
    <button type="button" class={className ? `icon-button ${className}` : 'icon-button'} aria-label={label} title={title} onClick={onClick}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
      </svg>
    </button>
  );
}
