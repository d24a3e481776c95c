import { describe, expect, it } from 'vitest';
import { joinHyphens, normaliseWord, splitHashtag } from '../../src/nlp/normalizer.js';
import { foldText, squeezeElongation } from '../../src/nlp/text-fold.js';

const vocab = new Set(['heel', 'leuk', 'super', 'gaaf', 'ja', 'haat', 'whatsapp', 'fraude', 'jeugd', 'overlast', 'buurt', 'app', 'buurtapp', 'preventie']);
const known = (w: string) => vocab.has(w);

describe('normaliseWord', () => {
  it.each([
    ['lower case', 'HALLO', 'hallo'],
    ['diacritics folded', 'één', 'een'],
    ['diacritics folded (café)', 'Café', 'cafe'],
    ['trema kept apart from elongation', 'ideeën', 'ideeen'],
    ['elongation to two letters when that is a word', 'heeeeel', 'heel'],
    ['elongation to one letter when only that is a word', 'leuuuuk', 'leuk'],
    ['elongation at the end', 'superrrr', 'super'],
    ['elongation of an unknown word keeps two letters', 'wauuuuw', 'wauuw'],
    ['legit double letters untouched', 'gaaf', 'gaaf'],
    ['leetspeak undone for a known word', 'h44t', 'haat'],
    ['leetspeak kept when the result is unknown', 'covid19', 'covid19'],
    ['typographic apostrophe straightened', 'zo\u2019n', "zo'n"],
    ['ligature expanded', 'ĳs', 'ijs'],
    ['decomposed input (NFD) folds like composed', 'e\u0301e\u0301n', 'een'],
  ])('%s: %s → %s', (_n, input, want) => {
    expect(normaliseWord(input, known)).toBe(want);
  });

  it('joins hyphenated keys', () => {
    expect(joinHyphens('nep-sms')).toBe('nepsms');
    expect(joinHyphens('nepsms')).toBe('nepsms');
  });

  it('folds text and squeezes without a vocabulary', () => {
    expect(foldText('ÀÉÎÕÜ')).toBe('aeiou');
    expect(squeezeElongation('jaaaaa', () => false)).toBe('jaa');
  });
});

describe('splitHashtag', () => {
  it.each([
    ['camel case, re-joining a known word', 'WhatsAppFraude', ['whatsapp', 'fraude']],
    ['lower case by known words', 'jeugdoverlast', ['jeugd', 'overlast']],
    ['known whole word stays whole', 'buurtapp', ['buurtapp']],
    ['unknown lower case word stays whole', 'zomerfeestje', ['zomerfeestje']],
    ['digits split', 'Buurt112', ['buurt', '112']],
  ])('%s: #%s', (_n, body, want) => {
    expect(splitHashtag(body, known).map((s) => s.word)).toEqual(want);
  });

  it('returns offsets inside the body', () => {
    const segs = splitHashtag('WhatsAppFraude', known);
    expect(segs.map((s) => 'WhatsAppFraude'.slice(s.start, s.end))).toEqual(['WhatsApp', 'Fraude']);
  });
});
