// Compiles a sentiment lexicon: a base list (natural's Dutch Pattern lexicon or AFINN-165 for
// English) plus our YAML additions/overrides, intensifiers, negators and emoji, into flat maps keyed
// by normalised token keys. Dutch adjective inflections are generated once here and stems are
// precomputed, so scoring is one Map lookup per token (natural's stemmer is slow).

import { joinHyphens, normaliseWord } from './normalizer.js';
import type { SentimentFile } from './lexicon-schema.js';

/** A polarity entry: `term` is the lexicon entry it came from (shown in explanations). */
export interface PolarEntry {
  pol: number;
  term: string;
}

/** A multi-token sentiment phrase. */
export interface PolarPhrase {
  keys: string[];
  pol: number;
  term: string;
}

/** One language's compiled sentiment lexicon. */
export interface SentimentLexicon {
  readonly language: string;
  readonly words: Map<string, PolarEntry>;
  readonly phrases: Map<string, PolarPhrase[]>;
  readonly intensifiers: Map<string, number>;
  readonly negators: Set<string>;
  readonly contrast: Set<string>;
  readonly concessive: Set<string>;
  readonly prefixIntensifiers: [string, number][];
  readonly polarPrefixes: [string, number][];
  readonly compoundHeads: Set<string>;
  readonly stems: Map<string, PolarEntry>;
  /** Keys our YAML set to 0 (and their inflections): never polar, not even through a stem. */
  readonly zeroed: Set<string>;
  readonly stem: ((w: string) => string) | null;
  readonly memo: Map<string, PolarEntry | null>;
}

/** Everything the scorer needs to know about one token key, found with one lookup. */
export interface SentimentWord {
  pol: PolarEntry | null;
  phrases: PolarPhrase[] | null;
  negator: boolean;
  contrast: boolean;
  concessive: boolean;
  /** Intensifier/diminisher factor, or 0. */
  intensity: number;
}

const NO_WORD: SentimentWord = { pol: null, phrases: null, negator: false, contrast: false, concessive: false, intensity: 0 };
const wordMemos = new WeakMap<SentimentLexicon, Map<string, SentimentWord>>();

/** The memoised {@link SentimentWord} of a key (one Map lookup on the hot path). */
export function sentimentWord(lex: SentimentLexicon, key: string): SentimentWord {
  let memo = wordMemos.get(lex);
  if (memo === undefined) wordMemos.set(lex, (memo = new Map()));
  let w = memo.get(key);
  if (w === undefined) {
    const pol = lookupPolarity(lex, key);
    const phrases = lex.phrases.get(key) ?? null;
    const negator = lex.negators.has(key);
    const contrast = lex.contrast.has(key);
    const concessive = lex.concessive.has(key);
    const intensity = lex.intensifiers.get(key) ?? 0;
    w = pol === null && phrases === null && !negator && !contrast && !concessive && intensity === 0 ? NO_WORD : { pol, phrases, negator, contrast, concessive, intensity };
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, w);
  }
  return w;
}

/** Base lexicon entries: surface form → polarity in [-1, 1] (and a flag for adjectives). */
export interface BaseEntry {
  form: string;
  pol: number;
  adjective: boolean;
}

/**
 * Builds a compiled lexicon from base entries and a validated YAML file. Base entries with
 * |polarity| below `min_base_polarity` are ignored; YAML words override base words (0 removes).
 */
export function compileSentiment(file: SentimentFile, base: readonly BaseEntry[], stem: ((w: string) => string) | null): SentimentLexicon {
  const words = new Map<string, PolarEntry>();
  const phrases = new Map<string, PolarPhrase[]>();
  const generated = new Map<string, PolarEntry>();
  const dutch = file.language === 'nl';

  for (const b of base) {
    if (Math.abs(b.pol) < file.min_base_polarity) continue;
    if (b.form.includes(' ')) {
      addPhrase(phrases, b.form, b.pol);
      continue;
    }
    const key = joinHyphens(normaliseWord(b.form));
    if (!words.has(key)) words.set(key, { pol: b.pol, term: key });
    if (dutch && b.adjective) for (const f of dutchAdjectiveForms(key)) if (!generated.has(f)) generated.set(f, { pol: b.pol, term: key });
  }
  const overridden = new Set<string>();
  const zeroed = new Set<string>();
  for (const [raw, pol] of Object.entries(file.words)) {
    const form = raw.trim().toLowerCase();
    if (form.includes(' ')) {
      addPhrase(phrases, form, pol);
      continue;
    }
    const key = joinHyphens(normaliseWord(form));
    overridden.add(key);
    if (pol === 0) {
      words.delete(key);
      zeroed.add(key);
    } else words.set(key, { pol, term: key });
    if (dutch) {
      for (const f of dutchAdjectiveForms(key)) {
        if (file.words[f] !== undefined) continue;
        if (pol === 0) {
          generated.delete(f);
          zeroed.add(f);
        } else generated.set(f, { pol, term: key });
      }
    }
  }
  // Generated inflections never shadow function words ("zonde" → "zonder", "eens" → "eenst").
  const protectedKeys = new Set<string>([...file.negators, ...file.contrast, ...file.concessive, ...Object.keys(file.intensifiers), ...Object.keys(file.diminishers), ...FUNCTION_WORDS]);
  for (const [f, e] of generated) if (!words.has(f) && !overridden.has(f) && !protectedKeys.has(f)) words.set(f, e);

  const stems = new Map<string, PolarEntry>();
  if (stem !== null) {
    const bySign = new Map<string, PolarEntry[]>();
    for (const [k, e] of words) {
      if (k.length < 4) continue;
      const s = stem(k);
      if (s.length < 4) continue;
      let l = bySign.get(s);
      if (l === undefined) bySign.set(s, (l = []));
      l.push(e);
    }
    // Keep a stem only when all its forms agree in sign: collisions must not invent polarity.
    for (const [s, l] of bySign) {
      const pos = l.every((e) => e.pol > 0);
      const neg = l.every((e) => e.pol < 0);
      if (!pos && !neg) continue;
      const pol = l.reduce((a, e) => a + e.pol, 0) / l.length;
      stems.set(s, { pol, term: l[0]!.term });
    }
  }

  const keyMap = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, v]) => [joinHyphens(normaliseWord(k.trim())), v] as const));
  const intensifiers = keyMap(file.intensifiers);
  for (const [k, v] of keyMap(file.diminishers)) intensifiers.set(k, v);
  return {
    language: file.language,
    words,
    phrases,
    intensifiers,
    negators: new Set(file.negators.map((w) => normaliseWord(w))),
    contrast: new Set(file.contrast.map((w) => normaliseWord(w))),
    concessive: new Set(file.concessive.map((w) => normaliseWord(w))),
    prefixIntensifiers: Object.entries(file.prefix_intensifiers).map(([k, v]) => [normaliseWord(k), v] as [string, number]).sort((a, b) => b[0].length - a[0].length),
    polarPrefixes: Object.entries(file.polar_prefixes).map(([k, v]) => [normaliseWord(k), v] as [string, number]).sort((a, b) => b[0].length - a[0].length),
    compoundHeads: new Set(file.compound_heads.map((w) => normaliseWord(w))),
    stems,
    zeroed,
    stem,
    memo: new Map(),
  };
}

function addPhrase(phrases: Map<string, PolarPhrase[]>, form: string, pol: number): void {
  const keys = form.split(/\s+/).map((t) => joinHyphens(normaliseWord(t)));
  if (keys.length === 0 || pol === 0) return;
  let l = phrases.get(keys[0]!);
  if (l === undefined) phrases.set(keys[0]!, (l = []));
  l.push({ keys, pol, term: form });
  l.sort((a, b) => b.keys.length - a.keys.length);
}

const FUNCTION_WORDS = ['zonder', 'over', 'onder', 'meer', 'weer', 'eens', 'beter', 'later', 'ander', 'andere', 'verder', 'even', 'door', 'waar', 'naar', 'daar', 'hier', 'maar', 'aan', 'wel', 'als', 'want', 'dus', 'toen', 'tegen', 'mee', 'af', 'op'];

const MEMO_MAX = 200_000;

/**
 * Polarity of one token key, or null: direct entry (incl. generated inflections), glued intensifier
 * prefix ("superleuk"), polar prefix on a known head ("topboek"), then the precomputed stem map.
 */
export function lookupPolarity(lex: SentimentLexicon, key: string): PolarEntry | null {
  const m = lex.memo.get(key);
  if (m !== undefined) return m;
  if (lex.zeroed.has(key)) return null;
  let e: PolarEntry | null = lex.words.get(key) ?? null;
  if (e === null && key.length >= 6) {
    for (const [p, f] of lex.prefixIntensifiers) {
      if (!key.startsWith(p) || key.length - p.length < 3) continue;
      const rest = lex.words.get(key.slice(p.length));
      if (rest !== undefined) {
        e = { pol: clamp(rest.pol * f), term: `${p}+${rest.term}` };
        break;
      }
    }
  }
  if (e === null && key.length >= 6) {
    for (const [p, pol] of lex.polarPrefixes) {
      if (!key.startsWith(p)) continue;
      const head = key.slice(p.length);
      if (lex.compoundHeads.has(head) || lex.compoundHeads.has(head.replace(/(en|s)$/, ''))) {
        e = { pol, term: `${p}*` };
        break;
      }
    }
  }
  if (e === null && lex.stem !== null && key.length >= 5 && !/[0-9']/.test(key)) {
    e = lex.stems.get(lex.stem(key)) ?? null;
  }
  if (lex.memo.size >= MEMO_MAX) lex.memo.clear();
  lex.memo.set(key, e);
  return e;
}

function clamp(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

const DOUBLE_VOWEL = /^(.*?)(aa|ee|oo|uu)([bcdfgklmnprstvz])$/;
const SHORT_VOWEL = /^(.*?[^aeiou])([aeiou])([bdfgklmnprst])$/;
const UNSTRESSED = /(ig|lijk|isch|el|er|en|em|es|ief)$/;

/**
 * Inflected forms of a Dutch adjective: attributive -e, comparative -er, superlative -st/-ste
 * (groot → grote, groter, grootst, grootste; dik → dikke; lief → lieve; boos → boze).
 */
export function dutchAdjectiveForms(w: string): string[] {
  if (w.length < 3 || !/^[a-z]+$/.test(w)) return [];
  let stemE: string; // the stem that takes -e / -er
  if (w.endsWith('e')) stemE = w.slice(0, -1);
  else {
    const dv = DOUBLE_VOWEL.exec(w);
    const sv = SHORT_VOWEL.exec(w);
    if (dv) stemE = dv[1]! + dv[2]![0]! + soften(dv[3]!);
    else if (sv && (countVowelGroups(w) === 1 || !UNSTRESSED.test(w))) stemE = w + sv[3]!;
    else if (/(ie|ei|ij|ui|ou|eu|oe|au)[sf]$/.test(w)) stemE = w.slice(0, -1) + soften(w.slice(-1));
    else if (/ief$/.test(w)) stemE = w.slice(0, -1) + 'v';
    else stemE = w;
  }
  const forms = [stemE + 'e', w.endsWith('r') ? w + 'der' : stemE + 'er'];
  // No superlative for words ending in -e: "moe" → "moest" would shadow the verb.
  if (!w.endsWith('e')) {
    const sup = w.endsWith('s') ? w + 't' : w.endsWith('st') ? w : w + 'st';
    forms.push(sup, sup + 'e');
  }
  return forms.filter((f) => f !== w);
}

function soften(c: string): string {
  return c === 's' ? 'z' : c === 'f' ? 'v' : c;
}

function countVowelGroups(w: string): number {
  const m = w.match(/[aeiouy]+/g);
  return m ? m.length : 0;
}
