import { formatAlertSentence, topicLabelNl } from '../alerts/index.js';
import { loadPipelines } from '../config/load-pipeline.js';
import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { latestRollupDay } from '../db/analytics.repository.js';
import { localDay, shiftDay } from '../db/rollup-buckets.js';
import { UserError } from '../errors/user-error.js';
import { computeAlerts } from '../pipeline/compute-alerts.js';
import { writeDigests } from '../pipeline/deliver-alerts.js';
import { listAlerts, markAlert } from '../queries/alert-queries.js';
import type { AlertView } from '../queries/alert-queries.js';
import { parseCommandArgs, parsePositiveInt, parseSince } from './cli-args.js';
import { parseFormat, renderRows } from './output-format.js';
import { pipelineFiles } from './pipeline-files.js';

const USAGE = [
  'wijkradar alerts [--since 7d] [--area CODE] [--topic SLUG] [--format table|json|csv] [--recompute [PIPELINE.yaml …]]',
  '       wijkradar alerts mark ID useful|noise',
  '       wijkradar alerts digest [PIPELINE.yaml …]',
].join('\n');

/**
 * `wijkradar alerts`: stored alerts (computed after each run); `--recompute` evaluates the --since
 * period again with the pipeline's settings first; `mark` stores feedback; `digest` writes digests now.
 */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      since: { type: 'string' },
      area: { type: 'string' },
      topic: { type: 'string' },
      limit: { type: 'string' },
      recompute: { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n--since takes 7d, 12h, 4w or a date; default: all stored alerts.\n`);
    return 0;
  }
  const format = parseFormat(values.format);
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    if (positionals[0] === 'mark') {
      const id = Number(positionals[1]);
      if (!Number.isInteger(id) || !positionals[2]) throw new UserError(`Say which alert and what it was: ${USAGE}`);
      await markAlert(database.db, id, positionals[2]);
      process.stdout.write(`Alert ${id} marked ${positionals[2]}.\n`);
      return 0;
    }
    if (positionals[0] === 'digest') {
      const pipelines = loadPipelines(pipelineFiles(positionals.slice(1)));
      const toDay = (await latestRollupDay(database.db)) ?? localDay(new Date().toISOString());
      const files: string[] = [];
      for (const pipeline of pipelines) {
        const alerts = await computeAlerts(database.db, { fromDay: shiftDay(toDay, -1), toDay, settings: pipeline.config.alerts });
        files.push(...(await writeDigests(database.db, pipeline.config.alerts.subscriptions, alerts)));
      }
      process.stdout.write(files.length ? `Wrote ${files.join(', ')}\n` : 'No digest subscriptions in these pipelines (alerts.subscriptions with mode: digest).\n');
      return 0;
    }
    const since = parseSince(values.since);
    if (values.recompute) {
      const pipelines = loadPipelines(pipelineFiles(positionals));
      const toDay = localDay(new Date().toISOString());
      const newest = (await latestRollupDay(database.db)) ?? toDay;
      const fromDay = since ? localDay(since) : shiftDay(newest, -29);
      const computed = await computeAlerts(database.db, { fromDay, toDay: newest > toDay ? newest : toDay, settings: pipelines[0]!.config.alerts });
      process.stderr.write(`Recomputed ${fromDay} … ${toDay}: ${computed.length} alerts (${computed.filter((a) => a.is_new).length} new).\n`);
    } else if (positionals.length > 0) {
      throw new UserError(`Unknown argument "${positionals[0]}".\n${USAGE}`);
    }
    const alerts = await listAlerts(database.db, {
      sinceIso: since,
      area: values.area,
      topic: values.topic,
      limit: parsePositiveInt(values.limit, 'limit', 100, 1000),
    });
    process.stdout.write(
      renderRows(
        alerts,
        [
          { header: 'id', value: (a) => a.id, align: 'right' },
          { header: 'window', value: (a) => (a.granularity === 'day' ? a.window_start.slice(0, 10) : a.window_start.slice(0, 13) + 'h UTC') },
          { header: 'area', value: (a) => a.area },
          { header: 'topic', value: (a) => a.topic },
          { header: 'observed', value: (a) => a.observed, align: 'right' },
          { header: 'expected', value: (a) => a.expected, align: 'right' },
          { header: 'threshold', value: (a) => a.threshold, align: 'right' },
          { header: 'feedback', value: (a) => a.feedback },
          { header: 'alert', value: (a) => sentence(a) },
        ],
        format,
      ),
    );
    return 0;
  } finally {
    await database.close();
  }
}

function sentence(alert: AlertView): string {
  return formatAlertSentence(
    {
      ...alert,
      ratio: alert.expected > 0 ? alert.observed / alert.expected : null,
      baseline_sd: 0,
      baseline_values: [],
      baseline_weights: [],
      method: alert.method as 'ears-t' | 'poisson',
      p_value: alert.p_value ?? undefined,
      settings: alert.settings as never,
      area_name: alert.area_name ?? undefined,
      top_terms: alert.top_terms.map((t) => t.term),
      examples: [],
    },
    alert.area_name ?? alert.area,
    topicLabelNl(alert.topic),
  );
}
