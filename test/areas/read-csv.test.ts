import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AreaFileError } from '../../src/areas/area-errors.js';
import { parseCsv } from '../../src/areas/csv-parser.js';
import { readPlaceCsv } from '../../src/areas/read-place-csv.js';
import { normalisePostcode, parsePostcodeCsv, readPostcodeCsv } from '../../src/areas/read-postcode-csv.js';
import { parseStreetCsv, readStreetCsv } from '../../src/areas/read-street-csv.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/areas');

describe('parseCsv', () => {
  it.each([
    { name: 'commas', text: 'a,b\n1,2\n', rows: [['1', '2']], delimiter: ',' },
    { name: 'semicolons and CRLF', text: 'a;b\r\n1;2\r\n', rows: [['1', '2']], delimiter: ';' },
    { name: 'tabs', text: 'a\tb\n1\t2', rows: [['1', '2']], delimiter: '\t' },
    { name: 'quoted delimiter, quote and newline', text: 'a,b\n"x, ""y""","line\nbreak"\n', rows: [['x, "y"', 'line\nbreak']], delimiter: ',' },
    { name: 'a BOM and empty lines', text: '\ufeffa,b\n\n1,2\n\n', rows: [['1', '2']], delimiter: ',' },
  ])('parses $name', ({ text, rows, delimiter }) => {
    const table = parseCsv(text);
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows.map((row) => row.values)).toEqual(rows);
    expect(table.delimiter).toBe(delimiter);
  });

  it('numbers rows by their line in the file', () => {
    expect(parseCsv('a\n"x\ny"\nz\n').rows.map((row) => row.line)).toEqual([2, 4]);
  });
});

describe('readStreetCsv', () => {
  it('reads names, municipality and Dutch decimal coordinates; skips blanks, drops bad points and duplicates', () => {
    const { streets, warnings } = readStreetCsv(path.join(FIXTURES, 'streets.csv'));
    expect(streets).toEqual([
      { name: 'Kerkstraat', woonplaats: 'Zeedorp', municipality: 'Zeedorp', gemeenteCode: null, areaCode: null, lat: 52.005, lon: 4.005 },
      { name: 'Havenweg', woonplaats: 'Zeedorp', municipality: 'Zeedorp', gemeenteCode: null, areaCode: null, lat: null, lon: null },
      { name: 'Laan van "1945"', woonplaats: 'Zeedorp', municipality: 'Zeedorp', gemeenteCode: null, areaCode: null, lat: null, lon: null },
      { name: 'Buitenpost', woonplaats: 'Elders', municipality: null, gemeenteCode: null, areaCode: null, lat: null, lon: null },
    ]);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'Line 5 has no street name; skipped.',
      'Line 6 (Buitenpost) has coordinates outside the Netherlands; kept without them.',
    ]);
  });

  it('takes the gemeentecode from a BAG openbare-ruimte id and the municipality from the options', () => {
    const { streets } = readStreetCsv(path.join(FIXTURES, 'streets-bag.csv'), { municipality: 'Zeedorp' });
    expect(streets.map(({ name, gemeenteCode, municipality }) => ({ name, gemeenteCode, municipality }))).toEqual([
      { name: 'Havenweg', gemeenteCode: 'GM0999', municipality: 'Zeedorp' },
      { name: 'Plein 40-45', gemeenteCode: 'GM0888', municipality: 'Zeedorp' },
    ]);
  });

  it('converts RD x/y columns to lat/lon', () => {
    const { streets } = parseStreetCsv('straat,gemeentecode,x,y\nDam,GM0363,121300,487400\n');
    expect(streets[0]!.lat).toBeCloseTo(52.373, 2);
    expect(streets[0]!.lon).toBeCloseTo(4.893, 2);
  });

  it('warns about rows without any municipality and fails on files without a name column', () => {
    expect(parseStreetCsv('straatnaam\nDam\n').warnings[0]!.message).toMatch(/does not say its municipality/);
    expect(() => parseStreetCsv('foo,bar\n1,2\n')).toThrowError(AreaFileError);
    expect(() => parseStreetCsv('foo,bar\n1,2\n')).toThrowError(/no street-name column; name one of its columns "straatnaam"/);
  });
});

describe('readPostcodeCsv', () => {
  it('reads PC4 → buurt shares and reports bad rows', () => {
    const { postcodes, warnings, level } = readPostcodeCsv(path.join(FIXTURES, 'postcodes-share.csv'));
    expect(level).toBe('buurt');
    expect(postcodes).toEqual([
      { postcode: '9991', areaCode: 'BU09990001', share: 0.7, name: 'Oude Haven' },
      { postcode: '9991', areaCode: 'BU09990002', share: 0.3, name: 'Nieuwe Haven' },
      { postcode: '9992', areaCode: 'BU09990001', share: 0.3, name: 'Oude Haven' },
      { postcode: '9992', areaCode: 'BU09990002', share: 0.3, name: 'Nieuwe Haven' },
      { postcode: '9992', areaCode: 'BU09990105', share: 0.4, name: 'Eilanden' },
    ]);
    expect(warnings.map((warning) => warning.at)).toEqual([7, 8]);
  });

  it('counts address rows into shares when there is no share column (CBS postcode-huisnummer layout)', () => {
    const { postcodes, level } = readPostcodeCsv(path.join(FIXTURES, 'postcodes-addresses.csv'));
    expect(level).toBe('buurt');
    expect(postcodes).toEqual([
      { postcode: '9991AA', areaCode: 'BU09990001', share: 0.6667, name: null },
      { postcode: '9991AA', areaCode: 'BU09990002', share: 0.3333, name: null },
      { postcode: '9991AB', areaCode: 'BU09990002', share: 1, name: null },
    ]);
    expect(parsePostcodeCsv('PC6;Buurt2023;Wijk2023\n9991AA;9990001;99900\n', { level: 'wijk' }).postcodes[0]!.areaCode).toBe('WK099900');
  });

  it('reads the gemeente level and percentages', () => {
    const { postcodes, level } = parsePostcodeCsv('pc4,gm_code,gm_naam,area_share\n1011,GM0363,Amsterdam,98.5\n');
    expect(level).toBe('gemeente');
    expect(postcodes).toEqual([{ postcode: '1011', areaCode: 'GM0363', share: 0.985, name: 'Amsterdam' }]);
  });

  it.each([
    ['1031 ab', '1031AB'],
    ['1031AB', '1031AB'],
    ['1031', '1031'],
    ['0123', null],
    ['1031 A', null],
    ['10311', null],
  ])('normalises postcode %s → %s', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });

  it('fails on files without a postcode or code column', () => {
    expect(() => parsePostcodeCsv('a,b\n1,2\n')).toThrowError(/no postcode column/);
    expect(() => parsePostcodeCsv('pc4,x\n1011,2\n')).toThrowError(/no buurt, wijk or gemeente code column/);
  });
});

describe('readPlaceCsv', () => {
  it('reads woonplaatsen and adds each gemeente name as a place', () => {
    const { places, warnings } = readPlaceCsv(path.join(FIXTURES, 'places.csv'));
    expect(places).toEqual([
      { name: 'Zeedorp', code: 'WP9001', gemeenteCode: 'GM0999', municipality: 'Zeedorp' },
      { name: 'Strandwijk', code: 'WP9002', gemeenteCode: 'GM0999', municipality: 'Zeedorp' },
      { name: 'Landstad', code: 'WP9003', gemeenteCode: 'GM0998', municipality: 'Landstad' },
    ]);
    expect(warnings).toHaveLength(1);
  });
});
