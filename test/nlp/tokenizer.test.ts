import { describe, expect, it } from 'vitest';
import { tokenize, TokenFlag, TokenKind } from '../../src/nlp/tokenizer.js';

const known = (w: string) => ['whatsapp', 'fraude', 'heel', 'leuk', 'super', 'haat', 'jeugd', 'overlast'].includes(w);
const keys = (text: string) => tokenize(text, known).map((t) => t.key);
const surfaces = (text: string) => tokenize(text, known).map((t) => text.slice(t.start, t.end));

describe('tokenize', () => {
  it.each([
    ['keeps accented letters', 'één café in Zürich', ['een', 'cafe', 'in', 'zurich'], ['één', 'café', 'in', 'Zürich']],
    ['keeps hyphenated words whole', 'nep-sms en e-mail', ['nepsms', 'en', 'email'], ['nep-sms', 'en', 'e-mail']],
    ['keeps inner apostrophes', "zo'n auto's", ["zo'n", "auto's"], ["zo'n", "auto's"]],
    ['drops mentions and URLs', 'Zie @politie_nl https://t.co/x1 en www.nu.nl nu', ['zie', 'en', 'nu'], ['Zie', 'en', 'nu']],
    ['keeps numbers with separators', 'om 10:30 voor 1.500 euro', ['om', '10:30', 'voor', '1.500', 'euro'], ['om', '10:30', 'voor', '1.500', 'euro']],
    ['handles decomposed accents (NFD input)', 'Cafe\u0301 ok', ['cafe', 'ok'], ['Cafe\u0301', 'ok']],
    ['splits hashtags into parts with offsets', '#WhatsAppFraude!', ['whatsapp', 'fraude'], ['WhatsApp', 'Fraude']],
    ['does not split words on dots in domains', 'bol.com', ['bol', 'com'], ['bol', 'com']],
  ])('%s', (_name, text, wantKeys, wantSurfaces) => {
    expect(keys(text)).toEqual(wantKeys);
    expect(surfaces(text)).toEqual(wantSurfaces);
  });

  it('keeps emoji (with skin tones and variation selectors) and emoticons as single tokens', () => {
    const toks = tokenize('top 👍🏽 ❤️ :) xD :-(', known);
    expect(toks.map((t) => t.kind)).toEqual([TokenKind.Word, TokenKind.Emoji, TokenKind.Emoji, TokenKind.Emoticon, TokenKind.Emoticon, TokenKind.Emoticon]);
    expect(toks.map((t) => t.key)).toEqual(['top', '👍', '❤', ':)', 'xD', ':-(']);
  });

  it('does not read "op:Pas" as an emoticon', () => {
    expect(keys('Let op:Pas')).toEqual(['let', 'op', 'pas']);
  });

  it('marks clause and sentence ends, exclamations and questions on the preceding token', () => {
    const toks = tokenize('Mooi, maar duur! Echt? Ja.', known);
    expect(toks.map((t) => t.key)).toEqual(['mooi', 'maar', 'duur', 'echt', 'ja']);
    expect(toks[0]!.flags & TokenFlag.ClauseEnd).toBeTruthy();
    expect(toks[0]!.flags & TokenFlag.SentenceEnd).toBeFalsy();
    expect(toks[2]!.flags & TokenFlag.Exclaim).toBeTruthy();
    expect(toks[3]!.flags & TokenFlag.Question).toBeTruthy();
    expect(toks[4]!.flags & TokenFlag.SentenceEnd).toBeTruthy();
  });

  it('keeps parts of hyphenated words for compound matching', () => {
    const [t] = tokenize('jeugd-overlast', known);
    expect(t!.key).toBe('jeugdoverlast');
    expect(t!.parts).toEqual(['jeugd', 'overlast']);
  });

  it('gives UTF-16 offsets into the original text, also after astral characters', () => {
    const text = '😀😀 Café é';
    for (const t of tokenize(text, known)) expect(text.slice(t.start, t.end).length).toBe(t.end - t.start);
    expect(surfaces(text)).toEqual(['😀', '😀', 'Café', 'é']);
  });

  it('joins spaced-out letters into a known word ("h a a t")', () => {
    expect(keys('ik h a a t dit')).toEqual(['ik', 'haat', 'dit']);
    expect(keys('a b c')).toEqual(['a', 'b', 'c']);
  });
});
