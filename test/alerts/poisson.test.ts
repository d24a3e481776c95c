import { describe, expect, it } from 'vitest';
import { conditionalPoissonUpperTail, poissonUpperTail, regularizedGammaP, significantCount } from '../../src/alerts/poisson.js';

describe('poissonUpperTail: P(X ≥ k | λ)', () => {
  it.each([
    // 1 − e^−0.25 (1 + 0.25 + 0.25²/2) = 1 − 0.7788008 · 1.28125 = 0.0021615
    [3, 0.25, 0.0021615],
    [1, 2, 1 - Math.exp(-2)],
    [0, 1, 1],
    [10, 3, 0.0011025], // table: P(X ≤ 9 | 3) = 0.99890
    [16, 10, 0.0487404], // table: P(X ≤ 15 | 10) = 0.95126
    [120, 100, 0.0282304],
  ])('P(X ≥ %i | %f) = %f', (k, lambda, expected) => {
    expect(poissonUpperTail(k, lambda)).toBeCloseTo(expected, 6);
  });

  it('is accurate relative to tiny tails', () => {
    // Σ_{x≥5} e^−0.25 0.25^x/x! = 6.6117e-6 (first terms 6.3385e-6 + 2.641e-7 + …)
    expect(poissonUpperTail(5, 0.25) / 6.611710561e-6).toBeCloseTo(1, 7);
    expect(poissonUpperTail(50, 10) / 1.8547268838698e-19).toBeCloseTo(1, 7);
  });

  it('agrees with a direct sum of the probability mass', () => {
    for (const lambda of [0.3, 2.5, 17]) {
      let pmf = Math.exp(-lambda);
      let below = 0;
      for (let k = 0; k < 40; k++) {
        expect(poissonUpperTail(k, lambda)).toBeCloseTo(1 - below, 10);
        below += pmf;
        pmf *= lambda / (k + 1);
      }
    }
  });

  it('regularizedGammaP covers both of its branches', () => {
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 14); // P(1, x) = 1 − e^−x
    expect(regularizedGammaP(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 14);
    expect(regularizedGammaP(2, 0)).toBe(0);
  });
});

describe('conditionalPoissonUpperTail: P(Bin(x + S, 1/(n+1)) ≥ x)', () => {
  it.each([
    // Baseline of 7 zeros: (1/8)^x.
    [3, 0, 7, 1 / 512],
    // S = 2, n = 7, x = 3: N = 5, p = 1/8: C(5,3)(1/8)³(7/8)² + C(5,4)(1/8)⁴(7/8) + (1/8)⁵ = 526/32768
    [3, 2, 7, 526 / 32768],
    // x = 4: N = 6: (15·49 + 6·7 + 1)/8⁶ = 778/262144
    [4, 2, 7, 778 / 262144],
    // x = 5: N = 7: (21·49 + 7·7 + 1)/8⁷ = 1079/2097152
    [5, 2, 7, 1079 / 2097152],
    [0, 5, 7, 1],
  ])('x=%i S=%f n=%i → %f', (x, s, n, expected) => {
    expect(conditionalPoissonUpperTail(x, s, n)).toBeCloseTo(expected, 12);
  });

  it('accepts a fractional (weighted) baseline total between the integer cases', () => {
    const p = conditionalPoissonUpperTail(4, 2.5, 7);
    expect(p).toBeGreaterThan(778 / 262144);
    expect(p).toBeLessThan(conditionalPoissonUpperTail(4, 3, 7));
  });
});

describe('significantCount', () => {
  it.each([
    // P(X ≥ 3 | 0.25) = 0.00216 < 0.0025 but P(X ≥ 2 | 0.25) = 0.0265 is not.
    [0.25, 0.0025, 3],
    // P(X ≥ 4 | 0.25) = 1.33e-4 ≥ 5e-5 > P(X ≥ 5 | 0.25) = 6.6e-6
    [0.25, 0.00005, 5],
    [3, 0.0011025, 10],
    [100, 0.025, 121], // P(X ≥ 120 | 100) = 0.0282, P(X ≥ 121 | 100) = 0.0227
  ])('Poisson λ=%f α=%f → %i', (lambda, alpha, expected) => {
    expect(significantCount((c) => poissonUpperTail(c, lambda), alpha)).toBe(expected);
  });

  it('finds the conditional critical count (hand values above)', () => {
    // S = 2, n = 7: x = 4 gives 0.00297 ≥ 0.0025, x = 5 gives 0.00051.
    expect(significantCount((c) => conditionalPoissonUpperTail(c, 2, 7), 0.0025)).toBe(5);
    expect(significantCount((c) => conditionalPoissonUpperTail(c, 2, 7), 0.025)).toBe(3);
  });
});
