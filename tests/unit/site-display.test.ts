import { describe, expect, it } from 'vitest';
import { siteForDisplay } from '../../src/core/site-display';
import { siteKey } from '../../src/core/settings';

describe('siteForDisplay', () => {
  it.each([
    ['xn--bcher-kva.de', 'bücher.de'],
    ['news.xn--bcher-kva.de:8080', 'news.bücher.de:8080'],
    ['XN--BCHER-KVA.de', 'bücher.de'],
    // Arabic and Chinese names, as the story's own sites have them.
    ['xn--mgbh0fb.xn--kgbechtv', 'مثال.إختبار'],
    ['xn--fiqs8s.cn', '中国.cn'],
  ])('shows %s as %s', (stored, shown) => {
    expect(siteForDisplay(stored)).toBe(shown);
  });

  it('shows a site the URL parser encoded as the reader typed it', () => {
    expect(siteForDisplay(siteKey(new URL('https://www.bücher.de/a').host))).toBe('bücher.de');
  });

  it.each(['example.com', 'localhost:5173', '[::1]:8080', '192.168.0.10', 'my_server', 'axn--b.com'])('leaves %s as it is', (site) => {
    expect(siteForDisplay(site)).toBe(site);
  });

  it.each([
    // "pаypal" with a Cyrillic "а".
    ['a label mixing look-alike scripts', new URL('https://p\u0430ypal.com').hostname],
    // "аррӏе", all Cyrillic, reads as "apple".
    ['a Cyrillic label of Latin look-alikes', 'xn--80ak6aa92e.com'],
    ['an emoji', 'xn--ls8h.la'],
  ])('keeps %s encoded, so that it cannot pass for another site', (_, site) => {
    expect(site.startsWith('xn--')).toBe(true);
    expect(siteForDisplay(site)).toBe(site);
  });

  it('shows a Cyrillic name that is no look-alike: пример.рф', () => {
    expect(siteForDisplay(new URL('https://пример.рф').hostname)).toBe('пример.рф');
  });

  it('shows a label that is not valid Punycode as it is', () => {
    for (const site of ['xn--.example', 'xn--99999999999.example']) expect(siteForDisplay(site)).toBe(site);
  });
});
