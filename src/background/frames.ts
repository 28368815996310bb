/**
 * Starting Gloss in frames. Top documents get the content script from the manifest; in a frame the
 * small probe (entrypoints/frame-probe.ts) asks once the frame has text, and the background runs the
 * frame check there (entrypoints/frame-check.ts), or the content script proper at once while an
 * imported pack is in use (the check knows the bundled pack's names only).
 */
import { browser, type Browser } from 'wxt/browser';
import { CONTENT_SCRIPT_FILES, FRAME_CHECK_FILE, FRAME_PROBE_FILE, isLazyScript, LAZY_SCRIPT_FILES } from '@/src/content/lazy-scripts';
import { PAGE_MATCHES } from '@/src/content/page-matches';
import { importedPackInUse, loadUserPacks } from '@/src/storage/user-packs';

/** Where a script goes: the sending document itself where the browser names it, else its frame. */
export type FrameTarget = { tabId: number; documentIds: string[] } | { tabId: number; frameIds: number[] };

/**
 * The sender's document: by its id in Chromium, so that a frame that navigated meanwhile does not
 * get the script in a document that never asked for it (nor passed the frame check); by frame in
 * Firefox, which names no documents.
 */
function senderTarget(tabId: number, sender: Browser.runtime.MessageSender): FrameTarget {
  return sender.documentId ? { tabId, documentIds: [sender.documentId] } : { tabId, frameIds: [sender.frameId ?? 0] };
}

/** The sender's frame, for a script run there; top documents have the content script from the manifest. */
export function frameTarget(sender: Browser.runtime.MessageSender): FrameTarget {
  const tabId = sender.tab?.id;
  if (tabId === undefined || !sender.frameId) throw new Error('Gloss: only a frame inside a tab starts the content script this way');
  return senderTarget(tabId, sender);
}

export async function startContentScript(target: FrameTarget): Promise<void> {
  // Styles first, so the first highlights are drawn styled. Unlike the manifest's, they restyle the
  // frame when they arrive: a frame's restyle, and only in frames that may mention the story.
  await browser.scripting.insertCSS({ target, files: [CONTENT_SCRIPT_FILES.style] });
  await browser.scripting.executeScript({ target, files: [CONTENT_SCRIPT_FILES.script] });
}

/**
 * Chromium runs a manifest's content scripts only in documents loaded after Gloss was installed or
 * updated: the tabs already open get them here, so Gloss reads the article the reader has open
 * (without, the popup said it could not read it). After an update the content script started here
 * stops the one the old version left (see WXT's ContentScriptContext). Firefox does this itself.
 * One tab at a time: an update may find a hundred tabs open.
 */
export async function startInOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: PAGE_MATCHES, discarded: false });
  for (const { id: tabId } of tabs) {
    if (tabId === undefined) continue;
    // A tab closed meanwhile, or a file page Gloss may not read: nothing to start there.
    await startContentScript({ tabId, frameIds: [0] }).catch(() => undefined);
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [FRAME_PROBE_FILE] }).catch(() => undefined);
  }
}

/** Whether an imported pack is switched on: read once per worker, and again after each change (every frame with text asks). */
export class ImportedPacksInUse {
  #read: Promise<boolean> | null = null;

  get(): Promise<boolean> {
    // Unreadable packs count as in use: the content script then starts unchecked, as it would with them.
    this.#read ??= loadUserPacks().then(importedPackInUse, () => true);
    return this.#read;
  }

  /** The stored packs changed: read them again when next asked. */
  forget(): void {
    this.#read = null;
  }
}

/** A frame has text to read: the frame check there, or the content script at once while an imported pack is in use. */
export async function startInFrameWithText(sender: Browser.runtime.MessageSender, importedPacksInUse: ImportedPacksInUse): Promise<void> {
  const target = frameTarget(sender);
  if (await importedPacksInUse.get()) await startContentScript(target);
  else await browser.scripting.executeScript({ target, files: [FRAME_CHECK_FILE] });
}

/** Runs a part of the content script loaded on first use (see lazy-scripts.ts) in the sender's frame. */
export async function runLazyScript(sender: Browser.runtime.MessageSender, name: unknown): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('Gloss: a content-script part was asked for outside a tab');
  if (!isLazyScript(name)) throw new Error(`Gloss: no content-script part is called ${String(name)}`);
  await browser.scripting.executeScript({ target: senderTarget(tabId, sender), files: [LAZY_SCRIPT_FILES[name]] });
}
