/** Outlet prefixes like "AT5:", "NU.nl |", "[Parool]" that feeds put before the same headline. */
const OUTLET_PREFIX = /^\s*(?:\[[^\]]{1,30}\]|[\p{L}\p{N}.&' -]{1,25}\s*[:|–—-])\s+/u;
/** Outlet suffixes like "- AT5" or "| Het Parool". */
const OUTLET_SUFFIX = /\s+[|–—-]\s*[\p{L}\p{N}.&' ]{1,25}\s*$/u;
/** Characters at the end of a headline that can hold an outlet suffix (with its separator and spaces). */
const SUFFIX_WINDOW = 40;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A key under which near-duplicate stories across sources collide: the headline without outlet
 * prefixes/suffixes, case, diacritics and punctuation. Null when too short to be telling.
 * @example dedupKey('AT5: Brand in Warmoesstraat, één gewonde') === dedupKey('Brand in Warmoesstraat; een gewonde')
 */
export function dedupKey(title: string | null | undefined): string | null {
  if (!title) return null;
  let headline = title.replace(OUTLET_PREFIX, '');
  // A suffix is at most ~30 characters: matching the tail only keeps this linear in long titles.
  const tailStart = Math.max(0, headline.length - SUFFIX_WINDOW);
  const suffix = OUTLET_SUFFIX.exec(headline.slice(tailStart));
  if (suffix) {
    const withoutSuffix = headline.slice(0, tailStart + suffix.index);
    // Only strip a suffix when enough headline remains (hyphenated headlines are common in Dutch).
    if (withoutSuffix.split(/\s+/).length >= 4) headline = withoutSuffix;
  }
  // Most headlines are ASCII: they need no decomposition and no Unicode classes.
  if (!NON_ASCII.test(headline)) return asciiKey(headline.toLowerCase());
  const folded = headline
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words = folded.split(' ').filter(Boolean);
  return words.length >= 4 ? words.join(' ') : null;
}

/** The runs of [a-z0-9] of a lower-cased ASCII headline joined by single spaces (null under four). */
function asciiKey(lower: string): string | null {
  let key = '';
  let words = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (alnum && start < 0) start = i;
    else if (!alnum && start >= 0) {
      key += words++ > 0 ? ' ' + lower.slice(start, i) : lower.slice(start, i);
      start = -1;
    }
  }
  return words >= 4 ? key : null;
}
