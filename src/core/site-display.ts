/**
 * A site as the reader reads it. Settings keep sites as browsers give hosts, international names
 * encoded ("xn--bcher-kva.de"); the interface shows "bücher.de", as the address bar does.
 */
// The trailing slash: the npm package, not Node's deprecated built-in module of the same name.
import { toUnicode } from 'punycode/';

const ENCODED_LABEL = /(?:^|\.)xn--/i;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const GREEK = /\p{Script=Greek}/u;

/**
 * Whether a decoded label mixes scripts whose letters look alike ("pаypal" with a Cyrillic "а"):
 * such a name stays encoded, as browsers keep it, so that it cannot pass for another site.
 */
function mixesLookalikeScripts(label: string): boolean {
  return [LATIN, CYRILLIC, GREEK].filter((script) => script.test(label)).length > 1;
}

/** A site key (see `siteKey`) with its international labels decoded, port kept; as it was if not decodable. */
export function siteForDisplay(site: string): string {
  if (!ENCODED_LABEL.test(site)) return site;
  const port = /:\d+$/.exec(site)?.[0] ?? '';
  const host = site.slice(0, site.length - port.length);
  try {
    const labels = host.split('.').map((label) => {
      if (!label.toLowerCase().startsWith('xn--')) return label;
      const decoded = toUnicode(label.toLowerCase());
      return mixesLookalikeScripts(decoded) ? label : decoded;
    });
    return labels.join('.') + port;
  } catch {
    // Not valid Punycode ("xn--" followed by something else): shown as it is.
    return site;
  }
}
