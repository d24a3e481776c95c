import { gemeenteCodeOf, levelOfCode, parentCodeOf } from './area-codes.js';
import { buildAreaIndex } from './area-index.js';
import type { AreaIndex } from './area-index.js';
import type { AreaRecord, PlaceRecord, PostcodeRecord, StreetRecord } from './area-types.js';
import { ARTICLES, COMMON_WORDS, FUNCTION_WORDS, STEM_SUFFIXES, WEAK_WORDS } from './dutch-words.js';
import { foldWords } from './text-tokens.js';

/** An extra name for one or more areas ("de Pijp" → the three Pijp wijken). */
export interface AreaAlias {
  alias: string;
  codes: readonly string[];
}

/** Everything the text and point resolver can use; only `areas` is required. */
export interface GazetteerInput {
  areas: readonly AreaRecord[];
  streets?: readonly StreetRecord[];
  postcodes?: readonly PostcodeRecord[];
  /** Woonplaatsen and gemeente names, to recognise "in Haarlem" and "1102 Amsterdam". */
  places?: readonly PlaceRecord[];
  /** Extra aliases on top of the areas' own (e.g. AMSTERDAM_ALIASES); they win over derived names. */
  aliases?: readonly AreaAlias[];
  /** A postcode points at one area only if that area holds at least this share of it (default 0.5). */
  postcodeMinShare?: number;
}

/** How a name entered the gazetteer; earlier kinds win when one text names several things. */
export type EntryKind = 'name' | 'alias' | 'derived' | 'street' | 'place';

/** One thing a matched phrase can mean, within one gemeente. */
export interface GazetteerEntry {
  kind: EntryKind;
  gemeenteCode: string;
  /** Area codes the phrase stands for (a gemeente code for a place or an unplaced street). */
  targets: readonly string[];
  /** The name as written in the source data. */
  label: string;
  /** Base confidence before context is weighed. */
  confidence: number;
  /** Made only of generic words ("Noord", "Nieuw-West"): needs strong context. */
  weak: boolean;
  /** Made only of ordinary words ("de Pijp", "Plantage"): must be capitalised in the text. */
  needsCapital: boolean;
  /** One content word after dropping the article. */
  singleToken: boolean;
  /** A one-word street without a street suffix ("Dam", "Overleg"): needs "op de …" or a house number. */
  streetNeedsContext: boolean;
}

/** A node of the word trie over all gazetteer names. */
export interface TrieNode {
  next: Map<string, TrieNode> | null;
  entries: GazetteerEntry[] | null;
  /** The one gemeente every entry here belongs to, or null when they span several. */
  soleGemeente: string | null;
}

/** Where a postcode points: the most specific area holding at least the minimum share. */
export interface PostcodeTarget {
  code: string;
  share: number;
}

/** The built gazetteer: areas, point index, name trie and postcode table. Build once, share. */
export interface Gazetteer {
  readonly areasByCode: ReadonlyMap<string, AreaRecord>;
  readonly index: AreaIndex;
  readonly trie: TrieNode;
  readonly postcodes: ReadonlyMap<string, PostcodeTarget>;
  /** Gemeente code → name, from areas, places and postcode files. */
  readonly gemeenteNames: ReadonlyMap<string, string>;
  /** Gemeenten that have at least one area in the gazetteer. */
  readonly knownGemeenten: ReadonlySet<string>;
  /** Gemeente codes for a municipality given as code ("GM0363"), gemeente name or woonplaats. */
  municipalityCodes(value: string): readonly string[];
  readonly stats: { areas: number; indexed: number; names: number; streets: number; postcodes: number; places: number; skippedStreets: number };
}

const PRIORITY: Record<'name' | 'input' | 'alias' | 'derived', number> = { name: 4, input: 3, alias: 2, derived: 1 };
const BASE_CONFIDENCE: Record<number, number> = { 4: 0.9, 3: 0.85, 2: 0.8, 1: 0.75 };
const STREET_SUFFIX =
  /(straat|straatje|gracht|grachtje|plein|pleintje|kade|weg|laan|laantje|dijk|pad|hof|hofje|park|singel|steeg|stegen|dreef|plantsoen|markt|brug|burgwal|kanaal|wal|sloot|veld|baan|pier|boulevard|dam|gang|tuin|poort|zijde|wetering|erf|ring|tunnel|oever|haven|vaart|dok|werf|straatweg|allee|promenade|schans|kering|passage|hoek|eiland|lei|kwartier)$/;
// Streets a "…buurt" is typically named after ("Gerard Doubuurt" ← Gerard Doustraat/-plein).
const NAMED_STREET_SUFFIXES = ['straat', 'plein', 'laan', 'kade', 'gracht', 'weg', 'plantsoen'];
const PLACEHOLDER_NAME = /^(wijk|buurt)\s*\d+\b\s*/i;

/**
 * Builds the gazetteer once from imported records: a word trie over area names, aliases (with
 * derived forms such as "Rembrandtplein" from "Rembrandtplein e.o." and "IJburg" from
 * "IJburg-West/-Oost/-Zuid"), streets and places, a point-in-polygon index and the postcode table.
 *
 * @example
 * const gazetteer = buildGazetteer({ areas, streets, postcodes, aliases: AMSTERDAM_ALIASES });
 * resolveAreas({ text: 'Brand in de Pijp', municipality: 'Amsterdam' }, gazetteer);
 */
export function buildGazetteer(input: GazetteerInput): Gazetteer {
  const areasByCode = new Map<string, AreaRecord>();
  for (const area of input.areas) areasByCode.set(area.code, area);
  const children = new Map<string, Set<string>>();
  for (const area of areasByCode.values()) {
    const parent = area.parentCode ?? parentCodeOf(area.code);
    if (!parent) continue;
    let set = children.get(parent);
    if (!set) children.set(parent, (set = new Set()));
    set.add(area.code);
  }
  const knownGemeenten = new Set<string>();
  for (const area of areasByCode.values()) {
    const gemeente = area.gemeenteCode ?? gemeenteCodeOf(area.code);
    if (gemeente) knownGemeenten.add(gemeente);
  }

  const gemeenteNames = collectGemeenteNames(input, areasByCode);
  const trie: TrieNode = { next: null, entries: null, soleGemeente: null };
  const stats = { areas: areasByCode.size, indexed: 0, names: 0, streets: 0, postcodes: 0, places: 0, skippedStreets: 0 };

  // --- area names and aliases: per (key, gemeente) keep the highest-priority meaning ---
  const names = new NameCollector();
  for (const area of areasByCode.values()) {
    const gemeente = area.gemeenteCode ?? gemeenteCodeOf(area.code);
    if (!gemeente) continue;
    const placeholder = PLACEHOLDER_NAME.exec(area.name);
    if (area.level === 'gemeente') {
      // A gemeente's name is a place (see below): it sets context and is the weakest evidence.
      for (const alias of area.aliases) names.add(alias, gemeente, PRIORITY.alias, [area.code]);
      continue;
    } else if (placeholder) {
      const rest = area.name.slice(placeholder[0].length);
      if (rest) names.add(rest, gemeente, PRIORITY.derived, [area.code]);
    } else if (area.name !== area.code) {
      names.add(area.name, gemeente, PRIORITY.name, [area.code]);
      for (const derived of derivedForms(area.name, area.level === 'wijk')) names.add(derived, gemeente, PRIORITY.derived, [area.code]);
    }
    for (const alias of area.aliases) {
      names.add(alias, gemeente, PRIORITY.alias, [area.code]);
      for (const derived of derivedForms(alias, false)) names.add(derived, gemeente, PRIORITY.derived, [area.code]);
    }
  }
  for (const alias of input.aliases ?? []) {
    const byGemeente = new Map<string, string[]>();
    for (const code of alias.codes) {
      const gemeente = areasByCode.get(code)?.gemeenteCode ?? gemeenteCodeOf(code);
      if (!gemeente || !areasByCode.has(code)) continue;
      byGemeente.set(gemeente, [...(byGemeente.get(gemeente) ?? []), code]);
    }
    for (const [gemeente, codes] of byGemeente) names.add(alias.alias, gemeente, PRIORITY.input, codes);
  }
  for (const meaning of names.meanings()) {
    const targets = collapse(meaning.codes, areasByCode, children);
    // Two different areas with the very same name: we cannot tell which one, so we say neither.
    if (meaning.priority === PRIORITY.name && targets.length > 1) continue;
    insert(trie, meaning.words, {
      kind: meaning.priority === PRIORITY.name ? 'name' : meaning.priority === PRIORITY.derived ? 'derived' : 'alias',
      gemeenteCode: meaning.gemeente,
      targets,
      label: meaning.label,
      confidence: round(BASE_CONFIDENCE[meaning.priority]! * groupFactor(targets.length)),
      ...wordFlags(meaning.words),
      streetNeedsContext: false,
    });
    stats.names++;
  }

  // --- streets: tied to an area by code, by point, or by a buurt named after them ---
  const index = buildAreaIndex([...areasByCode.values()]);
  stats.indexed = index.size;
  const gemeenteByName = keyIndex(gemeenteNames);
  const placeGemeenten = new Map<string, Set<string>>();
  for (const place of input.places ?? []) addTo(placeGemeenten, foldWords(place.name).join(' '), place.gemeenteCode);
  const streetLinks = streetLinksFromAreaNames(areasByCode);
  const streets = new Map<string, { words: string[]; gemeente: string; label: string; codes: Set<string>; byName: boolean; located: boolean }>();
  for (const street of input.streets ?? []) {
    const gemeente =
      street.gemeenteCode ??
      (street.municipality && levelOfCode(street.municipality.trim().toUpperCase()) === 'gemeente' ? street.municipality.trim().toUpperCase() : null) ??
      single(gemeenteByName.get(foldWords(street.municipality ?? '').join(' '))) ??
      single(placeGemeenten.get(foldWords(street.woonplaats ?? '').join(' ')));
    const words = stripArticle(foldWords(street.name));
    if (!gemeente || words.length === 0) {
      stats.skippedStreets++;
      continue;
    }
    const key = `${words.join(' ')}|${gemeente}`;
    let entry = streets.get(key);
    if (!entry) streets.set(key, (entry = { words, gemeente, label: street.name, codes: new Set(), byName: false, located: false }));
    if (street.areaCode && areasByCode.has(street.areaCode)) {
      entry.codes.add(street.areaCode);
      entry.located = true;
    } else if (street.lat !== null && street.lon !== null) {
      const hit = index.locatePoint(street.lat, street.lon).find((area) => area.gemeenteCode === gemeente);
      if (hit) {
        entry.codes.add(hit.code);
        entry.located = true;
      }
    }
  }
  for (const entry of streets.values()) {
    if (!entry.located) {
      for (const code of streetLinks.get(`${entry.words.join(' ')}|${entry.gemeente}`) ?? []) {
        entry.codes.add(code);
        entry.byName = true;
      }
    }
    let targets = collapse([...entry.codes], areasByCode, children);
    if (targets.length > 3) targets = [commonAncestor(targets, areasByCode) ?? entry.gemeente];
    const linked = targets.length > 0;
    insert(trie, entry.words, {
      kind: 'street',
      gemeenteCode: entry.gemeente,
      targets: linked ? targets : [entry.gemeente],
      label: entry.label,
      confidence: linked ? round((entry.byName ? 0.6 : 0.75) * groupFactor(targets.length)) : 0.8,
      ...wordFlags(entry.words),
      streetNeedsContext: entry.words.filter((word) => !FUNCTION_WORDS.has(word)).length === 1 && !hasStreetSuffix(entry.words[entry.words.length - 1]!),
    });
    stats.streets++;
  }

  // --- places: woonplaatsen and gemeente names, for "in Haarlem" and "Amsterdam-Noord" ---
  const placeEntries = new Map<string, { words: string[]; gemeente: string; label: string }>();
  const addPlace = (name: string, gemeente: string) => {
    const words = foldWords(name);
    if (words.length === 0) return;
    const key = `${words.join(' ')}|${gemeente}`;
    if (!placeEntries.has(key)) placeEntries.set(key, { words, gemeente, label: name });
  };
  for (const [code, name] of gemeenteNames) addPlace(name, code);
  for (const place of input.places ?? []) addPlace(place.name, place.gemeenteCode);
  for (const place of placeEntries.values()) {
    insert(trie, place.words, {
      kind: 'place',
      gemeenteCode: place.gemeente,
      targets: [place.gemeente],
      label: place.label,
      confidence: 0.9,
      weak: false,
      needsCapital: true,
      singleToken: place.words.length === 1,
      streetNeedsContext: false,
    });
    stats.places++;
  }
  markSoleGemeente(trie);

  // --- postcodes ---
  const postcodes = buildPostcodeTable(input.postcodes ?? [], areasByCode, knownGemeenten, input.postcodeMinShare ?? 0.5);
  stats.postcodes = postcodes.size;

  const municipalityCache = new Map<string, readonly string[]>();
  const placesByKey = new Map<string, Set<string>>();
  for (const place of placeEntries.values()) addTo(placesByKey, place.words.join(' '), place.gemeente);

  return {
    areasByCode,
    index,
    trie,
    postcodes,
    gemeenteNames,
    knownGemeenten,
    stats,
    municipalityCodes(value: string): readonly string[] {
      let codes = municipalityCache.get(value);
      if (codes) return codes;
      const trimmed = value.trim().toUpperCase();
      if (/^GM\d{4}$/.test(trimmed)) codes = [trimmed];
      else {
        const key = foldWords(value).join(' ');
        codes = [...(gemeenteByName.get(key) ?? placesByKey.get(key) ?? [])];
      }
      municipalityCache.set(value, codes);
      return codes;
    },
  };
}

/** Gathers (words, gemeente) → meaning, keeping only the highest priority seen. */
class NameCollector {
  private readonly byKey = new Map<string, { words: string[]; gemeente: string; priority: number; codes: Set<string>; label: string }>();

  add(name: string, gemeente: string, priority: number, codes: readonly string[]): void {
    const words = stripArticle(foldWords(name));
    if (words.length === 0 || words.every((word) => FUNCTION_WORDS.has(word))) return;
    const key = `${words.join(' ')}|${gemeente}`;
    const existing = this.byKey.get(key);
    if (!existing || existing.priority < priority) {
      this.byKey.set(key, { words, gemeente, priority, codes: new Set(codes), label: name });
    } else if (existing.priority === priority) {
      for (const code of codes) existing.codes.add(code);
    }
  }

  meanings() {
    return [...this.byKey.values()].map((meaning) => ({ ...meaning, codes: [...meaning.codes] }));
  }
}

/**
 * Other forms people write for a name: without "e.o." ("Rembrandtplein e.o."), without a direction
 * or number suffix ("Spaarndammerbuurt-Noordwest" → "Spaarndammerbuurt", "Gein 1" → "Gein") and, for
 * wijk names, each part of a slashed name ("Amstel III/Bullewijk" → "Bullewijk").
 */
export function derivedForms(name: string, splitSlashes: boolean): string[] {
  const out: string[] = [];
  const trimmed = name.trim();
  const withoutEo = trimmed.replace(/\s+e\.\s*o\.?$/i, '');
  if (withoutEo !== trimmed) out.push(withoutEo);
  const stem = stripSuffixes(withoutEo);
  if (stem && stem !== withoutEo) out.push(stem);
  if (splitSlashes && trimmed.includes('/')) {
    for (const part of trimmed.split('/')) {
      const clean = part.trim();
      if (clean && clean !== trimmed) out.push(clean, ...derivedForms(clean, false));
    }
  }
  // A stem that is only generic words ("Centrum" from "Centrum-West") names nothing in particular.
  return out.filter((form) => {
    const words = stripArticle(foldWords(form)).filter((word) => !FUNCTION_WORDS.has(word));
    return words.length > 0 && !words.every((word) => WEAK_WORDS.has(word) || STEM_SUFFIXES.has(word));
  });
}

function stripSuffixes(name: string): string | null {
  // Work on the written form so the label stays readable: drop trailing "-Noord", " 2", " II", …
  let current = name;
  for (;;) {
    const match = /[\s-]+([\p{L}\p{N}]+)$/u.exec(current);
    if (!match) break;
    const word = foldWords(match[1]!).join('');
    if (!STEM_SUFFIXES.has(word)) break;
    current = current.slice(0, match.index);
  }
  return current === name ? null : current;
}

/** "Kerkstraat" has a street suffix; "Dam" and "Rokin" do not (a suffix needs something before it). */
function hasStreetSuffix(word: string): boolean {
  const match = STREET_SUFFIX.exec(word);
  return match !== null && match.index > 0;
}

function stripArticle(words: string[]): string[] {
  return words.length > 1 && ARTICLES.has(words[0]!) ? words.slice(1) : words;
}

function wordFlags(words: readonly string[]): Pick<GazetteerEntry, 'weak' | 'needsCapital' | 'singleToken'> {
  const content = words.filter((word) => !FUNCTION_WORDS.has(word) && !/^\d+$/.test(word));
  const generic = content.length === 0 ? words : content;
  const weak = generic.every((word) => WEAK_WORDS.has(word));
  const needsCapital = weak || generic.every((word) => WEAK_WORDS.has(word) || COMMON_WORDS.has(word) || word.length === 1);
  return { weak, needsCapital, singleToken: content.length <= 1 };
}

function groupFactor(size: number): number {
  if (size <= 1) return 1;
  if (size <= 3) return 0.85;
  if (size <= 8) return 0.75;
  return 0.65;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function insert(trie: TrieNode, words: readonly string[], entry: GazetteerEntry): void {
  let node = trie;
  for (const word of words) {
    node.next ??= new Map();
    let child = node.next.get(word);
    if (!child) node.next.set(word, (child = { next: null, entries: null, soleGemeente: null }));
    node = child;
  }
  (node.entries ??= []).push(entry);
}

function markSoleGemeente(node: TrieNode): void {
  if (node.entries) {
    const gemeenten = new Set(node.entries.map((entry) => entry.gemeenteCode));
    node.soleGemeente = gemeenten.size === 1 ? node.entries[0]!.gemeenteCode : null;
  }
  if (node.next) for (const child of node.next.values()) markSoleGemeente(child);
}

/**
 * Reduces a set of area codes to what it covers: codes inside another code of the set are dropped,
 * and a complete set of a parent's children becomes the parent (all buurten of a wijk → the wijk).
 */
export function collapse(codes: readonly string[], areasByCode: ReadonlyMap<string, AreaRecord>, children: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  let set = new Set(codes);
  // One area stays itself, even when it is its parent's only child.
  if (set.size <= 1) return [...set];
  for (let round = 0; round < 3; round++) {
    const parents = new Set<string>();
    for (const code of set) {
      const parent = areasByCode.get(code)?.parentCode ?? parentCodeOf(code);
      if (parent && areasByCode.has(parent)) parents.add(parent);
    }
    let changed = false;
    for (const parent of parents) {
      const kids = children.get(parent);
      if (kids && kids.size > 0 && [...kids].every((kid) => set.has(kid))) {
        for (const kid of kids) set.delete(kid);
        set.add(parent);
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Drop codes whose ancestor is also in the set.
  const out = [...set].filter((code) => {
    let parent = areasByCode.get(code)?.parentCode ?? parentCodeOf(code);
    for (let hops = 0; parent && hops < 4; hops++) {
      if (set.has(parent)) return false;
      parent = areasByCode.get(parent)?.parentCode ?? parentCodeOf(parent);
    }
    return true;
  });
  set = new Set(out);
  return [...set].sort();
}

function commonAncestor(codes: readonly string[], areasByCode: ReadonlyMap<string, AreaRecord>): string | null {
  const chains = codes.map((code) => {
    const chain: string[] = [];
    let current: string | null = code;
    for (let hops = 0; current && hops < 4; hops++) {
      chain.push(current);
      current = areasByCode.get(current)?.parentCode ?? parentCodeOf(current);
    }
    return chain;
  });
  const [first, ...rest] = chains;
  for (const candidate of first ?? []) {
    if (rest.every((chain) => chain.includes(candidate))) return candidate;
  }
  return null;
}

/** Street keys implied by buurt names: "Vijzelstraatbuurt" → vijzelstraat, "Stationsplein e.o." → stationsplein. */
function streetLinksFromAreaNames(areasByCode: ReadonlyMap<string, AreaRecord>): Map<string, string[]> {
  const links = new Map<string, string[]>();
  const add = (words: string[], gemeente: string, code: string) => {
    if (words.length === 0) return;
    const key = `${words.join(' ')}|${gemeente}`;
    links.set(key, [...(links.get(key) ?? []), code]);
  };
  for (const area of areasByCode.values()) {
    if (area.level === 'gemeente' || !area.gemeenteCode) continue;
    const base = stripSuffixes(area.name.replace(/\s+e\.\s*o\.?$/i, '')) ?? area.name.replace(/\s+e\.\s*o\.?$/i, '');
    const words = stripArticle(foldWords(base));
    const last = words[words.length - 1];
    if (/\se\.\s*o\.?$/i.test(area.name)) add(words, area.gemeenteCode, area.code);
    if (last && last.endsWith('buurt') && last.length >= 'buurt'.length + 3) {
      const stem = [...words.slice(0, -1), last.slice(0, -'buurt'.length)];
      add(stem, area.gemeenteCode, area.code);
      // "Frans Halsbuurt" is named after the Frans Halsstraat: link the usual street forms too.
      if (!hasStreetSuffix(stem[stem.length - 1]!)) {
        for (const suffix of NAMED_STREET_SUFFIXES) add([...stem.slice(0, -1), stem[stem.length - 1] + suffix], area.gemeenteCode, area.code);
      }
    }
  }
  return links;
}

function collectGemeenteNames(input: GazetteerInput, areasByCode: ReadonlyMap<string, AreaRecord>): Map<string, string> {
  const names = new Map<string, string>();
  const offer = (code: string | null | undefined, name: string | null | undefined) => {
    if (code && name && !names.has(code) && levelOfCode(code) === 'gemeente') names.set(code, name);
  };
  for (const area of areasByCode.values()) if (area.level === 'gemeente' && area.name !== area.code) offer(area.code, area.name);
  for (const area of areasByCode.values()) offer(area.gemeenteCode, area.municipality);
  for (const place of input.places ?? []) offer(place.gemeenteCode, place.municipality);
  for (const postcode of input.postcodes ?? []) if (postcode.areaCode.startsWith('GM')) offer(postcode.areaCode, postcode.name);
  for (const street of input.streets ?? []) offer(street.gemeenteCode, street.municipality);
  return names;
}

function keyIndex(names: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [code, name] of names) addTo(out, foldWords(name).join(' '), code);
  return out;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  if (!key) return;
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function single(set: ReadonlySet<string> | undefined): string | null {
  return set && set.size === 1 ? set.values().next().value! : null;
}

/**
 * Picks, per postcode, the most specific area holding at least `minShare` of it: a buurt, else the wijk
 * its buurten add up to, else the gemeente. Postcodes of gemeenten without areas are left out.
 */
function buildPostcodeTable(
  records: readonly PostcodeRecord[],
  areasByCode: ReadonlyMap<string, AreaRecord>,
  knownGemeenten: ReadonlySet<string>,
  minShare: number,
): Map<string, PostcodeTarget> {
  const byPostcode = new Map<string, PostcodeRecord[]>();
  for (const record of records) {
    const list = byPostcode.get(record.postcode);
    if (list) list.push(record);
    else byPostcode.set(record.postcode, [record]);
  }
  const table = new Map<string, PostcodeTarget>();
  for (const [postcode, rows] of byPostcode) {
    const shares: Record<'buurt' | 'wijk' | 'gemeente', Map<string, number>> = { buurt: new Map(), wijk: new Map(), gemeente: new Map() };
    const direct: Record<'wijk' | 'gemeente', Set<string>> = { wijk: new Set(), gemeente: new Set() };
    for (const row of rows) {
      const level = levelOfCode(row.areaCode);
      if (!level) continue;
      shares[level].set(row.areaCode, (shares[level].get(row.areaCode) ?? 0) + row.share);
      if (level !== 'buurt') direct[level].add(row.areaCode);
    }
    // Roll buurten up into wijken and wijken into gemeenten where the file did not give them directly.
    for (const [code, share] of shares.buurt) {
      const wijk = areasByCode.get(code)?.parentCode ?? parentCodeOf(code);
      if (wijk && !direct.wijk.has(wijk)) shares.wijk.set(wijk, (shares.wijk.get(wijk) ?? 0) + share);
    }
    for (const [code, share] of shares.wijk) {
      const gemeente = gemeenteCodeOf(code);
      if (gemeente && !direct.gemeente.has(gemeente)) shares.gemeente.set(gemeente, (shares.gemeente.get(gemeente) ?? 0) + share);
    }
    let chosen: PostcodeTarget | null = null;
    for (const level of ['buurt', 'wijk', 'gemeente'] as const) {
      let best: PostcodeTarget | null = null;
      for (const [code, share] of shares[level]) if (!best || share > best.share) best = { code, share };
      if (best && best.share >= minShare) {
        chosen = { code: best.code, share: Math.min(1, round(best.share)) };
        break;
      }
    }
    if (chosen && knownGemeenten.has(gemeenteCodeOf(chosen.code) ?? '')) table.set(postcode, chosen);
  }
  return table;
}
