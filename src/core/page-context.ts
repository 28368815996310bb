/**
 * Decisions that need the whole page, not just the words around a mention: an ambiguous alias
 * ("Turkey", "Bogdanov") is marked only on a page that is about the story's world, a phrase of the
 * story in common words ("oil and gas") only on a page about the story itself, and a bare
 * surname is dropped where the page shows another bearer of the name ("Farouk al-Sharaa") unless
 * it also names the entity in full.
 */
import type { TextMatch, TextMatcher } from './matcher';
import { PACK_ID_SEPARATOR } from './pack/library';

/** The pack an entity id belongs to: an imported pack's ids begin with its id (see namespacePack), the bundled pack's do not. */
function packOfId(entityId: string): string {
  const at = entityId.indexOf(PACK_ID_SEPARATOR);
  return at < 0 ? '' : entityId.slice(0, at);
}

/** The entities whose mention places a page in the story's world or in the story itself (a pack's, or a library's). */
export interface PageAnchors {
  readonly anchors: Iterable<string>;
  readonly storyAnchors: Iterable<string>;
}

export class PageContext {
  readonly #anchors: ReadonlySet<string>;
  readonly #storyAnchors: ReadonlySet<string>;
  /** The packs (see packOfId) one of whose anchors the page names: each pack's own anchors give its aliases context. */
  readonly #anchorSeen = new Set<string>();
  readonly #storySeen = new Set<string>();
  readonly #fullNameSeen = new Set<string>();
  readonly #otherBearerSeen = new Set<string>();
  #version = 0;

  /** `anchors` place a page in the story's world (Russia, Syria); `storyAnchors` in the story itself (Syria, HTS, Tartus). */
  constructor({ anchors, storyAnchors }: PageAnchors) {
    this.#anchors = new Set(anchors);
    this.#storyAnchors = new Set(storyAnchors);
  }

  /**
   * Changes whenever what the page has shown could change a decision: a caller that held
   * matches back can tell when to look at them again.
   */
  get version(): number {
    return this.#version;
  }

  /** Takes in a mention found on the page (ruled-out ones too: they reveal other bearers). */
  observe(match: TextMatch): void {
    if (match.ruledOut) {
      if (!this.#otherBearerSeen.has(match.entityId)) {
        this.#otherBearerSeen.add(match.entityId);
        this.#version++;
      }
      return;
    }
    if (match.needsContext || match.needsStory) return;
    // Not a short form: a bare surname may yet be dropped ("Golani" by the Golani Brigade), and a
    // decision made final on its word could not be taken back.
    if (match.shortForm) return;
    const pack = packOfId(match.entityId);
    if (this.#anchors.has(match.entityId) && !this.#anchorSeen.has(pack)) {
      this.#anchorSeen.add(pack);
      this.#version++;
    }
    if (this.#storyAnchors.has(match.entityId) && !this.#storySeen.has(pack)) {
      this.#storySeen.add(pack);
      this.#version++;
    }
    if (!this.#fullNameSeen.has(match.entityId)) {
      this.#fullNameSeen.add(match.entityId);
      this.#version++;
    }
  }

  /**
   * Whether `accepts(match)` is final: nothing the page shows later can change it. Such mentions
   * can be marked (or dropped) at once, before the rest of the page is read.
   */
  decides(match: TextMatch): boolean {
    if (match.ruledOut || this.#namedInFull(match)) return true;
    return this.#contextSeen(match) && !match.shortForm;
  }

  /** Whether a mention should be marked, given everything observed so far. */
  accepts(match: TextMatch): boolean {
    if (match.ruledOut) return false;
    if (this.#namedInFull(match)) return true;
    if (!this.#contextSeen(match)) return false;
    return !(match.shortForm && this.#otherBearerSeen.has(match.entityId));
  }

  /**
   * A short form ("Bogdanov") on a page that names its entity in full ("Mikhail Bogdanov"): the full
   * name is the best context there is, so the short form needs no other.
   */
  #namedInFull(match: TextMatch): boolean {
    return match.shortForm && this.#fullNameSeen.has(match.entityId);
  }

  /** Whether the page names what the match's alias waits for, among its own pack's anchors. */
  #contextSeen(match: TextMatch): boolean {
    const pack = packOfId(match.entityId);
    return (!match.needsContext || this.#anchorSeen.has(pack)) && (!match.needsStory || this.#storySeen.has(pack));
  }
}

/**
 * The mentions Gloss marks in a page's texts, decided with the whole page in view: the same
 * decisions as the content script's scanner, in one synchronous call (evaluation, tests).
 */
export function matchPage(matcher: TextMatcher, texts: readonly string[], anchors: PageAnchors): TextMatch[][] {
  const context = new PageContext(anchors);
  const found = texts.map((text) => matcher.findAll(text, true));
  for (const matches of found) for (const match of matches) context.observe(match);
  return found.map((matches) => matches.filter((match) => context.accepts(match)));
}
