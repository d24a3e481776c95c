// Format checks for every topic lexicon (lexicons/topics/*.yaml) against the shared file contract,
// plus design checks for the seven topics written from domain knowledge. Deliberately independent
// of the matcher in src/nlp: the files are a contract of their own, and a broken file should be
// reported here with its name and field even when the engine changes.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Scalar, parse, parseDocument, visit } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOPIC_DIR = path.join(ROOT, 'lexicons', 'topics');
const FILES = existsSync(TOPIC_DIR) ? readdirSync(TOPIC_DIR).filter((f) => f.endsWith('.yaml')).sort() : [];

/** The topics whose design rules (thresholds, ambiguity guards) this file also checks. */
const DOMAIN_TOPICS = ['radicalisation', 'cybercrime', 'nuisance', 'subversive_crime', 'migration', 'events_tourism', 'social_domain'];

const TOP_KEYS = new Set(['slug', 'label', 'version', 'threshold', 'description', 'classes', 'terms', 'exclude', 'rules']);
const LONG_TERM_KEYS = new Set(['term', 'weight', 'unless_near']);
const RULE_KEYS = new Set(['label', 'all', 'any', 'none', 'near', 'negators', 'negation', 'negation_window', 'weight']);
const MIN_ENTRIES = 150;
// One token: letters (any script: Arabic words for refugees, say) and digits, inner hyphens or
// apostrophes (nep-sms, boa's), a trailing hyphen for Dutch shared compounds ("ouder- en kindteam"),
// optionally one '*' at the start or the end; or a reference to a word class (@name).
const TOKEN = /^\*?[\p{L}\p{M}0-9]+(?:['-][\p{L}\p{M}0-9]+)*-?\*?$/u;
const CLASS_REF = /^@([a-z][a-z0-9_]*)$/;

interface Term {
  text: string;
  weight: number;
  unlessNear: string[];
}

interface Lexicon {
  file: string;
  raw: Record<string, unknown>;
  terms: Term[];
  exclude: string[];
  rules: Record<string, unknown>[];
}

function load(file: string): Lexicon {
  // Anchors and aliases are allowed (shared lists of rule items); the loader raises yaml's alias
  // limit to the same value, so a file that parses here also loads there.
  const raw = parse(readFileSync(path.join(TOPIC_DIR, file), 'utf8'), { maxAliasCount: 10_000 }) as Record<string, unknown>;
  const terms: Term[] = [];
  for (const e of Array.isArray(raw?.terms) ? raw.terms : []) {
    if (e !== null && typeof e === 'object' && 'term' in e) {
      const t = e as { term: unknown; weight: unknown; unless_near?: unknown };
      terms.push({ text: String(t.term), weight: Number(t.weight), unlessNear: Array.isArray(t.unless_near) ? t.unless_near.map(String) : [] });
    } else if (e !== null && typeof e === 'object') {
      for (const [k, v] of Object.entries(e)) terms.push({ text: k, weight: Number(v), unlessNear: [] });
    }
  }
  return {
    file,
    raw,
    terms,
    exclude: Array.isArray(raw?.exclude) ? raw.exclude.map(String) : [],
    rules: Array.isArray(raw?.rules) ? (raw.rules as Record<string, unknown>[]) : [],
  };
}

/** Problems with one entry (term, exclude, rule item, class member or unless_near item), or []. */
function entryProblems(entry: unknown, where: string, classes: ReadonlySet<string> = new Set()): string[] {
  if (typeof entry !== 'string') return [`${where}: entry ${JSON.stringify(entry)} is not a string`];
  const out: string[] = [];
  if (entry !== entry.trim() || /\s{2,}/.test(entry)) out.push(`${where}: "${entry}" has stray whitespace`);
  if (entry !== entry.toLowerCase()) out.push(`${where}: "${entry}" is not lower case`);
  // Latin letters are written folded (the loader folds them anyway); marks in other scripts are part of the word.
  if (entry.normalize('NFD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1') !== entry.normalize('NFD')) out.push(`${where}: "${entry}" has diacritics; write the folded form`);
  for (const tok of entry.trim().split(/\s+/)) {
    const ref = CLASS_REF.exec(tok);
    if (ref) {
      if (!classes.has(ref[1]!)) out.push(`${where}: "${entry}" refers to @${ref[1]}, which the file does not define under classes`);
      continue;
    }
    if (!TOKEN.test(tok)) out.push(`${where}: "${entry}" has an invalid token "${tok}"`);
    else if (tok.startsWith('*') && tok.endsWith('*')) out.push(`${where}: "${entry}" has a wildcard at both ends`);
    else if (tok.includes('*') && tok.replace(/[*'-]/g, '').length < 3) out.push(`${where}: wildcard "${tok}" is too short to be safe`);
  }
  return out;
}

/** Match forms of a term: a hyphenated term also stands for the joined and the spaced form. */
function forms(term: string): string[] {
  return term.includes('-') ? [term.replace(/-/g, ''), term.replace(/-/g, ' ')] : [term];
}

/** Whether a single-token pattern ("x", "x*", "*x") matches one token. */
function tokenMatches(pattern: string, token: string): boolean {
  if (pattern.endsWith('*')) return token.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return token.endsWith(pattern.slice(1));
  return pattern === token;
}

function formatProblems(lex: Lexicon): string[] {
  const { raw } = lex;
  const out: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ['the file is not a YAML mapping'];
  for (const k of Object.keys(raw)) if (!TOP_KEYS.has(k)) out.push(`unknown top-level key "${k}"`);
  const stem = lex.file.replace(/\.yaml$/, '');
  if (raw.slug !== stem) out.push(`slug "${String(raw.slug)}" differs from the file name "${stem}"`);
  if (typeof raw.slug !== 'string' || !/^[a-z][a-z0-9_]*$/.test(raw.slug)) out.push('slug must be lower-case letters, digits and underscores');
  if (typeof raw.label !== 'string' || raw.label.trim() === '') out.push('label must be a non-empty string');
  if (typeof raw.description !== 'string' || raw.description.trim() === '') out.push('description must be a non-empty string');
  if (!Number.isInteger(raw.version) || (raw.version as number) < 1) out.push(`version must be an integer ≥ 1, got ${String(raw.version)}`);
  if (typeof raw.threshold !== 'number' || !(raw.threshold > 0)) out.push(`threshold must be a number > 0, got ${String(raw.threshold)}`);
  if (!Array.isArray(raw.terms)) return [...out, 'terms must be a list'];
  const classes = new Set<string>();
  if (raw.classes !== undefined) {
    if (raw.classes === null || typeof raw.classes !== 'object' || Array.isArray(raw.classes)) out.push('classes must be a mapping of name: [entries]');
    else for (const name of Object.keys(raw.classes)) classes.add(name);
    for (const [name, members] of Object.entries((raw.classes ?? {}) as Record<string, unknown>)) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) out.push(`classes: "${name}" must be lower-case letters, digits and underscores`);
      if (!Array.isArray(members) || members.length === 0) out.push(`classes.${name}: must be a non-empty list`);
      else members.forEach((m: unknown, j: number) => out.push(...entryProblems(m, `classes.${name}[${j}]`, classes)));
    }
  }

  raw.terms.forEach((e: unknown, i: number) => {
    const where = `terms[${i}]`;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return void out.push(`${where}: not a mapping`);
    if ('term' in e) {
      for (const k of Object.keys(e)) if (!LONG_TERM_KEYS.has(k)) out.push(`${where}: unknown key "${k}"`);
      const t = e as Record<string, unknown>;
      out.push(...entryProblems(t.term, where, classes));
      if (typeof t.weight !== 'number' || !(t.weight > 0)) out.push(`${where}: weight must be a number > 0`);
      if (t.unless_near !== undefined) {
        if (!Array.isArray(t.unless_near) || t.unless_near.length === 0) out.push(`${where}: unless_near must be a non-empty list`);
        else t.unless_near.forEach((u: unknown, j: number) => out.push(...entryProblems(u, `${where}.unless_near[${j}]`, classes)));
      }
    } else {
      const pairs = Object.entries(e);
      if (pairs.length !== 1) return void out.push(`${where}: a compact term is exactly one "term: weight" pair`);
      const [k, v] = pairs[0]!;
      out.push(...entryProblems(k, where, classes));
      if (typeof v !== 'number' || !(v > 0)) out.push(`${where}: weight of "${k}" must be a number > 0`);
    }
  });

  const seen = new Map<string, string>();
  for (const t of lex.terms) {
    for (const f of forms(t.text)) {
      const prev = seen.get(f);
      if (prev !== undefined) out.push(`duplicate term: "${t.text}" and "${prev}" match the same text`);
      seen.set(f, t.text);
    }
  }

  if (raw.exclude !== undefined && !Array.isArray(raw.exclude)) out.push('exclude must be a list');
  lex.exclude.forEach((x, i) => out.push(...entryProblems(x, `exclude[${i}]`, classes)));
  if (new Set(lex.exclude).size !== lex.exclude.length) out.push('exclude has duplicates');
  const termTexts = new Set(lex.terms.map((t) => t.text));
  for (const x of lex.exclude) if (termTexts.has(x)) out.push(`"${x}" is both a term and excluded, so it can never count`);

  if (raw.rules !== undefined && !Array.isArray(raw.rules)) out.push('rules must be a list');
  // Labels may repeat: several rules can explain a score with the same words ("haat tegen een groep").
  lex.rules.forEach((r, i) => {
    const where = `rules[${i}]`;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) return void out.push(`${where}: not a mapping`);
    for (const k of Object.keys(r)) if (!RULE_KEYS.has(k)) out.push(`${where}: unknown key "${k}"`);
    if (typeof r.label !== 'string' || r.label.trim() === '') out.push(`${where}: label must be a non-empty string`);
    for (const key of ['all', 'any', 'none', 'negators'] as const) {
      const list = r[key];
      if (list === undefined) continue;
      if (!Array.isArray(list) || list.length === 0) out.push(`${where}.${key}: must be a non-empty list`);
      else list.forEach((x: unknown, j: number) => out.push(...entryProblems(x, `${where}.${key}[${j}]`, classes)));
    }
    if (r.negation !== undefined && r.negation !== 'cancels' && r.negation !== 'required') out.push(`${where}.negation must be cancels or required`);
    if ((r.negation !== undefined || r.negation_window !== undefined) && !Array.isArray(r.negators)) out.push(`${where}: negation needs negators`);
    if (r.negation_window !== undefined && (!Number.isInteger(r.negation_window) || (r.negation_window as number) <= 0)) out.push(`${where}.negation_window must be a whole number > 0`);
    if (!Array.isArray(r.all) && !Array.isArray(r.any)) out.push(`${where}: needs items in "all" or "any"`);
    if (r.near !== undefined && (!Number.isInteger(r.near) || (r.near as number) <= 0)) out.push(`${where}.near must be a whole number > 0`);
    if (typeof r.weight !== 'number' || !(r.weight > 0)) out.push(`${where}.weight must be a number > 0`);
  });

  // Class members are entries too: a class of 40 group words stands for 40 terms in every rule that uses it.
  const classEntries = Object.values((raw.classes ?? {}) as Record<string, unknown[]>).reduce((n, members) => n + (Array.isArray(members) ? members.length : 0), 0);
  const total = lex.terms.length + lex.rules.length + classEntries;
  if (total < MIN_ENTRIES) out.push(`only ${total} entries (terms + rules + class members); at least ${MIN_ENTRIES} are required`);
  return out;
}

/** Scalars holding a '*' must be quoted: an unquoted leading '*' is a YAML alias. */
function unquotedWildcards(file: string): string[] {
  const doc = parseDocument(readFileSync(path.join(TOPIC_DIR, file), 'utf8'));
  const out: string[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('*') && node.type !== Scalar.QUOTE_DOUBLE && node.type !== Scalar.QUOTE_SINGLE && node.type !== Scalar.BLOCK_FOLDED && node.type !== Scalar.BLOCK_LITERAL) {
        out.push(`"${node.value}" is not quoted`);
      }
    },
  });
  return out;
}

/** Design rules for our seven topics: weak evidence alone stays under the threshold. */
function designProblems(lex: Lexicon): string[] {
  const out: string[] = [];
  const threshold = lex.raw.threshold as number;
  if (!(threshold > 1)) out.push(`threshold ${threshold} lets one weight-1 word make a post about the topic`);
  const strong = lex.terms.filter((t) => t.weight >= threshold).length;
  if (strong < 20) out.push(`only ${strong} terms reach the threshold on their own; unambiguous words should`);
  for (const t of lex.terms) if (t.weight > 3) out.push(`"${t.text}" weighs ${t.weight}; keep term weights in (0, 3]`);
  // A term whose own context blocks it can never count.
  for (const t of lex.terms) {
    if (t.text.includes(' ') || t.text.includes('*')) continue;
    for (const u of t.unlessNear) if (!u.includes(' ') && forms(t.text).some((f) => tokenMatches(u, f))) out.push(`"${t.text}" is blocked by its own unless_near "${u}"`);
  }
  // A rule item that is excluded never occurs, so the rule is dead.
  const excluded = new Set(lex.exclude);
  lex.rules.forEach((r) => {
    for (const key of ['all', 'any'] as const) {
      const list = Array.isArray(r[key]) ? (r[key] as string[]) : [];
      for (const x of list) if (excluded.has(x)) out.push(`rule "${String(r.label)}" uses excluded "${x}"`);
    }
  });
  return out;
}

describe('topic lexicon files', () => {
  it('finds topic files', () => {
    expect(FILES.length, `no YAML files in ${TOPIC_DIR}`).toBeGreaterThan(0);
  });

  describe.each(FILES)('%s', (file) => {
    it('parses and follows the topic file format', () => {
      let lex: Lexicon;
      try {
        lex = load(file);
      } catch (err) {
        // The loader parses with the same options, so such a file cannot be loaded either.
        expect.fail(`${file} cannot be parsed: ${(err as Error).message}`);
      }
      expect(formatProblems(lex)).toEqual([]);
    });

    it('quotes every wildcard', () => {
      expect(unquotedWildcards(file)).toEqual([]);
    });
  });
});

describe.each(DOMAIN_TOPICS)('design of %s', (slug) => {
  const file = `${slug}.yaml`;

  it('exists', () => {
    expect(FILES).toContain(file);
  });

  it('needs more than one weak word and has strong words', () => {
    expect(designProblems(load(file))).toEqual([]);
  });
});

// The ambiguities the topics must handle, as data: each row names the guard that handles it.
type Guard =
  | { topic: string; kind: 'excluded'; entry: string }
  | { topic: string; kind: 'blocks-wildcard'; entry: string }
  | { topic: string; kind: 'unless-near'; term: string; context: string };

const GUARDS: Guard[] = [
  { topic: 'radicalisation', kind: 'excluded', entry: 'belastingaanslag' },
  { topic: 'radicalisation', kind: 'excluded', entry: 'voorlopige aanslag' },
  { topic: 'radicalisation', kind: 'unless-near', term: 'aanslag', context: 'belasting*' },
  { topic: 'radicalisation', kind: 'excluded', entry: 'bommetje' },
  { topic: 'radicalisation', kind: 'unless-near', term: 'bom', context: 'zwembad' },
  { topic: 'radicalisation', kind: 'blocks-wildcard', entry: 'terroriseren' },
  { topic: 'radicalisation', kind: 'unless-near', term: 'nazi*', context: 'wereldoorlog' },
  { topic: 'radicalisation', kind: 'blocks-wildcard', entry: 'nazien' },
  { topic: 'radicalisation', kind: 'blocks-wildcard', entry: 'nazinderen' },
  { topic: 'radicalisation', kind: 'unless-near', term: 'ronsel*', context: 'drugs*' },
  { topic: 'cybercrime', kind: 'excluded', entry: 'lifehack' },
  { topic: 'cybercrime', kind: 'excluded', entry: 'life hack' },
  { topic: 'cybercrime', kind: 'unless-near', term: 'hack', context: 'handige' },
  { topic: 'cybercrime', kind: 'excluded', entry: 'griepvirus' },
  { topic: 'cybercrime', kind: 'unless-near', term: 'virus', context: 'griep' },
  { topic: 'cybercrime', kind: 'blocks-wildcard', entry: 'scampi' },
  { topic: 'cybercrime', kind: 'blocks-wildcard', entry: 'belastingfraude' },
  { topic: 'cybercrime', kind: 'blocks-wildcard', entry: 'cryptogram' },
  { topic: 'cybercrime', kind: 'blocks-wildcard', entry: 'oplichtende' },
  { topic: 'nuisance', kind: 'blocks-wildcard', entry: 'wateroverlast' },
  { topic: 'nuisance', kind: 'unless-near', term: 'overlast', context: 'regen' },
  { topic: 'nuisance', kind: 'unless-near', term: '*overlast', context: 'regen' },
  { topic: 'nuisance', kind: 'blocks-wildcard', entry: 'vuurwerkshow' },
  { topic: 'nuisance', kind: 'unless-near', term: 'ballonnen', context: 'verjaardag' },
  { topic: 'subversive_crime', kind: 'unless-near', term: 'drugs*', context: 'medicijn*' },
  { topic: 'subversive_crime', kind: 'blocks-wildcard', entry: 'drugstore' },
  { topic: 'subversive_crime', kind: 'unless-near', term: 'explosie', context: 'gaslek' },
  { topic: 'subversive_crime', kind: 'blocks-wildcard', entry: 'hennepolie' },
  { topic: 'subversive_crime', kind: 'blocks-wildcard', entry: 'narcose' },
  { topic: 'subversive_crime', kind: 'unless-near', term: 'liquidatie*', context: 'faillissement' },
  { topic: 'subversive_crime', kind: 'unless-near', term: 'dealer', context: 'auto*' },
  { topic: 'subversive_crime', kind: 'unless-near', term: 'coke', context: 'cola' },
  { topic: 'migration', kind: 'excluded', entry: 'kinderopvang' },
  { topic: 'migration', kind: 'unless-near', term: 'opvang', context: 'dier*' },
  { topic: 'migration', kind: 'unless-near', term: 'vluchten', context: 'spanje' },
  { topic: 'migration', kind: 'unless-near', term: 'gevlucht', context: 'dader' },
  { topic: 'migration', kind: 'blocks-wildcard', entry: 'asielhond' },
  { topic: 'migration', kind: 'blocks-wildcard', entry: 'datamigratie' },
  { topic: 'migration', kind: 'unless-near', term: 'uitzetting', context: 'huurachterstand' },
  { topic: 'events_tourism', kind: 'unless-near', term: 'feest', context: 'thuis' },
  { topic: 'events_tourism', kind: 'unless-near', term: 'terras', context: 'woning' },
  { topic: 'events_tourism', kind: 'excluded', entry: 'dakterras' },
  { topic: 'events_tourism', kind: 'excluded', entry: 'optreden tegen' },
  { topic: 'events_tourism', kind: 'unless-near', term: 'uitgaan', context: 'ervan' },
  { topic: 'events_tourism', kind: 'blocks-wildcard', entry: 'cruisecontrol' },
  { topic: 'social_domain', kind: 'excluded', entry: 'geen zorgen' },
  { topic: 'social_domain', kind: 'excluded', entry: 'zorg ervoor' },
  { topic: 'social_domain', kind: 'blocks-wildcard', entry: 'bezorg' },
  { topic: 'social_domain', kind: 'unless-near', term: 'bijstand*', context: 'politie' },
  { topic: 'social_domain', kind: 'unless-near', term: 'veilig thuis', context: 'kom' },
  { topic: 'social_domain', kind: 'unless-near', term: 'verslaafd', context: 'serie' },
  { topic: 'social_domain', kind: 'blocks-wildcard', entry: 'leesverslaving' },
];

describe('ambiguity guards', () => {
  const cache = new Map<string, Lexicon>();
  const lexicon = (slug: string): Lexicon => {
    let lex = cache.get(slug);
    if (lex === undefined) cache.set(slug, (lex = load(`${slug}.yaml`)));
    return lex;
  };

  it.each(GUARDS)('$topic: $kind $entry$term $context', (g) => {
    const lex = lexicon(g.topic);
    if (g.kind === 'excluded') {
      expect(lex.exclude).toContain(g.entry);
    } else if (g.kind === 'blocks-wildcard') {
      // The exclusion is load-bearing: some wildcard term of the topic would match the word.
      expect(lex.exclude).toContain(g.entry);
      const hits = lex.terms.filter((t) => t.text.includes('*') && !t.text.includes(' ') && tokenMatches(t.text, g.entry));
      expect(hits.map((t) => t.text), `no wildcard in ${g.topic} reaches "${g.entry}"`).not.toEqual([]);
    } else {
      const term = lex.terms.find((t) => t.text === g.term);
      expect(term, `term "${g.term}" missing`).toBeDefined();
      expect(term!.unlessNear).toContain(g.context);
    }
  });
});
