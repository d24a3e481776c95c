import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../src/collectors/feed/parse-date.js';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 1123 / 2822 and their real-world variants
    ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'],
    ['Wed, 02 Oct 2002 08:00:00 EST', '2002-10-02T13:00:00Z'],
    ['Wed, 02 Oct 2002 08:00:00 EDT', '2002-10-02T12:00:00Z'],
    ['Mon, 06 May 2024 14:30:00 +0200', '2024-05-06T12:30:00Z'],
    ['Mon, 06 May 2024 14:30:00 -04:30', '2024-05-06T19:00:00Z'],
    ['06 May 2024 14:30:00 +0200', '2024-05-06T12:30:00Z'],
    ['Sat, 4 May 2024 10:00 CET', '2024-05-04T09:00:00Z'],
    ['Sat, 4 May 2024 10:00 CEST', '2024-05-04T08:00:00Z'],
    ['Sat, 04 May 24 10:00:00 GMT', '2024-05-04T10:00:00Z'],
    ['Thu, 01 Jan 98 12:00:00 GMT', '1998-01-01T12:00:00Z'],
    ['Saturday, 28-Sep-02 21:00:02 GMT', '2002-09-28T21:00:02Z'],
    ['Sun Sep 28 21:00:02 2002', '2002-09-28T21:00:02Z'],
    ['Mon, 06 May 2024 14:30:00', '2024-05-06T14:30:00Z'],
    ['Mon, 06 May 2024 14:30:00 +0200 (CEST)', '2024-05-06T12:30:00Z'],
    ['Mon, 06 May 2024 14:30:00 UT', '2024-05-06T14:30:00Z'],
    ['Mon, 06 May 2024 14:30:00 Z', '2024-05-06T14:30:00Z'],
    ['May 6, 2024 2:30 PM', '2024-05-06T14:30:00Z'],
    ['6 May 2024', '2024-05-06T00:00:00Z'],
    // Dutch and other languages
    ['ma, 6 mei 2024 14:30:00 +0200', '2024-05-06T12:30:00Z'],
    ['Di, 15 Okt 2024 09:00:00 MESZ', '2024-10-15T07:00:00Z'],
    ['6 maart 2024 08:00', '2024-03-06T08:00:00Z'],
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T22:42:40Z'],
    // ISO 8601 / W3CDTF
    ['2024-05-06T14:30:00Z', '2024-05-06T14:30:00Z'],
    ['2024-05-06T14:30:00.123+02:00', '2024-05-06T12:30:00Z'],
    ['2024-05-06T14:30+0200', '2024-05-06T12:30:00Z'],
    ['2024-05-06 14:30:00', '2024-05-06T14:30:00Z'],
    ['2024-05-06T14:30:00 CET', '2024-05-06T13:30:00Z'],
    ['2024-05-06', '2024-05-06T00:00:00Z'],
    ['2024-05', '2024-05-01T00:00:00Z'],
    ['2024', '2024-01-01T00:00:00Z'],
    ['20240506T143000Z', '2024-05-06T14:30:00Z'],
    ['  2024-05-06T14:30:00Z  ', '2024-05-06T14:30:00Z'],
    // numeric dates only when unambiguous
    ['28/09/2002', '2002-09-28T00:00:00Z'],
    ['2002/09/28 10:00', '2002-09-28T10:00:00Z'],
    ['03/04/2024', null],
    // not dates, or impossible ones
    ['', null],
    ['gisteren', null],
    ['32 May 2024', null],
    ['2003-02-29T10:00:00Z', null],
    ['2003-13-01T10:00:00Z', null],
    ['2003-07-01T25:51:30-05:00', null],
    ['Fri, 11 Mar 2016 01:15:00 +3000', null],
    ['Tue, 10 Jun 2003 04:00:00 XYZ', null],
    ['0103-12-13T18:30:02Z', null],
  ])('%j → %j', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it('accepts null and undefined', () => {
    expect(parseFeedDate(null)).toBeNull();
    expect(parseFeedDate(undefined)).toBeNull();
  });

  it('reads RFC 1123 dates as written by most feeds the same as any other form (fast path)', () => {
    for (let i = 0; i < 500; i++) {
      // Steps of 29 days and a few hours, minutes and seconds: 40 years of varied dates and times.
      const at = new Date(Date.UTC(1995, 0, 1) + i * 2_519_999_000);
      const iso = at.toISOString().replace('.000Z', 'Z');
      expect(parseFeedDate(at.toUTCString())).toBe(iso);
      const cet = new Date(at.getTime() + 3_600_000).toUTCString().replace('GMT', '+0100');
      expect(parseFeedDate(cet)).toBe(iso);
      expect(parseFeedDate(cet.slice(5))).toBe(iso); // no weekday
    }
    expect(parseFeedDate('Mon, 31 Feb 2026 12:00:00 GMT')).toBeNull();
    expect(parseFeedDate('Mon, 02 Mrt 2026 12:00 CET')).toBe('2026-03-02T11:00:00Z');
  });
});

