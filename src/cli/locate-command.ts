import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { createAreaLocator } from '../pipeline/area-locator.js';
import { parseCommandArgs } from './cli-args.js';
import { notJsonLine, readJsonLines } from './json-lines.js';

const USAGE = 'wijkradar locate [--db PATH] [--municipality NAME]  (reads JSON Lines {"id","text"?,"lat"?,"lon"?,"municipality"?})';

/**
 * `wijkradar locate`: one line per input, `{"id","areas":[{"code","name","level","confidence","evidence"}]}`,
 * using the areas, streets and postcodes in the database. Invalid lines get `{"id","error"}` (exit 1).
 */
export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { municipality: { type: 'string' } }, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\nResolves text and coordinates to CBS buurten/wijken with evidence; import areas first (wijkradar areas import).\n`);
    return 0;
  }
  const database = await openDatabase(resolveDbPath(values.db));
  let invalid = 0;
  try {
    const locator = await createAreaLocator(database.db);
    for await (const { lineNumber, row } of readJsonLines()) {
      if (!row) {
        invalid += 1;
        process.stdout.write(notJsonLine(lineNumber));
        continue;
      }
      const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
      if (row.text !== undefined && typeof row.text !== 'string') {
        invalid += 1;
        process.stdout.write(JSON.stringify({ id: row.id ?? null, error: `line ${lineNumber}: "text" must be a string` }) + '\n');
        continue;
      }
      const areas = locator.resolve({
        text: (row.text as string | undefined) ?? null,
        lat: number(row.lat),
        lon: number(row.lon),
        municipality: typeof row.municipality === 'string' ? row.municipality : (values.municipality ?? null),
      });
      process.stdout.write(JSON.stringify({ id: row.id ?? null, areas }) + '\n');
    }
  } finally {
    await database.close();
  }
  return invalid > 0 ? 1 : 0;
}
