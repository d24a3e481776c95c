import { describe, expect, it } from 'vitest';
import { AlertOptionsError } from '../../src/alerts/alert-errors.js';
import { renderDigestHtml } from '../../src/alerts/digest-html.js';
import { renderDigestMarkdown } from '../../src/alerts/digest-markdown.js';
import type { DigestAlert } from '../../src/alerts/alert-sentence.js';
import { sortForDigest } from '../../src/alerts/digest-model.js';
import type { DigestOptions } from '../../src/alerts/digest-model.js';
import { makeAlert } from './make-alert.js';

const hostile = makeAlert({
  area: 'WK036307',
  top_terms: [{ term: 'nep-sms', count: 6, expected: 0.09, baseline_count: 0, baseline_per_day: 0, score: 6.2 }, { term: 'bank', count: 5, expected: 0.6, baseline_count: 3, baseline_per_day: 3 / 7, score: 3.5 }],
  examples: [
    { id: '1', title: '**Let op** <b>nu</b>', text: 'Klik <img src=x onerror=alert(1)> [hier](javascript:alert(1)) & win', url: 'javascript:alert(1)', published: '2026-11-27T13:05:00Z' },
    { id: '2', text: 'Nep-sms\nover een   pakket', url: 'https://example.nl/a b/(c)?q="><script>x</script>', published: '2026-07-01T08:00:00Z' },
  ],
});

describe('renderDigestMarkdown', () => {
  it('renders a whole alert in Dutch, Amsterdam time, escaped', () => {
    const md = renderDigestMarkdown([hostile], { generatedAt: '2026-11-28T08:00:00Z', areaNames: { WK036307: 'Bijlmer-Centrum' } });
    expect(md).toBe(`# wijkradar — opkomende signalen

Gemaakt op 28 nov 2026 09:00. Alle tijden in Nederlandse tijd (Europe/Amsterdam). 1 signaal.

## 1. Cybercrime in Bijlmer-Centrum

Cybercrime in Bijlmer-Centrum is 3,1× het gebruikelijke niveau op 27 nov 2026 (9 berichten, verwacht 2,9), vooral over: nep-sms, bank.

- **Gebied:** Bijlmer-Centrum (WK036307)
- **Periode:** 27 nov 2026 01:00 – 28 nov 2026 01:00
- **Aantal:** 9 berichten; verwacht 2,9; signaal bij meer dan 6,8 en minimaal 3
- **Toets:** EARS-t-toets (p = 0,0004; α = 0,025, na Bonferroni-correctie over 10 gebieden 0,0025)
- **Basislijn:** de 7 voorgaande dagen: 2, 3, 4, 2, 3, 3, 3
- **Opvallende termen:** nep-sms (6×, nieuw), bank (5×, basislijn 0,4 per dag)

Voorbeelden:

> Klik &lt;img src=x onerror=alert(1)&gt; \\[hier\\](javascript:alert(1)) &amp; win
>
> — \\*\\*Let op\\*\\* &lt;b&gt;nu&lt;/b&gt; · 27 nov 2026 14:05

> Nep-sms over een pakket
>
> — [bron](https://example.nl/a%20b/%28c%29?q=%22%3E%3Cscript%3Ex%3C/script%3E) · 1 jul 2026 10:00
`);
  });

  it.each<[string, DigestAlert[], string[], DigestOptions?]>([
    ['no alerts', [], ['Geen signalen.', 'Europe/Amsterdam']],
    ['a custom title is escaped', [], ['# Signalen \\*test\\*'], { title: 'Signalen *test*' }],
    ['a Poisson alert states its count limit', [makeAlert({ method: 'poisson', threshold: 4, expected: 0.3 })], ['signaal bij 5 of meer', 'Poisson-toets']],
    ['the minimum count raises a lower Poisson limit', [makeAlert({ method: 'poisson', threshold: 1, expected: 0.3 })], ['signaal bij 3 of meer']],
    ['a tiny p-value', [makeAlert({ p_value: 1e-9 })], ['p kleiner dan 0,0001']],
    ['a refire says how much the count grew', [makeAlert({ refire_of: { window_start: '2026-11-25T00:00:00.000Z', observed: 5 } })], ['**Opnieuw gemeld:** het aantal steeg van 5 (melding van 25 nov 2026) naar 9']],
    ['a down-weighted earlier peak is named', [makeAlert({ baseline_values: [2, 3, 2, 20, 3, 2, 3], baseline_weights: [1.17, 1.17, 1.17, 0.0001, 1.17, 1.17, 1.17] })], ['2, 3, 2, 20, 3, 2, 3 (20 telde nauwelijks mee: eerdere piek)']],
    ['area_name on the alert wins over options', [makeAlert({ area_name: 'Eigen naam' })], ['Cybercrime in Eigen naam'], { areaNames: new Map([['WK036307', 'Andere naam']]) }],
    ['unknown areas show their code, custom topics a readable slug', [makeAlert({ topic: 'youth_work' })], ['## 1. Youth work in WK036307']],
    ['topic labels can be overridden', [makeAlert()], ['## 1. Online oplichting in WK036307'], { topicLabels: { cybercrime: 'Online oplichting' } }],
  ])('%s', (_, alerts, fragments, options = {}) => {
    const md = renderDigestMarkdown(alerts, options);
    for (const fragment of fragments) expect(md).toContain(fragment);
  });

  it('limits examples and terms, and cuts long texts', () => {
    const many = makeAlert({
      examples: Array.from({ length: 5 }, (_, i) => ({ id: String(i), text: `voorbeeld ${i} ${'x'.repeat(400)}` })),
      top_terms: ['a', 'b', 'c', 'd', 'e', 'f'],
    });
    const md = renderDigestMarkdown([many], { maxExamples: 2, maxTerms: 4, maxExampleChars: 50 });
    expect(md.match(/^> voorbeeld/gm)).toHaveLength(2);
    expect(md).toContain('**Opvallende termen:** a, b, c, d\n');
    expect(md).toContain(`> voorbeeld 0 ${'x'.repeat(37)}…`);
  });

  it.each([
    [{ maxExamples: -1 }, /number of examples/],
    [{ maxTerms: 1.5 }, /number of terms/],
    [{ generatedAt: 'morgen' }, /generatedAt/],
  ])('rejects %j', (options, message) => {
    expect(() => renderDigestMarkdown([], options)).toThrow(AlertOptionsError);
    expect(() => renderDigestMarkdown([], options)).toThrow(message);
  });
});

describe('renderDigestHtml', () => {
  const html = renderDigestHtml([hostile], { areaNames: { WK036307: 'Bijlmer-Centrum' }, generatedAt: new Date('2026-07-01T08:00:00Z') });

  it('is a Dutch document with times in Amsterdam', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="nl">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Gemaakt op 1 jul 2026 10:00. Alle tijden in Nederlandse tijd (Europe/Amsterdam). 1 signaal.');
    expect(html).toContain('<h2>1. Cybercrime in Bijlmer-Centrum</h2>');
  });

  it('escapes every post text, title and link', () => {
    expect(html).not.toMatch(/<img|<script|<b>|href="javascript/i);
    expect(html).toContain('Klik &lt;img src=x onerror=alert(1)&gt; [hier](javascript:alert(1)) &amp; win');
    expect(html).toContain('— **Let op** &lt;b&gt;nu&lt;/b&gt; · 27 nov 2026 14:05'); // title without its javascript: link
    expect(html).toContain('<a href="https://example.nl/a%20b/(c)?q=%22%3E%3Cscript%3Ex%3C/script%3E" rel="noopener noreferrer nofollow">bron</a>');
  });

  it('can render a fragment for the dashboard', () => {
    const fragment = renderDigestHtml([], { fragment: true });
    expect(fragment).toBe('<h1>wijkradar — opkomende signalen</h1>\n<p>Alle tijden in Nederlandse tijd (Europe/Amsterdam). Geen signalen.</p>\n');
  });

  it('escapes area names and topic labels too', () => {
    const out = renderDigestHtml([makeAlert({ area_name: '<Wijk & "Buurt">', topic_label: "O'Neill <i>" })], { fragment: true });
    expect(out).toContain('O&#39;Neill &lt;i&gt; in &lt;Wijk &amp; &quot;Buurt&quot;&gt;');
    expect(out).not.toContain('<i>');
  });
});

describe('sortForDigest', () => {
  it('puts the newest window first, then the smallest p-value', () => {
    const a = makeAlert({ area: 'A', window_start: '2026-11-26T00:00:00.000Z', p_value: 1e-6 });
    const b = makeAlert({ area: 'B', p_value: 0.001 });
    const c = makeAlert({ area: 'C', p_value: 0.0001 });
    expect(sortForDigest([a, b, c]).map((x) => x.area)).toEqual(['C', 'B', 'A']);
  });
});
