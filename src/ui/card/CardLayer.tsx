/** Everything Gloss draws over a page: the card and the brief emphasis of a revealed term. */
import { Card, type CardProps } from './Card';

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
}

export function CardLayer({ theme, card, flashes }: CardLayerProps) {
  return (
    <div class="layer" data-theme={theme}>
      {flashes.map((flash) => (
        <div
          key={flash.id}
          class="flash"
          style={{ left: `${flash.left}px`, top: `${flash.top}px`, width: `${flash.width}px`, height: `${flash.height}px` }}
        />
      ))}
      {card ? <Card {...card} /> : null}
    </div>
  );
}
