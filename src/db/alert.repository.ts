import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AlertsTable, Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Stores alerts; an alert for the same area, topic, granularity and window replaces the earlier
 * computation (recomputing is idempotent) but keeps its id and feedback. Returns the ids.
 */
export async function upsertAlerts(db: Db, alerts: Insertable<AlertsTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const alert of alerts) {
    const { area_code, topic, granularity, window_start, created_at, ...rest } = alert;
    const row = await db
      .insertInto('alerts')
      .values(alert)
      .onConflict((oc) => oc.columns(['area_code', 'topic', 'granularity', 'window_start']).doUpdateSet(rest))
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

/** Filters for listing alerts. */
export interface AlertFilter {
  sinceIso?: string;
  areaCodes?: string[];
  topic?: string;
  limit: number;
  offset: number;
}

/** Alerts with their area's name, newest window first. */
export async function findAlerts(db: Db, filter: AlertFilter) {
  let query = db
    .selectFrom('alerts')
    .leftJoin('areas', 'areas.code', 'alerts.area_code')
    .selectAll('alerts')
    .select('areas.name as area_name')
    .orderBy('alerts.window_start', 'desc')
    .orderBy('alerts.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.sinceIso) query = query.where('alerts.window_start', '>=', filter.sinceIso);
  if (filter.areaCodes) query = query.where('alerts.area_code', 'in', filter.areaCodes.length ? filter.areaCodes : ['']);
  if (filter.topic) query = query.where('alerts.topic', '=', filter.topic);
  return query.execute();
}

/** Earlier alerts since a time, for cooldowns. */
export async function alertsSince(db: Db, sinceIso: string) {
  return db
    .selectFrom('alerts')
    .select(['area_code', 'topic', 'granularity', 'window_start', 'observed'])
    .where('window_start', '>=', sinceIso)
    .execute();
}

/** Records an analyst's verdict on an alert; false when there is no such alert. */
export async function setAlertFeedback(db: Db, id: number, feedback: 'useful' | 'noise', at: string): Promise<boolean> {
  const result = await db.updateTable('alerts').set({ feedback, feedback_at: at }).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Updates the delivery state of an alert on one channel and target. */
export async function upsertDelivery(
  db: Db,
  delivery: { alertId: number; channel: 'webhook' | 'digest'; target: string; status: 'pending' | 'delivered' | 'failed'; attempts: number; lastError: string | null; at: string },
): Promise<void> {
  const values = { status: delivery.status, attempts: delivery.attempts, last_error: delivery.lastError, updated_at: delivery.at };
  await db
    .insertInto('alert_deliveries')
    .values({ alert_id: delivery.alertId, channel: delivery.channel, target: delivery.target, ...values })
    .onConflict((oc) => oc.columns(['alert_id', 'channel', 'target']).doUpdateSet(values))
    .execute();
}

/** Whether an alert was already delivered on a channel and target. */
export async function deliveredAlertIds(db: Db, channel: 'webhook' | 'digest', target: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .select('alert_id')
    .where('channel', '=', channel)
    .where('target', '=', target)
    .where('status', '=', 'delivered')
    .execute();
  return new Set(rows.map((row) => row.alert_id));
}
