/** The extension's icon (public/icon, drawn by scripts/icons.ts); decorative, so Gloss's name must be written beside it. */
export function GlossIcon({ size }: { size: number }) {
  // 48 px pictures stay sharp at up to twice the size shown.
  return <img class="gloss-icon" src="/icon/48.png" width={size} height={size} alt="" />;
}
