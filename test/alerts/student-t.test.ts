import { describe, expect, it } from 'vitest';
import { AlertOptionsError } from '../../src/alerts/alert-errors.js';
import { logGamma, normalQuantile, studentTCdf, studentTQuantile, studentTUpperTail } from '../../src/alerts/student-t.js';

describe('studentTQuantile', () => {
  // Reference values from printed t tables (and R's qt to more digits).
  it.each([
    [0.975, 6, 2.446912],
    [0.975, 1, 12.706205],
    [0.99, 10, 2.763769],
    [0.95, 5, 2.015048],
    [0.975, 30, 2.042272],
    [0.995, 2, 9.924843],
    [0.9995, 3, 12.923979],
    [0.9975, 6, 4.316827], // two-sided 0.005, the EARS threshold for α = 0.025 over 10 areas
    [0.99999, 6, 12.031653],
    [0.975, 1000, 1.962339],
    [0.6, 4, 0.270722],
    [0.975, 2.5, 3.574655], // fractional degrees of freedom
  ])('t(%f, %f) = %f', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 5);
  });

  it('is symmetric and zero at the median', () => {
    expect(studentTQuantile(0.025, 6)).toBeCloseTo(-2.446912, 5);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it('inverts the distribution function far into the tail', () => {
    for (const [p, df] of [[0.9999999, 3], [0.99995, 6], [0.9, 1.5]] as const) {
      expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });

  it.each([[0, 6], [1, 6], [0.5, 0], [0.9, Number.NaN], [Number.NaN, 3]])('rejects p=%f df=%f with a readable error', (p, df) => {
    expect(() => studentTQuantile(p, df)).toThrow(AlertOptionsError);
  });
});

describe('Student t distribution', () => {
  it.each([
    // P(T > t) for df: table values.
    [2.0, 6, 0.046213],
    [2.446912, 6, 0.025],
    [12.706205, 1, 0.025],
    [0, 9, 0.5],
    [-2.763769, 10, 0.99],
  ])('P(T > %f | df=%f) = %f', (t, df, expected) => {
    expect(studentTUpperTail(t, df)).toBeCloseTo(expected, 6);
  });

  it('keeps tiny tails accurate (relative, not absolute)', () => {
    // t(1 − 1e-7, 3) = 222.5716 (R: qt(1e-7, 3, lower.tail = FALSE)).
    expect(studentTUpperTail(222.5715909862512, 3) / 1e-7).toBeCloseTo(1, 8);
  });
});

describe('helpers', () => {
  it.each([[1, 0], [2, 0], [5, Math.log(24)], [0.5, Math.log(Math.sqrt(Math.PI))], [10.5, 13.940625219403763]])('logGamma(%f)', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });

  it.each([[0.975, 1.959964], [0.5, 0], [0.001, -3.090232], [0.99999, 4.264891]])('normalQuantile(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });
});
