/**
 * Decisions that need the whole page, not just the words around a mention: an ambiguous alias
 * ("Turkey", "Bogdanov") is marked only on a page that is about the story's world, a phrase of the
 * story in common words ("oil and gas") only on a page about the story itself, and a bare
 * surname is dropped where the page shows another bearer of the name ("Farouk al-Sharaa") unless
 * it also names the entity in full. What the page shows is what it holds now: a text that changed or
 * left the page (a single-page app's previous article) is forgotten, and with it what it told.
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

/**
 * Something a text tells about the page: that it names an anchor of a pack (`anchor`, `story`: the
 * pack's id, see packOfId), an entity in full (`full`) or another bearer of its name (`other`).
 */
type Fact = `${'anchor' | 'story' | 'full' | 'other'}:${string}`;

export class PageContext {
  readonly #anchors: ReadonlySet<string>;
  readonly #storyAnchors: ReadonlySet<string>;
  /** The facts each text told, by the text (a text node; anything that names a text for `forget`). */
  readonly #factsOf = new Map<unknown, Set<Fact>>();
  /** How many texts tell each fact; a fact no text tells any more is gone. */
  readonly #textsTelling = new Map<Fact, number>();
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

  /**
   * Takes in a mention found on the page (ruled-out ones too: they reveal other bearers), found in
   * `text`: the text node, or whatever names the text for `forget`.
   */
  observe(match: TextMatch, text?: unknown): void {
    if (match.ruledOut) {
      this.#tell(text, `other:${match.entityId}`);
      return;
    }
    if (match.needsContext || match.needsStory) return;
    // Not a short form: a bare surname may yet be dropped ("Golani" by the Golani Brigade), and a
    // decision made final on its word could not be taken back.
    if (match.shortForm) return;
    const pack = packOfId(match.entityId);
    if (this.#anchors.has(match.entityId)) this.#tell(text, `anchor:${pack}`);
    if (this.#storyAnchors.has(match.entityId)) this.#tell(text, `story:${pack}`);
    this.#tell(text, `full:${match.entityId}`);
  }

  /** Forgets what `text` told: it changed (and is read again) or left the page. */
  forget(text: unknown): void {
    const facts = this.#factsOf.get(text);
    if (!facts) return;
    this.#factsOf.delete(text);
    for (const fact of facts) {
      const telling = this.#textsTelling.get(fact)! - 1;
      if (telling > 0) {
        this.#textsTelling.set(fact, telling);
      } else {
        this.#textsTelling.delete(fact);
        this.#version++;
      }
    }
  }

  /** Forgets what every text for which `gone` holds told (texts that left the page). */
  forgetWhere(gone: (text: unknown) => boolean): void {
    for (const text of [...this.#factsOf.keys()]) if (gone(text)) this.forget(text);
  }

  #tell(text: unknown, fact: Fact): void {
    let facts = this.#factsOf.get(text);
    if (!facts) {
      facts = new Set();
      this.#factsOf.set(text, facts);
    } else if (facts.has(fact)) {
      return;
    }
    facts.add(fact);
    const telling = (this.#textsTelling.get(fact) ?? 0) + 1;
    this.#textsTelling.set(fact, telling);
    if (telling === 1) this.#version++;
  }

  #told(fact: Fact): boolean {
    return this.#textsTelling.has(fact);
  }

  /**
   * Whether `accepts(match)` is final: nothing the page shows later can change it (what it takes
   * away later may: what was marked on its word stays marked). Such mentions can be marked (or
   * dropped) at once, before the rest of the page is read.
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
    return !(match.shortForm && this.#told(`other:${match.entityId}`));
  }

  /**
   * A short form ("Bogdanov") on a page that names its entity in full ("Mikhail Bogdanov"): the full
   * name is the best context there is, so the short form needs no other.
   */
  #namedInFull(match: TextMatch): boolean {
    return match.shortForm && this.#told(`full:${match.entityId}`);
  }

  /** Whether the page names what the match's alias waits for, among its own pack's anchors. */
  #contextSeen(match: TextMatch): boolean {
    const pack = packOfId(match.entityId);
    return (!match.needsContext || this.#told(`anchor:${pack}`)) && (!match.needsStory || this.#told(`story:${pack}`));
  }
}

/**
 * The mentions Gloss marks in a page's texts, decided with the whole page in view: the same
 * decisions as the content script's scanner, in one synchronous call (evaluation, tests).
 */
export function matchPage(matcher: TextMatcher, texts: readonly string[], anchors: PageAnchors): TextMatch[][] {
  const context = new PageContext(anchors);
  const found = texts.map((text) => matcher.findAll(text, true));
  found.forEach((matches, index) => {
    for (const match of matches) context.observe(match, index);
  });
  return found.map((matches) => matches.filter((match) => context.accepts(match)));
}
