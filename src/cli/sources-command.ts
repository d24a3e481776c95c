import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { UserError } from '../errors/user-error.js';
import { sourceHealth, enableSource } from '../queries/source-health.js';
import { parseCommandArgs } from './cli-args.js';
import { parseFormat, renderRows } from './output-format.js';

const USAGE = 'wijkradar sources [--format table|json|csv]\n       wijkradar sources enable SOURCE_ID';

/** `wijkradar sources`: health per source; `sources enable ID` clears a stop after repeated failures. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {}, USAGE);
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    if (positionals[0] === 'enable') {
      const id = positionals[1];
      if (!id) throw new UserError(`Name the source to enable: ${USAGE}`);
      if (!(await enableSource(database.db, id))) throw new UserError(`There is no source "${id}"; run wijkradar sources to list them.`);
      process.stdout.write(`Source ${id} will run again at its next turn.\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UserError(`Unknown argument "${positionals[0]}".\n${USAGE}`);
    const rows = await sourceHealth(database.db);
    process.stdout.write(
      renderRows(
        rows,
        [
          { header: 'id', value: (r) => r.id },
          { header: 'enabled', value: (r) => (r.enabled ? 'yes' : 'no') },
          { header: 'status', value: (r) => r.last_status },
          { header: 'failures', value: (r) => r.consecutive_failures, align: 'right' },
          { header: 'items', value: (r) => r.items_total, align: 'right' },
          { header: '7d', value: (r) => r.items_last_7d, align: 'right' },
          { header: 'last success (UTC)', value: (r) => r.last_success_at?.slice(0, 16).replace('T', ' ') },
          { header: 'flag', value: (r) => r.flag },
          { header: 'last error', value: (r) => r.last_error },
        ],
        parseFormat(values.format),
      ),
    );
    return 0;
  } finally {
    await database.close();
  }
}
