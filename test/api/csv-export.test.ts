import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/api/csv-export.js';

describe('toCsv', () => {
  it.each([
    ['plain text', 'Oude Haven', 'Oude Haven'],
    ['a comma', 'Haven, Oost', '"Haven, Oost"'],
    ['quotes', 'de "Wallen"', '"de ""Wallen"""'],
    ['a line break', 'regel 1\nregel 2', '"regel 1\nregel 2"'],
    ['a formula', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['a leading plus', '+31 6 1234', "'+31 6 1234"],
    ['a leading at-sign', '@gemeente', "'@gemeente"],
    ['a negative number (not text)', -0.25, '-0.25'],
    ['null', null, ''],
    ['an object', { cybercrime: 3 }, '"{""cybercrime"":3}"'],
    ['a boolean', true, 'true'],
  ])('writes %s', (_, value, cell) => {
    expect(toCsv([{ value }], [{ header: 'value', value: (row) => row.value }])).toBe(`value\r\n${cell}\r\n`);
  });

  it('writes a header row even without rows', () => {
    expect(toCsv([], [{ header: 'a', value: () => 1 }, { header: 'b', value: () => 2 }])).toBe('a,b\r\n');
  });
});
