// A single-pass tokeniser for social-media Dutch. natural's Dutch tokenizer splits on [^a-zA-Z0-9],
// which drops accented letters (één, café) and hyphenated words (nep-sms); this one keeps them,
// keeps offsets into the original text, drops mentions and URLs, splits hashtags and keeps emoji
// and emoticons as tokens because they carry sentiment.

import { joinHyphens, normaliseWord, splitHashtag, type KnownWords } from './normalizer.js';

/** Token kinds. */
export const TokenKind = { Word: 1, Number: 2, HashtagPart: 3, Emoji: 4, Emoticon: 5 } as const;
/** One of the {@link TokenKind} values. */
export type TokenKindValue = (typeof TokenKind)[keyof typeof TokenKind];

/** Bit flags describing what follows a token (punctuation is not a token of its own). */
export const TokenFlag = {
  ClauseEnd: 1,
  SentenceEnd: 2,
  Exclaim: 4,
  MultiExclaim: 8,
  Question: 16,
  /** The token's surface has a non-ASCII character (language detection looks at those only). */
  NonAscii: 32,
} as const;

/** One token: `key` is the normalised matching key, start/end are UTF-16 offsets in the original text. */
export interface Token {
  key: string;
  start: number;
  end: number;
  kind: TokenKindValue;
  flags: number;
  /** Keys of the parts of a hyphenated word ("jeugd-overlast" → jeugd, overlast) or of two known
   * words written together ("ikhaat" → ik, haat), else null. */
  parts: string[] | null;
  /** The memo entry of this word's surface form (shared by all its occurrences), or null. */
  entry: WordEntry | null;
}

/** Memoised analysis of one surface form; `data` is a slot for the scorer's per-lexicon facts. */
export interface WordEntry {
  key: string;
  parts: string[] | null;
  data: unknown;
}

// Character classes, computed lazily for the BMP.
const C_UNKNOWN = 0;
const C_WORD = 1;
const C_SPACE = 2;
const C_OTHER = 3;
const C_EMOJI = 4;
const C_MARK = 5;
const classes = new Uint8Array(65536);
const RE_WORD = /[\p{L}\p{N}]/u;
const RE_MARK = /\p{M}/u;
const RE_SPACE = /\s/u;
const RE_EMOJI = /\p{Extended_Pictographic}/u;
const astralClasses = new Map<number, number>();

function classify(ch: string): number {
  if (RE_SPACE.test(ch)) return C_SPACE;
  if (RE_MARK.test(ch)) return C_MARK;
  if (RE_EMOJI.test(ch)) return C_EMOJI;
  if (RE_WORD.test(ch)) return C_WORD;
  return C_OTHER;
}

for (let c = 0; c < 128; c++) classes[c] = classify(String.fromCharCode(c));
// Digits and letters in ASCII are words; '#', '*' and digits are Extended_Pictographic-free in ASCII.

function classAt(code: number): number {
  let k = classes[code]!;
  if (k === C_UNKNOWN) {
    k = code >= 0xd800 && code <= 0xdfff ? C_OTHER : classify(String.fromCharCode(code));
    classes[code] = k;
  }
  return k;
}

function astralClass(cp: number): number {
  let k = astralClasses.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = cp >= 0x1f1e6 && cp <= 0x1f1ff ? C_EMOJI : classify(ch);
    // Skin-tone modifiers are Extended_Pictographic-free components; treat them as marks.
    if (cp >= 0x1f3fb && cp <= 0x1f3ff) k = C_MARK;
    astralClasses.set(cp, k);
  }
  return k;
}

const EMOTICONS = [
  ":'-(", ":'(", ':-)', ':-(', ':-D', ':-P', ':-p', ';-)', ':-/', ':-|', ':-*', ':-O', ':-o', '</3',
  ':))', ':((', '^_^', ':)', ':(', ':D', ':P', ':p', ';)', ':/', ':|', ':*', ':O', ':o', ':S', ':s',
  '<3', '=)', '=(', '^^', ';(', ':$', 'xD', 'XD',
].sort((a, b) => b.length - a.length);
const EMOTICON_FIRST = new Set(EMOTICONS.map((e) => e.charCodeAt(0)));
const LETTER_TAIL_EMOTICON = /^[:;=][-']?[a-zA-Z]$/;

const NO_WORDS: KnownWords = () => false;
// One word table per vocabulary; the last one is kept at hand so the common case skips the WeakMap.
const wordTables = new WeakMap<KnownWords, WordTable>();
let lastKnown: KnownWords | null = null;
let lastTable: WordTable;

const hashtagCaches = new WeakMap<KnownWords, Map<string, { word: string; start: number; end: number }[]>>();

/** Hashtag splits are memoised: segmentation tries many substrings. */
let lastHashtagKnown: KnownWords | null = null;
let lastHashtagCache: Map<string, { word: string; start: number; end: number }[]> | undefined;

function cachedHashtag(body: string, known: KnownWords): { word: string; start: number; end: number }[] {
  let cache = known === lastHashtagKnown ? lastHashtagCache : hashtagCaches.get(known);
  if (cache === undefined) hashtagCaches.set(known, (cache = new Map()));
  lastHashtagKnown = known;
  lastHashtagCache = cache;
  let segs = cache.get(body);
  if (segs === undefined) {
    segs = splitHashtag(body, known);
    if (cache.size >= 50_000) cache.clear();
    cache.set(body, segs);
  }
  return segs;
}

/**
 * Two known words written without a space ("ikhaat", "vrouwenzijn") when the whole is unknown:
 * returned as parts, like the parts of a hyphenated word, so single-word entries still match.
 */
function gluedParts(key: string, known: KnownWords): string[] | null {
  let parts: string[] | null = null;
  {
    if (!known(key) && !/[0-9']/.test(key)) {
      for (let i = 2; i <= key.length - 2; i++) {
        const a = key.slice(0, i);
        const b = key.slice(i);
        if ((a.length >= 4 || b.length >= 4) && known(a) && known(b)) {
          parts = [a, b];
          break;
        }
      }
    }
  }
  return parts;
}

/**
 * Open-addressing table from surface form to entry that is probed with the characters still in the
 * text, so a word seen before costs no substring allocation and no string hashing.
 */
class WordTable {
  private hashes: Int32Array;
  private raws: (string | undefined)[];
  private entries: (WordEntry | undefined)[];
  private mask: number;
  private size = 0;

  constructor(bits = 17) {
    this.hashes = new Int32Array(1 << bits);
    this.raws = new Array(1 << bits);
    this.entries = new Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  find(text: string, start: number, end: number, hash: number): WordEntry | undefined {
    // 0 marks an empty slot, so hashes are never 0; the hash array is checked before the strings.
    const h = hash === 0 ? 1 : hash;
    const len = end - start;
    let idx = h & this.mask;
    for (;;) {
      const hs = this.hashes[idx]!;
      if (hs === 0) return undefined;
      if (hs === h) {
        const r = this.raws[idx]!;
        if (r.length === len && text.startsWith(r, start)) return this.entries[idx];
      }
      idx = (idx + 1) & this.mask;
    }
  }

  insert(hash: number, raw: string, entry: WordEntry): void {
    const h = hash === 0 ? 1 : hash;
    // Keep the load factor under one half; a full table starts over (entries are recomputable).
    if (this.size * 2 >= this.hashes.length) {
      this.raws = new Array(this.hashes.length);
      this.entries = new Array(this.hashes.length);
      this.hashes.fill(0);
      this.size = 0;
    }
    let idx = h & this.mask;
    while (this.hashes[idx] !== 0) idx = (idx + 1) & this.mask;
    this.hashes[idx] = h;
    this.raws[idx] = raw;
    this.entries[idx] = entry;
    this.size++;
  }
}

function tableFor(known: KnownWords): WordTable {
  if (known === lastKnown) return lastTable;
  let t = wordTables.get(known);
  if (t === undefined) wordTables.set(known, (t = new WordTable()));
  lastKnown = known;
  lastTable = t;
  return t;
}

function wordEntry(text: string, start: number, end: number, h: number, known: KnownWords, hyphen: boolean): WordEntry {
  const table = tableFor(known);
  let e = table.find(text, start, end, h);
  if (e === undefined) {
    const raw = text.slice(start, end);
    const key0 = normaliseWord(raw, known);
    let key = key0;
    let parts: string[] | null = null;
    if (hyphen) {
      parts = key0.split('-').filter((p) => p.length > 0);
      key = joinHyphens(key0);
    } else if (key0.length >= 7) parts = gluedParts(key0, known);
    e = { key, parts, data: undefined };
    table.insert(h, raw, e);
  }
  return e;
}

function isWordCode(code: number): boolean {
  const k = code < 128 ? classes[code]! : classAt(code);
  return k === C_WORD || k === C_MARK;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function startsWithCI(text: string, i: number, prefix: string): boolean {
  if (i + prefix.length > text.length) return false;
  for (let k = 0; k < prefix.length; k++) {
    let c = text.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== prefix.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Splits text into tokens in one pass. Words keep accents and inner hyphens/apostrophes (één,
 * café, nep-sms, zo'n); mentions and URLs are dropped; hashtags become word tokens per part;
 * emoji and emoticons become tokens; punctuation becomes flags on the preceding token.
 * `known` resolves elongations, leetspeak and hashtag splits.
 * @example tokenize('Wat een café!').map(t => t.key) // ['wat','een','cafe']
 */
export function tokenize(text: string, known: KnownWords = NO_WORDS): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let last: Token | null = null;
  let singles = 0; // single-letter words: only then can "h a a t" need joining
  while (i < n) {
    const code = text.charCodeAt(i);
    let cls: number;
    let width = 1;
    if (code < 128) cls = classes[code]!;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const cp = text.codePointAt(i)!;
      cls = astralClass(cp);
      width = 2;
    } else cls = classAt(code);

    if (cls === C_SPACE) {
      if ((code === 10 || code === 13) && last !== null) last.flags |= TokenFlag.ClauseEnd | TokenFlag.SentenceEnd;
      i++;
      continue;
    }

    if (cls === C_WORD || cls === C_MARK) {
      // URL?
      if ((code === 104 || code === 72 || code === 119 || code === 87) && (startsWithCI(text, i, 'http://') || startsWithCI(text, i, 'https://') || startsWithCI(text, i, 'www.'))) {
        i = skipUrl(text, i);
        continue;
      }
      const start = i;
      let hyphen = false;
      let hasLetter = false;
      let nonAscii = code >= 128;
      // Hash of the surface form, computed while scanning (the word table is probed with it).
      let h = code;
      if (width === 2) h = (Math.imul(h, 31) + text.charCodeAt(i + 1)) | 0;
      i += width;
      if (!isDigit(code)) hasLetter = true;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c < 128) {
          const k = classes[c]!;
          if (k === C_WORD) {
            if (!isDigit(c)) hasLetter = true;
            h = (Math.imul(h, 31) + c) | 0;
            i++;
            continue;
          }
          if ((c === 45 || c === 39) && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
            if (c === 45) hyphen = true;
            h = (Math.imul(h, 31) + c) | 0;
            i++;
            continue;
          }
          // Digit-internal separators: 1.500, 10:30, 2,5
          if ((c === 46 || c === 44 || c === 58) && isDigit(text.charCodeAt(i - 1)) && i + 1 < n && isDigit(text.charCodeAt(i + 1))) {
            h = (Math.imul(h, 31) + c) | 0;
            i++;
            continue;
          }
          break;
        }
        nonAscii = true;
        if (c >= 0xd800 && c <= 0xdbff) {
          const k = astralClass(text.codePointAt(i)!);
          if (k === C_WORD || k === C_MARK) {
            hasLetter = true;
            h = (Math.imul(Math.imul(h, 31) + c, 31) + text.charCodeAt(i + 1)) | 0;
            i += 2;
            continue;
          }
          break;
        }
        const k = classAt(c);
        if (k === C_WORD || k === C_MARK) {
          hasLetter = true;
          h = (Math.imul(h, 31) + c) | 0;
          i++;
          continue;
        }
        if ((c === 0x2019 || c === 0x2010 || c === 0x2011) && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
          if (c !== 0x2019) hyphen = true;
          h = (Math.imul(h, 31) + c) | 0;
          i++;
          continue;
        }
        break;
      }
      if (!hasLetter) {
        last = pushToken(tokens, text.slice(start, i), start, i, TokenKind.Number, null);
        continue;
      }
      if (i - start === 2 && (text.startsWith('xD', start) || text.startsWith('XD', start))) {
        last = pushToken(tokens, text.slice(start, i), start, i, TokenKind.Emoticon, null);
        continue;
      }
      if (i - start === 1) singles++;
      const entry = wordEntry(text, start, i, h, known, hyphen);
      last = pushToken(tokens, entry.key, start, i, TokenKind.Word, entry.parts);
      last.entry = entry;
      if (nonAscii) last.flags |= TokenFlag.NonAscii;
      continue;
    }

    if (cls === C_EMOJI) {
      const start = i;
      const cp = text.codePointAt(i)!;
      i += width;
      const isFlag = cp >= 0x1f1e6 && cp <= 0x1f1ff;
      // Swallow variation selectors, skin tones, keycaps and ZWJ sequences into one emoji.
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 0xfe0f || c === 0xfe0e || c === 0x20e3) {
          i++;
          continue;
        }
        if (c === 0x200d && i + 1 < n) {
          const nc = text.codePointAt(i + 1)!;
          i += 1 + (nc > 0xffff ? 2 : 1);
          continue;
        }
        if (c >= 0xd800 && c <= 0xdbff) {
          const nc = text.codePointAt(i)!;
          if ((nc >= 0x1f3fb && nc <= 0x1f3ff) || (isFlag && nc >= 0x1f1e6 && nc <= 0x1f1ff && i === start + 2)) {
            i += 2;
            continue;
          }
        }
        break;
      }
      last = pushToken(tokens, String.fromCodePoint(cp), start, i, TokenKind.Emoji, null);
      continue;
    }

    // Other: mentions, hashtags, emoticons, punctuation.
    if (code === 64 /* @ */ && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
      i = skipMention(text, i + 1);
      continue;
    }
    if (code === 35 /* # */ && i + 1 < n && isWordCode(text.charCodeAt(i + 1)) && (i === 0 || !isWordCode(text.charCodeAt(i - 1)))) {
      const bodyStart = i + 1;
      let j = bodyStart;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 95 || isWordCode(c)) j++;
        else if (c >= 0xd800 && c <= 0xdbff) {
          const k = astralClass(text.codePointAt(j)!);
          if (k === C_WORD) j += 2;
          else break;
        } else break;
      }
      const body = text.slice(bodyStart, j);
      const bodyNonAscii = /[^\x00-\x7f]/.test(body);
      for (const seg of cachedHashtag(body, known)) {
        if (seg.word.length === 0) continue;
        last = pushToken(tokens, seg.word, bodyStart + seg.start, bodyStart + seg.end, TokenKind.HashtagPart, null);
        if (bodyNonAscii) last.flags |= TokenFlag.NonAscii;
      }
      i = j;
      continue;
    }
    if (EMOTICON_FIRST.has(code)) {
      const emo = matchEmoticon(text, i);
      if (emo !== null) {
        last = pushToken(tokens, emo, i, i + emo.length, TokenKind.Emoticon, null);
        i += emo.length;
        continue;
      }
    }
    if (last !== null) {
      switch (code) {
        case 33: // !
          last.flags |= (last.flags & TokenFlag.Exclaim ? TokenFlag.MultiExclaim : TokenFlag.Exclaim) | TokenFlag.ClauseEnd | TokenFlag.SentenceEnd;
          break;
        case 63: // ?
          last.flags |= TokenFlag.Question | TokenFlag.ClauseEnd | TokenFlag.SentenceEnd;
          break;
        case 46: // .
          // "bol.com", "t.w.v." are not sentence ends.
          if (i + 1 >= n || !isWordCode(text.charCodeAt(i + 1))) last.flags |= TokenFlag.ClauseEnd | TokenFlag.SentenceEnd;
          break;
        case 0x2026: // …
          last.flags |= TokenFlag.ClauseEnd | TokenFlag.SentenceEnd;
          break;
        case 44: case 59: case 58: case 40: case 41: case 34: case 0x2013: case 0x2014: case 0x201c: case 0x201d: case 124:
          last.flags |= TokenFlag.ClauseEnd;
          break;
        case 45: // a free-standing dash separates clauses
          last.flags |= TokenFlag.ClauseEnd;
          break;
        default:
          break;
      }
    }
    i += width;
  }
  return singles >= 3 ? mergeSpacedLetters(tokens, text, known) : tokens;
}

function pushToken(tokens: Token[], key: string, start: number, end: number, kind: TokenKindValue, parts: string[] | null): Token {
  const t: Token = { key, start, end, kind, flags: 0, parts, entry: null };
  tokens.push(t);
  return t;
}

function skipUrl(text: string, i: number): number {
  let j = i;
  while (j < text.length && !RE_SPACE.test(text[j]!)) j++;
  // Leave trailing punctuation so it still ends the sentence.
  while (j > i && /[.,!?;:)\]"']/.test(text[j - 1]!)) j--;
  return j;
}

function skipMention(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 95 || isWordCode(c) || (c === 46 && j + 1 < text.length && isWordCode(text.charCodeAt(j + 1)))) j++;
    else break;
  }
  return j;
}

function matchEmoticon(text: string, i: number): string | null {
  for (const e of EMOTICONS) {
    if (!text.startsWith(e, i)) continue;
    const after = i + e.length;
    if (after < text.length && isWordCode(text.charCodeAt(after))) continue;
    // ":p"/":D" right after a word is usually "Let op:Pas"-style punctuation, not a face.
    if (LETTER_TAIL_EMOTICON.test(e) && i > 0 && !RE_SPACE.test(text[i - 1]!)) continue;
    return e;
  }
  return null;
}

/** "h a a t" → one token "haat" when the joined letters form a known word (spacing obfuscation). */
function mergeSpacedLetters(tokens: Token[], text: string, known: KnownWords): Token[] {
  let hasSingle = false;
  for (let k = 0; k + 2 < tokens.length; k++) {
    if (tokens[k]!.end - tokens[k]!.start === 1 && tokens[k + 1]!.end - tokens[k + 1]!.start === 1 && tokens[k + 2]!.end - tokens[k + 2]!.start === 1) {
      hasSingle = true;
      break;
    }
  }
  if (!hasSingle) return tokens;
  const out: Token[] = [];
  let k = 0;
  while (k < tokens.length) {
    let j = k;
    while (
      j < tokens.length &&
      tokens[j]!.kind === TokenKind.Word &&
      tokens[j]!.end - tokens[j]!.start === 1 &&
      (j === k || (tokens[j]!.start === tokens[j - 1]!.end + 1 && (tokens[j - 1]!.flags & ~TokenFlag.NonAscii) === 0))
    )
      j++;
    if (j - k >= 3) {
      const joined = normaliseWord(tokens.slice(k, j).map((t) => text.slice(t.start, t.end)).join(''), known);
      if (known(joined)) {
        out.push({ key: joined, start: tokens[k]!.start, end: tokens[j - 1]!.end, kind: TokenKind.Word, flags: tokens[j - 1]!.flags, parts: null, entry: null });
        k = j;
        continue;
      }
    }
    out.push(tokens[k]!);
    k++;
  }
  return out;
}
