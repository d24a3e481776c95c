import { loadPipelines } from '../config/load-pipeline.js';
import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { runOnce } from '../pipeline/run-once.js';
import type { SourceReport } from '../pipeline/run-once.js';
import { runAlertStage } from '../pipeline/alert-stage.js';
import type { ComputedAlert } from '../pipeline/compute-alerts.js';
import { toDigestAlert } from '../pipeline/deliver-alerts.js';
import { prepareRun } from '../pipeline/run-setup.js';
import { formatAlertSentence, topicLabelNl } from '../alerts/index.js';
import { startScheduler } from '../pipeline/scheduler.js';
import { areaSummaries, newestDataDay } from '../queries/area-summary.js';
import { parseCommandArgs } from './cli-args.js';
import { renderRows } from './output-format.js';
import { pipelineFiles } from './pipeline-files.js';

const USAGE = 'wijkradar run [PIPELINE.yaml …] [--once] [--summary] [--db PATH]';

/**
 * `wijkradar run`: with --once, every source once then exit (0 even when some sources failed);
 * without it, the scheduler until SIGINT/SIGTERM, which finish the batch in flight.
 */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { once: { type: 'boolean' }, summary: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n  --once      run every source once and exit\n  --summary   print a per-area summary afterwards\n  --quiet     no per-source lines\n`,
    );
    return 0;
  }
  const pipelines = loadPipelines(pipelineFiles(positionals));
  const database = await openDatabase(resolveDbPath(values.db));
  const abort = new AbortController();
  try {
    const context = await prepareRun(pipelines, database, { signal: abort.signal });
    const log = (report: SourceReport) => {
      if (!values.quiet && report.status !== 'not-due') process.stderr.write(describeReport(report) + '\n');
    };
    if (values.once) {
      const total = pipelines.reduce((n, p) => n + p.sources.length, 0);
      const started = Date.now();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const reports = await runOnce(pipelines, {
        ...context,
        onSourceDone: (report, done) => {
          log(report);
          if (total >= 20 && process.stderr.isTTY) process.stderr.write(`\r[${done}/${total} sources]`);
        },
      });
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      const alertStage = await runAlertStage(database.db, pipelines, reports, { userAgent: context.userAgent });
      const delivery = await alertStage.delivery;
      const stored = reports.reduce((n, r) => n + (r.stored?.inserted ?? 0), 0);
      const failed = reports.filter((r) => r.status === 'failed').length;
      process.stderr.write(
        `Run finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${reports.length} sources, ${stored} new posts, ${failed} failed; ` +
          `${alertStage.alerts.filter((a) => a.is_new).length} new alerts${delivery.delivered + delivery.failed ? ` (webhooks: ${delivery.delivered} delivered, ${delivery.failed} failed)` : ''}.\n`,
      );
      if (values.summary) {
        process.stdout.write(await summaryText(database.db));
        process.stdout.write(alertsText(alertStage.alerts));
      }
      return 0;
    }
    const scheduler = startScheduler(pipelines, context, log, (alerts) => {
      for (const alert of alerts.filter((a) => a.is_new)) process.stderr.write(`! ${sentence(alert)}\n`);
    });
    process.stderr.write(`Scheduler started for ${pipelines.map((p) => p.config.name).join(', ')}; Ctrl-C stops it after the batch in flight.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stderr.write('Stopping: finishing the batch in flight…\n');
    await scheduler.stop();
    return 0;
  } finally {
    await database.close();
  }
}

function describeReport(report: SourceReport): string {
  switch (report.status) {
    case 'ok': {
      const s = report.stored!;
      const skipped = s.alreadyStored + s.sameUrlElsewhere;
      return `✓ ${report.sourceId}: ${report.items} items, ${s.inserted} new${skipped ? `, ${skipped} known` : ''}${s.nearDuplicates ? `, ${s.nearDuplicates} near-duplicates` : ''}${report.unmapped ? `, ${report.unmapped} unusable` : ''}`;
    }
    case 'not-modified':
      return `✓ ${report.sourceId}: not modified since last run`;
    case 'failed':
      return `✗ ${report.sourceId}: ${report.httpStatus ? `HTTP ${report.httpStatus}: ` : ''}${report.error}`;
    case 'skipped':
      return `- ${report.sourceId}: skipped (${report.error})`;
    case 'not-due':
      return `- ${report.sourceId}: not due (adaptive polling)`;
  }
}

/** The per-area summary `npm start` ends with; windows end at the newest day with data. */
async function summaryText(db: Parameters<typeof areaSummaries>[0]): Promise<string> {
  const untilDay = (await newestDataDay(db)) ?? undefined;
  const rank = { gemeente: 0, wijk: 1, buurt: 2 } as const;
  const rows = (await areaSummaries(db, { untilDay })).sort((a, b) => rank[a.level] - rank[b.level] || a.code.localeCompare(b.code));
  const table = renderRows(
    rows.filter((row) => row.posts > 0),
    [
      { header: 'code', value: (r) => r.code },
      { header: 'name', value: (r) => r.name },
      { header: 'level', value: (r) => r.level },
      { header: 'posts', value: (r) => r.posts, align: 'right' },
      { header: '30d', value: (r) => r.posts_30d, align: 'right' },
      { header: 'sentiment', value: (r) => (r.sentiment === null ? '' : r.sentiment.toFixed(2)), align: 'right' },
      {
        header: 'top topics',
        value: (r) =>
          Object.entries(r.topics)
            .slice(0, 3)
            .map(([topic, n]) => `${topic} ${n}`)
            .join(', '),
      },
    ],
    'table',
  );
  return `\nPer area (all time; 30d = the 30 days up to ${untilDay ?? 'today'}):\n${table}`;
}

function sentence(alert: ComputedAlert): string {
  return formatAlertSentence(toDigestAlert(alert), alert.area_name ?? alert.area, topicLabelNl(alert.topic));
}

/** The alerts part of the summary: one sentence per alert, newest first. */
function alertsText(alerts: ComputedAlert[]): string {
  if (alerts.length === 0) return '\nNo alerts: no area × topic rose above its usual level.\n';
  const sorted = [...alerts].sort((a, b) => b.window_start.localeCompare(a.window_start) || b.observed - a.observed);
  return `\nAlerts (${alerts.length}; "wijkradar alerts" lists them, --format json for programs):\n${sorted.map((a) => `  #${a.id} ${sentence(a)}`).join('\n')}\n`;
}
