import { createTask } from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { disabledSources } from '../db/source.repository.js';
import { runAlertStage } from './alert-stage.js';
import { computeAlerts } from './compute-alerts.js';
import type { ComputedAlert } from './compute-alerts.js';
import { localDay, shiftDay } from '../db/rollup-buckets.js';
import { writeDigests } from './deliver-alerts.js';
import { purgeExpiredText } from './purge.js';
import { runSource } from './run-once.js';
import { storeNextRun } from './store-batch.js';
import type { RunContext, SourceReport } from './run-once.js';

/** A running scheduler; `stop()` lets the batch in flight finish, then resolves. */
export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Schedules every enabled source on its cron expression (or the pipeline's) in the pipeline's time
 * zone; a source never overlaps itself. Alerts are computed shortly after sources bring new posts
 * (debounced), digests are written at each subscription's hour, retention purges run daily at 03:17.
 */
export function startScheduler(
  pipelines: LoadedPipeline[],
  context: RunContext,
  onReport: (report: SourceReport) => void,
  onAlerts: (alerts: ComputedAlert[]) => void = () => {},
): Scheduler {
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  };
  // Debounced: many sources finishing together trigger one alert computation.
  let pendingReports: SourceReport[] = [];
  let alertTimer: NodeJS.Timeout | null = null;
  const scheduleAlerts = (report: SourceReport) => {
    if (!report.stored?.inserted) return;
    pendingReports.push(report);
    alertTimer ??= setTimeout(() => {
      alertTimer = null;
      const reports = pendingReports;
      pendingReports = [];
      void track(
        runAlertStage(context.db, pipelines, reports, { userAgent: context.userAgent }).then((stage) => {
          onAlerts(stage.alerts);
          return stage.delivery;
        }),
      ).catch((error: unknown) => process.stderr.write(`Alert computation failed: ${(error as Error).message}\n`));
    }, 30_000);
  };
  for (const pipeline of pipelines) {
    for (const subscription of pipeline.config.alerts.subscriptions.filter((s) => s.mode === 'digest')) {
      tasks.push(
        createTask(
          `0 ${subscription.digest_hour} * * *`,
          () =>
            track(
              (async () => {
                const today = new Date();
                const toDay = localDay(today.toISOString());
                const alerts = await computeAlerts(context.db, {
                  fromDay: shiftDay(toDay, -1),
                  toDay,
                  settings: pipeline.config.alerts,
                });
                await writeDigests(context.db, [subscription], alerts, today);
              })(),
            ),
          { timezone: pipeline.config.timezone, noOverlap: true, name: `digest:${subscription.name}` },
        ),
      );
    }
    for (const source of pipeline.sources.filter((s) => s.enabled)) {
      const expression = source.schedule ?? pipeline.config.schedule;
      const task = createTask(
        expression,
        () =>
          track(
            (async () => {
              const stopped = (await disabledSources(context.db)).get(source.id) ?? null;
              const report = await runSource(source, pipeline.config.allow_private_addresses, stopped, context, {
                minSeconds: periodSeconds(task),
                maxSeconds: pipeline.config.max_poll_interval_minutes * 60,
              });
              onReport(report);
              scheduleAlerts(report);
              const next = task.getNextRun();
              await storeNextRun(context.db, source.id, next ? next.toISOString() : null);
            })(),
          ),
        { timezone: pipeline.config.timezone, noOverlap: true, name: `source:${source.id}` },
      );
      tasks.push(task);
    }
    tasks.push(
      createTask(
        '17 3 * * *',
        () =>
          track(purgeExpiredText(context.db, [pipeline], new Date())),
        { timezone: pipeline.config.timezone, noOverlap: true, name: `purge:${pipeline.config.name}` },
      ),
    );
  }
  for (const task of tasks) void task.start();
  void Promise.all(
    pipelines.flatMap((pipeline) =>
      pipeline.sources.map((source) => {
        const task = tasks.find((t) => t.name === `source:${source.id}`);
        const next = task?.getNextRun();
        return storeNextRun(context.db, source.id, next ? next.toISOString() : null);
      }),
    ),
  );
  return {
    async stop() {
      for (const task of tasks) await task.stop();
      if (alertTimer) {
        clearTimeout(alertTimer);
        alertTimer = null;
      }
      await Promise.allSettled([...inFlight]);
      for (const task of tasks) await task.destroy();
    },
  };
}

/** The time between two runs of a cron task, at least one minute. */
function periodSeconds(task: ScheduledTask): number {
  const [first, second] = task.getNextRuns(2);
  return first && second ? Math.max(60, Math.round((second.getTime() - first.getTime()) / 1000)) : 60;
}
