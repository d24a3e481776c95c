import { describe, expect, it } from 'vitest';
import { exampleFingerprint, pickExamples } from '../../src/alerts/example-picker.js';
import type { ExamplePost } from '../../src/alerts/example-picker.js';

const post = (id: string, text: string, over: Partial<ExamplePost> = {}): ExamplePost => ({ id, text, ...over });

describe('exampleFingerprint', () => {
  it.each([
    ['RT @wijkagent: Pas op voor nep-sms! https://t.co/abc', ['pas', 'op', 'voor', 'nep', 'sms']],
    ['Café in de Bijlmer — overlast?', ['cafe', 'in', 'de', 'bijlmer', 'overlast']],
    ['@buurman www.example.nl', []],
  ])('%j → %j', (text, words) => {
    expect(exampleFingerprint({ text })).toEqual(words);
  });
});

describe('pickExamples', () => {
  it('prefers posts with more distinct matched terms', () => {
    const picked = pickExamples([
      post('a', 'Nep-sms van de bank', { matches: ['nep-sms'] }),
      post('b', 'Phishing link via sms, bank vraagt pincode', { matches: ['phishing', 'link', 'pincode'] }),
      post('c', 'Oplichting met een link', { matches: ['oplichting', 'link', 'link', 'LINK'] }), // 2 distinct
    ], 5);
    expect(picked.map((p) => p.id)).toEqual(['b', 'c', 'a']);
  });

  it('skips duplicates: retweets, the same text with another link, near-identical copies', () => {
    const picked = pickExamples([
      post('1', 'Pas op: nep-sms over een pakket, klik niet op de link https://a.nl', { matches: ['nep-sms', 'link'] }),
      post('2', 'RT @politie: Pas op: nep-sms over een pakket, klik niet op de link https://b.nl', { matches: ['nep-sms', 'link'] }),
      post('3', 'Pas op nep sms over een pakket klik niet op de link vandaag', { matches: ['nep-sms', 'link'] }), // Jaccard 11/12
      post('4', 'Mijn buurvrouw kreeg een sms namens de bank', { matches: ['sms'] }),
    ], 5);
    expect(picked.map((p) => p.id)).toEqual(['1', '4']);
  });

  it('returns fewer than k rather than repeat a message, and skips posts without words', () => {
    const picked = pickExamples([post('x', 'Zelfde bericht'), post('y', 'Zelfde bericht!'), post('z', '   '), post('u', 'https://only.link')], 5);
    expect(picked.map((p) => p.id)).toEqual(['x']);
  });

  it('breaks ties on recency, then id, so the choice is stable', () => {
    const picked = pickExamples([
      post('b', 'tweede bericht over overlast', { published: '2026-11-27T10:00:00Z' }),
      post('a', 'eerste bericht over geluid', { published: '2026-11-27T10:00:00Z' }),
      post('c', 'derde bericht over vuurwerk', { published: '2026-11-27T12:00:00Z' }),
      post('d', 'zonder datum over iets anders'),
    ], 3);
    expect(picked.map((p) => p.id)).toEqual(['c', 'a', 'b']);
  });

  it('counts the alert terms found in the text when asked', () => {
    const posts = [post('a', 'gewoon een bericht', { matches: ['x'] }), post('b', 'Bericht over NEP-SMS en de bank')];
    expect(pickExamples(posts, 1).map((p) => p.id)).toEqual(['a']);
    expect(pickExamples(posts, 1, { terms: ['nep-sms', 'bank'] }).map((p) => p.id)).toEqual(['b']);
  });

  it('keeps the caller’s own fields', () => {
    const [picked] = pickExamples([{ ...post('a', 'tekst'), source: 'wallen-nieuws' }], 1);
    expect(picked?.source).toBe('wallen-nieuws');
  });

  it.each([[-1, {}], [1.5, {}], [3, { duplicateSimilarity: 0 }]] as const)('rejects k=%f options=%j', (k, options) => {
    expect(() => pickExamples([], k, options)).toThrow(/whole number|duplicate similarity/);
  });
});
