import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { countAreasByLevel } from '../../src/db/area.repository.js';
import { createAreaLocator } from '../../src/pipeline/area-locator.js';
import { importAreaFile, importPostcodeFile, importStreetFile } from '../../src/pipeline/import-areas.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/areas');
const CBS_BUURTEN = path.join(ROOT, '../shared/geo/cbs-wijkbuurtkaart-2015/buurten_2015.geojson');

describe('area import', () => {
  it('imports buurten with their wijken and gemeente, replaces on re-import, and locates points', async () => {
    const database = await openDatabase(':memory:');
    try {
      const first = await importAreaFile(database.db, path.join(FIXTURES, 'buurten-upper-wgs84.geojson'), { level: 'buurt' });
      expect(first.imported).toBeGreaterThan(0);
      const again = await importAreaFile(database.db, path.join(FIXTURES, 'buurten-upper-wgs84.geojson'), { level: 'buurt' });
      expect(again.replaced).toBe(first.imported);
      const counts = Object.fromEntries((await countAreasByLevel(database.db)).map((r) => [r.level, Number(r.n)]));
      expect(counts.buurt).toBe(first.imported);
      expect(counts.gemeente).toBeGreaterThanOrEqual(1);
      const locator = await createAreaLocator(database.db);
      expect(locator.resolve({ lat: 52.005, lon: 4.005 })[0]).toMatchObject({ code: 'BU09990001', level: 'buurt' });
      expect(locator.resolve({ lat: 10, lon: 10 })).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('imports streets and postcodes into the gazetteer', async () => {
    const database = await openDatabase(':memory:');
    try {
      await importAreaFile(database.db, path.join(FIXTURES, 'buurten-upper-wgs84.geojson'), { level: 'buurt' });
      expect((await importStreetFile(database.db, path.join(FIXTURES, 'streets.csv'), null)).streets).toBeGreaterThan(0);
      expect((await importPostcodeFile(database.db, path.join(FIXTURES, 'postcodes-share.csv'))).postcodes).toBeGreaterThan(0);
      const locator = await createAreaLocator(database.db);
      const byPostcode = locator.resolve({ text: 'Storing rond postcode 9991 verholpen', municipality: 'Zeedorp' });
      expect(byPostcode.map((a) => a.code)).toContain('BU09990001');
    } finally {
      await database.close();
    }
  });

  it('rejects a missing level with a clear message', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-areas-'));
    const result = await runCli(['areas', 'import', path.join(FIXTURES, 'buurten-upper-wgs84.geojson'), '--db', path.join(dir, 'a.db')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/needs --level gemeente, wijk or buurt/);
  });

  it.skipIf(!existsSync(CBS_BUURTEN))('imports the CBS 2015 buurten: 12,229 buurten in 393 gemeenten (../shared)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-cbs-'));
    const result = await runCli(['areas', 'import', CBS_BUURTEN, '--level', 'buurt', '--db', path.join(dir, 'cbs.db')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Imported 12229 buurt areas .* in 393 gemeenten/);
    expect(result.stdout).toMatch(/12229 buurt/);
  }, 60_000);
});
