/**
 * A site as the reader reads it. Settings keep sites as browsers give hosts, international names
 * encoded ("xn--bcher-kva.de"); the interface shows "bücher.de", as the address bar does.
 */
// The trailing slash: the npm package, not Node's deprecated built-in module of the same name.
import { toUnicode } from 'punycode/';
import { hostAndPort } from './settings-base';

const ENCODED_LABEL = /(?:^|\.)xn--/i;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;
/** Anything but letters, digits, marks and hyphens: symbols, emoji, invisible characters. */
const NOT_A_NAME = /[^\p{L}\p{N}\p{M}-]/u;
/**
 * Cyrillic and Greek letters drawn like Latin ones (а е о р с у х і ј ӏ ԁ ѕ ԛ ԝ һ ъ ы ь п г ѵ ѡ, α ι κ ν ο ρ τ υ χ):
 * "аррӏе" in Cyrillic reads as "apple". Escaped: the scripts run in pages are built ASCII-only.
 */
const LOOKS_LATIN = /^[\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u04cf\u0501\u0455\u051b\u051d\u04bb\u044a\u044b\u044c\u043f\u0433\u0475\u0461\u03b1\u03b9\u03ba\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7\d-]+$/u;

/**
 * Whether a decoded label could pass for another site: scripts whose letters look alike mixed
 * ("pаypal" with a Cyrillic "а"), a Cyrillic or Greek label made only of Latin look-alikes, or
 * characters no name is made of. Such a label stays encoded, as browsers keep it in the address bar.
 */
function looksLikeAnother(label: string): boolean {
  if (NOT_A_NAME.test(label) || LOOKS_LATIN.test(label)) return true;
  return [LATIN, CYRILLIC, GREEK].filter((script) => script.test(label)).length > 1;
}

/** A site key (see `siteKey`) with its international labels decoded, port kept; as it was if not decodable. */
export function siteForDisplay(site: string): string {
  if (!ENCODED_LABEL.test(site)) return site;
  const [host, port] = hostAndPort(site);
  try {
    const labels = host.split('.').map((label) => {
      const lowerCased = label.toLowerCase();
      if (!lowerCased.startsWith('xn--')) return label;
      const decoded = toUnicode(lowerCased);
      return decoded === '' || looksLikeAnother(decoded) ? label : decoded;
    });
    return labels.join('.') + (port ? `:${port}` : '');
  } catch {
    // Not valid Punycode ("xn--" followed by something else): shown as it is.
    return site;
  }
}
