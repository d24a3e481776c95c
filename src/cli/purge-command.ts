import { loadPipelines } from '../config/load-pipeline.js';
import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { purgeExpiredText } from '../pipeline/purge.js';
import { parseCommandArgs } from './cli-args.js';
import { pipelineFiles } from './pipeline-files.js';

const USAGE = 'wijkradar purge [PIPELINE.yaml …] [--db PATH]';

/** `wijkradar purge`: deletes post text older than each pipeline's retention_days; aggregates stay. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {}, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\nDeletes the text, title, link and HTML of posts older than retention_days; scores, areas and rollups stay.\n`);
    return 0;
  }
  const pipelines = loadPipelines(pipelineFiles(positionals));
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    for (const result of await purgeExpiredText(database.db, pipelines, new Date())) {
      process.stdout.write(`${result.pipeline}: purged the text of ${result.purged} posts published before ${result.before} (retention ${result.retentionDays} days).\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
