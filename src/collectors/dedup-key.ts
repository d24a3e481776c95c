/** Outlet prefixes like "AT5:", "NU.nl |", "[Parool]" that feeds put before the same headline. */
const OUTLET_PREFIX = /^\s*(?:\[[^\]]{1,30}\]|[\p{L}\p{N}.&' -]{1,25}\s*[:|–—-])\s+/u;
/** Outlet suffixes like "- AT5" or "| Het Parool". */
const OUTLET_SUFFIX = /\s+[|–—-]\s*[\p{L}\p{N}.&' ]{1,25}\s*$/u;

/**
 * A key under which near-duplicate stories across sources collide: the headline without outlet
 * prefixes/suffixes, case, diacritics and punctuation. Null when too short to be telling.
 * @example dedupKey('AT5: Brand in Warmoesstraat, één gewonde') === dedupKey('Brand in Warmoesstraat; een gewonde')
 */
export function dedupKey(title: string | null | undefined): string | null {
  if (!title) return null;
  let headline = title.replace(OUTLET_PREFIX, '');
  const withoutSuffix = headline.replace(OUTLET_SUFFIX, '');
  // Only strip a suffix when enough headline remains (hyphenated headlines are common in Dutch).
  if (withoutSuffix.split(/\s+/).length >= 4) headline = withoutSuffix;
  const folded = headline
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words = folded.split(' ').filter(Boolean);
  return words.length >= 4 ? words.join(' ') : null;
}
