// Language identification for tweet-length text. Clear Dutch (and clear English) is decided from
// stopword and character evidence on tokens we already have; only the rest goes to franc, always
// with `only`, because franc's default of 400+ languages calls a fifth of short Dutch posts
// Afrikaans and costs ~10× more time.

import { franc, francAll } from 'franc';
import { tokenize, TokenFlag, TokenKind, type Token } from './tokenizer.js';
import type { WordInfo } from './word-info.js';

/** Result of language detection: ISO 639-1 code (or 'und') and a confidence in [0, 1]. */
export interface LanguageGuess {
  lang: string;
  confidence: number;
}

/** The languages franc may choose from (ISO 639-3), chosen for Dutch neighbourhoods. */
export const FRANC_ONLY = ['nld', 'eng', 'deu', 'fra', 'tur', 'pol', 'arb', 'spa', 'ita', 'por', 'ron', 'rus', 'ukr', 'som'];

const ISO3_TO_1: Record<string, string> = {
  nld: 'nl', eng: 'en', deu: 'de', fra: 'fr', tur: 'tr', pol: 'pl', arb: 'ar', spa: 'es', ita: 'it',
  por: 'pt', ron: 'ro', rus: 'ru', ukr: 'uk', som: 'so', und: 'und',
};
const ISO1_TO_3: Record<string, string> = Object.fromEntries(Object.entries(ISO3_TO_1).map(([k, v]) => [v, k]));

// Marker weights: 1 = frequent and typical of the language; 0.5 = frequent but shared with a
// neighbour language (French "je/de/en/te", German "die/er").
function markers(strong: string, weak: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of strong.split(/\s+/)) if (w) m.set(w, 1);
  for (const w of weak.split(/\s+/)) if (w) m.set(w, 0.5);
  return m;
}

const NL = markers(
  `het een niet ik zijn voor wel naar bij ook nog geen wordt worden deze heb hebben heeft mijn jij wij jullie hun dit dat
   wat maar zo kan moet weer nu toch echt heel veel gewoon even waar hier daar uit om tegen zonder onze ons waarom hoe zou zal
   kunnen willen gaat gaan komt komen ben bent werd hadden met van op aan ze hij zij jou jouw mij mag wil als dan naar
   nou dus want omdat alleen nooit altijd iets niets iemand niemand allemaal alle elke meer minder vandaag gisteren morgen
   buurt wijk straat politie gemeente mensen ook zoals graag gaat weet denk vind zien heb hebt zit staat ging kwam deed
   waren wordt zijn zelf welke wanneer erg beetje leuk mooi goed slecht jammer bedankt groetjes buren fiets auto huis`,
  'de je en te die er u over in is was we of me',
);
const EN = markers(
  `the and to it you that this with for on are be have has not but they my your what just will can do don't at from by
   or our there their about if no all get like people one would been were which who when how why really very much some
   i'm it's can't didn't doesn't isn't thanks please today tonight something nothing everyone should could
   great love loved near good nice anyone know why got getting again every night`,
  'is in was we a an so me',
);
const DE = markers(
  `der das und ist nicht ich du ein eine einen mit auf zu den dem des sie es sich auch nur wir ihr aber oder wenn dass war
   hat haben sind bei vom zum zur im kein keine sehr schon heute mehr fur uber konnen wird werden nach noch gibt mich dich`,
  'die er',
);
// Other languages' frequent words: they stop the Dutch fast path; Turkish and Polish also have a
// fast path of their own (with their letters), the rest is left to franc.
const TR = markers('bir ve bu cok icin ile ama gibi daha ben sen biz onlar var yok mi ne de da', '');
const PL = markers('nie sie jest na ze jak ale tak juz tylko sa od po przez dla czy bardzo', 'i w z do to');
const OTHER = markers(
  `el los las por para con una del muy pero como mas esta il che di per non sono della nao uma com os do da
   bir ve bu cok icin ile ama gibi daha nie sie jest na ze jak ale tak juz tylko`,
  'i w z',
);
const FR = markers(
  `le la les des du est et une un pas pour dans qui que sur avec ce cette il elle nous vous ils sont mais tres suis au aux
   ne se sa son ses leur plus tout fait comme ou ca c'est j'ai qu'il n'est d'un d'une l'on`,
  'je de en te',
);

// One lookup per token: key → weights for [nl, en, de, fr, other, tr, pl].
/** Marker weights of a key for [nl, en, de, fr, other, tr, pl], or undefined. */
export function markerWeights(key: string): number[] | undefined {
  return ALL_MARKERS.get(key);
}
const ALL_MARKERS = new Map<string, number[]>();
[NL, EN, DE, FR, OTHER, TR, PL].forEach((m, li) => {
  for (const [k, v] of m) {
    let w = ALL_MARKERS.get(k);
    if (w === undefined) ALL_MARKERS.set(k, (w = [0, 0, 0, 0, 0, 0, 0]));
    w[li] = v;
  }
});

/** Dutch spelling cues of a key (1 = "ij", 2 = a diminutive ending -tje/-pje/-jes, 3 = both). */
export function dutchSpelling(key: string): number {
  let f = 0;
  if (key.length > 2 && key.includes('ij')) f |= 1;
  if (key.length > 4 && (key.endsWith('tje') || key.endsWith('tjes') || key.endsWith('pje') || key.endsWith('pjes') || key.endsWith('jes'))) f |= 2;
  return f;
}

/** All marker words of the fast paths (used as known words for normalisation). */
export function markerWords(): string[] {
  return [...NL.keys(), ...EN.keys(), ...DE.keys(), ...FR.keys(), ...OTHER.keys(), ...TR.keys(), ...PL.keys()];
}

/**
 * Detects the language of a short text. Returns 'und' when there is too little text to tell.
 * @example detectLanguage('Wat een gezellig buurtfeest vandaag!') // { lang: 'nl', confidence: … }
 */
export function detectLanguage(text: string): LanguageGuess {
  return detectLanguageFromTokens(tokenize(text), text);
}

/**
 * Detects the language from tokens produced by {@link tokenize} on `text` (saves a second pass).
 * `hint` (ISO 639-1) wins when the text is too short or franc hesitates between it and another language.
 */
export function detectLanguageFromTokens(tokens: readonly Token[], text: string, hint?: string | null, dutchWord?: (key: string) => boolean, precomputed?: readonly WordInfo[]): LanguageGuess {
  let nl = 0;
  let nlLex = 0;
  let tr = 0;
  let pl = 0;
  let trChars = 0;
  let plChars = 0;
  let arabic = 0;
  let cyrillic = 0;
  let nlStrong = 0;
  let other = 0;
  let en = 0;
  let de = 0;
  let fr = 0;
  let words = 0;
  let letters = 0;
  let latin = 0;
  let ijWords = 0;
  let dimWords = 0;
  let deChars = 0;
  let frChars = 0;
  let otherLatinChars = 0;
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti]!;
    if (t.kind !== TokenKind.Word && t.kind !== TokenKind.HashtagPart) continue;
    words++;
    const key = t.key;
    letters += t.end - t.start;
    const pre = precomputed?.[ti];
    const w = pre !== undefined ? pre.marker : ALL_MARKERS.get(key);
    let nw = 0;
    if (w !== undefined) {
      nw = w[0]!;
      nl += nw;
      if (nw === 1) nlStrong++;
      en += w[1]!;
      de += w[2]!;
      fr += w[3]!;
      other += w[4]!;
      tr += w[5]!;
      pl += w[6]!;
    }
    if (nw === 0 && key.length > 3 && (pre !== undefined ? pre.dutch : dutchWord !== undefined && dutchWord(key))) nlLex++;
    const sp = pre !== undefined ? pre.dutchSpelling : dutchSpelling(key);
    if (sp & 1) ijWords++;
    if (sp & 2) dimWords++;
    if ((t.flags & TokenFlag.NonAscii) === 0) {
      latin += t.end - t.start;
      continue;
    }
    for (let i = t.start; i < t.end; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        latin++;
        continue;
      }
      if (c >= 0x600 && c <= 0x6ff) arabic++;
      else if (c >= 0x400 && c <= 0x4ff) cyrillic++;
      else if (c === 0x11f || c === 0x15f || c === 0x131 || c === 0x130 || c === 0x15e || c === 0x11e) trChars++;
      else if (c === 0x142 || c === 0x141 || c === 0x105 || c === 0x119 || c === 0x15b || c === 0x17c || c === 0x17a || c === 0x107 || c === 0x144) plChars++;
      if (c === 0xdf || c === 0xe4 || c === 0xf6 || c === 0xfc) deChars++;
      else if (c === 0xe7 || c === 0xe8 || c === 0xe0 || c === 0xea || c === 0xe2 || c === 0xf4 || c === 0xf9 || c === 0xfb || c === 0xee) frChars++;
      else if (c < 0x250 && c !== 0xe9 && c !== 0xeb && c !== 0xef && c !== 0xe1 && c !== 0xf3 && c !== 0xfa && c !== 0xed) otherLatinChars++;
      if (c < 0x250) latin++;
    }
  }
  nl += Math.min(ijWords, 4) * 0.5 + Math.min(nlLex, 4) + Math.min(dimWords, 3) * 0.75;
  if ((nlLex > 0 || dimWords > 0) && nlStrong === 0) nlStrong = 1;
  de += Math.min(deChars, 4) * 0.5;
  fr += Math.min(frChars, 4) * 0.3;
  const foreign = Math.max(en, de, fr, other) + otherLatinChars * 0.5;
  const mostlyLatin = latin >= letters * 0.8;

  // Clear Dutch: enough Dutch markers and clearly more than any other language's, or at least one
  // typically Dutch word and no evidence for anything else ("Ik haat obers.").
  if (mostlyLatin && nlStrong >= 1 && ((nl >= 1.5 && nl >= 2 * foreign) || foreign === 0)) {
    return { lang: 'nl', confidence: clamp01(0.5 + 0.1 * (nl - foreign)) };
  }
  if (mostlyLatin && en >= 2 && en >= 2 * Math.max(nl, de, fr) && otherLatinChars === 0) {
    return { lang: 'en', confidence: clamp01(0.5 + 0.1 * (en - Math.max(nl, de, fr))) };
  }
  // Scripts and letters that settle it without franc: Arabic script, Turkish ğ/ş/ı, Polish ł/ą/ę/…,
  // and clear German or French stopword evidence.
  if (arabic >= letters * 0.6 && arabic >= 4) return { lang: 'ar', confidence: 0.9 };
  if (trChars >= 1 && plChars === 0) return { lang: 'tr', confidence: clamp01(0.7 + 0.1 * tr) };
  if (plChars >= 1 && trChars === 0) return { lang: 'pl', confidence: clamp01(0.7 + 0.1 * pl) };
  if (mostlyLatin && de >= 2 && de >= 2 * Math.max(nl, en, fr, other)) return { lang: 'de', confidence: 0.7 };
  if (mostlyLatin && fr >= 2 && fr >= 2 * Math.max(nl, en, de, other)) return { lang: 'fr', confidence: 0.7 };
  if (letters < 10 || words < 3) {
    if (hint) return { lang: hint, confidence: 0.3 };
    return { lang: 'und', confidence: 0 };
  }
  // franc on the words only: mentions, URLs and numbers skew its trigrams.
  let clean = '';
  for (const t of tokens) {
    if (t.kind === TokenKind.Word || t.kind === TokenKind.HashtagPart) clean += (clean ? ' ' : '') + text.slice(t.start, t.end);
  }
  if (hint) {
    const ranked = francAll(clean, { only: FRANC_ONLY, minLength: 3 });
    const top = ranked[0];
    if (!top || top[0] === 'und') return { lang: hint, confidence: 0.3 };
    const hint3 = ISO1_TO_3[hint];
    const hinted = ranked.find((r) => r[0] === hint3);
    if (hinted && hinted[1] >= 0.95) return { lang: hint, confidence: hinted[1] * 0.8 };
    return { lang: ISO3_TO_1[top[0]] ?? top[0], confidence: margin(ranked) };
  }
  const code = franc(clean, { only: FRANC_ONLY, minLength: 3 });
  if (code === 'und') return { lang: 'und', confidence: 0 };
  return { lang: ISO3_TO_1[code] ?? code, confidence: 0.5 };
}

function margin(ranked: [string, number][]): number {
  const second = ranked[1]?.[1] ?? 0;
  return clamp01(0.5 + (1 - second) * 2);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Maps an ISO 639-3 code (franc) to ISO 639-1; unknown codes are returned unchanged. */
export function toIso1(code: string): string {
  return ISO3_TO_1[code] ?? code;
}
