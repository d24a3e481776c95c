import { describe, expect, it } from 'vitest';
import { localDay, utcHour } from '../../src/db/rollup-buckets.js';

const amsterdamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('localDay and utcHour', () => {
  it('give the Amsterdam day of every minute around both DST changes, from the remembered hour or not', () => {
    for (const start of ['2026-03-28T20:00:00.000Z', '2026-10-24T20:00:00.000Z', '2026-12-31T21:00:00.000Z']) {
      for (let minute = 0; minute < 8 * 60; minute += 7) {
        const at = new Date(Date.parse(start) + minute * 60_000);
        expect(localDay(at.toISOString())).toBe(amsterdamDay.format(at));
        expect(localDay(at.toISOString().replace('.000Z', 'Z'))).toBe(amsterdamDay.format(at));
      }
    }
    expect(localDay('2026-03-28T23:30:00Z')).toBe('2026-03-29'); // 00:30 CET
    expect(localDay('2026-06-30T22:30:00Z')).toBe('2026-07-01'); // 00:30 CEST
  });

  it('reads instants written with an offset too', () => {
    expect(localDay('2026-06-30T23:30:00+02:00')).toBe('2026-06-30');
    expect(utcHour('2026-06-30T23:30:00+02:00')).toBe('2026-06-30T21');
    expect(utcHour('2026-06-30T23:30:00.000Z')).toBe('2026-06-30T23');
  });
});
