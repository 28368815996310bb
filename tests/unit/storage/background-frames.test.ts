/**
 * What the background decides when a frame has text (src/background/frames.ts): which frame a
 * script goes to, and whether an imported pack is in use (frames then start Gloss unchecked), read
 * once and again only after the stored packs change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { frameTarget, ImportedPacksInUse } from '@/src/background/frames';
import { USER_PACKS_KEY, type UserPacks } from '@/src/storage/user-packs';
import { seed } from './support';

const gulfNotes = JSON.parse(readFileSync(join(process.cwd(), 'tests', 'fixtures', 'packs', 'gulf-notes.json'), 'utf8')) as Record<string, unknown>;

function userPacksWithGulfNotes(enabled: boolean): UserPacks {
  return { bundledEnabled: true, packs: [{ document: gulfNotes, enabled, importedAt: '2026-11-27T08:00:00.000Z' }] };
}

describe('ImportedPacksInUse', () => {
  it('is false with no imported pack, and true once one is switched on and the change is told', async () => {
    const inUse = new ImportedPacksInUse();
    expect(await inUse.get()).toBe(false);
    await seed(USER_PACKS_KEY, userPacksWithGulfNotes(true));
    // Read once per worker: every frame with text asks, the packs change rarely.
    expect(await inUse.get()).toBe(false);
    inUse.forget();
    expect(await inUse.get()).toBe(true);
  });

  it('is false when every imported pack is switched off', async () => {
    await seed(USER_PACKS_KEY, userPacksWithGulfNotes(false));
    expect(await new ImportedPacksInUse().get()).toBe(false);
  });

  it('counts packs it cannot read as in use, so frames start Gloss unchecked rather than miss their names', async () => {
    vi.spyOn(storage, 'getItem').mockRejectedValue(new Error('storage unavailable'));
    expect(await new ImportedPacksInUse().get()).toBe(true);
  });
});

describe('frameTarget', () => {
  const sender = (tabId: number | undefined, frameId: number | undefined, documentId?: string) =>
    ({ ...(tabId === undefined ? {} : { tab: { id: tabId } }), frameId, ...(documentId ? { documentId } : {}) }) as Browser.runtime.MessageSender;

  it('targets the sender’s document where the browser names it (Chromium), else its frame (Firefox)', () => {
    expect(frameTarget(sender(4, 12, 'DOC-A'))).toEqual({ tabId: 4, documentIds: ['DOC-A'] });
    expect(frameTarget(sender(4, 12))).toEqual({ tabId: 4, frameIds: [12] });
  });

  it('refuses top documents, which have the content script from the manifest, and senders outside a tab', () => {
    expect(() => frameTarget(sender(4, 0))).toThrow(/only a frame inside a tab/);
    expect(() => frameTarget(sender(undefined, 12))).toThrow(/only a frame inside a tab/);
  });
});
