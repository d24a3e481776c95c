import { AlertOptionsError } from './alert-errors.js';

/** A term that stands out in an alert's window. */
export interface TopTerm {
  term: string;
  /** Occurrences in the window. */
  count: number;
  /** Occurrences the window would hold if the term kept its (smoothed) share of the baseline. */
  expected: number;
  /** Occurrences in the whole baseline period. */
  baseline_count: number;
  /** baseline_count / baselineDays. */
  baseline_per_day: number;
  /** Signed deviance of count against expected, on a z-like scale; higher is more distinctive. */
  score: number;
}

/** Options of {@link topTerms}. */
export interface TopTermsOptions {
  /** Ignore terms seen fewer times than this in the window (default 2). */
  minCount?: number;
  /** Pseudo-occurrences a term gets in the baseline, so new terms have a small, non-zero expectation (default 0.5). */
  smoothing?: number;
  /** Terms never to return (e.g. stop words, the area's own name). */
  exclude?: ReadonlySet<string>;
}

/**
 * Terms that are new or unusually frequent in an alert's window compared with its baseline.
 *
 * A term's expected window count is its smoothed baseline share times the window's total,
 * e = n_w · (y_b + β) / (n_b + β), and its score is the signed Poisson deviance
 * sign(y − e) · √(2 (y ln(y/e) − (y − e))). Comparing shares rather than rates keeps common words out when the
 * whole volume rises in a burst; the deviance ranks a word seen six times over one seen twice at the same ratio.
 * With an empty baseline every term is new (e = β) and terms rank by count. Returns at most k terms that occur
 * more often than expected, best first.
 * @example topTerms(new Map([['nep-sms', 6], ['de', 30]]), new Map([['de', 200]]), 7) // [{ term: 'nep-sms', … }]
 */
export function topTerms(
  windowTermCounts: ReadonlyMap<string, number>,
  baselineTermCounts: ReadonlyMap<string, number>,
  baselineDays: number,
  k = 5,
  options: TopTermsOptions = {},
): TopTerm[] {
  if (!(baselineDays > 0)) throw new AlertOptionsError(`The baseline must span more than 0 days to compare terms with; got ${baselineDays}.`);
  if (!(Number.isInteger(k) && k >= 0)) throw new AlertOptionsError(`The number of top terms must be a whole number of at least 0; got ${k}.`);
  const minCount = options.minCount ?? 2;
  const beta = options.smoothing ?? 0.5;
  if (!(beta > 0)) throw new AlertOptionsError(`The term smoothing must be above 0 (0.5 by default); got ${beta}.`);
  let nWindow = 0;
  let nBaseline = 0;
  for (const c of windowTermCounts.values()) nWindow += c;
  for (const c of baselineTermCounts.values()) nBaseline += c;

  const out: TopTerm[] = [];
  for (const [term, y] of windowTermCounts) {
    if (!(y >= minCount) || options.exclude?.has(term)) continue;
    const yb = baselineTermCounts.get(term) ?? 0;
    const expected = nBaseline > 0 ? (nWindow * (yb + beta)) / (nBaseline + beta) : beta;
    if (!(y > expected)) continue;
    const score = Math.sqrt(2 * (y * Math.log(y / expected) - (y - expected)));
    out.push({ term, count: y, expected, baseline_count: yb, baseline_per_day: yb / baselineDays, score });
  }
  out.sort((a, b) => b.score - a.score || b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return out.slice(0, k);
}
