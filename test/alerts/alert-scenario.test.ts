import { describe, expect, it } from 'vitest';
import { detectAlerts } from '../../src/alerts/alert-detector.js';
import type { SeriesInput } from '../../src/alerts/alert-types.js';
import { poissonUpperTail, significantCount } from '../../src/alerts/poisson.js';
import { syntheticDailySeries } from '../../src/alerts/synthetic-series.js';

// Ten areas × nine series (eight topics + negative sentiment), posts per day around fixed rates.
const TOPIC_RATES = {
  radicalisation: 0.3, cybercrime: 2, nuisance: 6, subversive_crime: 1.5, migration: 1,
  events_tourism: 4, social_domain: 3, hate: 0.8, negative: 15,
};
const AREAS = Array.from({ length: 10 }, (_, i) => `WK0363${String(i).padStart(2, '0')}`);
const areaFactor = (_: string, i: number) => 0.6 + 0.1 * i; // 0.6 … 1.5: rates from 0.18 to 22.5 per day
const BACKGROUND_DAYS = 35;
const BURST_AREA = AREAS[3]!;
const BURST_DAY = '2026-11-27T00:00:00.000Z';
const ALPHA = 0.025;

/** 35 background days, then day 36 on which BURST_AREA gets 8 × its cybercrime rate: round(8 · 2 · 0.9) = 14 posts. */
function scenario(seed: number): SeriesInput[] {
  const series = syntheticDailySeries({ seed, start: '2026-10-23', days: BACKGROUND_DAYS + 1, areas: AREAS, topicRates: TOPIC_RATES, areaFactor });
  return series.map((s) => {
    if (s.area !== BURST_AREA || s.topic !== 'cybercrime') return s;
    const counts = [...s.counts];
    counts[BACKGROUND_DAYS] = Math.round(8 * TOPIC_RATES.cybercrime * areaFactor(s.area, 3));
    return { ...s, counts };
  });
}

// The false-alarm bound. A day can be tested once 7 baseline days exist: days 8–35 of the background, so
// N = 28 days × 90 series = 2520 tests per run. Bonferroni over the 10 areas gives each test α/m = 0.0025, so a
// calibrated detector raises at most E = N · α/m = 6.3 false alerts on average (the cooldown only removes alerts).
// False alerts are a sum of many rare, nearly independent events, so their number is about Poisson(≤ E); we allow
// the count B that a Poisson(E) exceeds with probability below 0.1 %. Exceeding B means the detector is
// anti-conservative, not unlucky. All data come from fixed seeds, so the test is deterministic.
const TESTS_PER_RUN = (BACKGROUND_DAYS - 7) * AREAS.length * Object.keys(TOPIC_RATES).length;
const boundFor = (expected: number) => significantCount((c) => poissonUpperTail(c, expected), 0.001) - 1;

describe('scenario: a cybercrime burst in one of ten areas', () => {
  const seed = 20261127;
  const alerts = detectAlerts(scenario(seed), { evaluate: 'all', alpha: ALPHA });
  const onBurstDay = alerts.filter((a) => a.window_start === BURST_DAY);
  const falseAlerts = alerts.filter((a) => a.window_start < BURST_DAY);

  it('alerts exactly that area × topic on the burst day', () => {
    expect(onBurstDay.map((a) => [a.area, a.topic])).toEqual([[BURST_AREA, 'cybercrime']]);
    expect(onBurstDay[0]!.settings.bonferroni_m).toBe(10);
    expect(onBurstDay[0]!.observed).toBe(14);
    expect(onBurstDay[0]!.ratio).toBeGreaterThan(3);
  });

  it('raises no more false alerts in the background than α and the correction allow', () => {
    const expected = TESTS_PER_RUN * (ALPHA / AREAS.length); // 6.3
    expect(expected).toBeCloseTo(6.3, 10);
    const bound = boundFor(expected);
    expect(bound).toBe(15); // P(Poisson(6.3) ≥ 16) = 0.00084 < 0.001 ≤ P(Poisson(6.3) ≥ 15) = 0.0022
    expect(falseAlerts.length).toBeLessThanOrEqual(bound);
  });

  it('over 20 seeds: finds every burst and stays within the bound for 20 × 2520 tests', () => {
    let missed = 0;
    let extraOnBurstDay = 0;
    let background = 0;
    for (let s = 1; s <= 20; s++) {
      const run = detectAlerts(scenario(s * 7919), { evaluate: 'all', alpha: ALPHA });
      const burst = run.filter((a) => a.window_start === BURST_DAY);
      if (!burst.some((a) => a.area === BURST_AREA && a.topic === 'cybercrime')) missed++;
      extraOnBurstDay += burst.filter((a) => a.area !== BURST_AREA || a.topic !== 'cybercrime').length;
      background += run.filter((a) => a.window_start < BURST_DAY).length;
    }
    expect(missed).toBe(0);
    // 20 runs × 89 other series on the burst day: E = 4.45 false alerts, B = 12.
    expect(extraOnBurstDay).toBeLessThanOrEqual(boundFor(20 * 89 * (ALPHA / AREAS.length)));
    // 20 × 2520 background tests: E = 126; B = 162.
    expect(background).toBeLessThanOrEqual(boundFor(20 * TESTS_PER_RUN * (ALPHA / AREAS.length)));
  });
});
