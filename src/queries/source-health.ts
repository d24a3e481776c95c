import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { clearDisabledReason, listSourceHealth } from '../db/source.repository.js';

/** A source's health as `wijkradar sources` and `GET /api/sources` show it. */
export interface SourceHealth {
  id: string;
  pipeline: string;
  url: string;
  enabled: boolean;
  disabled_reason: string | null;
  last_status: number | null;
  last_error: string | null;
  last_success_at: string | null;
  last_new_item_at: string | null;
  consecutive_failures: number;
  items_total: number;
  items_last_7d: number;
  next_run_at: string | null;
  /** Why a source needs a look: 'failing', 'stopped', 'quiet' (nothing new for long), or null. */
  flag: 'failing' | 'stopped' | 'quiet' | null;
}

/** Nothing new for this long from a source that did produce before counts as "quiet" (Huginn's "not working"). */
export const QUIET_AFTER_MS = 7 * 86_400_000;

/** Health of every source, with a flag for the ones that need a look. */
export async function sourceHealth(db: Kysely<Database>, now = new Date()): Promise<SourceHealth[]> {
  const rows = await listSourceHealth(db, new Date(now.getTime() - 7 * 86_400_000).toISOString());
  return rows.map((row) => {
    const quietSince = row.last_new_item_at ?? null;
    let flag: SourceHealth['flag'] = null;
    if (row.disabled_reason) flag = 'stopped';
    else if (row.consecutive_failures > 0) flag = 'failing';
    else if (row.last_success_at && quietSince && now.getTime() - Date.parse(quietSince) > QUIET_AFTER_MS) flag = 'quiet';
    else if (row.last_success_at && !quietSince && row.items_total === 0) flag = 'quiet';
    return {
      id: row.id,
      pipeline: row.pipeline,
      url: row.url,
      enabled: row.enabled === 1 && !row.disabled_reason,
      disabled_reason: row.disabled_reason,
      last_status: row.last_status,
      last_error: row.last_error,
      last_success_at: row.last_success_at,
      last_new_item_at: row.last_new_item_at,
      consecutive_failures: row.consecutive_failures,
      items_total: row.items_total,
      items_last_7d: Number(row.items_last_7d ?? 0),
      next_run_at: row.next_run_at,
      flag,
    };
  });
}

/** Lets a stopped source run again; false when there is no such source. */
export async function enableSource(db: Kysely<Database>, id: string): Promise<boolean> {
  return clearDisabledReason(db, id);
}
