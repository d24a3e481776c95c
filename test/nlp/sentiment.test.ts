import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexicons, scorePost, type Lexicons } from '../../src/nlp/index.js';

let lex: Lexicons;
beforeAll(() => {
  lex = loadLexicons();
});
const s = (text: string) => scorePost(text, lex, { langHint: 'nl' }).sentiment;

describe('sentiment', () => {
  it.each([
    ['acceptance: positive party', 'Wat een geweldig buurtfeest, heel gezellig!', 'pos'],
    ['acceptance: phishing loss', 'Pas op: nep-sms van de bank met een link, mijn buurvrouw is al haar spaargeld kwijt', 'neg'],
    ['plain positive', 'De buurt is mooi', 'pos'],
    ['plain negative', 'Wat een vreselijke herrie weer', 'neg'],
    ['negation flips', 'Het eten was niet goed.', 'neg'],
    ['negation scope ends at the clause', 'niet slecht, eigenlijk best lekker', 'pos'],
    ['negated negative is mildly positive', 'Het was helemaal niet slecht', 'pos'],
    ['contrast: after "maar" weighs more', 'Het begon saai maar het einde was prachtig', 'pos'],
    ['contrast the other way', 'Het begin was prachtig maar het einde was saai en teleurstellend', 'neg'],
    ['phrase beats negator', 'Dit boek is niet aan te raden', 'neg'],
    ['"niet alleen … maar ook" is no negation', 'Niet alleen mooi maar ook spannend', 'pos'],
    ['emoji alone', '😡😡', 'neg'],
    ['emoticon alone', 'Morgen markt :)', 'pos'],
    ['glued intensifier prefix', 'superleuk!', 'pos'],
    ['elongation', 'heeeeel leuuuuk', 'pos'],
    ['English with a contraction', "I don't like this at all, terrible service", 'neg'],
    ['English positive', 'What a lovely evening, friendly people and great music', 'pos'],
  ])('%s', (_n, text, want) => {
    const v = s(text);
    expect(v).not.toBeNull();
    if (want === 'pos') expect(v!).toBeGreaterThan(0);
    else expect(v!).toBeLessThan(0);
  });

  it.each([['Ik woon in Amsterdam.'], ['De vergadering is donderdag om acht uur.'], ['123 456'], ['']])('is null without evidence: %j', (text) => {
    expect(s(text)).toBeNull();
  });

  it('intensifiers strengthen and diminishers weaken', () => {
    expect(s('heel mooi')!).toBeGreaterThan(s('mooi')!);
    expect(s('een beetje saai')!).toBeGreaterThan(s('saai')!);
  });

  it('exclamation strengthens', () => {
    expect(s('Mooi!')!).toBeGreaterThan(s('Mooi')!);
  });

  it('stays in [-1, 1] and does not shrink long texts towards zero', () => {
    const one = s('Wat een mooi boek.')!;
    const long = s(Array(40).fill('Wat een mooi boek. Het gaat over een familie in een dorp.').join(' '))!;
    expect(long).toBeGreaterThanOrEqual(one);
    expect(long).toBeLessThanOrEqual(1);
    expect(s(Array(40).fill('vreselijk slecht').join(', '))!).toBeGreaterThanOrEqual(-1);
  });

  it('explains itself with signed weights and offsets into the original text', () => {
    const text = 'Het eten was niet goed, maar de sfeer was geweldig 😀';
    const res = scorePost(text, lex);
    const sent = res.matches.filter((m) => m.kind === 'sentiment');
    expect(sent.map((m) => m.term)).toEqual(['goed', 'geweldig', '😀']);
    expect(sent[0]!.weight).toBeLessThan(0);
    for (const m of sent) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('scores other languages on emoji only', () => {
    expect(scorePost('Bugün hava çok güzel', lex).sentiment).toBeNull();
    expect(scorePost('Bugün hava çok güzel 😀', lex).sentiment!).toBeGreaterThan(0);
  });
});
