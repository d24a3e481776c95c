import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { UserError } from '../errors/user-error.js';
import { importAreaFile, importPostcodeFile, importStreetFile } from '../pipeline/import-areas.js';
import { parseCommandArgs } from './cli-args.js';
import { progressBar } from './progress-bar.js';

const USAGE = [
  'wijkradar areas import <file.geojson> --level gemeente|wijk|buurt [--municipality NAME]',
  '       wijkradar areas import-streets <file.csv> [--municipality NAME]',
  '       wijkradar areas import-postcodes <file.csv>',
].join('\n');

/** `wijkradar areas import|import-streets|import-postcodes`: load CBS areas and the gazetteer. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { level: { type: 'string' }, municipality: { type: 'string' } }, USAGE);
  if (values.help) {
    process.stdout.write(
      `${USAGE}\nCBS wijk- en buurtkaart (GM_CODE/WK_CODE/BU_CODE or gemeentecode/wijkcode/buurtcode; WGS84 or RD New).\nRe-importing a level replaces the earlier import of that level.\n`,
    );
    return 0;
  }
  const [action, file] = positionals;
  if (!action || !['import', 'import-streets', 'import-postcodes'].includes(action)) throw new UserError(`Say what to import:\n${USAGE}`);
  if (!file) throw new UserError(`Name the file to import:\n${USAGE}`);
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    if (action === 'import') {
      const level = values.level;
      if (level !== 'gemeente' && level !== 'wijk' && level !== 'buurt') {
        throw new UserError('areas import needs --level gemeente, wijk or buurt (the level of the features in the file).');
      }
      const bar = progressBar(`Reading ${file}`);
      const report = await importAreaFile(database.db, file, { level, municipality: values.municipality, onProgress: bar.update });
      bar.done();
      const stored = report.stored.map((s) => `${s.n} ${s.level}`).join(', ');
      process.stdout.write(
        `Imported ${report.imported} ${level} areas (and ${report.parents} parents they name) from ${report.read.features} features in ${report.gemeenten} gemeenten` +
          ` (coordinates: ${report.crs ?? 'unknown'}; skipped ${report.read.skippedWater} water-only and ${report.read.skippedEmpty} empty; ${report.replaced} earlier imports replaced).\n` +
          `The database now holds: ${stored}.\n`,
      );
      for (const warning of report.warnings.slice(0, 20)) process.stderr.write(`warning: feature ${warning.at}${warning.code ? ` (${warning.code})` : ''}: ${warning.message}\n`);
      if (report.warnings.length > 20) process.stderr.write(`… and ${report.warnings.length - 20} more warnings.\n`);
      return 0;
    }
    if (action === 'import-streets') {
      const report = await importStreetFile(database.db, file, values.municipality ?? null);
      process.stdout.write(`Imported ${report.streets} streets (earlier street imports replaced).\n`);
      for (const warning of report.warnings.slice(0, 20)) process.stderr.write(`warning: line ${warning.at}: ${warning.message}\n`);
      return 0;
    }
    const report = await importPostcodeFile(database.db, file);
    process.stdout.write(`Imported ${report.postcodes} postcode links at level ${report.level} (earlier postcode imports replaced).\n`);
    for (const warning of report.warnings.slice(0, 20)) process.stderr.write(`warning: line ${warning.at}: ${warning.message}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
