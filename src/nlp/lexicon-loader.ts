// Loads and compiles all lexicons once: topic files, our sentiment YAML, natural's Dutch Pattern
// lexicon and AFINN-165 (through natural), and the emoji table. This is the only I/O in src/nlp.

import './quiet-dotenv.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { PorterStemmerNl } from 'natural/lib/natural/stemmers/index.js';
import { SentimentAnalyzer } from 'natural/lib/natural/sentiment/index.js';
import { preloadEnglish } from './english-tokenizer.js';
import { defaultLexiconDir } from './lexicon-dir.js';
import { LexiconDirectoryError, LexiconError } from './lexicon-errors.js';
import { markerWords } from './language-detector.js';
import type { KnownWords } from './normalizer.js';
import { compileSentiment, type BaseEntry, type SentimentLexicon } from './sentiment-lexicon.js';
import { compileTopics, type TopicMatcher, type TopicSource } from './topic-matcher.js';
import { createWordInfo, type WordInfo } from './word-info.js';
import { emojiFileSchema, formatIssuePath, sentimentFileSchema, topicFileSchema } from './lexicon-schema.js';

/** All lexicons, compiled once by {@link loadLexicons}. Treat as opaque. */
export interface Lexicons {
  readonly version: string;
  readonly nl: SentimentLexicon;
  readonly en: SentimentLexicon;
  readonly emoji: ReadonlyMap<string, number>;
  readonly topics: TopicMatcher;
  readonly known: KnownWords;
  /** True for words of the Dutch sentiment lexicon (language evidence). */
  readonly dutchWord: (key: string) => boolean;
  /** Memoised per-key facts of all lexicons (one lookup per token when scoring). */
  readonly wordInfo: (key: string) => WordInfo;
  readonly dir: string;
}

// Words that hashtags are often made of but that no lexicon needs to list.
const EXTRA_KNOWN = `whatsapp facebook instagram tiktok youtube telegram snapchat twitter marktplaats politie gemeente
  buurt wijk buurtapp buurtpreventie nieuws alert melding oproep vermist gezocht update live news`;


/**
 * Loads and compiles every lexicon under `dir` (default: <repo>/lexicons): `topics/*.yaml` and
 * `sentiment/{nl,en,emoji}.yaml`. Throws {@link LexiconError} naming the file and field when a file
 * is malformed.
 * @example const lex = loadLexicons(); scorePost('Wat gezellig!', lex)
 */
export function loadLexicons(dir: string = defaultLexiconDir()): Lexicons {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new LexiconDirectoryError(dir, 'it does not exist or is not a folder.');
  const topicDir = path.join(dir, 'topics');
  const sentimentDir = path.join(dir, 'sentiment');
  const topicFiles = existsSync(topicDir) ? readdirSync(topicDir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort() : [];

  const sources: TopicSource[] = [];
  const slugs = new Map<string, string>();
  for (const f of topicFiles) {
    const file = path.join(topicDir, f);
    const topic = validate(file, readYaml(file), topicFileSchema);
    const stem = f.replace(/\.ya?ml$/, '');
    if (topic.slug !== stem) throw new LexiconError(display(file), 'slug', `the slug "${topic.slug}" must equal the file name "${stem}".`);
    const prev = slugs.get(topic.slug);
    if (prev) throw new LexiconError(display(file), 'slug', `the slug "${topic.slug}" is already used by ${display(prev)}.`);
    slugs.set(topic.slug, file);
    sources.push({ file: display(file), topic });
  }
  const topics = compileTopics(sources);

  const nlFile = path.join(sentimentDir, 'nl.yaml');
  const enFile = path.join(sentimentDir, 'en.yaml');
  const emojiFile = path.join(sentimentDir, 'emoji.yaml');
  for (const f of [nlFile, enFile, emojiFile]) {
    if (!existsSync(f)) throw new LexiconError(display(f), '', 'the file is missing; every lexicon folder needs sentiment/nl.yaml, sentiment/en.yaml and sentiment/emoji.yaml.');
  }
  const nlYaml = validate(nlFile, readYaml(nlFile), sentimentFileSchema);
  const enYaml = validate(enFile, readYaml(enFile), sentimentFileSchema);
  const emojiYaml = validate(emojiFile, readYaml(emojiFile), emojiFileSchema);

  preloadEnglish();
  const stemCache = new Map<string, string>();
  const stem = (w: string): string => {
    let s = stemCache.get(w);
    if (s === undefined) {
      s = PorterStemmerNl.stem(w);
      if (stemCache.size > 100_000) stemCache.clear();
      stemCache.set(w, s);
    }
    return s;
  };
  const nl = compileSentiment(nlYaml, nlYaml.base === 'natural-pattern-nl' ? dutchPatternBase() : [], nlYaml.stem_fallback ? stem : null);
  const en = compileSentiment(enYaml, enYaml.base === 'natural-afinn-en' ? afinnBase() : [], null);
  const emoji = new Map<string, number>();
  for (const [k, v] of Object.entries(emojiYaml.emoji)) {
    // Key emoji by their first code point, as the tokenizer does (❤️ and ❤ are one).
    const key = /^\p{Extended_Pictographic}|^[\u{1F1E6}-\u{1F1FF}]/u.test(k) ? String.fromCodePoint(k.codePointAt(0)!) : k;
    emoji.set(key, v);
  }

  const known = new Set<string>(topics.vocabulary);
  for (const k of nl.words.keys()) known.add(k);
  for (const k of en.words.keys()) known.add(k);
  for (const lex of [nl, en]) {
    for (const k of lex.intensifiers.keys()) known.add(k);
    for (const k of lex.negators) known.add(k);
  }
  for (const w of markerWords()) known.add(w);
  for (const w of EXTRA_KNOWN.split(/\s+/)) if (w) known.add(w);
  // Typo matching is for misspelt words only: a correctly spelt word never matches fuzzily.
  topics.isKnown = (w) => known.has(w);

  const dutchOnly = new Set<string>();
  for (const k of nl.words.keys()) if (!en.words.has(k)) dutchOnly.add(k);
  const version = [`sentiment-nl@${nlYaml.version}`, `sentiment-en@${enYaml.version}`, `emoji@${emojiYaml.version}`, ...topics.topics.map((t) => `${t.slug}@${t.version}`)].join(';');
  return { version, nl, en, emoji, topics, known: (w) => known.has(w), dutchWord: (w) => dutchOnly.has(w), wordInfo: createWordInfo(nl, topics, dutchOnly), dir };
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

function readYaml(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new LexiconError(display(file), '', `the file cannot be read (${(err as Error).message}).`);
  }
  try {
    // Topic files may share long lists through YAML aliases (word classes are the preferred way).
    return parseYaml(text, { maxAliasCount: 10_000 });
  } catch (err) {
    const e = err as Error & { linePos?: { line: number; col: number }[] };
    const where = e.linePos?.[0] ? `line ${e.linePos[0].line}` : '';
    throw new LexiconError(display(file), where, `it is not valid YAML (${e.message.split('\n')[0]}).`);
  }
}

function validate<S extends z.ZodType>(file: string, data: unknown, schema: S): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new LexiconError(display(file), formatIssuePath(issue.path), `${issue.message}.`);
}

function dutchPatternBase(): BaseEntry[] {
  const require = createRequire(import.meta.url);
  const raw = require('natural/lib/natural/sentiment/Dutch/pattern-sentiment-nl.json') as Record<string, { polarity: string; pos: string }>;
  const out: BaseEntry[] = [];
  for (const [form, e] of Object.entries(raw)) {
    const pol = Number(e.polarity);
    if (!Number.isFinite(pol)) continue;
    out.push({ form: form.toLowerCase(), pol, adjective: e.pos === 'JJ' || e.pos === '' });
  }
  return out;
}

function afinnBase(): BaseEntry[] {
  // natural ships AFINN-165 through its English 'afinn' analyzer; read its vocabulary once.
  const analyzer = new SentimentAnalyzer('English', undefined, 'afinn') as unknown as { vocabulary: Record<string, number> };
  return Object.entries(analyzer.vocabulary).map(([form, v]) => ({ form, pol: Math.max(-1, Math.min(1, v / 5)), adjective: false }));
}
