import { logGamma, regularizedIncompleteBeta } from './student-t.js';

const EPS = 1e-15;
const TINY = 1e-300;

/** Regularised lower incomplete gamma function P(a, x) for a > 0, x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`The incomplete gamma function needs a > 0, got ${a}.`);
  if (x <= 0) return 0;
  const lnFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series: converges quickly below the mode and keeps small values (far tails) accurate.
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 10_000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(lnFront);
  }
  // Continued fraction for Q(a, x) (modified Lentz); P = 1 − Q.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return 1 - Math.exp(lnFront) * h;
}

/**
 * Upper tail P(X ≥ k) of a Poisson distribution with mean `lambda`.
 * @example poissonUpperTail(3, 0.25) // 0.0021615…
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≥ k | λ) equals the regularised lower incomplete gamma P(k, λ) for integer k ≥ 1.
  return regularizedGammaP(Math.ceil(k), lambda);
}

/**
 * Exact conditional test of one bucket's count against a baseline of n buckets with `baselineTotal` posts.
 *
 * If bucket and baseline share one Poisson rate, then given the total x + S the bucket's count is
 * Binomial(x + S, 1/(n + 1)); the p-value is P(Bin(x + S, 1/(n + 1)) ≥ x) = I_{1/(n+1)}(x, S + 1). Unlike
 * plugging the baseline mean in as a known rate, this accounts for the rate being estimated from only n buckets.
 * `baselineTotal` may be fractional (a weighted sum).
 * @example conditionalPoissonUpperTail(3, 0, 7) // (1/8)³ = 0.00195
 */
export function conditionalPoissonUpperTail(observed: number, baselineTotal: number, n: number): number {
  if (observed <= 0) return 1;
  return regularizedIncompleteBeta(1 / (n + 1), Math.ceil(observed), baselineTotal + 1);
}

/**
 * Smallest count c ≥ 1 with upperTail(c) < alpha, for a tail that decreases in c: the count that is significant.
 * @example significantCount((c) => poissonUpperTail(c, 0.25), 0.0025) // 3
 */
export function significantCount(upperTail: (count: number) => number, alpha: number): number {
  // Gallop up from 1, then bisect; a count of 0 is never significant (its tail is 1).
  let lo = 0;
  let c = 1;
  let step = 1;
  while (upperTail(c) >= alpha) {
    lo = c;
    c += step;
    step *= 2;
  }
  let hi = c;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (upperTail(mid) < alpha) hi = mid;
    else lo = mid;
  }
  return hi;
}
