import { describe, expect, it } from 'vitest';
import { hashAuthor } from '../../src/collectors/author-hash.js';
import { canonicalUrl } from '../../src/collectors/canonical-url.js';
import { dedupKey } from '../../src/collectors/dedup-key.js';

describe('canonicalUrl', () => {
  it.each([
    ['HTTPS://Example.NL:443/nieuws?utm_source=rss&utm_medium=feed#reacties', 'https://example.nl/nieuws'],
    ['http://example.nl:80/a?b=2&a=1', 'http://example.nl/a?a=1&b=2'],
    ['https://example.nl/a?fbclid=xyz&id=5&gclid=1', 'https://example.nl/a?id=5'],
    ['https://user:pw@example.nl/a', 'https://example.nl/a'],
    ['https://example.nl:8443/a', 'https://example.nl:8443/a'],
    // An empty query or fragment is dropped too, and a path with neither is left as it is.
    ['https://example.nl/a?#', 'https://example.nl/a'],
    ['https://example.nl/?', 'https://example.nl/'],
    ['https://example.nl/a#', 'https://example.nl/a'],
    ['https://:@example.nl/a@b', 'https://example.nl/a@b'],
    ['https://example.nl/a#x?utm_source=y', 'https://example.nl/a'],
    ['mailto:wijkagent@example.nl', null],
    ['not a url', null],
    ['', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });
});

describe('dedupKey', () => {
  it.each([
    ['AT5: Brand in Warmoesstraat, één gewonde', 'Brand in Warmoesstraat; een gewonde'],
    ['[Parool] Nieuwe scooterregels in de Pijp vanaf maandag', 'Nieuwe scooterregels in de Pijp vanaf maandag'],
    ['Nieuwe scooterregels in de Pijp vanaf maandag - Het Parool', 'NIEUWE SCOOTERREGELS IN DE PIJP VANAF MAANDAG!'],
    ['NU.nl | Politie waarschuwt voor nep-sms', 'Politie waarschuwt voor nep-sms'],
  ])('"%s" and "%s" collide', (a, b) => {
    expect(dedupKey(a)).not.toBeNull();
    expect(dedupKey(a)).toBe(dedupKey(b));
  });

  it.each([
    ['Brand in woning aan de Warmoesstraat', 'Brand in woning aan de Kalverstraat'],
    ['Politie waarschuwt voor nep-sms', 'Politie waarschuwt voor nep-mail'],
  ])('"%s" and "%s" stay apart', (a, b) => {
    expect(dedupKey(a)).not.toBe(dedupKey(b));
  });

  it('gives no key to headlines too short to be telling', () => {
    expect(dedupKey('Update')).toBeNull();
    expect(dedupKey('Brand')).toBeNull();
    expect(dedupKey(null)).toBeNull();
  });
});

describe('hashAuthor', () => {
  const key = Buffer.alloc(32, 7);
  it('is stable, case-insensitive, keyed and never the name', () => {
    const hash = hashAuthor('Jan de Vries', key)!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuthor('  jan de vries ', key)).toBe(hash);
    expect(hashAuthor('Jan de Vries', Buffer.alloc(32, 8))).not.toBe(hash);
    expect(hash).not.toContain('jan');
  });
  it('returns null for no author', () => {
    expect(hashAuthor('', key)).toBeNull();
    expect(hashAuthor(null, key)).toBeNull();
  });
});
