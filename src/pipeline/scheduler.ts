import { createTask } from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { purgePostText } from '../db/post.repository.js';
import { disabledSources, setNextRun } from '../db/source.repository.js';
import { runSource } from './run-once.js';
import type { RunContext, SourceReport } from './run-once.js';

/** A running scheduler; `stop()` lets the batch in flight finish, then resolves. */
export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Schedules every enabled source on its cron expression (or the pipeline's) in the pipeline's time
 * zone; a source never overlaps itself. Retention purges run daily at 03:17.
 */
export function startScheduler(
  pipelines: LoadedPipeline[],
  context: RunContext,
  onReport: (report: SourceReport) => void,
): Scheduler {
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  };
  for (const pipeline of pipelines) {
    for (const source of pipeline.sources.filter((s) => s.enabled)) {
      const expression = source.schedule ?? pipeline.config.schedule;
      const task = createTask(
        expression,
        () =>
          track(
            (async () => {
              const stopped = (await disabledSources(context.db)).get(source.id) ?? null;
              const report = await runSource(source, pipeline.config.allow_private_addresses, stopped, context);
              onReport(report);
              const next = task.getNextRun();
              await setNextRun(context.db, source.id, next ? next.toISOString() : null);
            })(),
          ),
        { timezone: pipeline.config.timezone, noOverlap: true, name: `source:${source.id}` },
      );
      tasks.push(task);
    }
    const retentionDays = pipeline.config.retention_days;
    const sourceIds = pipeline.sources.map((s) => s.id);
    tasks.push(
      createTask(
        '17 3 * * *',
        () =>
          track(
            purgePostText(
              context.db,
              new Date(Date.now() - retentionDays * 86_400_000).toISOString(),
              new Date().toISOString(),
              sourceIds,
            ),
          ),
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
        return setNextRun(context.db, source.id, next ? next.toISOString() : null);
      }),
    ),
  );
  return {
    async stop() {
      for (const task of tasks) await task.stop();
      await Promise.allSettled([...inFlight]);
      for (const task of tasks) await task.destroy();
    },
  };
}
