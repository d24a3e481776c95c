import { describe, expect, it } from 'vitest';
import { AlertOptionsError, InvalidSeriesError } from '../../src/alerts/alert-errors.js';
import { detectAlerts } from '../../src/alerts/alert-detector.js';
import type { DetectOptions, PriorAlert, SeriesInput } from '../../src/alerts/alert-types.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 1); // 1 Nov 2026

/** A daily series starting 1 Nov 2026. */
function daily(counts: number[], area = 'WK036300', topic = 'cybercrime'): SeriesInput {
  return { area, topic, granularity: 'day', buckets: counts.map((_, i) => new Date(START + i * DAY).toISOString()), counts };
}
const day = (i: number) => new Date(START + i * DAY).toISOString();

describe('detectAlerts: one series', () => {
  // Baseline [1,0,0,1,0,0,0]: mean 2/7, S = 2 → conditional Poisson; 5 posts: p = 1079/2097152 = 0.000515.
  const quiet = [1, 0, 0, 1, 0, 0, 0];

  it('evaluates the last bucket and explains the alert', () => {
    const [alert, ...rest] = detectAlerts([daily([...quiet, 5])]);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      area: 'WK036300',
      topic: 'cybercrime',
      granularity: 'day',
      window_start: '2026-11-08T00:00:00.000Z',
      window_end: '2026-11-09T00:00:00.000Z',
      observed: 5,
      method: 'poisson',
      threshold: 2, // at α = 0.025: x = 3 → 526/32768 = 0.016 is already significant
      baseline_values: quiet,
      baseline_weights: [1, 1, 1, 1, 1, 1, 1],
      settings: {
        alpha: 0.025, alpha_corrected: 0.025, bonferroni_m: 1, baseline: 'days', baseline_size: 7, baseline_days: 7,
        min_count: 3, lambda_floor: 0.25, poisson_test: 'conditional', downweight: true, cooldown_hours: 72, refire_factor: 1.5,
      },
    });
    expect(alert!.expected).toBeCloseTo(2 / 7, 12);
    expect(alert!.ratio).toBeCloseTo(17.5, 10);
    expect(alert!.p_value).toBeCloseTo(1079 / 2097152, 12);
    expect(alert!.refire_of).toBeUndefined();
  });

  it.each([
    ['a burst before the last bucket', [...quiet, 5, 0], 'last', 0],
    ['the same burst in a backfill', [...quiet, 5, 0], 'all', 1],
    ['too little history for a baseline', [0, 0, 0, 0, 0, 9], 'all', 0],
    ['a quiet series', [...quiet, ...quiet, 1], 'all', 0],
  ] as const)('%s → %i alert(s)', (_, counts, evaluate, expected) => {
    expect(detectAlerts([daily([...counts])], { evaluate })).toHaveLength(expected);
  });

  it.each([
    // After seven silent days, 2 posts: with a tiny λ floor p = I_{1/8}(2, 1.007) ≈ 0.016 < 0.025 …
    [{ lambdaFloor: 0.001, minCount: 2 }, 1],
    // … but the default minimum of 3 posts keeps them quiet; and the default floor 0.25 makes p = 0.069 anyway.
    [{ lambdaFloor: 0.001 }, 0],
    [{ minCount: 2 }, 0],
  ] as const)('minimum count: %j → %i alert(s)', (options, expected) => {
    expect(detectAlerts([daily([0, 0, 0, 0, 0, 0, 0, 2])], options)).toHaveLength(expected);
  });

  it('restricts a backfill to from/to (inclusive)', () => {
    const counts = [...quiet, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7];
    expect(detectAlerts([daily(counts)], { evaluate: 'all' }).map((a) => a.window_start)).toEqual([day(7), day(17)]);
    expect(detectAlerts([daily(counts)], { evaluate: 'all', from: day(8) }).map((a) => a.window_start)).toEqual([day(17)]);
    expect(detectAlerts([daily(counts)], { evaluate: 'all', to: day(7) }).map((a) => a.window_start)).toEqual([day(7)]);
  });

  it('fills gaps and the end of the range with zeros before testing', () => {
    // Only the days with posts are given; day 8 is the last day through `end`, with 0 posts.
    const s: SeriesInput = { area: 'A', topic: 'hate', granularity: 'day', buckets: [day(0), day(3), day(7)], counts: [1, 1, 5] };
    expect(detectAlerts([s]).map((a) => a.window_start)).toEqual([day(7)]);
    expect(detectAlerts([{ ...s, end: day(8) }])).toEqual([]);
  });

  it('uses the same weekday of earlier weeks with baseline "weekdays"', () => {
    // Mondays are busy (8), other days quiet (0–1): by weekday, a busy Monday is normal; by days, it is an alarm.
    const counts: number[] = [];
    for (let i = 0; i < 57; i++) counts.push(i % 7 === 0 ? 8 + (i % 2) : i % 3 === 0 ? 1 : 0);
    expect(detectAlerts([daily(counts)], { baseline: 'weekdays' })).toEqual([]);
    const [byDays] = detectAlerts([daily(counts)], { baseline: 'days' });
    expect(byDays?.window_start).toBe(day(56));
    const weekly = detectAlerts([daily([...counts.slice(0, 56), 30])], { baseline: 'weekdays' });
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.settings).toMatchObject({ baseline: 'weekdays', baseline_days: 49 });
    expect(weekly[0]!.baseline_values).toEqual([9, 8, 9, 8, 9, 8, 9]); // days 7, 14, …, 49
  });
});

describe('detectAlerts: down-weighting an earlier burst', () => {
  // Day 11's baseline is [2,3,2,20,3,2,3]: the 20 gets weight 6.7e-5 (r* ≫ t(0.975, 5) = 2.571), mean 2.50017,
  // S = 17.5 → P(Bin(27.5, 1/8) ≥ 10) = 0.00122 < 0.025. Unweighted, S = 35 → P = 0.048: the first burst would hide the second.
  const counts = [2, 3, 2, 3, 2, 3, 2, 20, 3, 2, 3, 10];

  it.each([
    [true, [day(7), day(11)]],
    [false, [day(7)]],
  ])('downweight %s → alerts on %j', (downweight, expected) => {
    const alerts = detectAlerts([daily(counts)], { evaluate: 'all', downweight });
    expect(alerts.map((a) => a.window_start)).toEqual(expected);
  });

  it('records the weights it used', () => {
    const second = detectAlerts([daily(counts)], { evaluate: 'all' })[1]!;
    expect(second.baseline_values).toEqual([2, 3, 2, 20, 3, 2, 3]);
    expect(second.baseline_weights[3]).toBeCloseTo(6.6535e-5, 8);
    expect(second.expected).toBeCloseTo(2.500166, 6);
    expect(second.p_value).toBeCloseTo(0.0012164, 6);
    expect(second.settings.alpha_outlier).toBe(0.025); // default: the series' own (corrected) alpha
  });
});

describe('detectAlerts: Bonferroni over areas', () => {
  // Target baseline [1,0,0,1,0,0,0] (S = 2) and 4 posts: p = 778/262144 = 0.00297.
  // Ten areas: α/m = 0.0025 < 0.00297, so no alert; without the correction 0.025 > 0.00297.
  const target = daily([1, 0, 0, 1, 0, 0, 0, 4], 'A0');
  const others = Array.from({ length: 9 }, (_, i) => daily([0, 1, 0, 0, 1, 0, 0, 0], `A${i + 1}`));
  const all = [target, ...others];

  it.each<[string, DetectOptions, number | null]>([
    ['m = 10 areas', {}, null],
    ['correction off', { bonferroni: false }, 1],
    ['m overridden to 1', { bonferroniM: 1 }, 1],
    ['topic alpha 0.05 → 0.005', { alphaByTopic: { cybercrime: 0.05 } }, 10],
    ['other topic alpha does not apply', { alphaByTopic: { hate: 0.05 } }, null],
  ])('%s', (_, options, m) => {
    const alerts = detectAlerts(all, options);
    if (m === null) expect(alerts).toEqual([]);
    else {
      expect(alerts.map((a) => a.area)).toEqual(['A0']);
      expect(alerts[0]!.settings.bonferroni_m).toBe(m);
      expect(alerts[0]!.p_value).toBeCloseTo(778 / 262144, 12);
      expect(alerts[0]!.p_value).toBeLessThan(alerts[0]!.settings.alpha_corrected);
    }
  });

  it('counts m per topic and granularity', () => {
    const nuisance = [0, 1, 2].map((i) => daily([1, 0, 0, 1, 0, 0, 0, i === 0 ? 5 : 0], `B${i}`, 'nuisance'));
    const alerts = detectAlerts([...all, ...nuisance], { bonferroni: true });
    expect(alerts.map((a) => [a.area, a.topic, a.settings.bonferroni_m])).toEqual([['B0', 'nuisance', 3]]);
  });
});

describe('detectAlerts: cooldown', () => {
  // Quiet week, then 6, 6, 10, 12. Without cooldown all four days fire (checked below), so any silence is the cooldown's.
  const counts = [1, 0, 0, 1, 0, 0, 0, 6, 6, 10, 12];

  it('every burst day is significant on its own', () => {
    expect(detectAlerts([daily(counts)], { evaluate: 'all', cooldownHours: { day: 0 } }).map((a) => a.window_start)).toEqual([day(7), day(8), day(9), day(10)]);
  });

  it('does not refire within 3 days unless the count grows by the factor', () => {
    const alerts = detectAlerts([daily(counts)], { evaluate: 'all' });
    // Day 8: 6 ≤ 1.5 · 6 → quiet. Day 9: 10 > 9 → refire. Day 10: 12 ≤ 1.5 · 10 → quiet.
    expect(alerts.map((a) => [a.window_start, a.observed, a.refire_of])).toEqual([
      [day(7), 6, undefined],
      [day(9), 10, { window_start: day(7), observed: 6 }],
    ]);
  });

  it('honours a custom factor', () => {
    const alerts = detectAlerts([daily(counts)], { evaluate: 'all', refireFactor: 1.1 });
    expect(alerts.map((a) => a.window_start)).toEqual([day(7), day(9), day(10)]); // 12 > 11
  });

  const last = daily([1, 0, 0, 1, 0, 0, 0, 6]); // alert candidate on day 7 (8 Nov)
  const prior = (over: Partial<PriorAlert>): PriorAlert => ({ area: 'WK036300', topic: 'cybercrime', granularity: 'day', window_start: day(6), observed: 5, ...over });
  it.each<[string, PriorAlert, boolean]>([
    ['prior yesterday with 5 (6 ≤ 7.5)', prior({}), false],
    ['prior yesterday with 3 (6 > 4.5)', prior({ observed: 3 }), true],
    ['prior exactly 72 h earlier', prior({ window_start: day(4), observed: 10 }), true],
    ['prior 71:59:59 earlier', prior({ window_start: new Date(START + 4 * DAY + 1000).toISOString(), observed: 10 }), false],
    ['prior for another topic', prior({ topic: 'hate' }), true],
    ['prior for another area', prior({ area: 'WK036301' }), true],
    ['prior of the hourly series', prior({ granularity: 'hour' }), true],
    ['prior for the same bucket (a recompute)', prior({ window_start: day(7), observed: 50 }), true],
  ])('history: %s → fires %s', (_, p, fires) => {
    expect(detectAlerts([last], {}, [p])).toHaveLength(fires ? 1 : 0);
  });
});

describe('detectAlerts: hourly series', () => {
  // 8 days of hours: 4 posts per daytime hour (09–20 UTC, +1 on odd days), none at night.
  const base = (i: number) => { const h = i % 24; return h >= 9 && h <= 20 ? 4 + (Math.floor(i / 24) % 2) : 0; };
  const hourly = (spikes: Record<number, number>, area = 'BU03630000'): SeriesInput => {
    const t0 = Date.UTC(2026, 10, 20);
    const counts = Array.from({ length: 8 * 24 }, (_, i) => spikes[i] ?? base(i));
    return { area, topic: 'nuisance', granularity: 'hour', buckets: counts.map((_, i) => new Date(t0 + i * HOUR).toISOString()), counts };
  };
  const at = (h: number) => new Date(Date.UTC(2026, 10, 27, h)).toISOString(); // hours of the last day
  const lastDay = { evaluate: 'all', from: at(0) } as const;

  it('compares with the same hour on earlier days by default: the daily rhythm is not news', () => {
    const alerts = detectAlerts([hourly({ [7 * 24 + 14]: 14 })], lastDay);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ window_start: at(14), window_end: at(15), observed: 14, granularity: 'hour' });
    expect(alerts[0]!.settings).toMatchObject({ baseline: 'same-hour', baseline_days: 7, cooldown_hours: 6 });
    expect(alerts[0]!.baseline_values).toEqual([4, 5, 4, 5, 4, 5, 4]);
  });

  it('with baseline "hours" the morning rise itself fires (why same-hour is the default)', () => {
    const alerts = detectAlerts([hourly({})], { ...lastDay, hourlyBaseline: 'hours' });
    expect(alerts.map((a) => a.window_start)).toEqual([at(9)]);
    expect(alerts[0]!.settings.baseline_days).toBeCloseTo(7 / 24, 12);
  });

  it('has a 6-hour cooldown', () => {
    // Spikes at 14:00, 15:00 (1 h later: quiet), 20:00 (6 h after 14:00: fires again).
    const d7 = 7 * 24;
    const alerts = detectAlerts([hourly({ [d7 + 14]: 14, [d7 + 15]: 14, [d7 + 20]: 14 })], lastDay);
    expect(alerts.map((a) => a.window_start)).toEqual([at(14), at(20)]);
    const uncooled = detectAlerts([hourly({ [d7 + 14]: 14, [d7 + 15]: 14, [d7 + 20]: 14 })], { ...lastDay, cooldownHours: { hour: 0 } });
    expect(uncooled.map((a) => a.window_start)).toEqual([at(14), at(15), at(20)]);
  });
});

describe('detectAlerts: output and options', () => {
  it('sorts alerts by time, area and topic', () => {
    const s = [
      daily([1, 0, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9], 'B', 'nuisance'),
      daily([1, 0, 0, 1, 0, 0, 0, 6], 'B', 'hate'),
      daily([1, 0, 0, 1, 0, 0, 0, 6], 'A', 'nuisance'),
    ];
    const alerts = detectAlerts(s, { evaluate: 'all', bonferroni: false });
    expect(alerts.map((a) => `${a.window_start.slice(0, 10)} ${a.area} ${a.topic}`)).toEqual([
      '2026-11-08 A nuisance', '2026-11-08 B hate', '2026-11-08 B nuisance', '2026-11-19 B nuisance',
    ]);
  });

  it('returns nothing for no series', () => {
    expect(detectAlerts([])).toEqual([]);
  });

  it.each<[DetectOptions, RegExp]>([
    [{ alpha: 0 }, /alpha must be a number above 0 and below 0.5/],
    [{ alpha: 0.7 }, /alpha must be/],
    [{ alphaByTopic: { hate: 2 } }, /alpha for topic "hate"/],
    [{ baseline: 'weeks' as never }, /daily baseline must be "days" or "weekdays"/],
    [{ hourlyBaseline: 'days' as never }, /hourly baseline must be "hours" or "same-hour"/],
    [{ baselineSize: 2 }, /baseline size must be a number of at least 3/],
    [{ baselineSize: 7.5 }, /whole number of buckets/],
    [{ bonferroniM: 0 }, /Bonferroni m must be a whole number/],
    [{ evaluate: 'some' as never }, /evaluate option must be "last" or "all"/],
    [{ from: 'yesterday' }, /from option must be an ISO 8601 time/],
    [{ refireFactor: 0.5 }, /refire factor/],
    [{ minCount: -1 }, /minimum count/],
    [{ poissonTest: 'exact' as never }, /Poisson test must be "conditional" or "plug-in"/],
    [{ alphaOutlier: 1 }, /outlier alpha/],
    [{ cooldownHours: { day: -1 } }, /daily cooldown/],
  ])('rejects %j with a readable error', (options, message) => {
    expect(() => detectAlerts([], options)).toThrow(AlertOptionsError);
    expect(() => detectAlerts([], options)).toThrow(message);
  });

  it('rejects the same area × topic × granularity twice', () => {
    const s = daily([1, 2, 3]);
    expect(() => detectAlerts([s, s])).toThrow(InvalidSeriesError);
    expect(() => detectAlerts([s, s])).toThrow(/passed twice; merge its counts/);
    expect(detectAlerts([s, { ...s, granularity: 'hour' }, { ...s, topic: 'hate' }])).toEqual([]);
  });

  it('rejects a prior alert without a usable time', () => {
    expect(() => detectAlerts([], {}, [{ area: 'A', topic: 'x', granularity: 'day', window_start: 'gisteren', observed: 1 }])).toThrow(/prior alert/);
  });

  it('does not pick up Object.prototype members for odd topic slugs', () => {
    const alerts = detectAlerts([daily([1, 0, 0, 1, 0, 0, 0, 6], 'A', 'constructor')], { alphaByTopic: { hate: 0.01 } });
    expect(alerts[0]!.settings.alpha).toBe(0.025);
  });
});
