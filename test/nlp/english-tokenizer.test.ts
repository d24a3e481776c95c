import { beforeAll, describe, expect, it } from 'vitest';
import { expandContraction, expandEnglish, preloadEnglish } from '../../src/nlp/english-tokenizer.js';
import { tokenize } from '../../src/nlp/tokenizer.js';

beforeAll(() => preloadEnglish());

describe('English contractions (compromise)', () => {
  it.each([
    ["didn't", ['did', 'not']],
    ["can't", ['can', 'not']],
    ["Don't", ['do', 'not']],
    ['isn\u2019t', ['is', 'not']],
    ["won't", ['will', 'not']],
    ['house', null],
  ])('%s', (word, want) => {
    expect(expandContraction(word)).toEqual(want);
  });

  it('replaces contracted tokens and keeps offsets on the original surface', () => {
    const text = "I didn't like it!";
    const toks = expandEnglish(tokenize(text), text, () => false);
    expect(toks.map((t) => t.key)).toEqual(['i', 'did', 'not', 'like', 'it']);
    expect(toks.slice(1, 3).map((t) => text.slice(t.start, t.end))).toEqual(["didn't", "didn't"]);
  });

  it('returns the same tokens when nothing is contracted', () => {
    const text = 'Great festival today';
    const toks = tokenize(text);
    expect(expandEnglish(toks, text, () => false)).toBe(toks);
  });
});
