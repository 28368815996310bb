import { describe, expect, it, vi } from 'vitest';
import { siteAroundFrame } from '@/src/content/site-around';

describe('siteAroundFrame: the site of the page a frame is in', () => {
  it('takes the top page from the ancestors Chromium lists (the top page last), without asking the background', () => {
    const askBackground = vi.fn(async () => 'asked.example');
    expect(siteAroundFrame(['https://ads.example', 'https://www.News.example:8443'], askBackground)).toBe('news.example:8443');
    expect(siteAroundFrame(['http://127.0.0.1:3000'], askBackground)).toBe('127.0.0.1:3000');
    expect(askBackground).not.toHaveBeenCalled();
  });

  it('asks the background where the browser lists no ancestors (older Firefox) or hides the top one', async () => {
    const askBackground = vi.fn(async () => 'news.example');
    await expect(siteAroundFrame(undefined, askBackground)).resolves.toBe('news.example');
    await expect(siteAroundFrame(['https://ads.example', 'null'], askBackground)).resolves.toBe('news.example');
    expect(askBackground).toHaveBeenCalledTimes(2);
  });

  it('is undefined where nobody can tell: a file around the frame, or the background unreachable', async () => {
    expect(siteAroundFrame(['file://'], async () => 'never.example')).toBe(undefined);
    await expect(siteAroundFrame(undefined, async () => undefined)).resolves.toBe(undefined);
    await expect(siteAroundFrame(undefined, () => Promise.reject(new Error('Extension context invalidated.')))).resolves.toBe(undefined);
  });
});
