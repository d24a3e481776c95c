import { describe, expect, it } from 'vitest';
import { matchRanges, segments } from '../../src/dashboard/highlight.js';

const TEXT = 'Nep-sms van de Bank: klik niet op de link';

describe('matchRanges', () => {
  it.each([
    ['trusts correct offsets', [{ kind: 'topic', topic: 'cybercrime', text: 'Nep-sms', start: 0, end: 7 }], [[0, 7]]],
    ['finds the surface form when offsets are off', [{ kind: 'topic', topic: 'cybercrime', text: 'bank', start: 3, end: 7 }], [[15, 19]]],
    ['finds it when offsets are missing', [{ kind: 'topic', topic: 'cybercrime', text: 'link' }], [[37, 41]]],
    ['drops words that are not in the text', [{ kind: 'topic', topic: 'x', text: 'phishing', start: 0, end: 8 }], []],
    ['drops offsets beyond the text', [{ kind: 'topic', topic: 'x', text: 'zzz', start: 90, end: 93 }], []],
    [
      'keeps ranges disjoint (the earlier, longer one wins)',
      [
        { kind: 'topic', topic: 'x', text: 'sms van', start: 4, end: 11 },
        { kind: 'topic', topic: 'x', text: 'Nep-sms', start: 0, end: 7 },
        { kind: 'sentiment', topic: null, text: 'niet', start: 26, end: 30, weight: -0.5 },
      ],
      [
        [0, 7],
        [26, 30],
      ],
    ],
    ['ignores junk', [null, { text: '' }, { text: 42 }], []],
  ])('%s', (_, matches, expected) => {
    expect(matchRanges(TEXT, matches as never).map((r) => [r.start, r.end])).toEqual(expected);
  });
});

describe('segments', () => {
  it('cuts the text into plain and marked pieces that add up to the original', () => {
    const ranges = matchRanges(TEXT, [
      { kind: 'topic', topic: 'cybercrime', text: 'Nep-sms', start: 0, end: 7 },
      { kind: 'topic', topic: 'cybercrime', text: 'link', start: 37, end: 41 },
    ]);
    const pieces = segments(TEXT, ranges);
    expect(pieces.map((p) => [p.text, p.match !== null])).toEqual([
      ['Nep-sms', true],
      [' van de Bank: klik niet op de ', false],
      ['link', true],
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(TEXT);
  });

  it('cuts a window of the text, splitting a range at its edge', () => {
    const ranges = matchRanges(TEXT, [{ kind: 'topic', topic: 'x', text: 'Nep-sms', start: 0, end: 7 }]);
    expect(segments(TEXT, ranges, 4, 11).map((p) => [p.text, p.match !== null])).toEqual([
      ['sms', true],
      [' van', false],
    ]);
  });
});
