import { AlertOptionsError, InvalidSeriesError } from './alert-errors.js';
import type { Alert, AlertSettings, BaselineMode, DetectOptions, Granularity, PriorAlert, SeriesInput } from './alert-types.js';
import { BUCKET_MS, densifySeries, parseBucketTime } from './dense-series.js';
import { decideCount, explainDecision } from './count-significance.js';
import type { CountTestParams } from './count-significance.js';
import { studentTQuantile } from './student-t.js';

/** The defaults of {@link DetectOptions}. */
export const DEFAULT_DETECT_OPTIONS = Object.freeze({
  alpha: 0.025,
  bonferroni: true,
  baseline: 'days',
  hourlyBaseline: 'same-hour',
  baselineSize: 7,
  downweight: true,
  alphaOutlier: 'alpha',
  kDecay: 4,
  minCount: 3,
  minMeanForT: 10,
  poissonTest: 'conditional',
  lambdaFloor: 0.25,
  cooldownHours: Object.freeze({ day: 72, hour: 6 }),
  refireFactor: 1.5,
  evaluate: 'last',
} as const);

/** How many buckets back each baseline value lies, per step of the baseline. */
const BASELINE_STEP: Readonly<Record<BaselineMode, number>> = { days: 1, weekdays: 7, hours: 1, 'same-hour': 24 };
/** How many days one baseline step covers. */
const STEP_DAYS: Readonly<Record<BaselineMode, number>> = { days: 1, weekdays: 7, hours: 1 / 24, 'same-hour': 1 };

interface Resolved {
  alpha: number;
  alphaByTopic: Readonly<Record<string, number>>;
  bonferroni: boolean;
  bonferroniM: number | undefined;
  baseline: Record<Granularity, BaselineMode>;
  baselineSize: number;
  downweight: boolean;
  alphaOutlier: number | 'alpha';
  kDecay: number;
  minCount: number;
  minMeanForT: number;
  poissonTest: 'conditional' | 'plug-in';
  lambdaFloor: number;
  cooldownHours: Record<Granularity, number>;
  refireFactor: number;
  evaluate: 'last' | 'all';
  from: number;
  to: number;
}

function checkAlpha(value: number, what: string): number {
  if (!(typeof value === 'number' && value > 0 && value < 0.5)) {
    throw new AlertOptionsError(`The ${what} must be a number above 0 and below 0.5 (for example 0.025); got ${String(value)}.`);
  }
  return value;
}

function checkNumber(value: number, what: string, min: number, hint: string): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= min)) {
    throw new AlertOptionsError(`The ${what} must be a number of at least ${min} (${hint}); got ${String(value)}.`);
  }
  return value;
}

function checkTime(value: string | undefined, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = parseBucketTime(value);
  if (Number.isNaN(ms)) throw new AlertOptionsError(`The ${what} option must be an ISO 8601 time such as 2026-11-27T00:00:00Z; got ${JSON.stringify(value)}.`);
  return ms;
}

function resolveOptions(options: DetectOptions): Resolved {
  const d = DEFAULT_DETECT_OPTIONS;
  const alphaByTopic = options.alphaByTopic ?? {};
  for (const [topic, value] of Object.entries(alphaByTopic)) checkAlpha(value, `alpha for topic ${JSON.stringify(topic)}`);
  const baseline = options.baseline ?? d.baseline;
  if (baseline !== 'days' && baseline !== 'weekdays') {
    throw new AlertOptionsError(`The daily baseline must be "days" or "weekdays"; got ${JSON.stringify(baseline)}.`);
  }
  const hourlyBaseline = options.hourlyBaseline ?? d.hourlyBaseline;
  if (hourlyBaseline !== 'hours' && hourlyBaseline !== 'same-hour') {
    throw new AlertOptionsError(`The hourly baseline must be "hours" or "same-hour"; got ${JSON.stringify(hourlyBaseline)}.`);
  }
  const baselineSize = checkNumber(options.baselineSize ?? d.baselineSize, 'baseline size', 3, 'a whole number of buckets, 7 by default');
  if (!Number.isInteger(baselineSize)) throw new AlertOptionsError(`The baseline size must be a whole number of buckets, such as 7; got ${baselineSize}.`);
  const bonferroniM = options.bonferroniM;
  if (bonferroniM !== undefined && !(Number.isInteger(bonferroniM) && bonferroniM >= 1)) {
    throw new AlertOptionsError(`The Bonferroni m must be a whole number of at least 1 (the number of areas tested); got ${String(bonferroniM)}.`);
  }
  const evaluate = options.evaluate ?? d.evaluate;
  if (evaluate !== 'last' && evaluate !== 'all') throw new AlertOptionsError(`The evaluate option must be "last" or "all"; got ${JSON.stringify(evaluate)}.`);
  const alphaOutlier = options.alphaOutlier ?? d.alphaOutlier;
  const poissonTest = options.poissonTest ?? d.poissonTest;
  if (poissonTest !== 'conditional' && poissonTest !== 'plug-in') {
    throw new AlertOptionsError(`The Poisson test must be "conditional" or "plug-in"; got ${JSON.stringify(poissonTest)}.`);
  }
  const refireFactor = checkNumber(options.refireFactor ?? d.refireFactor, 'refire factor', 1, '1.5 means the count must grow by half');
  return {
    alpha: checkAlpha(options.alpha ?? d.alpha, 'alpha'),
    alphaByTopic,
    bonferroni: options.bonferroni ?? d.bonferroni,
    bonferroniM,
    baseline: { day: baseline, hour: hourlyBaseline },
    baselineSize,
    downweight: options.downweight ?? d.downweight,
    alphaOutlier: alphaOutlier === 'alpha' ? alphaOutlier : checkAlpha(alphaOutlier, 'outlier alpha (or "alpha")'),
    kDecay: checkNumber(options.kDecay ?? d.kDecay, 'down-weighting power k', 0, '4 by default'),
    minCount: checkNumber(options.minCount ?? d.minCount, 'minimum count', 0, 'posts in the bucket, 3 by default'),
    minMeanForT: checkNumber(options.minMeanForT ?? d.minMeanForT, 'minimum baseline mean for the t test', 0, '10 by default'),
    poissonTest,
    lambdaFloor: checkNumber(options.lambdaFloor ?? d.lambdaFloor, 'Poisson rate floor', 0, 'posts per bucket, 0.25 by default'),
    cooldownHours: {
      day: checkNumber(options.cooldownHours?.day ?? d.cooldownHours.day, 'daily cooldown', 0, 'hours, 72 by default'),
      hour: checkNumber(options.cooldownHours?.hour ?? d.cooldownHours.hour, 'hourly cooldown', 0, 'hours, 6 by default'),
    },
    refireFactor,
    evaluate,
    from: checkTime(options.from, 'from', -Infinity),
    to: checkTime(options.to, 'to', Infinity),
  };
}

const keyOf = (granularity: string, area: string, topic: string): string => `${granularity}\u0000${area}\u0000${topic}`;

interface PriorPoint {
  time: number;
  observed: number;
}

/**
 * Finds emerging issues: area × topic buckets whose count is unusually high against their own baseline.
 *
 * Each bucket is tested against the n previous buckets (see {@link DetectOptions.baseline}) with the EARS t test as
 * epitweetr uses it, or with a Poisson test when counts are small (rule in {@link evaluateCount}). Alpha is divided
 * by the number of areas tested per topic (Bonferroni). An area × topic that alerted within the cooldown (from
 * `history` or earlier in the same call) fires again only when the count exceeds the previous alert's count times
 * `refireFactor`. By default only the last bucket of each series is evaluated; `evaluate: 'all'` backfills a range.
 * When recomputing a range, pass as history only alerts from before that range.
 * @example detectAlerts([{ area: 'WK036300', topic: 'cybercrime', granularity: 'day', buckets, counts }], { alpha: 0.025 })
 */
export function detectAlerts(
  series: readonly SeriesInput[],
  options: DetectOptions = {},
  history: readonly PriorAlert[] = [],
): Alert[] {
  const o = resolveOptions(options);

  // Bonferroni m: the number of areas tested for the same topic and granularity (epitweetr: regions on one level).
  const areasPerTopic = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const s of series) {
    const seriesKey = keyOf(s.granularity, s.area, s.topic);
    if (seen.has(seriesKey)) {
      throw new InvalidSeriesError(
        `The ${s.granularity} series for area ${JSON.stringify(s.area)} and topic ${JSON.stringify(s.topic)} was passed twice; merge its counts into one series.`,
      );
    }
    seen.add(seriesKey);
    const key = `${s.granularity}\u0000${s.topic}`;
    let areas = areasPerTopic.get(key);
    if (areas === undefined) areasPerTopic.set(key, (areas = new Set()));
    areas.add(s.area);
  }

  const priorByKey = new Map<string, PriorPoint[]>();
  for (const prior of history) {
    const time = parseBucketTime(prior.window_start);
    if (Number.isNaN(time)) {
      throw new AlertOptionsError(`A prior alert has window_start ${JSON.stringify(prior.window_start)}, which is not an ISO 8601 time; pass alerts as stored.`);
    }
    const key = keyOf(prior.granularity, prior.area, prior.topic);
    let list = priorByKey.get(key);
    if (list === undefined) priorByKey.set(key, (list = []));
    list.push({ time, observed: prior.observed });
  }
  for (const list of priorByKey.values()) list.sort((a, b) => a.time - b.time);

  const n = o.baselineSize;
  // Quantiles depend only on (p, df); a run needs a handful, so cache them.
  const quantiles = new Map<string, number>();
  const quantile = (p: number, df: number): number => {
    const key = `${p}/${df}`;
    let q = quantiles.get(key);
    if (q === undefined) quantiles.set(key, (q = studentTQuantile(p, df)));
    return q;
  };

  const alerts: Alert[] = [];
  const baseline = new Array<number>(n);
  const timeCache = new Map<string, number>();
  for (const input of series) {
    const dense = densifySeries(input, timeCache);
    const { granularity, times, counts } = dense;
    const mode = o.baseline[granularity];
    const stepBuckets = BASELINE_STEP[mode];
    const first = n * stepBuckets;
    let startIndex: number;
    let endIndex: number;
    if (o.evaluate === 'last') {
      startIndex = endIndex = times.length - 1;
    } else {
      startIndex = 0;
      while (startIndex < times.length && times[startIndex]! < o.from) startIndex++;
      endIndex = times.length - 1;
      while (endIndex >= 0 && times[endIndex]! > o.to) endIndex--;
    }
    startIndex = Math.max(startIndex, first);
    if (startIndex > endIndex) continue;

    const m = o.bonferroni ? (o.bonferroniM ?? areasPerTopic.get(`${granularity}\u0000${input.topic}`)!.size) : 1;
    const alpha = Object.hasOwn(o.alphaByTopic, input.topic) ? o.alphaByTopic[input.topic]! : o.alpha;
    const alphaCorrected = alpha / m;
    const alphaOutlier = o.alphaOutlier === 'alpha' ? alphaCorrected : o.alphaOutlier;
    const params: CountTestParams = {
      alpha: alphaCorrected,
      minCount: o.minCount,
      minMeanForT: o.minMeanForT,
      lambdaFloor: o.lambdaFloor,
      poissonTest: o.poissonTest,
      downweight: o.downweight,
      alphaOutlier,
      kDecay: o.kDecay,
      outlierThreshold: quantile(1 - alphaOutlier, n - 2),
      tQuantile: quantile(1 - alphaCorrected, n - 1),
    };
    const cooldownMs = o.cooldownHours[granularity] * 3_600_000;
    const priors = priorByKey.get(keyOf(granularity, input.area, input.topic)) ?? [];
    let priorIndex = 0;
    let latest: PriorPoint | undefined;
    let settings: AlertSettings | undefined;

    for (let t = startIndex; t <= endIndex; t++) {
      const observed = counts[t]!;
      // Cheap exits first: most buckets of most series are quiet.
      if (observed < o.minCount) continue;
      for (let i = 0; i < n; i++) baseline[i] = counts[t - (n - i) * stepBuckets]!;
      const decision = decideCount(baseline, observed, params);
      if (!decision.alarm) continue;

      const time = times[t]!;
      while (priorIndex < priors.length && priors[priorIndex]!.time < time) {
        const p = priors[priorIndex++]!;
        if (latest === undefined || p.time >= latest.time) latest = p;
      }
      let refireOf: Alert['refire_of'];
      if (latest !== undefined && time - latest.time < cooldownMs) {
        if (!(observed > latest.observed * o.refireFactor)) continue;
        refireOf = { window_start: new Date(latest.time).toISOString(), observed: latest.observed };
      }
      latest = { time, observed };
      const result = explainDecision(decision, observed, n, params);

      settings ??= {
        alpha,
        alpha_corrected: alphaCorrected,
        bonferroni_m: m,
        baseline: mode,
        baseline_size: n,
        baseline_days: n * STEP_DAYS[mode],
        min_count: o.minCount,
        min_mean_for_t: o.minMeanForT,
        poisson_test: o.poissonTest,
        lambda_floor: o.lambdaFloor,
        downweight: o.downweight,
        alpha_outlier: alphaOutlier,
        k_decay: o.kDecay,
        cooldown_hours: o.cooldownHours[granularity],
        refire_factor: o.refireFactor,
      };
      const alert: Alert = {
        area: input.area,
        topic: input.topic,
        granularity,
        window_start: new Date(time).toISOString(),
        window_end: new Date(t + 1 < times.length ? times[t + 1]! : time + BUCKET_MS[granularity]).toISOString(),
        observed,
        expected: result.expected,
        threshold: result.threshold,
        ratio: result.expected > 0 ? observed / result.expected : null,
        method: result.method,
        p_value: result.pValue,
        baseline_sd: result.sd,
        baseline_values: baseline.slice(),
        baseline_weights: result.weights,
        settings: { ...settings },
      };
      if (refireOf !== undefined) alert.refire_of = refireOf;
      alerts.push(alert);
    }
  }
  alerts.sort((a, b) =>
    a.window_start < b.window_start ? -1 : a.window_start > b.window_start ? 1
      : a.area < b.area ? -1 : a.area > b.area ? 1
        : a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0,
  );
  return alerts;
}
