import { beforeAll, describe, expect, it } from 'vitest';
import { defaultLexiconDir, loadLexicons, scorePost, type Lexicons } from '../../src/nlp/index.js';

let lex: Lexicons;
beforeAll(() => {
  lex = loadLexicons();
});

describe('scorePost', () => {
  it('acceptance: a happy neighbourhood party is positive', () => {
    const r = scorePost('Wat een geweldig buurtfeest, heel gezellig!', lex);
    expect(r.lang).toBe('nl');
    expect(r.sentiment!).toBeGreaterThan(0);
  });

  it('acceptance: phishing loss is negative and cybercrime, with matched terms listed', () => {
    const text = 'Pas op: nep-sms van de bank met een link, mijn buurvrouw is al haar spaargeld kwijt';
    const r = scorePost(text, lex);
    expect(r.sentiment!).toBeLessThan(0);
    expect(r.topics['cybercrime']).toBeGreaterThan(0);
    const cyber = r.matches.filter((m) => m.topic === 'cybercrime');
    expect(cyber.length).toBeGreaterThan(0);
    for (const m of [...cyber, ...r.matches]) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(['topic', 'sentiment']).toContain(m.kind);
    }
  });

  it('lists only topics with a score > 0, each in (0, 1)', () => {
    const r = scorePost('Vanavond weer jongeren met scooters, veel overlast en herrie bij het winkelcentrum', lex);
    for (const v of Object.values(r.topics)) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
    expect(Object.keys(scorePost('De vergadering is donderdag.', lex).topics)).toEqual([]);
  });

  it('stores the lexicon version with the score', () => {
    const r = scorePost('Mooi!', lex);
    expect(r.lexiconVersion).toBe(lex.version);
    expect(r.lexiconVersion).toMatch(/^sentiment-nl@\d+;sentiment-en@\d+;emoji@\d+(;[a-z_]+@\d+)+$/);
  });

  it('uses the language hint when the text is too short to tell', () => {
    expect(scorePost('Top!', lex).lang).toBe('und');
    expect(scorePost('Top!', lex, { langHint: 'nl' }).lang).toBe('nl');
    expect(scorePost('Top!', lex).sentiment!).toBeGreaterThan(0);
  });

  it('is deterministic and pure (same input, same output)', () => {
    const t = 'Hennepkwekerij opgerold, buren opgelucht 👍';
    expect(scorePost(t, lex)).toEqual(scorePost(t, lex));
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['lone surrogate', 'abc \ud83d def'],
    ['zero-width joiner and BOM', '\ufeffmooi\u200d buurt'],
    ['only punctuation', '!!! ??? ...'],
    ['only a URL', 'https://example.org/a?b=c'],
    ['RTL with emoji', 'مرحبا 😀 بالجميع'],
    ['very long', 'overlast '.repeat(5000)],
    ['hashtag only', '#'],
    ['mention only', '@'],
  ])('never throws and keeps offsets valid: %s', (_n, text) => {
    const r = scorePost(text, lex);
    expect(typeof r.lang).toBe('string');
    if (r.sentiment !== null) expect(Math.abs(r.sentiment)).toBeLessThanOrEqual(1);
    for (const m of r.matches) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('finds the default lexicon folder from the module location', () => {
    expect(defaultLexiconDir()).toMatch(/lexicons$/);
  });
});
