import type { Kysely } from 'kysely';
import { detectAlerts, pickExamples, topTerms } from '../alerts/index.js';
import type { Alert, PriorAlert, SeriesInput } from '../alerts/index.js';
import type { AlertsConfig } from '../config/pipeline-schema.js';
import { alertsSince, upsertAlerts } from '../db/alert.repository.js';
import { dailyRollupCells, hourlyRollupCells, postsForAlert } from '../db/alert-input.repository.js';
import { listAreas } from '../db/area.repository.js';
import type { Database } from '../db/database-schema.js';
import { latestRollupDay } from '../db/analytics.repository.js';
import { ALL_TOPICS, localDay, localDayRange, shiftDay, utcHour } from '../db/rollup-buckets.js';
import type { TermMatch } from '../nlp/types.js';

/** Days before the first evaluated day that detection reads (7 weeks of same-weekday baseline + slack). */
const HISTORY_DAYS = 56;
/** After a run, days up to this far back are evaluated again (late posts can complete a day). */
const REEVALUATE_DAYS = 14;

/** Options of one alert computation. */
export interface ComputeAlertsOptions {
  /** First and last local day (YYYY-MM-DD) to evaluate. */
  fromDay: string;
  toDay: string;
  settings: AlertsConfig;
  now?: Date;
}

/** A stored alert with what it needs for delivery. */
export interface ComputedAlert extends Alert {
  id: number;
  area_name: string | null;
  top_terms: { term: string; count: number; expected: number }[];
  examples: { id: number; title: string | null; text: string; url: string | null; published: string; matched: string[] }[];
  is_new: boolean;
}

/**
 * The day range to evaluate after a run: from the earliest day that got new posts (at most 14 days
 * before the newest data) to today or the newest data day, whichever is later.
 */
export async function daysToEvaluate(db: Kysely<Database>, earliestNewPost: string | null, now = new Date()): Promise<{ fromDay: string; toDay: string } | null> {
  const newest = await latestRollupDay(db);
  if (!newest) return null;
  const today = localDay(now.toISOString());
  const toDay = newest > today ? newest : today;
  const floor = shiftDay(newest, -(REEVALUATE_DAYS - 1));
  const earliest = earliestNewPost ? localDay(earliestNewPost) : today;
  return { fromDay: earliest > floor ? earliest : floor, toDay };
}

/**
 * Detects emerging issues per area × topic (and area × negative sentiment) on the daily rollups for every
 * day in the range (and on the hourly rollups for the last 24 hours when the range reaches today), explains each alert with top terms and example posts, and stores them (idempotently).
 * An alert of a wijk or gemeente is dropped when one of its buurten/wijken alerted on the same topic and
 * day: the more specific area says it better.
 */
export async function computeAlerts(db: Kysely<Database>, options: ComputeAlertsOptions): Promise<ComputedAlert[]> {
  const now = options.now ?? new Date();
  const settings = options.settings;
  const detectOptions = {
    alpha: settings.alpha,
    alphaByTopic: settings.alpha_by_topic,
    minCount: settings.min_count,
    baseline: settings.baseline,
    cooldownHours: { day: settings.cooldown_hours },
    evaluate: 'all' as const,
  };
  const historyFrom = shiftDay(options.fromDay, -HISTORY_DAYS);
  const dailySeries = buildSeries(await dailyRollupCells(db, historyFrom, options.toDay), 'day', `${historyFrom}T00:00:00Z`, `${options.toDay}T00:00:00Z`);
  // Earlier alerts for the cooldown: only those before the evaluated range (the detector recomputes the rest).
  const earlier = (await alertsSince(db, `${shiftDay(options.fromDay, -7)}T00:00:00.000Z`)).map((a) => ({
    area: a.area_code,
    topic: a.topic,
    granularity: a.granularity as 'day' | 'hour',
    window_start: a.window_start,
    observed: a.observed,
  }));
  const priorBefore = (granularity: 'day' | 'hour', start: string): PriorAlert[] =>
    earlier.filter((a) => a.granularity === granularity && a.window_start < start);
  const detected = detectAlerts(
    dailySeries,
    { ...detectOptions, bonferroniM: areaCount(dailySeries), from: `${options.fromDay}T00:00:00Z`, to: `${options.toDay}T00:00:00Z` },
    priorBefore('day', `${options.fromDay}T00:00:00.000Z`),
  );
  // Hourly: only when the range reaches today, for the last 24 whole hours (same hour of the previous 7 days).
  if (options.toDay >= localDay(now.toISOString())) {
    const lastHour = new Date(Math.floor(now.getTime() / 3600_000) * 3600_000 - 3600_000);
    const firstHour = new Date(lastHour.getTime() - 23 * 3600_000);
    const historyHour = new Date(firstHour.getTime() - 8 * 86_400_000);
    const cells = await hourlyRollupCells(db, utcHour(historyHour.toISOString()), utcHour(lastHour.toISOString()));
    const hourlySeries = buildSeries(
      cells.map(({ hour, ...rest }) => ({ ...rest, day: hour })),
      'hour',
      `${utcHour(historyHour.toISOString())}:00:00Z`,
      `${utcHour(lastHour.toISOString())}:00:00Z`,
    );
    detected.push(
      ...detectAlerts(
        hourlySeries,
        { ...detectOptions, bonferroniM: areaCount(hourlySeries), from: firstHour.toISOString(), to: lastHour.toISOString() },
        priorBefore('hour', firstHour.toISOString()),
      ),
    );
  }
  const areas = new Map((await listAreas(db)).map((area) => [area.code, area]));
  const alerts = dropAncestorAlerts(detected, areas);
  const existing = new Set(
    (await alertsSince(db, `${shiftDay(options.fromDay, -2)}T00:00:00.000Z`)).map((a) => `${a.area_code}|${a.topic}|${a.granularity}|${a.window_start}`),
  );
  const explained: Omit<ComputedAlert, 'id'>[] = [];
  for (const alert of alerts) {
    const [fromIso, toIso, baselineFrom] = alertWindow(alert);
    const baselineDays = alert.settings.baseline_days;
    const windowPosts = await postsForAlert(db, alert.area, alert.topic, fromIso, toIso, 200);
    const baselinePosts = await postsForAlert(db, alert.area, alert.topic, baselineFrom, fromIso, 2000);
    const terms = topTerms(termCounts(windowPosts, alert.topic), termCounts(baselinePosts, alert.topic), baselineDays, 5);
    const candidates = windowPosts.map((post) => ({
      id: String(post.id),
      title: post.title,
      text: post.text ?? post.title ?? '',
      url: post.url,
      published: post.published_at,
      matches: matchedTerms(post.matches, alert.topic),
    }));
    const examples = pickExamples(candidates, 5, { terms: terms.map((t) => t.term) }).map((post) => ({
      id: Number(post.id),
      title: post.title ?? null,
      text: post.text,
      url: post.url ?? null,
      published: post.published!,
      matched: [...(post.matches ?? [])],
    }));
    explained.push({
      ...alert,
      area_name: areas.get(alert.area)?.name ?? null,
      top_terms: terms.map((t) => ({ term: t.term, count: t.count, expected: Math.round(t.expected * 100) / 100 })),
      examples,
      is_new: !existing.has(`${alert.area}|${alert.topic}|${alert.granularity}|${alert.window_start}`),
    });
  }
  const ids = await upsertAlerts(
    db,
    explained.map((alert) => ({
      area_code: alert.area,
      topic: alert.topic,
      granularity: alert.granularity,
      window_start: alert.window_start,
      window_end: alert.window_end,
      observed: alert.observed,
      expected: alert.expected,
      threshold: alert.threshold,
      method: alert.method,
      p_value: alert.p_value ?? null,
      settings: JSON.stringify(alert.settings),
      top_terms: JSON.stringify(alert.top_terms),
      // Examples keep ids, titles and matched terms only: post text stays in the posts table (retention).
      examples: JSON.stringify(alert.examples.map(({ id, title, matched }) => ({ id, title, matched }))),
      created_at: now.toISOString(),
    })),
  );
  return explained.map((alert, index) => ({ ...alert, id: ids[index]! }));
}

/** The UTC instants of an alert's window and the start of its baseline: local days for daily alerts. */
function alertWindow(alert: Alert): [string, string, string] {
  if (alert.granularity === 'hour') {
    const start = Date.parse(alert.window_start);
    return [alert.window_start, alert.window_end, new Date(start - alert.settings.baseline_days * 86_400_000).toISOString()];
  }
  const day = alert.window_start.slice(0, 10);
  const [fromIso, toIso] = localDayRange(day);
  return [fromIso, toIso, localDayRange(shiftDay(day, -alert.settings.baseline_days))[0]];
}

function areaCount(series: SeriesInput[]): number {
  return Math.max(new Set(series.map((s) => s.area)).size, 1);
}

/**
 * Count series per area × topic (and area × 'negative'), zero-filled from `start` to `end`; `day` holds
 * the bucket (a local day, or a UTC hour for hourly series).
 */
function buildSeries(
  cells: { area_code: string; day: string; topic: string; posts: number; negative_posts: number }[],
  granularity: 'day' | 'hour',
  start: string,
  end: string,
): SeriesInput[] {
  const byKey = new Map<string, { area: string; topic: string; buckets: string[]; counts: number[] }>();
  const push = (area: string, topic: string, day: string, count: number) => {
    const key = `${area}|${topic}`;
    let series = byKey.get(key);
    if (!series) byKey.set(key, (series = { area, topic, buckets: [], counts: [] }));
    series.buckets.push(granularity === 'day' ? `${day}T00:00:00Z` : `${day}:00:00Z`);
    series.counts.push(count);
  };
  for (const cell of cells) {
    if (cell.topic === ALL_TOPICS) push(cell.area_code, 'negative', cell.day, Number(cell.negative_posts));
    else push(cell.area_code, cell.topic, cell.day, Number(cell.posts));
  }
  return [...byKey.values()].map((s) => ({ ...s, granularity, start, end }));
}

function dropAncestorAlerts(alerts: Alert[], areas: Map<string, { parentCode: string | null }>): Alert[] {
  const fired = new Set(alerts.map((a) => `${a.area}|${a.topic}|${a.window_start}`));
  return alerts.filter((alert) => {
    // Drop this alert when any descendant fired: walk each other alert's ancestors.
    return !alerts.some((other) => {
      if (other === alert || other.topic !== alert.topic || other.window_start !== alert.window_start) return false;
      let parent = areas.get(other.area)?.parentCode ?? null;
      for (let hops = 0; parent && hops < 5; hops++) {
        if (parent === alert.area) return fired.has(`${other.area}|${other.topic}|${other.window_start}`);
        parent = areas.get(parent)?.parentCode ?? null;
      }
      return false;
    });
  });
}

/** Counts matched terms (topic terms, or sentiment words for 'negative') per post, once per post. */
function termCounts(posts: { matches: string }[], topic: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const post of posts) {
    for (const term of new Set(matchedTerms(post.matches, topic))) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

function matchedTerms(matchesJson: string, topic: string): string[] {
  const matches = JSON.parse(matchesJson) as TermMatch[];
  return matches
    .filter((m) => (topic === 'negative' ? m.kind === 'sentiment' && m.weight < 0 : m.kind === 'topic' && m.topic === topic))
    .map((m) => m.text.toLowerCase());
}
