import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { auditLog } from '../queries/access.js';
import { parseCommandArgs, parsePositiveInt, parseSince } from './cli-args.js';
import { parseFormat, renderRows } from './output-format.js';

const USAGE = 'wijkradar audit [--since 7d] [--limit 100] [--format table|json|csv]';

/** `wijkradar audit`: who read post text through the API, when, and with what query. */
export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { since: { type: 'string' }, limit: { type: 'string' } }, USAGE);
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    const rows = await auditLog(database.db, { sinceIso: parseSince(values.since), limit: parsePositiveInt(values.limit, 'limit', 100, 100_000) });
    process.stdout.write(
      renderRows(
        rows,
        [
          { header: 'at (UTC)', value: (r) => r.at },
          { header: 'user', value: (r) => r.user_name },
          { header: 'role', value: (r) => r.role },
          { header: 'action', value: (r) => r.action },
          { header: 'query', value: (r) => r.query },
          { header: 'rows', value: (r) => r.rows, align: 'right' },
        ],
        parseFormat(values.format),
      ),
    );
    return 0;
  } finally {
    await database.close();
  }
}
