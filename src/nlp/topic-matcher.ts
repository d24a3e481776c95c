// Compiles all topic lexicons into one matcher so that every topic is scored in a single pass over
// the tokens: one index keyed by a pattern's first token (exact, prefix-wildcard and
// suffix-wildcard tables), memoised per token key, then cheap per-topic bookkeeping on the few hits.

import { joinHyphens, normaliseWord } from './normalizer.js';
import type { Token } from './tokenizer.js';
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
  item: number;
}

interface CompiledRule {
  label: string;
  all: number[];
  any: number[];
  anySet: Set<number>;
  none: number[];
  near: number | null;
  weight: number;
}

interface CompiledTopic {
  slug: string;
  label: string;
  version: number;
  threshold: number;
  rules: CompiledRule[];
  /** For each aux item: the rules that need it (its `all` items, or `any` items when `all` is empty). */
  rulesByItem: Map<number, number[]>;
}

/** Tokens within which an `unless_near` item cancels a term (format: "NOT within 8 tokens"). */
export const UNLESS_NEAR_WINDOW = 8;

/** All topic lexicons compiled into one index. Opaque outside src/nlp. */
export interface TopicMatcher {
  readonly topics: readonly CompiledTopic[];
  readonly items: readonly Item[];
  readonly exact: Map<string, Pattern[]>;
  readonly prefix: Map<string, Pattern[]>;
  readonly suffix: Map<string, Pattern[]>;
  /** Prefix-wildcard patterns bucketed by their stem's first 3 characters (shorter stems: key ''). */
  readonly prefixBuckets: Map<string, Pattern[]>;
  /** Suffix-wildcard patterns bucketed by their stem's last 3 characters (shorter stems: key ''). */
  readonly suffixBuckets: Map<string, Pattern[]>;
  /** Every exact token and wildcard stem, for elongation/hashtag resolution. */
  readonly vocabulary: Set<string>;
  /** Deletion variants of single-word rule items of ≥ FUZZY_MIN_LENGTH letters (typo tolerance). */
  readonly fuzzy: Map<string, Pattern[]>;
  /** Length of the longest entry in the typo index. */
  readonly fuzzyMaxLength: number;
  /** First and last three letters of the typo-indexed entries: one edit leaves one of them intact. */
  readonly fuzzyHeads: Set<string>;
  readonly fuzzyTails: Set<string>;
  /** Words that are spelled right (set by the loader); only other words get typo matching. */
  isKnown: (key: string) => boolean;
  readonly memo: Map<string, Pattern[]>;
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
  const sorted = [...sources].sort((a, b) => a.topic.slug.localeCompare(b.topic.slug));

  for (let ti = 0; ti < sorted.length; ti++) {
    const { file, topic } = sorted[ti]!;
    const auxByText = new Map<string, number>();
    const addItem = (text: string, role: 0 | 1 | 2, weight: number, field: string): number => {
      const pats = compileEntry(text, file, field);
      const idx = items.length;
      items.push({ topic: ti, text, role, weight, wildcard: pats.some((p) => p.some((t) => t.t !== EXACT)), unlessNear: null });
      for (const toks of pats) {
        for (const t of toks) vocabulary.add(t.s);
        const first = toks[0]!;
        const map = first.t === EXACT ? exact : first.t === PREFIX ? prefix : suffix;
        let list = map.get(first.s);
        if (list === undefined) map.set(first.s, (list = []));
        list.push({ toks, item: idx });
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
      anySet: new Set<number>(),
      none: (r.none ?? []).map((x, j) => aux(x, `rules[${i}].none[${j}]`)),
      near: r.near ?? null,
      weight: r.weight,
    }));
    const rulesByItem = new Map<number, number[]>();
    rules.forEach((r, ri) => {
      for (const a of r.any) r.anySet.add(a);
      // A rule can only hold when one of its required items occurs: index it by those items.
      for (const it of r.all.length > 0 ? r.all.slice(0, 1) : r.any) {
        let l = rulesByItem.get(it);
        if (l === undefined) rulesByItem.set(it, (l = []));
        if (!l.includes(ri)) l.push(ri);
      }
    });
    topics.push({ slug: topic.slug, label: topic.label, version: topic.version, threshold: topic.threshold, rules, rulesByItem });
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
  // Typo tolerance (one deleted, inserted, swapped or replaced letter) for single-word entries,
  // via the symmetric-deletion index: "vrowen" and "vrouwne" still find "vrouwen".
  const fuzzy = new Map<string, Pattern[]>();
  let fuzzyMaxLength = 0;
  const fuzzyHeads = new Set<string>();
  const fuzzyTails = new Set<string>();
  for (const [stem, list] of exact) {
    if (stem.length < FUZZY_MIN_LENGTH) continue;
    // Rule items only: they need a second item nearby, which keeps typo matches from firing alone.
    const singles = list.filter((p) => p.toks.length === 1 && items[p.item]!.role === ROLE_AUX);
    if (singles.length === 0) continue;
    fuzzyMaxLength = Math.max(fuzzyMaxLength, stem.length);
    fuzzyHeads.add(stem.slice(0, 3));
    fuzzyTails.add(stem.slice(-3));
    for (const v of [stem, ...deletions(stem)]) {
      let l = fuzzy.get(v);
      if (l === undefined) fuzzy.set(v, (l = []));
      for (const p of singles) if (!l.includes(p)) l.push(p);
    }
  }
  return { topics, items, exact, prefix, suffix, prefixBuckets: bucket(prefix, false), suffixBuckets: bucket(suffix, true), vocabulary, fuzzy, fuzzyMaxLength, fuzzyHeads, fuzzyTails, isKnown: (k) => vocabulary.has(k), memo: new Map() };
}

/** Compiles one entry ("nep-sms", "vriend in nood", "oplicht*", "*fraude") into token patterns. */
function compileEntry(text: string, file: string, field: string): TokPat[][] {
  const raw = text.trim().split(/\s+/);
  // Each raw token may expand to alternatives: "nep-sms" → [nepsms] or [nep, sms].
  let alts: TokPat[][] = [[]];
  for (const r of raw) {
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
    alts = next.slice(0, 16);
  }
  return alts;
}

const MEMO_MAX = 200_000;
const NONE: Pattern[] = [];
/** Shortest entry (in letters) that gets typo-tolerant matching. */
export const FUZZY_MIN_LENGTH = 7;

function deletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** Entries within one edit of an unknown word (symmetric deletion lookups). */
function fuzzyCandidates(m: TopicMatcher, key: string): Pattern[] | null {
  const L = key.length;
  if (L < FUZZY_MIN_LENGTH - 1 || L > m.fuzzyMaxLength + 1 || m.fuzzy.size === 0) return null;
  // Words of 6+ letters keep their first or their last three letters under one edit.
  if (!m.fuzzyHeads.has(key.slice(0, 3)) && !m.fuzzyTails.has(key.slice(L - 3))) return null;
  if (m.isKnown(key) || !/^[a-z]+$/.test(key)) return null;
  let out = addUnique(m.fuzzy.get(key), null); // a letter missing in the token
  for (let i = 0; i < L; i++) out = addUnique(m.fuzzy.get(key.slice(0, i) + key.slice(i + 1)), out); // swapped, replaced or extra letter
  // A deletion variant may match an entry two edits away (e.g. two different deletions); check.
  return out === null ? null : out.filter((p) => withinOneEdit(key, p.toks[0]!.s));
}

function addUnique(list: Pattern[] | undefined, out: Pattern[] | null): Pattern[] | null {
  if (list === undefined) return out;
  for (const p of list) if (out === null || !out.includes(p)) (out ??= []).push(p);
  return out;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // replaced
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
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
      const len = p.toks.length;
      if (len > 1) {
        if (i + len > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < len; k++) {
          if (!tokMatches(p.toks[k]!, tokens[i + k]!.key)) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
      }
      const item = m.items[p.item]!;
      (byTopic ??= new Array(nTopics))[item.topic] ??= [];
      byTopic[item.topic]!.push({ item: p.item, s: i, e: i + len, rank: p.toks.every((t) => t.t === EXACT) && (len > 1 || p.toks[0]!.s === tok.key) ? 2 : 1 });
    }
    if (tok.parts !== null) {
      // Parts of a hyphenated word match single-token entries ("jeugd-overlast" → overlast).
      for (const part of tok.parts) {
        const pc = candidates(m, part);
        for (const p of pc) {
          if (p.toks.length !== 1) continue;
          const item = m.items[p.item]!;
          (byTopic ??= new Array(nTopics))[item.topic] ??= [];
          byTopic[item.topic]!.push({ item: p.item, s: i, e: i + 1, rank: 0 });
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

function scoreTopic(m: TopicMatcher, ti: number, hits: Hit[], tokens: readonly Token[], text: string, out: Record<string, number>, matches: TermMatch[]): void {
  const topic = m.topics[ti]!;
  // 0. Upper bound on the evidence (every term hit counted, every rule whose items all occur, near
  // and none ignored): most posts touch a topic with one weak word or one rule item, and then
  // nothing below needs to run or allocate.
  let bound = 0;
  let checked: number[] | null = null;
  for (const h of hits) {
    const it = m.items[h.item]!;
    if (it.role === ROLE_TERM) bound += it.weight;
    else if (it.role === ROLE_AUX) {
      const rs = topic.rulesByItem.get(h.item);
      if (rs === undefined) continue;
      for (const ri of rs) {
        if (checked !== null && checked.includes(ri)) continue;
        (checked ??= []).push(ri);
        const r = topic.rules[ri]!;
        let ok = true;
        for (const a of r.all) if (!hits.some((x) => x.item === a)) ok = false;
        if (ok && r.any.length > 0) ok = hits.some((x) => r.anySet.has(x.item));
        if (ok) bound += r.weight;
      }
    }
  }
  if (bound < topic.threshold) return;
  // 1. Excluded spans block every other hit of this topic on the same tokens.
  let blocked: Uint8Array | null = null;
  for (const h of hits) {
    if (m.items[h.item]!.role !== ROLE_EXCLUDE) continue;
    blocked ??= new Uint8Array(tokens.length);
    for (let k = h.s; k < h.e; k++) blocked[k] = 1;
  }
  const live = blocked === null ? hits : hits.filter((h) => !overlaps(blocked!, h));
  // 2. Occurrences of aux items (rule items, unless_near contexts).
  const occ = new Map<number, Hit[]>();
  for (const h of live) {
    if (m.items[h.item]!.role !== ROLE_AUX) continue;
    let l = occ.get(h.item);
    if (l === undefined) occ.set(h.item, (l = []));
    l.push(h);
  }
  // 3. Terms: longest match first, exact before wildcard, heavier first; each entry once.
  const terms = live.filter((h) => m.items[h.item]!.role === ROLE_TERM);
  terms.sort((a, b) => b.e - b.s - (a.e - a.s) || b.rank - a.rank || m.items[b.item]!.weight - m.items[a.item]!.weight || a.s - b.s);
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
  // 4. Rules: only those whose first required item occurred.
  let candidateRules: number[] | null = null;
  for (const item of occ.keys()) {
    const rs = topic.rulesByItem.get(item);
    if (rs !== undefined) candidateRules = candidateRules === null ? rs.slice() : candidateRules.concat(rs);
  }
  if (candidateRules !== null && candidateRules.length > 1) candidateRules = [...new Set(candidateRules)].sort((a, b) => a - b);
  for (const ri of candidateRules ?? []) {
    const r = topic.rules[ri]!;
    const span = ruleHolds(r, occ);
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
function ruleHolds(r: CompiledRule, occ: Map<number, Hit[]>): [number, number] | null {
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
  if (r.near === null) {
    let s = Infinity;
    let e = -Infinity;
    for (const g of groups) {
      s = Math.min(s, g[0]!.s);
      e = Math.max(e, g[0]!.e);
    }
    return [s, e];
  }
  const near = r.near;
  for (const g of groups) {
    for (const anchor of g) {
      const a = anchor.s;
      let s = a;
      let e = anchor.e;
      let ok = true;
      for (const g2 of groups) {
        const hit = g2.find((h) => h.s >= a && h.s - a <= near);
        if (hit === undefined) {
          ok = false;
          break;
        }
        s = Math.min(s, hit.s);
        e = Math.max(e, hit.e);
      }
      if (ok) return [s, e];
    }
  }
  return null;
}
