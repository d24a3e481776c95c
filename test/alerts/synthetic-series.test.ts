import { describe, expect, it } from 'vitest';
import { mulberry32, samplePoisson, syntheticDailySeries } from '../../src/alerts/synthetic-series.js';

describe('mulberry32', () => {
  it('is deterministic per seed and uniform on [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Mean of 10 000 uniforms: 0.5 ± 3 · 0.2887/100.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.0087);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
});

describe('samplePoisson', () => {
  it.each([0.3, 2, 15, 45, 400])('λ = %f: sample mean and variance match λ (both branches)', (lambda) => {
    const random = mulberry32(7);
    const n = 20_000;
    const xs = Array.from({ length: n }, () => samplePoisson(lambda, random));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    // Standard error of the mean is √(λ/n); allow 4 of them. The variance within 10 %.
    expect(Math.abs(mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    expect(variance / lambda).toBeGreaterThan(0.9);
    expect(variance / lambda).toBeLessThan(1.1);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('returns 0 for a rate of 0', () => {
    expect(samplePoisson(0, mulberry32(1))).toBe(0);
  });
});

describe('syntheticDailySeries', () => {
  it('makes one dense daily series per area × topic, reproducibly', () => {
    const spec = { seed: 5, start: '2026-10-01', days: 3, areas: ['A', 'B'], topicRates: { hate: 1, nuisance: 4 }, areaFactor: (_: string, i: number) => i + 1 };
    const series = syntheticDailySeries(spec);
    expect(series.map((s) => `${s.area}/${s.topic}`)).toEqual(['A/hate', 'A/nuisance', 'B/hate', 'B/nuisance']);
    expect(series[0]!.buckets).toEqual(['2026-10-01T00:00:00.000Z', '2026-10-02T00:00:00.000Z', '2026-10-03T00:00:00.000Z']);
    expect(series.every((s) => s.counts.length === 3 && s.granularity === 'day')).toBe(true);
    expect(syntheticDailySeries(spec)).toEqual(series);
  });
});
