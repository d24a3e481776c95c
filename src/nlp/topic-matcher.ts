// Compiles all topic lexicons into one matcher so that every topic is scored in a single pass over
// the tokens: one index keyed by a pattern's first token (exact, prefix-wildcard and
// suffix-wildcard tables; a first word that many phrases share fans out by the second word),
// memoised per token key, then cheap per-topic bookkeeping on the few hits. Rules can be written
// with word classes (`@groep`) and clause-scoped negation.

import { joinHyphens, normaliseWord } from './normalizer.js';
import { TokenFlag, type Token } from './tokenizer.js';
import type { TopicFile } from './lexicon-schema.js';
import { LexiconError } from './lexicon-errors.js';
import type { TermMatch } from './types.js';
import type { WordInfo } from './word-info.js';

const EXACT = 0;
const PREFIX = 1;
const SUFFIX = 2;

interface TokPat {
  t: 0 | 1 | 2;
  s: string;
}

const ROLE_TERM = 0;
const ROLE_EXCLUDE = 1;
const ROLE_AUX = 2;

interface Item {
  topic: number;
  text: string;
  role: 0 | 1 | 2;
  weight: number;
  wildcard: boolean;
  /** Aux item indices (global) that must not occur within UNLESS_NEAR_WINDOW tokens. */
  unlessNear: number[] | null;
}

/** A compiled entry pattern (opaque outside src/nlp). */
export interface Pattern {
  toks: TokPat[];
  /** The item, or -1 for a fan-out node. */
  item: number;
  /** Every token is an exact word (no wildcard): such a match ranks above wildcard matches. */
  exact: boolean;
  /** The item's topic, role and weight, copied so the matching loop need not look the item up. */
  topic: number;
  role: 0 | 1 | 2;
  weight: number;
  /**
   * Fan-out node: many phrases share this first word ("zijn ratten", "zijn tuig" …), so they are
   * looked up by their second word instead of tried one by one. Null on every other pattern (one
   * object shape keeps the matching loop's property accesses monomorphic).
   */
  fan: Map<string, Pattern[]> | null;
  /** The fanned rule-item phrases keyed by each typo of their second word (see typoOf). */
  fanTypo: Map<string, Pattern[]> | null;
}

/**
 * First words shared by at least this many phrases get a fan-out node. Two: phrases starting with
 * "de", "aan" or "niet" otherwise made every such word try each phrase (16 candidates a post, 12 now).
 */
const FAN_MIN = 2;

const NEG_NONE = 0;
const NEG_CANCELS = 1;
const NEG_REQUIRED = 2;

interface CompiledRule {
  label: string;
  all: number[];
  any: number[];
  none: number[];
  near: number | null;
  weight: number;
  negators: number[];
  negation: 0 | 1 | 2;
  negationWindow: number;
}

/** Default `negation_window`: a negator this many tokens from the predicate (same clause) negates it. */
export const NEGATION_WINDOW = 3;
/** Most alternatives one entry may expand to through `@class` words. */
const MAX_ALTERNATIVES = 5000;

interface CompiledTopic {
  slug: string;
  label: string;
  version: number;
  threshold: number;
  rules: CompiledRule[];
}

/** Tokens within which an `unless_near` item cancels a term (format: "NOT within 8 tokens"). */
export const UNLESS_NEAR_WINDOW = 8;

/** All topic lexicons compiled into one index. Opaque outside src/nlp. */
export interface TopicMatcher {
  readonly topics: readonly CompiledTopic[];
  readonly items: readonly Item[];
  /** For each aux item (global index): the rules of its topic that need it (their first `all` item, or each `any` item when `all` is empty). */
  readonly rulesOf: readonly (number[] | undefined)[];
  readonly exact: Map<string, Pattern[]>;
  readonly prefix: Map<string, Pattern[]>;
  readonly suffix: Map<string, Pattern[]>;
  /** Prefix-wildcard patterns bucketed by their stem's first 3 characters (shorter stems: key ''). */
  readonly prefixBuckets: Map<string, Pattern[]>;
  /** Suffix-wildcard patterns bucketed by their stem's last 3 characters (shorter stems: key ''). */
  readonly suffixBuckets: Map<string, Pattern[]>;
  /** Every exact token and wildcard stem, for elongation/hashtag resolution. */
  readonly vocabulary: Set<string>;
  /** Inner-letter deletion variants of single-word rule items of ≥ FUZZY_MIN_LENGTH letters (typo tolerance). */
  readonly fuzzy: Map<string, Pattern[]>;
  /** Single-word rule items of ≥ FUZZY_SWAP_MIN_LENGTH letters, for swapped-letter typos. */
  readonly swappable: Map<string, Pattern[]>;
  /** letterSignature of every swappable entry: a swap keeps it, so most words need no swap lookups. */
  readonly swapSignatures: Set<number>;
  /** Length of the longest single-word rule item (longer words are no typo of one). */
  readonly fuzzyMaxLength: number;
  /** First and last three letters of the typo-indexed entries: one edit leaves one of them intact. */
  readonly fuzzyHeads: Set<string>;
  readonly fuzzyTails: Set<string>;
  /** Every key a fan-out node looks up (second words and their typos): other next words skip the lookup. */
  readonly secondWords: Set<string>;
  /** Words that are spelled right (set by the loader); only other words get typo matching. */
  isKnown: (key: string) => boolean;
  readonly memo: Map<string, Pattern[]>;
  /** Scratch for scoreTopic (scoring is synchronous): which items occur, which rules were checked, per call. */
  readonly scratch: { itemSeen: Int32Array; ruleSeen: Int32Array; stamp: number };
}

/** One topic file with the path it came from (for error messages). */
export interface TopicSource {
  file: string;
  topic: TopicFile;
}

/**
 * Compiles validated topic files into one matcher. Throws {@link LexiconError} naming the file and
 * field when an entry cannot be compiled (e.g. a wildcard in the middle of a word).
 */
export function compileTopics(sources: readonly TopicSource[]): TopicMatcher {
  const items: Item[] = [];
  const topics: CompiledTopic[] = [];
  const exact = new Map<string, Pattern[]>();
  const prefix = new Map<string, Pattern[]>();
  const suffix = new Map<string, Pattern[]>();
  const vocabulary = new Set<string>();
  const rulesOf: (number[] | undefined)[] = [];
  const sorted = [...sources].sort((a, b) => a.topic.slug.localeCompare(b.topic.slug));

  for (let ti = 0; ti < sorted.length; ti++) {
    const { file, topic } = sorted[ti]!;
    const auxByText = new Map<string, number>();
    const classOf = classResolver(topic.classes ?? {}, file);
    const addItem = (text: string, role: 0 | 1 | 2, weight: number, field: string): number => {
      const pats = compileEntry(text, file, field, classOf);
      const idx = items.length;
      items.push({ topic: ti, text, role, weight, wildcard: pats.some((p) => p.some((t) => t.t !== EXACT)), unlessNear: null });
      for (const toks of pats) {
        for (const t of toks) vocabulary.add(t.s);
        const first = toks[0]!;
        const map = first.t === EXACT ? exact : first.t === PREFIX ? prefix : suffix;
        let list = map.get(first.s);
        if (list === undefined) map.set(first.s, (list = []));
        list.push({ toks, item: idx, exact: toks.every((t) => t.t === EXACT), topic: ti, role, weight, fan: null, fanTypo: null });
      }
      return idx;
    };
    const aux = (text: string, field: string): number => {
      const key = text.trim().toLowerCase();
      let idx = auxByText.get(key);
      if (idx === undefined) {
        idx = addItem(key, ROLE_AUX, 0, field);
        auxByText.set(key, idx);
      }
      return idx;
    };

    topic.terms.forEach((entry, i) => {
      let text: string;
      let weight: number;
      let unless: string[] | undefined;
      if ('term' in entry && typeof entry.term === 'string' && typeof entry.weight === 'number') {
        text = entry.term;
        weight = entry.weight;
        unless = entry.unless_near as string[] | undefined;
      } else {
        const [k, v] = Object.entries(entry as Record<string, number>)[0]!;
        text = k.trim();
        weight = v;
      }
      const idx = addItem(text.toLowerCase(), ROLE_TERM, weight, `terms[${i}]`);
      if (unless && unless.length > 0) items[idx]!.unlessNear = unless.map((u, j) => aux(u, `terms[${i}].unless_near[${j}]`));
    });
    (topic.exclude ?? []).forEach((x, i) => addItem(x.toLowerCase(), ROLE_EXCLUDE, 0, `exclude[${i}]`));
    const rules: CompiledRule[] = (topic.rules ?? []).map((r, i) => ({
      label: r.label,
      all: (r.all ?? []).map((x, j) => aux(x, `rules[${i}].all[${j}]`)),
      any: (r.any ?? []).map((x, j) => aux(x, `rules[${i}].any[${j}]`)),
      none: (r.none ?? []).map((x, j) => aux(x, `rules[${i}].none[${j}]`)),
      near: r.near ?? null,
      weight: r.weight,
      negators: (r.negators ?? []).map((x, j) => aux(x, `rules[${i}].negators[${j}]`)),
      negation: r.negators === undefined ? NEG_NONE : r.negation === 'required' ? NEG_REQUIRED : NEG_CANCELS,
      negationWindow: r.negation_window ?? NEGATION_WINDOW,
    }));
    rules.forEach((r, ri) => {
      // A rule can only hold when one of its required items occurs: index it by those items.
      for (const it of r.all.length > 0 ? r.all.slice(0, 1) : r.any) {
        const l = (rulesOf[it] ??= []);
        if (!l.includes(ri)) l.push(ri);
      }
    });
    topics.push({ slug: topic.slug, label: topic.label, version: topic.version, threshold: topic.threshold, rules });
  }
  // Buckets keyed by 3 characters turn "which wildcard stems fit this word" into one lookup plus a
  // short startsWith/endsWith scan, instead of one lookup per stem length.
  const bucket = (m: Map<string, Pattern[]>, end: boolean) => {
    const b = new Map<string, Pattern[]>();
    for (const [stem, list] of m) {
      const k = stem.length < 3 ? '' : end ? stem.slice(-3) : stem.slice(0, 3);
      let l = b.get(k);
      if (l === undefined) b.set(k, (l = []));
      l.push(...list);
    }
    return b;
  };
  // Typo tolerance for single-word rule items, via a deletion index: a letter dropped inside the
  // word ("vrowen" → vrouwen) or two neighbouring letters swapped ("hata" → haat). The first letter
  // stays put and the last is never dropped: edits there are mostly other words ("letten" is not
  // "sletten", "monster" not "monsters"), as are inserted or replaced letters ("vechten", "rechten").
  const fuzzy = new Map<string, Pattern[]>();
  let fuzzyMaxLength = 0;
  const fuzzyHeads = new Set<string>();
  const fuzzyTails = new Set<string>();
  const byStem = new Map<string, Pattern[]>();
  for (const map of [exact, prefix, suffix]) {
    for (const [stem, list] of map) {
      // Rule items only: they need a second item nearby, which keeps typo matches from firing alone.
      const singles = list.filter((p) => p.toks.length === 1 && p.item >= 0 && items[p.item]!.role === ROLE_AUX);
      if (singles.length === 0) continue;
      let l = byStem.get(stem);
      if (l === undefined) byStem.set(stem, (l = []));
      l.push(...singles);
    }
  }
  for (const [stem, singles] of byStem) {
    fuzzyMaxLength = Math.max(fuzzyMaxLength, stem.length);
    if (stem.length < FUZZY_MIN_LENGTH) continue;
    fuzzyHeads.add(stem.slice(0, 3));
    fuzzyTails.add(stem.slice(-3));
    for (let i = 1; i < stem.length - 1; i++) {
      const v = stem.slice(0, i) + stem.slice(i + 1);
      let l = fuzzy.get(v);
      if (l === undefined) fuzzy.set(v, (l = []));
      for (const p of singles) if (!l.includes(p)) l.push(p);
    }
  }
  const swappable = new Map<string, Pattern[]>();
  // Whole words only: a wildcard stem with two letters swapped is too often another word ("kots*", "kost").
  for (const [stem, list] of exact) {
    const singles = list.filter((p) => p.toks.length === 1 && p.item >= 0 && items[p.item]!.role === ROLE_AUX);
    if (stem.length >= FUZZY_SWAP_MIN_LENGTH && singles.length > 0) swappable.set(stem, singles);
  }
  const swapSignatures = new Set<number>();
  for (const stem of swappable.keys()) swapSignatures.add(letterSignature(stem));
  const secondWords = new Set<string>();
  for (const [first, list] of exact) {
    const fanned = list.filter((p) => p.toks.length > 1 && p.toks[1]!.t === EXACT);
    if (fanned.length < FAN_MIN) continue;
    const fan = new Map<string, Pattern[]>();
    for (const p of fanned) {
      let l = fan.get(p.toks[1]!.s);
      if (l === undefined) fan.set(p.toks[1]!.s, (l = []));
      l.push(p);
    }
    const fanTypo = new Map<string, Pattern[]>();
    for (const p of fanned) {
      if (items[p.item]!.role !== ROLE_AUX) continue;
      for (const v of typoVariants(p.toks[1]!.s)) {
        let l = fanTypo.get(v);
        if (l === undefined) fanTypo.set(v, (l = []));
        if (!l.includes(p)) l.push(p);
      }
    }
    exact.set(first, [...list.filter((p) => !fanned.includes(p)), { toks: [{ t: EXACT, s: first }], item: -1, exact: true, topic: -1, role: ROLE_AUX, weight: 0, fan, fanTypo }]);
    for (const k of fan.keys()) secondWords.add(k);
    for (const k of fanTypo.keys()) secondWords.add(k);
  }
  return { topics, items, exact, prefix, suffix, prefixBuckets: bucket(prefix, false), suffixBuckets: bucket(suffix, true), vocabulary, fuzzy, fuzzyMaxLength, fuzzyHeads, fuzzyTails, swappable, swapSignatures, secondWords, rulesOf: Array.from({ length: items.length }, (_, i) => rulesOf[i]), isKnown: (k) => vocabulary.has(k), memo: new Map(), scratch: { itemSeen: new Int32Array(items.length), ruleSeen: new Int32Array(Math.max(0, ...topics.map((t) => t.rules.length))), stamp: 0 } };
}

type ClassResolver = (name: string, field: string) => TokPat[][];

/** Compiles each `classes` entry once per topic; `@name` words expand to a class's patterns. */
function classResolver(classes: Record<string, string[]>, file: string): ClassResolver {
  const done = new Map<string, TokPat[][]>();
  const busy = new Set<string>();
  const resolve: ClassResolver = (name, field) => {
    const hit = done.get(name);
    if (hit !== undefined) return hit;
    const entries = Object.hasOwn(classes, name) ? classes[name] : undefined;
    if (entries === undefined) throw new LexiconError(file, field, `the class "@${name}" is not defined under \`classes\`.`);
    if (busy.has(name)) throw new LexiconError(file, `classes.${name}`, `the class "@${name}" refers to itself.`);
    busy.add(name);
    const out: TokPat[][] = [];
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      for (const toks of compileEntry(e.toLowerCase(), file, `classes.${name}[${i}]`, resolve)) {
        const k = toks.map((t) => `${t.t}${t.s}`).join(' ');
        if (!seen.has(k)) {
          seen.add(k);
          out.push(toks);
        }
      }
    });
    busy.delete(name);
    done.set(name, out);
    return out;
  };
  return resolve;
}

/**
 * Compiles one entry ("nep-sms", "vriend in nood", "oplicht*", "*fraude", "@groep", "zwarte @mensen")
 * into token patterns.
 */
function compileEntry(text: string, file: string, field: string, classOf: ClassResolver): TokPat[][] {
  const raw = text.trim().split(/\s+/);
  // Each raw token may expand to alternatives: "nep-sms" → [nepsms] or [nep, sms].
  let alts: TokPat[][] = [[]];
  for (const r of raw) {
    if (r.startsWith('@')) {
      const name = r.slice(1);
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new LexiconError(file, field, `the entry "${text}" refers to a class as "${r}"; write @ and the class name, e.g. "@groep".`);
      const options = classOf(name, field);
      if (alts.length * options.length > MAX_ALTERNATIVES) throw new LexiconError(file, field, `the entry "${text}" expands to more than ${MAX_ALTERNATIVES} phrases; split it up.`);
      const next: TokPat[][] = [];
      for (const a of alts) for (const o of options) next.push([...a, ...o]);
      alts = next;
      continue;
    }
    if (r === '*' || r.slice(1, -1).includes('*') || (r.length > 1 && r.startsWith('*') && r.endsWith('*'))) {
      throw new LexiconError(file, field, `the entry "${text}" has a wildcard that is not at the start or the end of a word; write e.g. "oplicht*" or "*fraude".`);
    }
    const t: 0 | 1 | 2 = r.startsWith('*') ? SUFFIX : r.endsWith('*') ? PREFIX : EXACT;
    const bare = r.replace(/\*/g, '');
    const key = normaliseWord(bare);
    if (key.length === 0) throw new LexiconError(file, field, `the entry "${text}" has no letters to match.`);
    const joined: TokPat = { t, s: joinHyphens(key) };
    const options: TokPat[][] = [[joined]];
    if (key.includes('-') && t === EXACT) {
      const parts = key.split('-').filter((p) => p.length > 0);
      if (parts.length > 1) options.push(parts.map((s) => ({ t: EXACT, s })));
    }
    const next: TokPat[][] = [];
    for (const a of alts) for (const o of options) next.push([...a, ...o]);
    alts = next.length > MAX_ALTERNATIVES ? next.slice(0, MAX_ALTERNATIVES) : next;
  }
  return alts;
}

const MEMO_MAX = 200_000;
const NONE: Pattern[] = [];
/** Shortest entry (in letters) that matches with a dropped letter. */
export const FUZZY_MIN_LENGTH = 7;
/** Shortest entry (in letters) that matches with two swapped letters. */
export const FUZZY_SWAP_MIN_LENGTH = 4;

/** Rule items one typo away from an unknown word: a dropped inner letter, or a swap after the first letter. */
function fuzzyCandidates(m: TopicMatcher, key: string): Pattern[] | null {
  const L = key.length;
  if (L < FUZZY_SWAP_MIN_LENGTH || L > m.fuzzyMaxLength + 1 || m.isKnown(key) || !/^[a-z]+$/.test(key)) return null;
  let out: Pattern[] | null = null;
  // A dropped inner letter keeps the first or the last three letters of entries of 7+ letters.
  if (L >= FUZZY_MIN_LENGTH - 1 && (m.fuzzyHeads.has(key.slice(0, 3)) || m.fuzzyTails.has(key.slice(L - 3)))) out = addUnique(m.fuzzy.get(key), out);
  if (!m.swapSignatures.has(letterSignature(key))) return out;
  for (let i = 1; i + 1 < L; i++) {
    if (key[i] === key[i + 1]) continue;
    out = addUnique(m.swappable.get(key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2)), out);
  }
  return out;
}

/**
 * The later words of a rule item's phrase get the same typo tolerance as single words ("maken me
 * zike", "niets waadr"): `key` is `p` with two letters after the first swapped, or with one inner
 * letter dropped, and is not itself a known word.
 */
function typoOf(m: TopicMatcher, key: string, p: TokPat): boolean {
  const s = p.s;
  const L = key.length;
  if (p.t !== EXACT || L < FUZZY_SWAP_MIN_LENGTH || key.charCodeAt(0) !== s.charCodeAt(0)) return false;
  let i = 1;
  if (L === s.length) {
    while (i < L && key.charCodeAt(i) === s.charCodeAt(i)) i++;
    if (i >= L - 1 || key[i] !== s[i + 1] || key[i + 1] !== s[i] || key.slice(i + 2) !== s.slice(i + 2)) return false;
  } else if (L === s.length - 1 && s.length >= FUZZY_MIN_LENGTH) {
    while (i < L && key.charCodeAt(i) === s.charCodeAt(i)) i++;
    if (i >= s.length - 1 || key.slice(i) !== s.slice(i + 1)) return false;
  } else return false;
  return !m.isKnown(key) && /^[a-z]+$/.test(key);
}

/** First letter, length and letter sum: unchanged when two letters after the first are swapped. */
function letterSignature(w: string): number {
  let sum = 0;
  for (let i = 1; i < w.length; i++) sum += w.charCodeAt(i);
  return (w.charCodeAt(0) * 64 + w.length) * 65536 + sum;
}

/** Every misspelling of `s` that typoOf accepts (swaps after the first letter; inner drops from 7 letters). */
function typoVariants(s: string): string[] {
  const out: string[] = [];
  if (s.length < FUZZY_SWAP_MIN_LENGTH) return out;
  for (let i = 1; i + 1 < s.length; i++) if (s[i] !== s[i + 1]) out.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  if (s.length >= FUZZY_MIN_LENGTH) for (let i = 1; i < s.length - 1; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

function addUnique(list: Pattern[] | undefined, out: Pattern[] | null): Pattern[] | null {
  if (list === undefined) return out;
  for (const p of list) if (out === null || !out.includes(p)) (out ??= []).push(p);
  return out;
}

/** The patterns whose first token matches `key` (memoised). */
export function candidates(m: TopicMatcher, key: string): Pattern[] {
  const hit = m.memo.get(key);
  if (hit !== undefined) return hit;
  let out: Pattern[] | null = null;
  const exact = m.exact.get(key);
  if (exact !== undefined) out = exact.slice();
  const L = key.length;
  out = scanBucket(m.prefixBuckets.get(''), key, false, out);
  if (L >= 3) out = scanBucket(m.prefixBuckets.get(key.slice(0, 3)), key, false, out);
  out = scanBucket(m.suffixBuckets.get(''), key, true, out);
  if (L >= 3) out = scanBucket(m.suffixBuckets.get(key.slice(L - 3)), key, true, out);
  if (out === null) {
    const f = fuzzyCandidates(m, key);
    if (f !== null && f.length > 0) out = f;
  }
  const res: Pattern[] = out ?? NONE;
  if (m.memo.size >= MEMO_MAX) m.memo.clear();
  m.memo.set(key, res);
  return res;
}

/** Appends the wildcard patterns of a bucket whose stem fits `key` (as prefix, or as suffix). */
function scanBucket(list: Pattern[] | undefined, key: string, end: boolean, out: Pattern[] | null): Pattern[] | null {
  if (list === undefined) return out;
  const L = key.length;
  for (const p of list) {
    const stem = p.toks[0]!.s;
    if (stem.length <= L && (end ? key.endsWith(stem) : key.startsWith(stem))) (out ??= []).push(p);
  }
  return out;
}

function tokMatches(p: TokPat, key: string): boolean {
  return p.t === EXACT ? key === p.s : p.t === PREFIX ? key.startsWith(p.s) : key.endsWith(p.s);
}

interface Hit {
  item: number;
  /** The item's role and weight (see Pattern). */
  role: 0 | 1 | 2;
  weight: number;
  s: number;
  e: number;
  /** 2 = exact entry on the whole token, 1 = wildcard or typo match on the whole token, 0 = on a part. */
  rank: number;
}

/** Topic scores (only > 0) and the matches that explain them. */
export interface TopicResult {
  topics: Record<string, number>;
  matches: TermMatch[];
}

/**
 * Scores every topic over the tokens in one pass. Evidence = sum of distinct term weights (each
 * entry once per text, longest match wins, excluded spans and `unless_near` contexts removed) plus
 * the weight of every rule that holds. Score = 0 below the topic threshold, else
 * 1 − exp(−evidence / threshold): monotonic in evidence, bounded in [0, 1), 0.63 at the threshold.
 */
export function matchTopics(m: TopicMatcher, tokens: readonly Token[], text: string, precomputed?: readonly WordInfo[]): TopicResult {
  const nTopics = m.topics.length;
  let byTopic: (Hit[] | undefined)[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const cands = precomputed !== undefined ? precomputed[i]!.topics : candidates(m, tok.key);
    for (let c = 0; c < cands.length; c++) {
      const p = cands[c]!;
      if (p.fan !== null) {
        if (i + 1 >= tokens.length) continue;
        // Half of the words after a fan's first word start no phrase at all: skip their lookups.
        if (precomputed !== undefined ? !precomputed[i + 1]!.second : !m.secondWords.has(tokens[i + 1]!.key)) continue;
        const next = tokens[i + 1]!.key;
        // The second word as written, else as a typo of a rule item's second word (typoOf accepts
        // nothing shorter than FUZZY_SWAP_MIN_LENGTH, so "de" or "het" skip that lookup).
        const list = p.fan.get(next) ?? (next.length >= FUZZY_SWAP_MIN_LENGTH ? p.fanTypo!.get(next) : undefined);
        if (list === undefined) continue;
        for (const q of list) if (restMatches(m, q, tokens, i)) byTopic = addHit(byTopic, nTopics, q, i, tok.key);
        continue;
      }
      if (p.toks.length > 1 && !restMatches(m, p, tokens, i)) continue;
      byTopic = addHit(byTopic, nTopics, p, i, tok.key);
    }
    if (tok.parts !== null) {
      // Parts of a hyphenated word match single-token entries ("jeugd-overlast" → overlast).
      for (const part of tok.parts) {
        const pc = candidates(m, part);
        for (const p of pc) {
          if (p.toks.length !== 1 || p.item < 0) continue;
          (byTopic ??= new Array(nTopics))[p.topic] ??= [];
          byTopic[p.topic]!.push({ item: p.item, role: p.role, weight: p.weight, s: i, e: i + 1, rank: 0 });
        }
      }
    }
  }
  const topics: Record<string, number> = {};
  const matches: TermMatch[] = [];
  if (byTopic === null) return { topics, matches };
  for (let ti = 0; ti < nTopics; ti++) {
    const hits = byTopic[ti];
    if (hits === undefined) continue;
    scoreTopic(m, ti, hits, tokens, text, topics, matches);
  }
  return { topics, matches };
}

/** Whether the words after the first of a phrase pattern follow token i (rule items allow a typo). */
function restMatches(m: TopicMatcher, p: Pattern, tokens: readonly Token[], i: number): boolean {
  const len = p.toks.length;
  if (i + len > tokens.length) return false;
  const aux = p.role === ROLE_AUX;
  for (let k = 1; k < len; k++) {
    const key = tokens[i + k]!.key;
    if (!tokMatches(p.toks[k]!, key) && !(aux && typoOf(m, key, p.toks[k]!))) return false;
  }
  return true;
}

function addHit(byTopic: (Hit[] | undefined)[] | null, nTopics: number, p: Pattern, i: number, key: string): (Hit[] | undefined)[] {
  const len = p.toks.length;
  const out = byTopic ?? new Array<Hit[] | undefined>(nTopics);
  (out[p.topic] ??= []).push({ item: p.item, role: p.role, weight: p.weight, s: i, e: i + len, rank: p.exact && (len > 1 || p.toks[0]!.s === key) ? 2 : 1 });
  return out;
}

function scoreTopic(m: TopicMatcher, ti: number, hits: Hit[], tokens: readonly Token[], text: string, out: Record<string, number>, matches: TermMatch[]): void {
  const topic = m.topics[ti]!;
  // 0. Upper bound on the evidence (every term hit counted, every rule whose items all occur, near
  // and none ignored): most posts touch a topic with one weak word or one rule item, and then
  // nothing below needs to run or allocate.
  let bound = 0;
  // Stamps instead of sets: itemSeen[i] === stamp means item i occurs in `hits`, ruleSeen[r] that rule r was counted.
  const sc = m.scratch;
  if (sc.stamp === 0x7fffffff) {
    sc.itemSeen.fill(0);
    sc.ruleSeen.fill(0);
    sc.stamp = 0;
  }
  const stamp = ++sc.stamp;
  for (const h of hits) sc.itemSeen[h.item] = stamp;
  // The rules whose items all occur: only these can hold in step 4.
  let possible: number[] | null = null;
  for (const h of hits) {
    if (h.role === ROLE_TERM) bound += h.weight;
    else if (h.role === ROLE_AUX) {
      const rs = m.rulesOf[h.item];
      if (rs === undefined) continue;
      for (const ri of rs) {
        if (sc.ruleSeen[ri] === stamp) continue;
        sc.ruleSeen[ri] = stamp;
        const r = topic.rules[ri]!;
        let ok = true;
        for (const a of r.all) if (sc.itemSeen[a] !== stamp) ok = false;
        if (ok && r.any.length > 0) ok = r.any.some((a) => sc.itemSeen[a] === stamp);
        if (ok) {
          bound += r.weight;
          (possible ??= []).push(ri);
        }
      }
    }
  }
  if (bound < topic.threshold) return;
  // 1. Excluded spans block every other hit of this topic on the same tokens.
  let blocked: Uint8Array | null = null;
  for (const h of hits) {
    if (h.role !== ROLE_EXCLUDE) continue;
    blocked ??= new Uint8Array(tokens.length);
    for (let k = h.s; k < h.e; k++) blocked[k] = 1;
  }
  const live = blocked === null ? hits : hits.filter((h) => !overlaps(blocked!, h));
  // 2. Occurrences of aux items (rule items, unless_near contexts).
  const occ = new Map<number, Hit[]>();
  for (const h of live) {
    if (h.role !== ROLE_AUX) continue;
    let l = occ.get(h.item);
    if (l === undefined) occ.set(h.item, (l = []));
    l.push(h);
  }
  // 3. Terms: longest match first, exact before wildcard, heavier first; each entry once.
  const terms = live.filter((h) => h.role === ROLE_TERM);
  terms.sort((a, b) => b.e - b.s - (a.e - a.s) || b.rank - a.rank || b.weight - a.weight || a.s - b.s);
  let taken: Uint8Array | null = null;
  const counted = new Set<number>();
  let evidence = 0;
  const topicMatches: TermMatch[] = [];
  for (const h of terms) {
    if (counted.has(h.item)) continue;
    if (taken !== null && overlaps(taken, h)) continue;
    const item = m.items[h.item]!;
    if (item.unlessNear !== null && item.unlessNear.some((u) => (occ.get(u) ?? []).some((o) => distance(o, h) <= UNLESS_NEAR_WINDOW))) continue;
    taken ??= new Uint8Array(tokens.length);
    for (let k = h.s; k < h.e; k++) taken[k] = 1;
    counted.add(h.item);
    evidence += item.weight;
    const start = tokens[h.s]!.start;
    const end = tokens[h.e - 1]!.end;
    topicMatches.push({ kind: 'topic', topic: topic.slug, term: item.text, text: text.slice(start, end), start, end, weight: item.weight });
  }
  // 4. Rules: only those whose items all occurred (step 0), in file order.
  if (possible !== null && possible.length > 1) possible.sort((a, b) => a - b);
  for (const ri of possible ?? []) {
    const r = topic.rules[ri]!;
    const span = ruleHolds(r, occ, tokens);
    if (span === null) continue;
    evidence += r.weight;
    const start = tokens[span[0]]!.start;
    const end = tokens[span[1] - 1]!.end;
    topicMatches.push({ kind: 'topic', topic: topic.slug, term: r.label, text: text.slice(start, end), start, end, weight: r.weight });
  }
  if (evidence < topic.threshold || evidence <= 0) return;
  out[topic.slug] = Math.round((1 - Math.exp(-evidence / topic.threshold)) * 10_000) / 10_000;
  topicMatches.sort((a, b) => a.start - b.start);
  for (const tm of topicMatches) matches.push(tm);
}

function overlaps(mask: Uint8Array, h: Hit): boolean {
  for (let k = h.s; k < h.e; k++) if (mask[k] === 1) return true;
  return false;
}

function distance(a: Hit, b: Hit): number {
  if (a.e <= b.s) return b.s - (a.e - 1);
  if (b.e <= a.s) return a.s - (b.e - 1);
  return 0;
}

/** Returns the token span [start, end) of the hits that satisfy the rule, or null. */
function ruleHolds(r: CompiledRule, occ: Map<number, Hit[]>, tokens: readonly Token[]): [number, number] | null {
  for (const n of r.none) if ((occ.get(n)?.length ?? 0) > 0) return null;
  const groups: Hit[][] = [];
  for (const a of r.all) {
    const l = occ.get(a);
    if (l === undefined || l.length === 0) return null;
    groups.push(l);
  }
  if (r.any.length > 0) {
    const u: Hit[] = [];
    for (const a of r.any) {
      const l = occ.get(a);
      if (l !== undefined) u.push(...l);
    }
    if (u.length === 0) return null;
    groups.push(u);
  }
  // The predicate that negation applies to: the `any` hit, or every hit when the rule has no `any`.
  const pred = r.any.length > 0 ? groups.length - 1 : -1;
  const chosen: Hit[] = new Array<Hit>(groups.length);
  if (r.near === null) {
    for (let g = 0; g < groups.length; g++) chosen[g] = groups[g]![0]!;
    const tries = r.negation === NEG_NONE ? [chosen[groups.length - 1]!] : groups[groups.length - 1]!;
    for (const last of tries) {
      chosen[groups.length - 1] = last;
      if (negationHolds(r, chosen, pred, occ, tokens)) return spanOf(chosen);
    }
    return null;
  }
  const near = r.near;
  for (const g of groups) {
    for (const anchor of g) {
      const a = anchor.s;
      let ok = true;
      for (let k = 0; k < groups.length; k++) {
        const hit = groups[k]!.find((h) => h.s >= a && h.s - a <= near);
        if (hit === undefined) {
          ok = false;
          break;
        }
        chosen[k] = hit;
      }
      if (ok && negationHolds(r, chosen, pred, occ, tokens)) return spanOf(chosen);
    }
  }
  return null;
}

function spanOf(hits: readonly Hit[]): [number, number] {
  let s = Infinity;
  let e = -Infinity;
  for (const h of hits) {
    s = Math.min(s, h.s);
    e = Math.max(e, h.e);
  }
  return [s, e];
}

/**
 * Scoped negation: a negator counts when it lies within `negation_window` tokens of the predicate
 * (the matched `any` hit) in the same clause, is not part of a matched item ("niet welkom" is one
 * predicate, not a negated "welkom"), and does not stand in a question (a negative question is
 * rhetorical: "Is het niet duidelijk dat …?" asserts). `cancels`: a counting negator stops the
 * rule ("ik haat X niet"); `required`: the rule needs one ("X verdienen het niet om te leven").
 */
function negationHolds(r: CompiledRule, chosen: readonly Hit[], pred: number, occ: Map<number, Hit[]>, tokens: readonly Token[]): boolean {
  if (r.negation === NEG_NONE) return true;
  let negated = false;
  search: for (const n of r.negators) {
    const l = occ.get(n);
    if (l === undefined) continue;
    for (const o of l) {
      if (partOfRuleItem(r, n, o, occ)) continue;
      for (let k = 0; k < chosen.length; k++) {
        if (pred >= 0 && k !== pred) continue;
        const p = chosen[k]!;
        if (distance(o, p) <= r.negationWindow && sameClause(tokens, o, p) && !inQuestion(tokens, o.s)) {
          negated = true;
          break search;
        }
      }
    }
  }
  return r.negation === NEG_CANCELS ? !negated : negated;
}

function partOfRuleItem(r: CompiledRule, negator: number, o: Hit, occ: Map<number, Hit[]>): boolean {
  for (const list of [r.all, r.any]) {
    for (const it of list) {
      if (it === negator) continue;
      const l = occ.get(it);
      if (l !== undefined && l.some((h) => h.s < o.e && o.s < h.e)) return true;
    }
  }
  return false;
}

function sameClause(tokens: readonly Token[], a: Hit, b: Hit): boolean {
  const [x, y] = a.s <= b.s ? [a, b] : [b, a];
  for (let k = x.e - 1; k < y.s; k++) if ((tokens[k]!.flags & TokenFlag.ClauseEnd) !== 0) return false;
  return true;
}

function inQuestion(tokens: readonly Token[], from: number): boolean {
  for (let k = from; k < tokens.length; k++) {
    const f = tokens[k]!.flags;
    if ((f & TokenFlag.SentenceEnd) !== 0) return (f & TokenFlag.Question) !== 0;
  }
  return false;
}
