// Benchmark of emerging-issue detection: 90 days × 500 areas × 9 series of synthetic (seeded) daily counts.
// Run alone: npx tsx bench/alerts-bench.ts [--json]; --calibration prints false-alarm rates instead (not a timing).
import { pathToFileURL } from 'node:url';
import { detectAlerts } from '../src/alerts/alert-detector.js';
import type { DetectOptions, SeriesInput } from '../src/alerts/alert-types.js';
import { mulberry32, syntheticDailySeries } from '../src/alerts/synthetic-series.js';

/** What {@link runAlertsBench} measured. */
export interface AlertsBenchResult {
  name: 'alerts';
  series: number;
  days: number;
  /** Bucket tests in a full backfill (every day with a 7-day baseline). */
  backfill_tests: number;
  runs: number;
  /** Evaluating the last day of every series (what `wijkradar alerts` does), median over runs. */
  last_median_ms: number;
  /** Evaluating every day of every series (`--recompute`), first run (cold) and median over the other runs. */
  backfill_cold_ms: number;
  backfill_median_ms: number;
  backfill_alerts: number;
  budget_ms: number;
  ok: boolean;
}

const DAYS = 90;
const AREAS = 500;
const TOPIC_RATES = {
  radicalisation: 0.3, cybercrime: 2, nuisance: 6, subversive_crime: 1.5, migration: 1,
  events_tourism: 4, social_domain: 3, hate: 0.8, negative: 15,
};
const BUDGET_MS = 2000;

/** 4 500 seeded series; areas differ in size (rates × 0.25 … 4) and 1 % of series get one 8× burst day. */
function benchSeries(): SeriesInput[] {
  const areas = Array.from({ length: AREAS }, (_, i) => `WK${String(36300 + i).padStart(6, '0')}`);
  const series = syntheticDailySeries({
    seed: 90500,
    start: '2026-08-01',
    days: DAYS,
    areas,
    topicRates: TOPIC_RATES,
    areaFactor: (_, i) => 0.25 + (i % 16) * 0.25,
  });
  const random = mulberry32(4242);
  return series.map((s) => {
    if (random() >= 0.01) return s;
    const counts = [...s.counts];
    const day = 10 + Math.floor(random() * (DAYS - 10));
    counts[day] = Math.max(3, Math.round(8 * (counts[day - 1]! + 1)));
    return { ...s, counts };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times alert detection over 90 days × 500 areas × 9 series: the last day of each series, and a full backfill.
 * The budget (2 s) applies to the median backfill. Data generation is not timed.
 */
export async function runAlertsBench(options: { runs?: number; log?: (line: string) => void } = {}): Promise<AlertsBenchResult> {
  const runs = options.runs ?? 5;
  const log = options.log ?? ((line: string) => console.log(line));
  const series = benchSeries();

  const backfill: number[] = [];
  let backfillAlerts = 0;
  for (let r = 0; r < runs + 1; r++) {
    const t0 = performance.now();
    backfillAlerts = detectAlerts(series, { evaluate: 'all' }).length;
    backfill.push(performance.now() - t0);
  }
  const last: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    detectAlerts(series);
    last.push(performance.now() - t0);
  }

  const result: AlertsBenchResult = {
    name: 'alerts',
    series: series.length,
    days: DAYS,
    backfill_tests: series.length * (DAYS - 7),
    runs,
    last_median_ms: median(last),
    backfill_cold_ms: backfill[0]!,
    backfill_median_ms: median(backfill.slice(1)),
    backfill_alerts: backfillAlerts,
    budget_ms: BUDGET_MS,
    ok: median(backfill.slice(1)) < BUDGET_MS,
  };
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  log(`alerts: ${AREAS} areas × 9 series × ${DAYS} days = ${result.series} series`);
  log(`  last day of each series:           ${ms(result.last_median_ms)} (median of ${runs})`);
  log(`  full backfill, ${result.backfill_tests} bucket tests: ${ms(result.backfill_median_ms)} (median of ${runs}; first run ${ms(result.backfill_cold_ms)}), ${result.backfill_alerts} alerts`);
  log(`  budget ${ms(BUDGET_MS)} for the backfill: ${result.ok ? 'ok' : 'TOO SLOW'}`);
  return result;
}

/** One row of {@link runAlertsCalibration}: false alarms per test divided by α/m, per Poisson rate. */
export interface CalibrationRow {
  label: string;
  ratios: Array<{ rate: number; alarms: number; tests: number; ratio: number }>;
}

/**
 * Measures calibration, not speed: false alarms of the detector on pure Poisson noise (10 areas, 35 days,
 * α = 0.025, no cooldown) divided by the nominal α/m, for the defaults and for epitweetr's settings.
 */
export function runAlertsCalibration(options: { seeds?: number; log?: (line: string) => void } = {}): CalibrationRow[] {
  const seeds = options.seeds ?? 80;
  const log = options.log ?? ((line: string) => console.log(line));
  const rates = [0.2, 0.5, 1, 2, 3, 5, 8, 12, 20, 40, 100];
  const areas = Array.from({ length: 10 }, (_, i) => `A${i}`);
  const configs: Array<[string, DetectOptions]> = [
    ['defaults', {}],
    ['epitweetr settings', { alphaOutlier: 0.05, minMeanForT: 1, poissonTest: 'plug-in' }],
  ];
  const rows: CalibrationRow[] = [];
  log(`calibration: false alarms ÷ (α/m) on Poisson noise, ${seeds} seeds × 280 tests per rate`);
  log(`  rate/day            ${rates.map((r) => String(r).padStart(5)).join(' ')}`);
  for (const [label, extra] of configs) {
    const row: CalibrationRow = { label, ratios: [] };
    for (const rate of rates) {
      let alarms = 0;
      let tests = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const series = syntheticDailySeries({ seed, start: '2026-10-01', days: 35, areas, topicRates: { x: rate } });
        alarms += detectAlerts(series, { evaluate: 'all', cooldownHours: { day: 0 }, ...extra }).length;
        tests += areas.length * (35 - 7);
      }
      row.ratios.push({ rate, alarms, tests, ratio: alarms / (tests * (0.025 / areas.length)) });
    }
    log(`  ${label.padEnd(19)} ${row.ratios.map((r) => r.ratio.toFixed(2).padStart(5)).join(' ')}`);
    rows.push(row);
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--calibration')) {
    runAlertsCalibration();
    process.exit(0);
  }
  const json = process.argv.includes('--json');
  const result = await runAlertsBench({ log: json ? () => {} : undefined });
  if (json) console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
}
