import type { Kysely } from 'kysely';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { Database } from '../db/database-schema.js';
import { computeAlerts, daysToEvaluate } from './compute-alerts.js';
import type { ComputedAlert } from './compute-alerts.js';
import { deliverWebhooks } from './deliver-alerts.js';
import type { SourceReport } from './run-once.js';

/** What the alert stage did after a run. */
export interface AlertStageResult {
  alerts: ComputedAlert[];
  delivery: Promise<{ delivered: number; failed: number }>;
}

/**
 * After a run: evaluates the days that got new posts, stores the alerts, and starts webhook delivery of
 * the new ones (returned as a promise, so collection never waits on a slow receiver). Settings come from
 * the first pipeline; subscriptions from all of them.
 */
export async function runAlertStage(
  db: Kysely<Database>,
  pipelines: LoadedPipeline[],
  reports: SourceReport[],
  options: { userAgent: string; now?: Date },
): Promise<AlertStageResult> {
  const earliest = reports.reduce<string | null>((min, report) => {
    const candidate = report.stored?.earliestNew ?? null;
    return candidate && (min === null || candidate < min) ? candidate : min;
  }, null);
  const range = await daysToEvaluate(db, earliest, options.now);
  if (!range || pipelines.length === 0) return { alerts: [], delivery: Promise.resolve({ delivered: 0, failed: 0 }) };
  const alerts = await computeAlerts(db, { ...range, settings: pipelines[0]!.config.alerts, now: options.now });
  const fresh = alerts.filter((alert) => alert.is_new);
  const delivery = Promise.all(
    pipelines.map((pipeline) =>
      deliverWebhooks(db, pipeline.config.alerts.subscriptions, fresh, {
        allowPrivateAddresses: pipeline.config.allow_private_addresses,
        userAgent: options.userAgent,
      }),
    ),
  ).then((results) => results.reduce((sum, r) => ({ delivered: sum.delivered + r.delivered, failed: sum.failed + r.failed }), { delivered: 0, failed: 0 }));
  return { alerts, delivery };
}
