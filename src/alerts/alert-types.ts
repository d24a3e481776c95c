/** Width of one bucket of a count series. */
export type Granularity = 'day' | 'hour';

/**
 * Which earlier buckets form the baseline of bucket t (n = baseline size, default 7):
 * - `days`: the n previous days (daily series; epitweetr's default)
 * - `weekdays`: the same weekday of the n previous weeks (daily series)
 * - `hours`: the n previous hours (hourly series)
 * - `same-hour`: the same hour of the n previous days (hourly series; follows the daily rhythm)
 */
export type BaselineMode = 'days' | 'weekdays' | 'hours' | 'same-hour';

/** Which statistical test decided an alert. */
export type AlertMethod = 'ears-t' | 'poisson';

/**
 * One count series: posts per bucket for an area and a topic slug (or `negative` for overall negative sentiment).
 * Buckets are bucket starts as ISO 8601 instants in UTC (`2026-11-27T00:00:00Z`; `2026-11-27` and SQLite's
 * `2026-11-27 13:00:00` are read as UTC too). Missing buckets are filled with zeros; `start`/`end` extend the
 * range with zeros (pass them when an area had no posts at the start or end of the period).
 */
export interface SeriesInput {
  area: string;
  topic: string;
  granularity: Granularity;
  buckets: readonly string[];
  counts: readonly number[];
  start?: string;
  end?: string;
}

/** Options of {@link detectAlerts}; every field has a default. */
export interface DetectOptions {
  /** False-alarm rate per series and bucket before the Bonferroni correction (default 0.025). */
  alpha?: number;
  /** Per-topic alpha, e.g. `{ radicalisation: 0.01 }`; topics not listed use `alpha`. */
  alphaByTopic?: Readonly<Record<string, number>>;
  /** Divide alpha by the number of areas tested for the topic (default true). */
  bonferroni?: boolean;
  /** Override m, the number of areas the correction divides by (default: distinct areas per topic and granularity in the input). */
  bonferroniM?: number;
  /** Baseline of daily series (default `days`). */
  baseline?: 'days' | 'weekdays';
  /** Baseline of hourly series (default `same-hour`). */
  hourlyBaseline?: 'hours' | 'same-hour';
  /** Number of baseline buckets n (default 7, minimum 3). */
  baselineSize?: number;
  /** Down-weight outlying baseline values as epitweetr does (default true). */
  downweight?: boolean;
  /**
   * A baseline value is down-weighted when its studentised residual exceeds t(1 − alphaOutlier, n − 2).
   * Default `alpha`: the series' corrected alpha, i.e. values that would themselves have been alarms against the
   * rest of the baseline. epitweetr uses 0.05, which in our simulations raised false alarms 4–5-fold.
   */
  alphaOutlier?: number | 'alpha';
  /** Power k of the down-weighting (threshold / residual)^k (default 4). */
  kDecay?: number;
  /** Nothing fires below this many posts in the bucket (default 3). */
  minCount?: number;
  /** The t test is used only when the weighted baseline mean is at least this and its sd is above 0 (default 10). */
  minMeanForT?: number;
  /** The test for small counts: `conditional` (exact, default) or `plug-in` (baseline mean taken as the known rate). */
  poissonTest?: 'conditional' | 'plug-in';
  /** Smallest Poisson rate assumed per bucket, so a baseline of zeros does not make a few posts significant (default 0.25). */
  lambdaFloor?: number;
  /** The same area × topic does not fire again within this many hours (default: day 72, hour 6)… */
  cooldownHours?: { day?: number; hour?: number };
  /** …unless the count exceeds the previous alert's count times this factor (default 1.5). */
  refireFactor?: number;
  /** `last` evaluates the last bucket of each series; `all` every bucket with a full baseline (backfill). */
  evaluate?: 'last' | 'all';
  /** With `evaluate: 'all'`: first bucket start to evaluate (inclusive, ISO). */
  from?: string;
  /** With `evaluate: 'all'`: last bucket start to evaluate (inclusive, ISO). */
  to?: string;
}

/** The settings an alert was computed with, stored with it so it can be explained later. */
export interface AlertSettings {
  alpha: number;
  alpha_corrected: number;
  bonferroni_m: number;
  baseline: BaselineMode;
  baseline_size: number;
  /** How many days back the baseline reaches (7 for `days`, 49 for `weekdays`, 7/24 for `hours`). */
  baseline_days: number;
  min_count: number;
  min_mean_for_t: number;
  poisson_test: 'conditional' | 'plug-in';
  lambda_floor: number;
  downweight: boolean;
  alpha_outlier: number;
  k_decay: number;
  cooldown_hours: number;
  refire_factor: number;
}

/** An emerging issue: an area × topic whose count in one bucket is unusually high. */
export interface Alert {
  area: string;
  topic: string;
  granularity: Granularity;
  /** Start of the bucket (ISO 8601, UTC). */
  window_start: string;
  /** End of the bucket, exclusive (ISO 8601, UTC). */
  window_end: string;
  observed: number;
  /** Weighted baseline mean: the count one would expect. */
  expected: number;
  /** The test fires when observed > threshold (and observed ≥ min_count). For Poisson: the largest count that would not fire. */
  threshold: number;
  /** observed / expected, or null when expected is 0. */
  ratio: number | null;
  method: AlertMethod;
  /** One-sided p-value of the observed count under the baseline; compare with settings.alpha_corrected. */
  p_value?: number;
  /** Weighted baseline standard deviation. */
  baseline_sd: number;
  /** Baseline counts, oldest first, and the weights they got (1 = full weight; sum = n). */
  baseline_values: number[];
  baseline_weights: number[];
  /** Set when the alert fired inside the cooldown of an earlier alert because the count grew enough. */
  refire_of?: { window_start: string; observed: number };
  settings: AlertSettings;
}

/** An alert raised earlier (from the database), used for the cooldown. */
export type PriorAlert = Pick<Alert, 'area' | 'topic' | 'granularity' | 'window_start' | 'observed'>;
