/** Everything Gloss draws over a page: the card, the brief emphasis of a revealed term, and the notice after "Not this". */
import { Card, type CardProps } from './Card';
import { HiddenNotice, type HiddenNoticeProps } from './HiddenNotice';

export interface Flash {
  id: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CardLayerProps {
  theme: 'light' | 'dark';
  card: CardProps | null;
  flashes: Flash[];
  hiddenNotice: HiddenNoticeProps | null;
}

export function CardLayer({ theme, card, flashes, hiddenNotice }: CardLayerProps) {
  return (
    <div class="layer" data-theme={theme}>
      {flashes.map((flash) => (
        <div
          key={flash.id}
          class="flash"
          style={{ left: `${flash.left}px`, top: `${flash.top}px`, width: `${flash.width}px`, height: `${flash.height}px` }}
        />
      ))}
      {/* Keyed by entity: another entity's card starts with its lists folded, from its first paint. */}
      {card ? <Card key={card.entity.id} {...card} /> : null}
      {hiddenNotice ? <HiddenNotice {...hiddenNotice} /> : null}
    </div>
  );
}
