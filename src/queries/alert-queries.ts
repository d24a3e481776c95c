import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { findAlerts, setAlertFeedback } from '../db/alert.repository.js';
import { listAreas } from '../db/area.repository.js';
import { UserError } from '../errors/user-error.js';

/** An alert as the CLI, API and dashboard show it. */
export interface AlertView {
  id: number;
  area: string;
  area_name: string | null;
  topic: string;
  granularity: 'day' | 'hour';
  window_start: string;
  window_end: string;
  observed: number;
  expected: number;
  threshold: number;
  method: string;
  p_value: number | null;
  settings: Record<string, unknown>;
  top_terms: { term: string; count: number; baseline?: number }[];
  examples: { id: number; title: string | null; matched: string[] }[];
  created_at: string;
  feedback: 'useful' | 'noise' | null;
}

/**
 * Stored alerts, newest first. `area` may be a buurt, wijk or gemeente code: a wijk or gemeente
 * includes the alerts of the areas below it.
 */
export async function listAlerts(
  db: Kysely<Database>,
  options: { sinceIso?: string; area?: string; topic?: string; limit?: number; offset?: number } = {},
): Promise<AlertView[]> {
  let areaCodes: string[] | undefined;
  if (options.area) {
    const areas = await listAreas(db);
    const children = new Map<string, string[]>();
    for (const area of areas) {
      if (!area.parentCode) continue;
      children.set(area.parentCode, [...(children.get(area.parentCode) ?? []), area.code]);
    }
    areaCodes = [];
    const stack = [options.area];
    while (stack.length) {
      const code = stack.pop()!;
      areaCodes.push(code);
      stack.push(...(children.get(code) ?? []));
    }
  }
  const rows = await findAlerts(db, {
    sinceIso: options.sinceIso,
    areaCodes,
    topic: options.topic,
    limit: Math.min(Math.max(options.limit ?? 100, 1), 1000),
    offset: Math.max(options.offset ?? 0, 0),
  });
  return rows.map((row) => ({
    id: row.id,
    area: row.area_code,
    area_name: row.area_name,
    topic: row.topic,
    granularity: row.granularity,
    window_start: row.window_start,
    window_end: row.window_end,
    observed: row.observed,
    expected: row.expected,
    threshold: row.threshold,
    method: row.method,
    p_value: row.p_value,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    top_terms: JSON.parse(row.top_terms) as AlertView['top_terms'],
    examples: JSON.parse(row.examples) as AlertView['examples'],
    created_at: row.created_at,
    feedback: row.feedback,
  }));
}

/** Marks an alert useful or noise (stored for tuning). */
export async function markAlert(db: Kysely<Database>, id: number, verdict: string, now = new Date()): Promise<void> {
  if (verdict !== 'useful' && verdict !== 'noise') throw new UserError(`Mark an alert "useful" or "noise", not "${verdict}".`);
  if (!(await setAlertFeedback(db, id, verdict, now.toISOString()))) throw new UserError(`There is no alert ${id}; run wijkradar alerts to list them.`);
}
