import type { SeriesInput } from './alert-types.js';
import { logGamma } from './student-t.js';

/**
 * Seeded uniform random numbers in [0, 1) (mulberry32): the same seed gives the same sequence everywhere.
 * Used by the scenario test and the benchmark, never for anything that needs real randomness.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws one Poisson(lambda) count from a uniform source (Knuth below 30, Hörmann's PTRS above). */
export function samplePoisson(lambda: number, random: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  }
  // Transformed rejection with squeeze (Hörmann 1993), as numpy uses for large means.
  const sqrtLambda = Math.sqrt(lambda);
  const logLambda = Math.log(lambda);
  const b = 0.931 + 2.53 * sqrtLambda;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * logLambda - logGamma(k + 1)) return k;
  }
}

/** Description of a synthetic daily background: areas × topics with a fixed Poisson rate each. */
export interface SyntheticSpec {
  seed: number;
  /** First bucket (a UTC day), e.g. `2026-10-01`. */
  start: string;
  days: number;
  areas: readonly string[];
  /** Rate per day for each topic; multiplied by the area's factor. */
  topicRates: Readonly<Record<string, number>>;
  /** Per-area multiplier of all rates (default 1). */
  areaFactor?: (area: string, index: number) => number;
}

/**
 * Generates seeded daily Poisson count series (one per area × topic) for tests and benchmarks.
 * @example syntheticDailySeries({ seed: 1, start: '2026-10-01', days: 35, areas: ['A'], topicRates: { nuisance: 4 } })
 */
export function syntheticDailySeries(spec: SyntheticSpec): SeriesInput[] {
  const random = mulberry32(spec.seed);
  const startMs = Date.parse(`${spec.start}T00:00:00Z`);
  const buckets = Array.from({ length: spec.days }, (_, i) => new Date(startMs + i * 86_400_000).toISOString());
  const out: SeriesInput[] = [];
  spec.areas.forEach((area, index) => {
    const factor = spec.areaFactor?.(area, index) ?? 1;
    for (const [topic, rate] of Object.entries(spec.topicRates)) {
      const counts = buckets.map(() => samplePoisson(rate * factor, random));
      out.push({ area, topic, granularity: 'day', buckets, counts });
    }
  });
  return out;
}
