import { describe, expect, it } from 'vitest';
import { describeBaselineNl, describeWindowNl, formatAlertSentence } from '../../src/alerts/alert-sentence.js';
import type { DigestAlert } from '../../src/alerts/alert-sentence.js';
import { makeAlert } from './make-alert.js';

describe('formatAlertSentence', () => {
  it.each<[string, Partial<DigestAlert>, string, string, string]>([
    [
      'the example from the issue (9 / 2.9 = 3.10)',
      { top_terms: ['nep-sms', 'bank', 'link'] },
      'Bijlmer-Centrum', 'Cybercrime',
      'Cybercrime in Bijlmer-Centrum is 3,1× het gebruikelijke niveau op 27 nov 2026 (9 berichten, verwacht 2,9), vooral over: nep-sms, bank, link.',
    ],
    [
      'at most three terms, from TopTerm objects',
      { top_terms: ['a', 'b', 'c', 'd'].map((term) => ({ term, count: 3, expected: 1, baseline_count: 0, baseline_per_day: 0, score: 1 })) },
      'Bijlmer-Centrum', 'cybercrime',
      'Cybercrime in Bijlmer-Centrum is 3,1× het gebruikelijke niveau op 27 nov 2026 (9 berichten, verwacht 2,9), vooral over: a, b, c.',
    ],
    [
      'no terms, large numbers in Dutch notation',
      { observed: 12345, expected: 1000 },
      'Amsterdam', 'Negatief sentiment',
      'Negatief sentiment in Amsterdam is 12,3× het gebruikelijke niveau op 27 nov 2026 (12.345 berichten, verwacht 1.000,0).',
    ],
    [
      'hourly, in summer time (UTC+2), labelled',
      { granularity: 'hour', window_start: '2026-07-01T12:00:00.000Z', window_end: '2026-07-01T13:00:00.000Z', observed: 6, expected: 1.5 },
      'Burgwallen-Oude Zijde', 'Overlast',
      'Overlast in Burgwallen-Oude Zijde is 4,0× het gebruikelijke niveau op 1 jul 2026 van 14:00 tot 15:00 (Nederlandse tijd) (6 berichten, verwacht 1,5).',
    ],
    [
      'nothing expected: no ratio',
      { observed: 4, expected: 0, ratio: null, method: 'poisson' },
      'Bijlmer-Oost', 'Haat en discriminatie',
      'Haat en discriminatie in Bijlmer-Oost: 4 berichten op 27 nov 2026, waar dat normaal vrijwel nooit voorkomt (verwacht 0,0).',
    ],
    [
      'one post',
      { observed: 1, expected: 0.02, method: 'poisson' },
      'X', 'Migratie',
      'Migratie in X: 1 bericht op 27 nov 2026, waar dat normaal vrijwel nooit voorkomt (verwacht 0,0).',
    ],
  ])('%s', (_, over, area, topic, expected) => {
    expect(formatAlertSentence(makeAlert(over), area, topic)).toBe(expected);
  });
});

describe('describeWindowNl', () => {
  it.each([
    // A daily bucket is named by its start's date in Amsterdam (UTC midnight = 01:00 there).
    ['day', '2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z', 'op 27 nov 2026'],
    // An Amsterdam-midnight bucket (23:00Z the day before) is the same date.
    ['day', '2026-11-26T23:00:00Z', '2026-11-27T23:00:00Z', 'op 27 nov 2026'],
    ['hour', '2026-11-27T13:00:00Z', '2026-11-27T14:00:00Z', 'op 27 nov 2026 van 14:00 tot 15:00 (Nederlandse tijd)'],
    // 25 Oct 2026, summer time ends at 01:00Z: 00:00Z is 02:00 CEST (UTC+2), 01:00Z is 02:00 CET (UTC+1).
    ['hour', '2026-10-25T00:00:00Z', '2026-10-25T01:00:00Z', 'op 25 okt 2026 van 02:00 UTC+2 tot 02:00 UTC+1 (Nederlandse tijd)'],
    ['hour', '2026-10-25T01:00:00Z', '2026-10-25T02:00:00Z', 'op 25 okt 2026 van 02:00 tot 03:00 (Nederlandse tijd)'],
    // 29 Mar 2026, summer time starts at 01:00Z: 01:00Z is 03:00 CEST, right after 02:00 CET … 02:59.
    ['hour', '2026-03-29T00:00:00Z', '2026-03-29T01:00:00Z', 'op 29 mrt 2026 van 01:00 tot 03:00 (Nederlandse tijd)'],
    ['hour', '2026-12-31T23:00:00Z', '2027-01-01T00:00:00Z', 'op 1 jan 2027 van 00:00 tot 01:00 (Nederlandse tijd)'],
  ] as const)('%s %s → %s', (granularity, start, end, expected) => {
    expect(describeWindowNl({ granularity, window_start: start, window_end: end })).toBe(expected);
  });
});

describe('describeBaselineNl', () => {
  it.each([
    ['days', 'de 7 voorgaande dagen'],
    ['weekdays', 'dezelfde weekdag in de 7 voorgaande weken'],
    ['hours', 'de 7 voorgaande uren'],
    ['same-hour', 'hetzelfde uur op de 7 voorgaande dagen'],
  ] as const)('%s', (mode, text) => {
    expect(describeBaselineNl(mode, 7)).toBe(text);
  });
});
