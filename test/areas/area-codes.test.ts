import { describe, expect, it } from 'vitest';
import { gemeenteCodeOf, levelOfCode, normaliseAreaCode, parentCodeOf } from '../../src/areas/area-codes.js';

describe('area codes', () => {
  it.each([
    { code: 'GM0363', level: 'gemeente', parent: null, gemeente: 'GM0363' },
    { code: 'WK036300', level: 'wijk', parent: 'GM0363', gemeente: 'GM0363' },
    { code: 'WK0363AD', level: 'wijk', parent: 'GM0363', gemeente: 'GM0363' },
    { code: 'BU03630000', level: 'buurt', parent: 'WK036300', gemeente: 'GM0363' },
    { code: 'BU0363AD05', level: 'buurt', parent: 'WK0363AD', gemeente: 'GM0363' },
    { code: 'BU0363ad05', level: null, parent: null, gemeente: null },
    { code: 'GM363', level: null, parent: null, gemeente: null },
    { code: 'WK0363A', level: null, parent: null, gemeente: null },
    { code: 'XX0363', level: null, parent: null, gemeente: null },
  ])('$code', ({ code, level, parent, gemeente }) => {
    expect(levelOfCode(code)).toBe(level);
    expect(parentCodeOf(code)).toBe(parent);
    expect(gemeenteCodeOf(code)).toBe(gemeente);
  });

  it.each([
    { value: ' gm0363 ', level: 'gemeente', code: 'GM0363' },
    { value: '363', level: 'gemeente', code: 'GM0363' },
    { value: 36300, level: 'wijk', code: 'WK036300' },
    { value: '3630000', level: 'buurt', code: 'BU03630000' },
    { value: 'BU0363AD05', level: 'buurt', code: 'BU0363AD05' },
    { value: '', level: 'buurt', code: null },
    { value: null, level: 'buurt', code: null },
  ] as const)('normalises $value as $level → $code', ({ value, level, code }) => {
    expect(normaliseAreaCode(value, level)).toBe(code);
  });
});
