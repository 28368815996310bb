import type { EntityKind } from '@/src/core/pack/schema';
import { kindLabel } from './labels';

export function KindLabel({ kind }: { kind: EntityKind }) {
  return <span class="kind-label">{kindLabel(kind)}</span>;
}
