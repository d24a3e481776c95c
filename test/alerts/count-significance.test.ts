import { describe, expect, it } from 'vitest';
import { evaluateCount, weightedBaseline } from '../../src/alerts/count-significance.js';
import type { CountTestParams } from '../../src/alerts/count-significance.js';

const params = (over: Partial<CountTestParams> = {}): CountTestParams => ({
  alpha: 0.025,
  minCount: 3,
  minMeanForT: 0,
  lambdaFloor: 0.25,
  poissonTest: 'conditional',
  downweight: true,
  alphaOutlier: 0.05,
  kDecay: 4,
  ...over,
});

describe('weightedBaseline', () => {
  it('computes the plain mean and sd when nothing is outlying', () => {
    // [1..7]: mean 28/7 = 4; Σ(y − 4)² = 9+4+1+0+1+4+9 = 28; s = √(28/6) = 2.160247.
    // The largest value 7: e = 3, sd of the other six = √(17.5/5) = 1.870829,
    // r* = 3 / (1.870829 · √(6/7)) = 1.732 < t(0.95, 5) = 2.015, so every weight stays 1.
    const b = weightedBaseline([1, 2, 3, 4, 5, 6, 7], { downweight: true, alphaOutlier: 0.05, kDecay: 4 });
    expect(b.mean).toBeCloseTo(4, 12);
    expect(b.sd).toBeCloseTo(2.160247, 6);
    expect(b.weights).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('down-weights an earlier burst as epitweetr does', () => {
    // [2,3,2,3,2,3,20]: plain mean 5; for 20: e = 15, the others have mean 2.5 and sd √(1.5/5) = 0.547723,
    // r* = 15 / (0.547723 · 0.925820) = 29.5804 > t(0.95, 5) = 2.015048, so w = (2.015048 / 29.5804)⁴ = 2.1534e-5.
    // Rescaled to sum 7: six weights 7 / 6.0000215 = 1.1666625, the burst 2.5123e-5.
    // mean = (1.1666625 · 15 + 2.5123e-5 · 20) / 7 = 2.500063; sd = √(Σw(y − mean)² / 6) = 0.541247.
    const b = weightedBaseline([2, 3, 2, 3, 2, 3, 20], { downweight: true, alphaOutlier: 0.05, kDecay: 4 });
    expect(b.weights[6]).toBeCloseTo(2.5123e-5, 8);
    expect(b.weights[0]).toBeCloseTo(1.1666625, 6);
    expect(b.weights.reduce((a, w) => a + w, 0)).toBeCloseTo(7, 12);
    expect(b.mean).toBeCloseTo(2.500063, 6);
    expect(b.sd).toBeCloseTo(0.541247, 6);
  });

  it('gives weight 0 to a value above an otherwise constant baseline, and never down-weights low values', () => {
    const spike = weightedBaseline([0, 0, 0, 9, 0, 0, 0], { downweight: true, alphaOutlier: 0.05, kDecay: 4 });
    expect(spike.weights[3]).toBe(0);
    expect(spike.mean).toBe(0);
    const dip = weightedBaseline([20, 21, 20, 0, 21, 20, 21], { downweight: true, alphaOutlier: 0.05, kDecay: 4 });
    expect(dip.weights).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('keeps all weights at 1 when down-weighting is off', () => {
    const b = weightedBaseline([2, 3, 2, 3, 2, 3, 20], { downweight: false, alphaOutlier: 0.05, kDecay: 4 });
    expect(b.mean).toBe(5);
    expect(b.sd).toBeCloseTo(Math.sqrt(264 / 6), 12); // deviations −3,−2,−3,−2,−3,−2,15: Σ² = 264
  });
});

describe('evaluateCount', () => {
  it.each([
    // [1..7]: U = 4 + t(0.975, 6) · 2.160247 · √(8/7) = 4 + 2.446912 · 2.309401 = 9.650901.
    { name: 'EARS-t fires above U', baseline: [1, 2, 3, 4, 5, 6, 7], observed: 10, p: {}, method: 'ears-t', threshold: 9.650901, alarm: true },
    { name: 'EARS-t stays quiet at U', baseline: [1, 2, 3, 4, 5, 6, 7], observed: 9, p: {}, method: 'ears-t', threshold: 9.650901, alarm: false },
    // Down-weighted burst: U = 2.500063 + 2.446912 · 0.541247 · 1.069045 = 3.915888, so 5 fires …
    { name: 'a second burst is seen despite the first', baseline: [2, 3, 2, 3, 2, 3, 20], observed: 5, p: {}, method: 'ears-t', threshold: 3.915888, alarm: true },
    // … while without down-weighting U = 5 + 2.446912 · 6.633250 · 1.069045 = 22.351644 hides it.
    { name: 'without down-weighting the first burst hides the second', baseline: [2, 3, 2, 3, 2, 3, 20], observed: 5, p: { downweight: false }, method: 'ears-t', threshold: 22.351644, alarm: false },
    // Same mean 4, but minMeanForT 10: the Poisson rule applies with S = 28:
    // P(Bin(38, 1/8) ≥ 10) = 0.0160 < 0.025, while x = 9 gives P(Bin(37, 1/8) ≥ 9) = 0.0353, so the threshold is 9.
    { name: 'small mean → Poisson', baseline: [1, 2, 3, 4, 5, 6, 7], observed: 10, p: { minMeanForT: 10 }, method: 'poisson', threshold: 9, alarm: true },
    // Constant baseline: s = 0, a t interval would be a point → Poisson.
    { name: 's = 0 → Poisson', baseline: [12, 12, 12, 12, 12, 12, 12], observed: 30, p: {}, method: 'poisson', alarm: true },
    // [1,0,0,1,0,0,0]: mean 2/7 (above the 0.25 floor), S = 2. Conditional tails (hand values in poisson.test.ts):
    // x = 3 → 526/32768 = 0.0161 < 0.025 fires; with α = 0.0025: x = 4 → 0.00297 no, x = 5 → 0.00051 fires.
    { name: 'conditional Poisson fires', baseline: [1, 0, 0, 1, 0, 0, 0], observed: 3, p: { minMeanForT: 10 }, method: 'poisson', threshold: 2, alarm: true },
    { name: 'conditional Poisson with Bonferroni α', baseline: [1, 0, 0, 1, 0, 0, 0], observed: 4, p: { alpha: 0.0025, minMeanForT: 10 }, method: 'poisson', threshold: 4, alarm: false },
    { name: 'conditional Poisson with Bonferroni α, one more post', baseline: [1, 0, 0, 1, 0, 0, 0], observed: 5, p: { alpha: 0.0025, minMeanForT: 10 }, method: 'poisson', threshold: 4, alarm: true },
    // Plug-in on zeros: λ = floor 0.25, P(X ≥ 3) = 0.00216 < 0.0025.
    { name: 'plug-in Poisson on a silent baseline', baseline: [0, 0, 0, 0, 0, 0, 0], observed: 3, p: { alpha: 0.0025, poissonTest: 'plug-in' }, method: 'poisson', threshold: 2, alarm: true },
    // Conditional on zeros with the floor: S = 7 · 0.25 = 1.75, x = 3 → 0.0134, x = 4 → 0.00238 < 0.0025.
    { name: 'conditional Poisson on a silent baseline needs 4', baseline: [0, 0, 0, 0, 0, 0, 0], observed: 3, p: { alpha: 0.0025 }, method: 'poisson', threshold: 3, alarm: false },
    // The floor keeps a lone post from being significant even at α = 0.025 (P = I_{1/8}(1, 2.75) = 0.31).
    { name: 'one post after silence is nothing', baseline: [0, 0, 0, 0, 0, 0, 0], observed: 1, p: { minCount: 0 }, method: 'poisson', alarm: false },
  ] as const)('$name', ({ baseline, observed, p, method, alarm, ...rest }) => {
    const r = evaluateCount(baseline, observed, params(p));
    expect(r.method).toBe(method);
    expect(r.alarm).toBe(alarm);
    if ('threshold' in rest && rest.threshold !== undefined) expect(r.threshold).toBeCloseTo(rest.threshold, 5);
    // The p-value and the threshold tell the same story.
    expect(r.pValue < params(p).alpha).toBe(observed > r.threshold);
  });

  it('gives the t p-value P(T₆ > (y − ȳ)/(s√(1+1/n)))', () => {
    // (10 − 4) / 2.309401 = 2.598076 → P(T₆ > 2.598076) = 0.020384
    expect(evaluateCount([1, 2, 3, 4, 5, 6, 7], 10, params()).pValue).toBeCloseTo(0.020384, 6);
  });

  it.each([
    // With a tiny floor, 2 posts after silence are significant (P ≈ (1/8)² = 0.0156 < 0.025) …
    [0, true],
    [2, true],
    // … but the minimum count of 3 keeps them quiet.
    [3, false],
  ])('minimum count %i → alarm %s for 2 posts after silence', (minCount, alarm) => {
    const r = evaluateCount([0, 0, 0, 0, 0, 0, 0], 2, params({ minCount, lambdaFloor: 0.001 }));
    expect(r.pValue).toBeLessThan(0.025);
    expect(r.alarm).toBe(alarm);
  });
});
