/** Turns what a user types into the options page's "Add a site" box into a site key, or says why not. */
import { BRACKETED_IPV6, siteKey } from '@/src/core/settings';
import { t } from '@/src/ui/i18n';

export type HostnameResult = { ok: true; site: string } | { ok: false; error: string };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Gloss reads web pages only: a browser page (chrome://extensions) is no site to list. */
const WEB_SCHEME = /^https?:\/\//i;
/** "*.example.org": a listed site covers its subdomains anyway. */
const WILDCARD = /^\*\./;
// Underscores are not allowed in DNS names but are in hosts (intranet machines), and browsers open them.
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
/** Dotted labels (which also covers IPv4) or a bracketed IPv6 address, an optional port; a shape settings accept. */
const SITE_KEY = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|${BRACKETED_IPV6})(?::\\d{1,5})?$`);

export function parseSiteInput(input: string): HostnameResult {
  const trimmed = input.trim().replace(WILDCARD, '');
  if (!trimmed) return { ok: false, error: t('optionsSiteMissing') };
  if (HAS_SCHEME.test(trimmed) && !WEB_SCHEME.test(trimmed)) return { ok: false, error: t('optionsSiteInvalid', input.trim()) };
  let host: string;
  try {
    // The URL parser lower-cases, drops paths and encodes international names (bücher.de → xn--bcher-kva.de).
    const url = new URL(HAS_SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`);
    host = url.host;
  } catch {
    return { ok: false, error: t('optionsSiteInvalid', trimmed) };
  }
  // A web page's host never shows its scheme's default port: "example.com:80" is "example.com".
  const site = siteKey(host.replace(/:(?:80|443)$/, ''));
  if (!site || !SITE_KEY.test(site)) {
    return { ok: false, error: t('optionsSiteInvalid', trimmed) };
  }
  return { ok: true, site };
}
