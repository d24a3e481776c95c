import { describe, expect, it } from 'vitest';
import { simplifyGeometry, toFeatureCollection } from '../../src/api/geo-features.js';

const square = [
  [5, 52],
  [5.01, 52],
  [5.01, 52.01],
  [5, 52.01],
  [5, 52],
];

describe('simplifyGeometry', () => {
  it.each([
    ['keeps a plain square', { type: 'Polygon', coordinates: [square] }, { type: 'Polygon', coordinates: [square] }],
    [
      'drops collinear and near-collinear points',
      { type: 'Polygon', coordinates: [[[5, 52], [5.005, 52.000001], [5.01, 52], [5.01, 52.01], [5, 52.01], [5, 52]]] },
      { type: 'Polygon', coordinates: [square] },
    ],
    [
      'rounds to 5 decimals',
      { type: 'Polygon', coordinates: [[[5.0000049, 52.0000001], [5.0100001, 52], [5.01, 52.0099999], [5, 52.01], [5.0000049, 52.0000001]]] },
      { type: 'Polygon', coordinates: [square] },
    ],
    [
      'keeps a real corner far above the tolerance',
      { type: 'Polygon', coordinates: [[[5, 52], [5.005, 52.003], [5.01, 52], [5.01, 52.01], [5, 52.01], [5, 52]]] },
      { type: 'Polygon', coordinates: [[[5, 52], [5.005, 52.003], [5.01, 52], [5.01, 52.01], [5, 52.01], [5, 52]]] },
    ],
    [
      'handles multipolygons with holes',
      { type: 'MultiPolygon', coordinates: [[square, [[5.002, 52.002], [5.004, 52.002], [5.004, 52.004], [5.002, 52.002]]]] },
      { type: 'MultiPolygon', coordinates: [[square, [[5.002, 52.002], [5.004, 52.002], [5.004, 52.004], [5.002, 52.002]]]] },
    ],
    ['refuses points', { type: 'Point', coordinates: [5, 52] }, null],
    ['refuses broken coordinates', { type: 'Polygon', coordinates: [[[5, 'x']]] }, null],
    ['refuses non-objects', 'Polygon', null],
  ])('%s', (_, input, expected) => {
    expect(simplifyGeometry(input, 0.0001)).toEqual(expected);
  });
});

describe('toFeatureCollection', () => {
  it('makes one feature per usable row and leaves out the rest', () => {
    const row = { code: 'BU1', name: 'Een', level: 'buurt', parent_code: 'WK1', municipality: 'Stad' };
    const collection = toFeatureCollection([
      { ...row, geometry: JSON.stringify({ type: 'Polygon', coordinates: [square] }) },
      { ...row, code: 'BU2', geometry: '{not json' },
      { ...row, code: 'BU3', geometry: null },
    ]);
    expect(collection).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'BU1',
          properties: { code: 'BU1', name: 'Een', level: 'buurt', parent: 'WK1', municipality: 'Stad' },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
      ],
    });
  });
});
