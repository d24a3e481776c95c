import type { AlertMethod } from './alert-types.js';
import { conditionalPoissonUpperTail, poissonUpperTail, significantCount } from './poisson.js';
import { studentTQuantile, studentTUpperTail } from './student-t.js';

/** How the baseline is summarised (see {@link weightedBaseline}). */
export interface BaselineWeighting {
  downweight: boolean;
  alphaOutlier: number;
  kDecay: number;
  /** t(1 − alphaOutlier, n − 2); pass it when evaluating many buckets to avoid recomputing it. */
  outlierThreshold?: number;
}

/** Weighted mean and standard deviation of a baseline, with the weight each value got. */
export interface BaselineSummary {
  mean: number;
  sd: number;
  weights: number[];
}

const SQRT_EPS = 1e-9;

/**
 * Summarises a baseline the way epitweetr's `ears_t_reweighted` does (after Farrington et al. 1996).
 *
 * Each value's externally studentised residual r*ᵢ = eᵢ / (s₍ᵢ₎ · √(1 − 1/n)) is computed, with eᵢ its distance
 * from the plain mean and s₍ᵢ₎ the sd of the other n − 1 values. A value with r*ᵢ above
 * t(1 − alphaOutlier, n − 2) gets weight (threshold / r*ᵢ)^k; the others weight 1. Weights are rescaled to sum to
 * n, then mean = Σwᵢyᵢ / n and sd = √(Σwᵢ(yᵢ − mean)² / (n − 1)). So an earlier burst in the baseline hardly
 * raises the threshold and does not hide a second burst. When the other values are all equal (s₍ᵢ₎ = 0) a higher
 * value is infinitely outlying and gets weight 0. Only high values are down-weighted, never low ones.
 */
export function weightedBaseline(values: readonly number[], weighting: BaselineWeighting): BaselineSummary {
  const n = values.length;
  let sum = 0;
  for (const y of values) sum += y;
  const plainMean = sum / n;
  const weights = new Array<number>(n).fill(1);
  if (weighting.downweight && n >= 3) {
    const threshold = weighting.outlierThreshold ?? studentTQuantile(1 - weighting.alphaOutlier, n - 2);
    const leverage = Math.sqrt(1 - 1 / n);
    let weightSum = 0;
    for (let i = 0; i < n; i++) {
      const e = values[i]! - plainMean;
      if (e > 0) {
        const othersMean = (sum - values[i]!) / (n - 1);
        let ss = 0;
        for (let j = 0; j < n; j++) if (j !== i) ss += (values[j]! - othersMean) ** 2;
        const sdOthers = Math.sqrt(ss / (n - 2));
        const rStar = sdOthers > SQRT_EPS ? e / (sdOthers * leverage) : Infinity;
        if (rStar > threshold) weights[i] = (threshold / rStar) ** weighting.kDecay;
      }
      weightSum += weights[i]!;
    }
    for (let i = 0; i < n; i++) weights[i] = (weights[i]! * n) / weightSum;
  }
  let weighted = 0;
  for (let i = 0; i < n; i++) weighted += weights[i]! * values[i]!;
  const mean = weighted / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += weights[i]! * (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)), weights };
}

/** Which Poisson test small counts get (see {@link evaluateCount}). */
export type PoissonTest = 'conditional' | 'plug-in';

/** Parameters of one test of a bucket's count against its baseline. */
export interface CountTestParams extends BaselineWeighting {
  /** Significance level after any Bonferroni correction. */
  alpha: number;
  minCount: number;
  minMeanForT: number;
  lambdaFloor: number;
  poissonTest: PoissonTest;
  /** t(1 − alpha, n − 1); pass it when evaluating many buckets. */
  tQuantile?: number;
}

/** The outcome of testing one count against its baseline. */
export interface CountTestResult {
  method: AlertMethod;
  /** True when the count is significant and at least minCount (cooldown not applied). */
  alarm: boolean;
  /** Weighted baseline mean. */
  expected: number;
  /** Weighted baseline standard deviation. */
  sd: number;
  /** Fires when observed > threshold. For the Poisson tests: the largest count that is not significant. */
  threshold: number;
  /** One-sided p-value of the observed count (t or Poisson upper tail). */
  pValue: number;
  weights: number[];
}

/** The cheap part of a count test: enough to decide whether the bucket fires. */
export interface CountDecision {
  method: AlertMethod;
  /** True when the count is significant and at least minCount (cooldown not applied). */
  alarm: boolean;
  expected: number;
  sd: number;
  weights: number[];
  /** The t threshold U (ears-t only). */
  tThreshold: number;
  /** λ = max(expected, lambdaFloor) (poisson only). */
  lambda: number;
}

function poissonTail(params: Pick<CountTestParams, 'poissonTest'>, lambda: number, n: number): (count: number) => number {
  return params.poissonTest === 'plug-in'
    ? (count) => poissonUpperTail(count, lambda)
    : (count) => conditionalPoissonUpperTail(count, lambda * n, n);
}

/**
 * Decides whether one observed count fires against its baseline values (oldest first), without the p-value and
 * Poisson threshold that only alerts need; {@link evaluateCount} adds those. Rule as in {@link evaluateCount}.
 */
export function decideCount(baseline: readonly number[], observed: number, params: CountTestParams): CountDecision {
  const n = baseline.length;
  const { mean, sd, weights } = weightedBaseline(baseline, params);
  if (sd > SQRT_EPS && mean >= params.minMeanForT) {
    const t = params.tQuantile ?? studentTQuantile(1 - params.alpha, n - 1);
    const tThreshold = mean + t * sd * Math.sqrt(1 + 1 / n);
    return { method: 'ears-t', alarm: observed > tThreshold && observed >= params.minCount, expected: mean, sd, weights, tThreshold, lambda: Number.NaN };
  }
  const lambda = Math.max(mean, params.lambdaFloor);
  // A count at or below the rate has a tail near one half or more: never significant, skip the tail computation.
  const alarm = observed >= params.minCount && observed > lambda && poissonTail(params, lambda, n)(observed) < params.alpha;
  return { method: 'poisson', alarm, expected: mean, sd, weights, tThreshold: Number.NaN, lambda };
}

/** Adds the threshold and p-value to a decision (see {@link CountTestResult}). */
export function explainDecision(decision: CountDecision, observed: number, n: number, params: CountTestParams): CountTestResult {
  const { method, alarm, expected, sd, weights } = decision;
  if (method === 'ears-t') {
    const scaled = sd * Math.sqrt(1 + 1 / n);
    const pValue = studentTUpperTail((observed - expected) / scaled, n - 1);
    return { method, alarm, expected, sd, threshold: decision.tThreshold, pValue, weights };
  }
  const tail = poissonTail(params, decision.lambda, n);
  return { method, alarm, expected, sd, threshold: significantCount(tail, params.alpha) - 1, pValue: tail(observed), weights };
}

/**
 * Tests one observed count against its baseline values (oldest first).
 *
 * The rule that picks the test: when the weighted baseline has sd > 0 and mean ≥ minMeanForT, the EARS t test
 * (threshold U = ȳ + t(1 − α, n − 1) · s · √(1 + 1/n), fire when observed > U). Otherwise the counts are too small
 * or too regular for a t interval to mean anything, and a Poisson test is used with the rate
 * λ = max(ȳ, lambdaFloor): `plug-in` fires when P(X ≥ observed | λ) < α; `conditional` (the default in
 * detectAlerts) compares the count with the baseline total n·λ as in {@link conditionalPoissonUpperTail}.
 * Either way nothing fires below minCount posts.
 * @example evaluateCount([1, 2, 3, 4, 5, 6, 7], 10, params) // ears-t with threshold 9.65 when minMeanForT ≤ 4
 */
export function evaluateCount(baseline: readonly number[], observed: number, params: CountTestParams): CountTestResult {
  return explainDecision(decideCount(baseline, observed, params), observed, baseline.length, params);
}
