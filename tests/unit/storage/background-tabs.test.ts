import { describe, expect, it } from 'vitest';
import { siteOfSenderTab } from '@/src/background/tabs';

describe("siteOfSenderTab: the site of a frame's tab, for frames that cannot read it (Firefox)", () => {
  it('is the site key of the page the tab shows', () => {
    expect(siteOfSenderTab({ tab: { url: 'https://www.news.example/world/story?id=1' } })).toBe('news.example');
    expect(siteOfSenderTab({ tab: { url: 'http://localhost:8080/' } })).toBe('localhost:8080');
  });

  it('is undefined where the browser hides the address or it has no site', () => {
    expect(siteOfSenderTab({ tab: {} })).toBeUndefined();
    expect(siteOfSenderTab({})).toBeUndefined();
    expect(siteOfSenderTab({ tab: { url: 'file:///home/reader/story.html' } })).toBeUndefined();
  });
});
