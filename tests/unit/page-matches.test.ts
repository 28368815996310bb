/** The pages Gloss reads, as the popup tells them from a tab's address (src/content/page-matches.ts). */
import { describe, expect, it } from 'vitest';
import { isPageUrl } from '../../src/content/page-matches';

describe('isPageUrl', () => {
  it('takes web pages and local files, as the content script’s matches do', () => {
    expect(isPageUrl('https://www.example.com/news/syria')).toBe(true);
    expect(isPageUrl('http://127.0.0.1:3917/demo.html')).toBe(true);
    expect(isPageUrl('file:///home/reader/article.html')).toBe(true);
  });

  it('leaves out browser pages, extension pages and other schemes', () => {
    for (const url of ['chrome://version/', 'about:blank', 'chrome-extension://abc/popup.html', 'moz-extension://abc/options.html', 'view-source:https://example.com/', 'data:text/html,hi', 'ftp://example.com/']) {
      expect(isPageUrl(url), url).toBe(false);
    }
  });
});
