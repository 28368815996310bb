import type { Category } from '@/src/core/pack/schema';
import { DEFAULT_COLORS } from '@/src/core/settings';

interface CategoryDotProps {
  category: Category;
  /** The user's colour for the category; the default colour when settings are not loaded yet. */
  color?: string;
}

/** A small coloured dot; decorative, so the category must also be said in text nearby. */
export function CategoryDot({ category, color }: CategoryDotProps) {
  return (
    <span
      class="category-dot"
      data-category={category}
      style={{ backgroundColor: color ?? DEFAULT_COLORS[category] }}
      aria-hidden="true"
    />
  );
}
