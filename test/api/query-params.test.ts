import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../src/api/api-errors.js';
import { amsterdamMidnight, parseQuery, postsQuery, toDay, toEndInstant, toInstant, trendQuery } from '../../src/api/query-params.js';

const NOW = new Date('2026-11-27T12:00:00.000Z');

describe('times', () => {
  it.each([
    ['2026-11-27', '2026-11-26T23:00:00.000Z'], // winter: UTC+1
    ['2026-07-01', '2026-06-30T22:00:00.000Z'], // summer: UTC+2
    ['2026-03-29', '2026-03-28T23:00:00.000Z'], // the day summer time starts (at 02:00)
    ['2026-10-25', '2026-10-24T22:00:00.000Z'], // the day summer time ends (at 03:00)
  ])('local midnight of %s is %s', (day, instant) => {
    expect(amsterdamMidnight(day)).toBe(instant);
  });

  it.each([
    ['7d', '2026-11-20T12:00:00.000Z', '2026-11-20', '2026-11-20T12:00:00.000Z'],
    ['12h', '2026-11-27T00:00:00.000Z', '2026-11-27', '2026-11-27T00:00:00.000Z'],
    ['2w', '2026-11-13T12:00:00.000Z', '2026-11-13', '2026-11-13T12:00:00.000Z'],
    ['2026-11-01', '2026-10-31T23:00:00.000Z', '2026-11-01', '2026-11-01T23:00:00.000Z'],
    ['2026-11-01T08:00:00+01:00', '2026-11-01T07:00:00.000Z', '2026-11-01', '2026-11-01T07:00:00.000Z'],
    ['2026-11-01T23:30:00Z', '2026-11-01T23:30:00.000Z', '2026-11-02', '2026-11-01T23:30:00.000Z'],
  ])('reads %s', (text, instant, day, end) => {
    const { since } = parseQuery(`/api/posts?since=${encodeURIComponent(text)}`, postsQuery);
    expect(toInstant(since!, NOW)).toBe(instant);
    expect(toDay(since!, NOW)).toBe(day);
    expect(toEndInstant(since!, NOW)).toBe(end);
  });
});

describe('parseQuery', () => {
  it('applies defaults', () => {
    expect(parseQuery('/api/posts', postsQuery)).toEqual({ limit: 50, offset: 0, format: 'json', duplicates: 'false' });
    expect(parseQuery('/api/areas/X/trend?topic=cybercrime', trendQuery)).toEqual({ topic: 'cybercrime', by: 'day', format: 'json' });
  });

  it.each([
    ['/api/posts?since=1989-12-31', /since must be a period/],
    ['/api/posts?since=10000d', /since must be a period/],
    ['/api/posts?limit=1e3', /limit must be a whole number/],
    ['/api/posts?q=%20%20', /q must hold at least one word/],
    ['/api/posts?duplicates=yes', /duplicates must be true or false/],
  ])('refuses %s', (url, message) => {
    expect(() => parseQuery(url, postsQuery)).toThrow(InvalidRequestError);
    expect(() => parseQuery(url, postsQuery)).toThrow(message);
  });
});
