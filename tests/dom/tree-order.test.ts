import { describe, expect, it } from 'vitest';
import { compareComposedPoints } from '../../src/content/tree-order';

function textOf(root: ParentNode, selector: string): Text {
  return root.querySelector(selector)!.firstChild as Text;
}

describe('composed document order', () => {
  it('orders points in the page and in shadow roots as the reader sees them', () => {
    document.body.innerHTML = '<p id="before">Tartus</p><div id="host"><span id="light">Light</span></div><p id="after">Qatar</p>';
    const host = document.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="inner">Khmeimim</p><slot></slot>';
    const before = textOf(document, '#before');
    const inner = textOf(shadow, '#inner');
    const light = textOf(document, '#light');
    const after = textOf(document, '#after');
    const ordered = [before, inner, light, after];
    for (const [i, a] of ordered.entries()) {
      for (const [j, b] of ordered.entries()) {
        expect(Math.sign(compareComposedPoints(a, 0, b, 0))).toBe(Math.sign(i - j));
      }
    }
    expect(compareComposedPoints(before, 1, before, 3)).toBeLessThan(0);
  });

  it('sorts positions in different trees without throwing', () => {
    document.body.innerHTML = '<p id="a">One</p><div id="host"></div><p id="b">Two</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="c">Three</p>';
    const a = textOf(document, '#a');
    const b = textOf(document, '#b');
    const c = textOf(shadow, '#c');
    expect([b, c, a].sort((first, second) => compareComposedPoints(first, 0, second, 0))).toEqual([a, c, b]);
  });
});
