/** Query parameters that only track the reader and never change what a URL points to. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'yclid', 'twclid',
  '_ga', '_gl', 'ref_src', 'ref_url', 'cmpid', 'ocid', 'xtor', 'at_medium', 'at_campaign', 'ns_mchannel',
  'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', 'sr_share', 'spm', 'vero_id', 'mkt_tok', 'oly_enc_id',
  'oly_anon_id', '__s', 'rss', 'feed',
]);

/**
 * The canonical form of a URL for dedup: lower-case scheme and host, no default port, no fragment,
 * no tracking parameters (utm_* and friends), remaining parameters sorted. Null for non-http(s) input.
 * @example canonicalUrl('HTTPS://Example.nl:443/a?utm_source=x&b=2&a=1#top') // 'https://example.nl/a?a=1&b=2'
 */
export function canonicalUrl(input: string | null | undefined): string | null {
  if (!input) return null;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Each setter re-serialises the URL, so only what is there is cleared (most feed links have none of it).
  // An empty '#' or '?' shows only in href: '#' starts the fragment, and '?' outside it the query.
  if (url.href.includes('#')) url.hash = '';
  if (url.username) url.username = '';
  if (url.password) url.password = '';
  if (url.href.includes('?')) {
    const kept = [...url.searchParams.entries()].filter(
      ([key]) => !key.toLowerCase().startsWith('utm_') && !TRACKING_PARAMS.has(key.toLowerCase()),
    );
    kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    url.search = new URLSearchParams(kept).toString();
  }
  // URL already drops default ports and lower-cases scheme and host.
  return url.toString();
}
