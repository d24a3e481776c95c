import { levelOfCode, parentCodeOf, gemeenteCodeOf } from './area-codes.js';
import type { AreaRecord, ResolvedArea } from './area-types.js';
import {
  ARTICLES,
  DISTRICT_WORDS,
  FUNCTION_WORDS,
  NOT_POSTCODE_LETTERS,
  PLACE_PREPOSITIONS,
  POSTCODE_CONTEXT,
  STREET_CONTEXT,
  WORDLIKE_POSTCODE_LETTERS,
} from './dutch-words.js';
import type { Gazetteer, GazetteerEntry, TrieNode } from './gazetteer.js';
import { tokenize } from './text-tokens.js';
import type { TextToken } from './text-tokens.js';

/** What is known about one post. */
export interface ResolveInput {
  text?: string | null;
  lat?: number | null;
  lon?: number | null;
  /** The municipality the source belongs to: a gemeente code ("GM0363"), gemeente or woonplaats name. */
  municipality?: string | null;
  /** Areas the source declares (always included, confidence 1); 'auto' or absent: resolve only. */
  sourceAreas?: readonly string[] | 'auto' | null;
}

/** Tuning for resolveAreas. */
export interface ResolveOptions {
  /** Leave out results below this confidence (default 0: keep all). */
  minConfidence?: number;
}

// Precedence of evidence: a code found several ways keeps the strongest kind.
const RANK = { source: 0, point: 1, postcode: 2, name: 3, street: 4, place: 5 } as const;
type EvidenceKind = keyof typeof RANK;

interface Found extends ResolvedArea {
  rank: number;
}

/**
 * Ties a post to areas, in order of precedence: the source's declared areas (confidence 1), the
 * point (point-in-polygon), postcodes in the text, neighbourhood names and aliases, street names,
 * and finally a bare city name. Names only count within the post's municipality (or a city named
 * right next to them, "de Jordaan in Amsterdam"); generic names such as "Noord" or "Centrum" need
 * strong context ("Amsterdam-Noord", "stadsdeel Noord", "in Noord" with a known municipality), and
 * names that are ordinary words ("de Pijp", "Plantage") must be capitalised. When in doubt it
 * returns nothing: precision over recall. Results hold the most specific areas found; use
 * expandToAncestors for their wijk and gemeente.
 *
 * @example
 * resolveAreas({ text: 'Overlast in de Pijp, 1072 AB', municipality: 'Amsterdam' }, gazetteer)
 * // → [{ code: 'WK0363KE', …, evidence: 'postcode 1072 AB' }, { code: 'WK0363KF', …, evidence: 'name de Pijp' }, …]
 */
export function resolveAreas(input: ResolveInput, gazetteer: Gazetteer, options: ResolveOptions = {}): ResolvedArea[] {
  const found = new Map<string, Found>();
  const add = (code: string, confidence: number, evidence: string, kind: EvidenceKind) => {
    const rank = RANK[kind];
    const existing = found.get(code);
    if (existing && (existing.rank < rank || (existing.rank === rank && existing.confidence >= confidence))) return;
    const area = gazetteer.areasByCode.get(code);
    const level = area?.level ?? levelOfCode(code);
    if (!level) return;
    found.set(code, {
      code,
      name: area?.name ?? gazetteer.gemeenteNames.get(code) ?? code,
      level,
      confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000,
      evidence,
      rank,
    });
  };

  if (Array.isArray(input.sourceAreas)) {
    for (const code of input.sourceAreas) add(code, 1, 'source', 'source');
  }

  const { lat, lon } = input;
  if (typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    const hits = gazetteer.index.locatePoint(lat, lon);
    const top = hits.filter((hit) => hit.level === hits[0]?.level);
    for (const hit of top) add(hit.code, 0.95 / top.length, `point ${formatCoordinate(lat)},${formatCoordinate(lon)}`, 'point');
  }

  if (input.text) {
    const given = input.municipality ? gazetteer.municipalityCodes(input.municipality) : [];
    // A municipality we do not know still rules out guessing one from the names alone.
    resolveText(input.text, given.length > 0 ? given : input.municipality ? ['?'] : [], gazetteer, add);
  }

  // A bare city name adds nothing when something more specific in that city was found.
  for (const [code, result] of found) {
    if (result.rank !== RANK.place) continue;
    for (const other of found.values()) {
      if (other !== result && gemeenteCodeOf(other.code) === code) {
        found.delete(code);
        break;
      }
    }
  }

  const minConfidence = options.minConfidence ?? 0;
  return [...found.values()]
    .filter((result) => result.confidence >= minConfidence)
    .sort((a, b) => a.rank - b.rank || b.confidence - a.confidence || a.code.localeCompare(b.code))
    .map(({ rank: _rank, ...result }) => result);
}

/**
 * The codes plus every ancestor (a buurt's wijk and gemeente, a wijk's gemeente), each once, the
 * given codes first. Parents come from the records, or from the code itself when a record is missing.
 */
export function expandToAncestors(codes: readonly string[], areasByCode: ReadonlyMap<string, AreaRecord>): string[] {
  const out = new Set<string>(codes);
  for (const code of codes) {
    let parent = areasByCode.get(code)?.parentCode ?? parentCodeOf(code);
    for (let hops = 0; parent && hops < 4; hops++) {
      out.add(parent);
      parent = areasByCode.get(parent)?.parentCode ?? parentCodeOf(parent);
    }
  }
  return [...out];
}

function formatCoordinate(value: number): string {
  const [whole, decimals = ''] = value.toFixed(5).replace(/0+$/, '').split('.');
  return `${whole}.${decimals.padEnd(2, '0')}`;
}

interface Candidate {
  start: number;
  /** Exclusive. */
  end: number;
  node: TrieNode;
}

interface PlaceMention {
  start: number;
  end: number;
  gemeenten: Set<string>;
}

interface Accepted {
  start: number;
  end: number;
  spanStart: number;
  entries: { entry: GazetteerEntry; factor: number }[];
}

type Add = (code: string, confidence: number, evidence: string, kind: EvidenceKind) => void;

function resolveText(text: string, given: readonly string[], gazetteer: Gazetteer, add: Add): void {
  const tokens = tokenize(text);
  if (tokens.length === 0) return;
  const root = gazetteer.trie.next;

  // Every phrase the trie knows, longest and shortest alike; overlaps are settled later.
  const candidates: Candidate[] = [];
  if (root) {
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i]!;
      if (first.ignore) continue;
      let node = root.get(first.text);
      let j = i + 1;
      while (node) {
        if (node.entries) candidates.push({ start: i, end: j, node });
        if (j >= tokens.length || !node.next) break;
        const next = tokens[j]!;
        if (next.ignore || next.sentenceStart) break;
        node = node.next.get(next.text);
        j++;
      }
    }
  }

  // Cities named in the text: context for everything else.
  const places: PlaceMention[] = [];
  const mentioned = new Set<string>();
  for (const candidate of candidates) {
    const placeEntries = candidate.node.entries!.filter((entry) => entry.kind === 'place');
    if (placeEntries.length === 0 || !contentCapitalized(tokens, candidate.start, candidate.end, true)) continue;
    const gemeenten = new Set(placeEntries.map((entry) => entry.gemeenteCode));
    // "Weesp" is a woonplaats and, since 2022, part of Amsterdam: names on the same words count too.
    for (const entry of candidate.node.entries!) if (entry.kind === 'name' || entry.kind === 'alias') gemeenten.add(entry.gemeenteCode);
    places.push({ start: candidate.start, end: candidate.end, gemeenten });
    // "Spui" is a street here and a village in Zeeland: words that name something in the post's own
    // municipality do not count as a mention of another city.
    const ours = candidate.node.entries!.some((entry) => entry.kind !== 'place' && given.includes(entry.gemeenteCode));
    if (!ours) for (const code of gemeenten) mentioned.add(code);
  }

  const context = new TextContext(text, tokens, places, given, mentioned);
  findPostcodes(tokens, text, context, gazetteer, add);

  // Judge each phrase's meanings in context, then keep the longest non-overlapping phrases.
  const accepted: Accepted[] = [];
  const judged = candidates
    .map((candidate) => judge(candidate, tokens, context))
    .filter((result): result is Accepted => result !== null)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Uint8Array(tokens.length);
  for (const result of judged) {
    let free = true;
    for (let k = result.start; k < result.end; k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = result.start; k < result.end; k++) taken[k] = 1;
    accepted.push(result);
  }

  // "Centrumeiland op IJburg", "De Klomp in Weesp", "(Amsterdam-West)": a name that only says
  // where the previous one lies adds nothing but its ancestors, so it is not reported itself.
  accepted.sort((a, b) => a.start - b.start);
  const qualifiers = new Set<Accepted>();
  for (let n = 1; n < accepted.length; n++) {
    const inner = accepted[n - 1]!;
    const outer = accepted[n]!;
    const connector = tokens[inner.end];
    const linked =
      (outer.spanStart === inner.end && /^\s*[,(]\s*$/.test(context.gap(inner.end - 1, inner.end))) ||
      (outer.spanStart === inner.end + 1 && connector !== undefined && QUALIFIER_WORDS.has(connector.text));
    if (!linked) continue;
    const outerTargets = outer.entries.flatMap(({ entry }) => entry.targets);
    const innerTargets = inner.entries.flatMap(({ entry }) => entry.targets);
    const contained = innerTargets.every((code) => {
      const lineage = expandToAncestors([code], gazetteer.areasByCode);
      return outerTargets.some((target) => lineage.includes(target));
    });
    if (contained) qualifiers.add(outer);
  }

  for (const result of accepted) {
    if (qualifiers.has(result)) continue;
    const evidence = text.slice(tokens[result.spanStart]!.start, tokens[result.end - 1]!.end);
    for (const { entry, factor } of result.entries) {
      const kind: EvidenceKind = entry.kind === 'street' ? 'street' : 'name';
      for (const code of entry.targets) add(code, entry.confidence * factor, `${kind} ${evidence}`, kind);
    }
  }

  for (const place of places) {
    let free = true;
    for (let k = place.start; k < place.end; k++) if (taken[k]) free = false;
    if (!free) continue;
    const evidence = text.slice(tokens[place.start]!.start, tokens[place.end - 1]!.end);
    for (const code of place.gemeenten) {
      if (gazetteer.knownGemeenten.has(code)) add(code, place.gemeenten.size === 1 ? 0.9 : 0.6, `place ${evidence}`, 'place');
    }
  }
}

/** Everything about the text a meaning is judged against. */
class TextContext {
  constructor(
    readonly text: string,
    readonly tokens: TextToken[],
    readonly places: PlaceMention[],
    readonly given: readonly string[],
    readonly mentioned: ReadonlySet<string>,
  ) {}

  /** A city named directly before token `start` ("Amsterdam-Noord", "Amsterdam Noord"). */
  placeBefore(start: number): PlaceMention | null {
    for (const place of this.places) {
      if (place.end === start && /^[\s-]?$/.test(this.gap(start - 1, start))) return place;
    }
    return null;
  }

  /** A city named right after a phrase ending before token `end`: "… in Haarlem", "…, Haarlem", "… (Haarlem)". */
  placeAfter(end: number): PlaceMention | null {
    const next = this.tokens[end];
    if (!next) return null;
    let at = end;
    if (next.text === 'in' || next.text === 'te') at = end + 1;
    else if (!/^\s*[,(]\s*$/.test(this.gap(end - 1, end))) return null;
    for (const place of this.places) if (place.start === at) return place;
    return null;
  }

  /** The text between token a and token b (a < b). */
  gap(a: number, b: number): string {
    const left = this.tokens[a];
    const right = this.tokens[b];
    if (!left || !right) return '';
    return this.text.slice(left.end, right.start);
  }

  /**
   * How much a meaning in gemeente `g` is to be trusted given the municipality: 1 inside the post's
   * municipality or next to its city's name, 0.9 when the text names only that city, null otherwise.
   */
  municipalityFactor(g: string, start: number, end: number): number | null {
    const after = this.placeAfter(end);
    if (after) return after.gemeenten.has(g) ? 1 : null;
    if (this.placeBefore(start)?.gemeenten.has(g)) return 1;
    if (this.given.includes(g)) return 1;
    if (this.given.length === 0 && this.mentioned.size === 1 && this.mentioned.has(g)) return 0.9;
    return null;
  }
}

function judge(candidate: Candidate, tokens: TextToken[], context: TextContext): Accepted | null {
  const { start, end, node } = candidate;
  const articleBefore = start > 0 && ARTICLES.has(tokens[start - 1]!.text) && !tokens[start]!.sentenceStart;
  const effectiveSentenceStart = articleBefore ? tokens[start - 1]!.sentenceStart : tokens[start]!.sentenceStart;
  const valid: { entry: GazetteerEntry; factor: number; spanStart: number }[] = [];

  for (const entry of node.entries!) {
    if (entry.kind === 'place') continue;
    let spanStart = articleBefore ? start - 1 : start;
    let factor = context.municipalityFactor(entry.gemeenteCode, start, end);

    if (entry.weak) {
      if (!contentCapitalized(tokens, start, end, true)) continue;
      const next = tokens[end];
      // "Noord-Holland", "Zuid Afrika": the generic word is part of a longer proper name.
      if (next && (next.hyphenBefore || (next.capitalized && !next.sentenceStart && !FUNCTION_WORDS.has(next.text)))) continue;
      const placeBefore = context.placeBefore(start);
      if (placeBefore?.gemeenten.has(entry.gemeenteCode)) {
        spanStart = placeBefore.start;
        factor = 1;
      } else if (tokens[start]!.hyphenBefore) {
        continue; // "Oost" in "Noord-Oost-Groningen" and the like
      } else if (entry.singleToken) {
        const previous = tokens[articleBefore ? start - 2 : start - 1];
        const strong =
          previous !== undefined &&
          !tokens[start]!.sentenceStart &&
          (DISTRICT_WORDS.has(previous.text) || PLACE_PREPOSITIONS.has(previous.text));
        // "in Noord" only within the post's own municipality (or a city named right after).
        if (!strong || factor !== 1) continue;
        if (DISTRICT_WORDS.has(previous.text)) spanStart = start - 1;
      } else if (factor === null) {
        continue; // several generic words ("Nieuw-West") need the municipality, or the one city named
      }
      valid.push({ entry, factor: factor * 0.85, spanStart });
      continue;
    }

    if (entry.needsCapital) {
      const content = contentTokens(tokens, start, end);
      const first = content[0];
      if (first === undefined || !tokens[first]!.capitalized) continue;
      if (effectiveSentenceStart && first === start && !articleBefore) {
        // At the start of a sentence a capital proves nothing: one word is out, more need a second
        // capital or a number ("Gein 3").
        const second = content[1];
        const numbered = end - start > content.length && /^\d/.test(tokens[end - 1]!.text);
        if (!numbered && (second === undefined || !tokens[second]!.capitalized)) continue;
      }
    }

    if (entry.kind === 'street') {
      if (factor === null) continue;
      // Street names are proper nouns: "de middenweg" and "na overleg" are words, "de Middenweg" a street.
      if (!contentCapitalized(tokens, start, end, false)) continue;
      // Most street names recur in many towns: a text about another city only ("In Utrecht is de
      // Kanaalstraat …") does not get our city's street unless the city is named right next to it.
      if (context.mentioned.size > 0 && !context.mentioned.has(entry.gemeenteCode) && !context.placeAfter(end) && !context.placeBefore(start)) continue;
      if (entry.streetNeedsContext) {
        const word = tokens[start]!;
        const previous = tokens[start - 1];
        const next = tokens[end];
        const houseNumber = next !== undefined && /^\d{1,4}[a-z]?$/.test(next.text) && !next.sentenceStart;
        if (!word.capitalized || effectiveSentenceStart) continue;
        if (!houseNumber && !(previous && STREET_CONTEXT.has(previous.text))) continue;
      }
      valid.push({ entry, factor, spanStart });
      continue;
    }

    if (factor === null && context.given.length === 0 && context.mentioned.size === 0 && node.soleGemeente === entry.gemeenteCode) {
      factor = 0.6; // no municipality anywhere, but only one place in the gazetteer has this name
    }
    if (factor === null) continue;
    valid.push({ entry, factor, spanStart });
  }
  if (valid.length === 0) return null;

  // Areas win over streets of the same name; then the best-supported gemeente; a tie is ambiguity.
  const areas = valid.filter((item) => item.entry.kind !== 'street');
  const pool = areas.length > 0 ? areas : valid;
  const bestFactor = Math.max(...pool.map((item) => item.factor));
  const best = pool.filter((item) => item.factor === bestFactor);
  const gemeenten = new Set(best.map((item) => item.entry.gemeenteCode));
  if (gemeenten.size > 1) return null;
  return {
    start,
    end,
    spanStart: Math.min(...best.map((item) => item.spanStart)),
    entries: best.map(({ entry, factor }) => ({ entry, factor })),
  };
}

function contentTokens(tokens: TextToken[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let k = start; k < end; k++) if (!FUNCTION_WORDS.has(tokens[k]!.text) && !/^\d+$/.test(tokens[k]!.text)) out.push(k);
  return out;
}

/** Every content word capitalised (and, with `all`, not just the first). */
function contentCapitalized(tokens: TextToken[], start: number, end: number, all: boolean): boolean {
  const content = contentTokens(tokens, start, end);
  if (content.length === 0) return tokens[start]!.capitalized;
  return all ? content.every((k) => tokens[k]!.capitalized) : tokens[content[0]!]!.capitalized;
}

const QUALIFIER_WORDS: ReadonlySet<string> = new Set(['in', 'op', 'te', 'bij']);
const PC4 = /^[1-9]\d{3}$/;
const PC6_GLUED = /^[1-9]\d{3}[a-z]{2}$/;
const LETTERS = /^[a-z]{2}$/;

/** Postcodes in the text: PC6 in both spellings ("1031 AB", "1031AB"); a PC4 alone only with context. */
function findPostcodes(tokens: TextToken[], text: string, context: TextContext, gazetteer: Gazetteer, add: Add): void {
  if (gazetteer.postcodes.size === 0) return;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.ignore || token.text.length < 4 || token.text.length > 6) continue;
    const code = token.text.charCodeAt(0);
    if (code < 49 || code > 57) continue;

    let pc4: string;
    let letters: string | null = null;
    let endToken = k;
    if (PC6_GLUED.test(token.text)) {
      pc4 = token.text.slice(0, 4);
      const written = text.slice(token.start + 4, token.end);
      letters = written.toUpperCase();
      if (written !== letters && !hasPostcodeWord(tokens, k)) continue; // "1990er", "2000km": not postcodes
    } else if (PC4.test(token.text)) {
      pc4 = token.text;
      const next = tokens[k + 1];
      if (next && LETTERS.test(next.text) && /^ ?$/.test(context.gap(k, k + 1))) {
        const written = text.slice(next.start, next.end);
        if (written === written.toUpperCase()) {
          letters = written;
          endToken = k + 1;
        }
      }
    } else continue;

    if (letters !== null) {
      if (NOT_POSTCODE_LETTERS.has(letters)) continue;
      if (WORDLIKE_POSTCODE_LETTERS.has(letters) && !hasPostcodeWord(tokens, k) && !context.placeAfter(endToken + 1) && !placeAt(context, endToken + 1) && endToken + 1 < tokens.length && !tokens[endToken + 1]!.sentenceStart) {
        continue;
      }
    }

    const target = gazetteer.postcodes.get(letters ? pc4 + letters : pc4) ?? gazetteer.postcodes.get(pc4);
    if (!target) continue;
    if (letters === null) {
      // A lone 4-digit number is a postcode only after "postcode" or before its own city ("1102 Amsterdam").
      const city = placeAt(context, k + 1);
      const cityMatches = city !== null && city.gemeenten.has(gemeenteCodeOf(target.code) ?? '');
      if (!hasPostcodeWord(tokens, k) && !cityMatches) continue;
    }
    const evidence = text.slice(token.start, tokens[endToken]!.end);
    add(target.code, Math.min(0.95, target.share), `postcode ${evidence}`, 'postcode');
    k = endToken;
  }
}

function placeAt(context: TextContext, at: number): PlaceMention | null {
  for (const place of context.places) if (place.start === at) return place;
  return null;
}

/** "postcode 1102", "postcodes 1102, 1103 en 1104". */
function hasPostcodeWord(tokens: TextToken[], k: number): boolean {
  for (let back = k - 1, steps = 0; back >= 0 && steps < 8; back--, steps++) {
    const word = tokens[back]!.text;
    if (POSTCODE_CONTEXT.has(word)) return true;
    if (/^[1-9]\d{3}([a-z]{2})?$/.test(word) || /^[a-z]{2}$/.test(word) || word === 'en' || word === 'of' || word === 'tot' || word === 'm' || word === 't') continue;
    return false;
  }
  return false;
}
