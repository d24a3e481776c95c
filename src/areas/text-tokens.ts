/** One word of a text, folded for matching, with where it sits in the original. */
export interface TextToken {
  /** Lower case, diacritics removed, apostrophes and initials' dots dropped ("P.C." → "pc"). */
  text: string;
  /** Offsets into the original text (end exclusive). */
  start: number;
  end: number;
  /** The original starts with an upper-case letter. */
  capitalized: boolean;
  /** First word of the text or of a sentence (after . ! ? or a line break). */
  sentenceStart: boolean;
  /** Joined to the previous word by a hyphen only ("Amsterdam-Noord"). */
  hyphenBefore: boolean;
  /** Inside a URL or an @handle: never a place mention. */
  ignore: boolean;
}

// Character classes for the tokenizer (plain numbers: cheap to compare in the hot loop).
const SEPARATOR = 0;
const WORD = 1;
const APOSTROPHE = 2;
const DOT = 3;
type CharClass = typeof SEPARATOR | typeof WORD | typeof APOSTROPHE | typeof DOT;

// Folded form per UTF-16 code unit; '' marks a separator. Built lazily for non-ASCII characters.
const foldCache = new Map<number, string>();
const SPECIAL_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe', ĳ: 'ij', Ĳ: 'ij', ł: 'l', Ł: 'l', đ: 'd' };
const WORDISH = /[\p{L}\p{N}]/u;

function foldChar(code: number): string {
  if (code < 128) {
    if (code >= 97 && code <= 122) return String.fromCharCode(code);
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    if (code >= 48 && code <= 57) return String.fromCharCode(code);
    return '';
  }
  let folded = foldCache.get(code);
  if (folded === undefined) {
    const char = String.fromCharCode(code);
    folded =
      SPECIAL_FOLDS[char] ??
      (WORDISH.test(char) ? char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : '');
    foldCache.set(code, folded);
  }
  return folded;
}

function classify(code: number): CharClass {
  if (code === 39 || code === 0x2019 || code === 0x2018 || code === 96) return APOSTROPHE;
  if (code === 46) return DOT;
  // Surrogates (emoji) and combining marks fold to ''; treat them as separators.
  return foldChar(code) === '' ? SEPARATOR : WORD;
}

function isUpper(code: number): boolean {
  if (code >= 65 && code <= 90) return true;
  if (code < 128) return false;
  const char = String.fromCharCode(code);
  return char !== char.toLowerCase();
}

const URL_OR_HANDLE = /\bhttps?:\/\/\S+|\bwww\.\S+|(?<![\p{L}\p{N}])@[\p{L}\p{N}_]+/giu;

/**
 * Splits text into folded word tokens for gazetteer matching. Hyphens and slashes separate words
 * ("Oud-West" → oud, west), apostrophes do not ("'s-Gravenhage" → s, gravenhage), and dots between
 * single letters join initials ("P.C. Hooftstraat" → pc, hooftstraat).
 */
export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  const ignored = ignoredRanges(text);
  let ignoreIndex = 0;
  let current = '';
  let start = -1;
  let sentenceBreak = true;
  let separatorIsHyphen = false;
  let separatorLength = 0;

  const flush = (end: number) => {
    if (current === '') return;
    while (ignoreIndex < ignored.length && ignored[ignoreIndex]![1] <= start) ignoreIndex++;
    const range = ignored[ignoreIndex];
    tokens.push({
      text: current,
      start,
      end,
      capitalized: isUpper(text.charCodeAt(start)),
      sentenceStart: sentenceBreak,
      hyphenBefore: tokens.length > 0 && separatorIsHyphen && separatorLength === 1,
      ignore: range !== undefined && range[0] <= start && start < range[1],
    });
    current = '';
    sentenceBreak = false;
    separatorIsHyphen = false;
    separatorLength = 0;
  };

  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = classify(code);
    if (kind === WORD) {
      if (current === '') start = i;
      current += foldChar(code);
      continue;
    }
    if (kind === APOSTROPHE && i + 1 < text.length && classify(text.charCodeAt(i + 1)) === WORD) {
      // Inside or before a word: "'s-Hertogenbosch", "Mc'Donald" — drop it, keep the word whole.
      if (current === '') start = i + 1;
      continue;
    }
    if (kind === DOT && current.length === 1 && i + 1 < text.length && classify(text.charCodeAt(i + 1)) === WORD) {
      continue; // initials: "P.C." → "pc"
    }
    const before = current;
    flush(i);
    // A dot after initials or "e.o." ends no sentence; after a longer word it does.
    if (kind === DOT && (before === '' || before.length > 2)) sentenceBreak = true;
    if (code === 33 || code === 63 || code === 10 || code === 0x2026) sentenceBreak = true;
    separatorIsHyphen = separatorLength === 0 && (code === 45 || code === 0x2010 || code === 0x2011);
    separatorLength++;
  }
  flush(text.length);
  return tokens;
}

function ignoredRanges(text: string): [number, number][] {
  if (!text.includes('http') && !text.includes('www.') && !text.includes('@')) return [];
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(URL_OR_HANDLE)) ranges.push([match.index, match.index + match[0].length]);
  return ranges;
}

/** The folded words of a name, as the gazetteer keys them ("De Pijp" → ["de", "pijp"]). */
export function foldWords(name: string): string[] {
  return tokenize(name).map((token) => token.text);
}
