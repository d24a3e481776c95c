import { describe, expect, it } from 'vitest';
import { AlertOptionsError } from '../../src/alerts/alert-errors.js';
import { topTerms } from '../../src/alerts/top-terms.js';

const map = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('topTerms', () => {
  // Window n_w = 6+5+4+30+20 = 65, baseline n_b = 200+140+3+20 = 363, β = 0.5.
  const window = map({ 'nep-sms': 6, bank: 5, link: 4, de: 30, het: 20 });
  const baseline = map({ de: 200, het: 140, bank: 3, politie: 20 });

  it('ranks new and over-represented terms by signed deviance (hand-computed)', () => {
    // nep-sms: e = 65 · 0.5/363.5 = 0.089409; score = √(2(6 ln(6/0.089409) − 5.910591)) = 6.21727
    // link:    e = 0.089409;                  score = √(2(4 ln(4/0.089409) − 3.910591)) = 4.75242
    // bank:    e = 65 · 3.5/363.5 = 0.625860; score = √(2(5 ln(5/0.625860) − 4.374140)) = 3.46877
    // de: e = 65 · 200.5/363.5 = 35.85 > 30 and het: e = 25.12 > 20 keep their share: not returned.
    const terms = topTerms(window, baseline, 7);
    expect(terms.map((t) => t.term)).toEqual(['nep-sms', 'link', 'bank']);
    expect(terms[0]).toMatchObject({ count: 6, baseline_count: 0, baseline_per_day: 0 });
    expect(terms[0]!.expected).toBeCloseTo(0.089409, 6);
    expect(terms.map((t) => t.score)).toEqual([expect.closeTo(6.21727, 4), expect.closeTo(4.75242, 4), expect.closeTo(3.46877, 4)]);
    expect(terms[2]!.baseline_per_day).toBeCloseTo(3 / 7, 12);
  });

  it('does not return words that only rise with the volume of a burst', () => {
    // Every term 8× its daily baseline: shares are unchanged, so nothing stands out.
    const base = map({ de: 140, het: 70, fiets: 14, gestolen: 7 });
    const burst = new Map([...base].map(([t, c]) => [t, (c / 7) * 8]));
    expect(topTerms(burst, base, 7)).toEqual([]);
  });

  it('ranks by count when the baseline is empty (every term is new)', () => {
    // e = β = 0.5: 5 → √(2(5 ln 10 − 4.5)) = 3.74511, 3 → 2.39803, 2 → 1.59536
    const terms = topTerms(map({ a: 2, b: 5, c: 3 }), new Map(), 7);
    expect(terms.map((t) => [t.term, t.score])).toEqual([
      ['b', expect.closeTo(3.74511, 4)], ['c', expect.closeTo(2.39803, 4)], ['a', expect.closeTo(1.59536, 4)],
    ]);
  });

  it.each([
    ['k limits the list', [window, baseline, 7, 2, {}], ['nep-sms', 'link']],
    ['k = 0', [window, baseline, 7, 0, {}], []],
    ['minCount drops rare terms', [window, baseline, 7, 5, { minCount: 5 }], ['nep-sms', 'bank']],
    ['exclude drops stop words or the area name', [window, baseline, 7, 5, { exclude: new Set(['link']) }], ['nep-sms', 'bank']],
    ['singletons are skipped by default', [map({ eenmalig: 1, twee: 2 }), new Map(), 7, 5, {}], ['twee']],
    ['ties break on count, then term', [map({ b: 3, a: 3 }), new Map(), 7, 5, {}], ['a', 'b']],
  ] as const)('%s', (_, args, expected) => {
    const [w, b, days, k, options] = args;
    expect(topTerms(w, b, days, k, options).map((t) => t.term)).toEqual(expected);
  });

  it.each([
    [() => topTerms(window, baseline, 0), /more than 0 days/],
    [() => topTerms(window, baseline, 7, -1), /whole number of at least 0/],
    [() => topTerms(window, baseline, 7, 5, { smoothing: 0 }), /smoothing must be above 0/],
  ])('rejects bad arguments (%#)', (call, message) => {
    expect(call).toThrow(AlertOptionsError);
    expect(call).toThrow(message);
  });
});
