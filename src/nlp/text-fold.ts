// Case and diacritics folding for matching keys. Pure; results for non-ASCII input are memoised
// because real text repeats the same few accented words (één, café, ideeën) over and over.

const MARKS = /\p{M}/gu;
const SPECIAL_FOLDS: Record<string, string> = {
  'ĳ': 'ij',
  'ß': 'ss',
  'ø': 'o',
  'æ': 'ae',
  'œ': 'oe',
  'ł': 'l',
  'đ': 'd',
  'ı': 'i',
  '\u2019': "'",
  '\u2018': "'",
  '\u02bc': "'",
  '`': "'",
  '\u00b4': "'",
};
const SPECIAL_RE = /[ĳßøæœłđı\u2019\u2018\u02bc`\u00b4]/g;

const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 50_000;

/** True when every UTF-16 unit of `s` is ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/**
 * Folds a word for matching: lower case, diacritics removed (één → een, café → cafe), typographic
 * apostrophes made straight and ligatures expanded (ĳ → ij).
 */
export function foldText(s: string): string {
  if (isAscii(s)) return s.toLowerCase().replace(/`/g, "'");
  const hit = foldCache.get(s);
  if (hit !== undefined) return hit;
  const folded = s
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL_FOLDS[c] ?? c)
    .normalize('NFD')
    .replace(MARKS, '')
    .normalize('NFC');
  if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
  foldCache.set(s, folded);
  return folded;
}

/**
 * Squeezes letter elongations: runs of three or more identical letters become two ("heeeel" → "heel"),
 * or one when only the one-letter form is a known word ("leuuuk" → "leuk", "superrr" → "super").
 * Legit double letters are never touched because only runs of three or more change.
 */
export function squeezeElongation(lower: string, isKnown: (w: string) => boolean): string {
  let hasRun = false;
  for (let i = 2; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === lower.charCodeAt(i - 1) && c === lower.charCodeAt(i - 2) && !isDigitCode(c)) {
      hasRun = true;
      break;
    }
  }
  if (!hasRun) return lower;
  const two = squeezeRuns(lower, 2);
  if (isKnown(two)) return two;
  const one = squeezeRuns(lower, 1);
  if (isKnown(one)) return one;
  return two;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function squeezeRuns(s: string, keep: number): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    let j = i + 1;
    while (j < s.length && s[j] === c) j++;
    const run = j - i;
    if (run >= 3 && !isDigitCode(c.charCodeAt(0))) out += c.repeat(keep);
    else out += s.slice(i, j);
    i = j;
  }
  return out;
}
