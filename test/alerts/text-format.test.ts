import { describe, expect, it } from 'vitest';
import { formatDateTimeNl, formatNumberNl, formatProbabilityNl, utcOffsetLabel } from '../../src/alerts/dutch-format.js';
import { escapeHtml, escapeMarkdown, safeHttpUrl, shortenText } from '../../src/alerts/text-escape.js';
import { topicLabelNl } from '../../src/alerts/topic-labels.js';

describe('Dutch formatting', () => {
  it.each([
    ['2026-11-27T13:05:00Z', '27 nov 2026 14:05'], // CET, UTC+1
    ['2026-07-01T22:30:00Z', '2 jul 2026 00:30'], // CEST, UTC+2: the next day in Amsterdam
    ['2026-03-29T01:00:00Z', '29 mrt 2026 03:00'], // first minute of summer time
  ])('%s → %s (Europe/Amsterdam)', (instant, text) => {
    expect(formatDateTimeNl(instant)).toBe(text);
  });

  it.each([
    ['2026-11-27T13:05:00Z', 'UTC+1'],
    ['2026-07-01T13:05:00Z', 'UTC+2'],
  ])('offset at %s is %s', (instant, label) => {
    expect(utcOffsetLabel(instant)).toBe(label);
  });

  it.each([
    [3.14159, 1, '3,1'],
    [1234.56, 1, '1.234,6'],
    [9, 0, '9'],
    [0, 1, '0,0'],
  ])('formatNumberNl(%f, %i) = %s', (value, decimals, text) => {
    expect(formatNumberNl(value, decimals)).toBe(text);
  });

  it.each([[0.025, '0,025'], [0.0025, '0,0025'], [0.00005, '0,00005'], [0.000412, '0,00041']])('formatProbabilityNl(%f) = %s', (p, text) => {
    expect(formatProbabilityNl(p)).toBe(text);
  });
});

describe('escaping', () => {
  it.each([
    ['<a href="x">\'&\'</a>', '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'],
    ['gewone tekst', 'gewone tekst'],
  ])('escapeHtml(%j)', (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });

  it.each([
    ['[klik](javascript:x) *vet* _schuin_ `code` #tag a|b ~x~ \\', '\\[klik\\](javascript:x) \\*vet\\* \\_schuin\\_ \\`code\\` \\#tag a\\|b \\~x\\~ \\\\'],
    ['<script>&</script>', '&lt;script&gt;&amp;&lt;/script&gt;'],
    ['nep-sms (bank)', 'nep-sms (bank)'],
  ])('escapeMarkdown(%j)', (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });

  it.each([
    ['https://example.nl/a b', 'https://example.nl/a%20b'],
    [' http://example.nl ', 'http://example.nl/'],
    ['javascript:alert(1)', undefined],
    ['data:text/html,<b>', undefined],
    ['/relatief/pad', undefined],
    ['', undefined],
    [null, undefined],
  ])('safeHttpUrl(%j) = %j', (input, output) => {
    expect(safeHttpUrl(input)).toBe(output);
  });

  it.each([
    ['kort', 10, 'kort'],
    ['a  b\n\nc', 10, 'a b c'],
    ['abcdefghij', 5, 'abcd…'],
    ['😀😀😀😀😀😀', 3, '😀😀…'], // never splits a surrogate pair
  ])('shortenText(%j, %i) = %j', (input, max, output) => {
    expect(shortenText(input, max)).toBe(output);
  });
});

describe('topicLabelNl', () => {
  it.each([
    ['subversive_crime', undefined, 'Ondermijning'],
    ['negative', undefined, 'Negatief sentiment'],
    ['youth_work', undefined, 'Youth work'],
    ['cybercrime', { cybercrime: 'Online criminaliteit' }, 'Online criminaliteit'],
    ['constructor', undefined, 'Constructor'],
    ['__proto__', undefined, 'Proto'],
  ] as const)('%s → %s', (slug, overrides, label) => {
    expect(topicLabelNl(slug, overrides)).toBe(label);
  });
});
