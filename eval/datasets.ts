// Loaders for the read-only evaluation data in ../shared/datasets (never copied into the project)
// and for our own topic sets, with the deterministic dev/test splits used everywhere: rules and
// weights may be tuned on dev rows only; figures are reported on test rows.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in <repo>/eval). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared/datasets, resolved from the repository root. */
export const DATASETS_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'datasets');
/** Our topic evaluation sets. */
export const TOPIC_FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'topics');

/** A labelled row. `split` is 'dev' (may be tuned on) or 'test' (reported). */
export interface Row {
  id: string;
  text: string;
  label: string;
  split: 'dev' | 'test';
  group?: string;
}

/** Thrown when a dataset is not present; callers skip with this message. */
export class DatasetMissingError extends Error {
  override readonly name = 'DatasetMissingError';
  constructor(file: string) {
    super(`The dataset file ${file} is missing, so this evaluation is skipped; place the shared datasets at ../shared/datasets next to the repository to run it.`);
  }
}

/** FNV-1a 32-bit hash, for stable splits. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Deterministic 50/50 split on a grouping key. */
export function splitOf(key: string): 'dev' | 'test' {
  return fnv1a(key) % 2 === 0 ? 'dev' : 'test';
}

function readJsonl(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) throw new DatasetMissingError(file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** True when ../shared/datasets exists. */
export function datasetsAvailable(): boolean {
  return existsSync(DATASETS_DIR);
}

/** bol.com book reviews, labels "1"/"-1"; split on the review id. */
export function loadBolcom(): Row[] {
  return readJsonl(path.join(DATASETS_DIR, 'pattern-bolcom-book-reviews', 'data.jsonl')).map((r) => ({
    id: String(r.id),
    text: decodeEntities(String(r.text)),
    label: String(r.label) === '1' ? 'pos' : 'neg',
    split: splitOf(String(r.id)),
  }));
}

/** SemEval-2016 Dutch restaurant sentences with a positive or negative label; split on the review. */
export function loadSemevalSentences(): Row[] {
  return readJsonl(path.join(DATASETS_DIR, 'semeval2016-absa-nl-restaurants', 'sentences.jsonl'))
    .filter((r) => r.label === 'positive' || r.label === 'negative')
    .map((r) => ({ id: String(r.id), text: String(r.text), label: r.label === 'positive' ? 'pos' : 'neg', split: splitOf(String(r.review_id)), group: String(r.review_id) }));
}

/** Zegelaar political tweets, 3-class polarity; the dataset's own train split is our dev split. */
export function loadZegelaar(): Row[] {
  return readJsonl(path.join(DATASETS_DIR, 'zegelaar-political-tweets-nl', 'polarity.jsonl')).map((r) => ({
    id: String(r.id),
    text: String(r.text),
    label: String(r.label) === 'positive' ? 'pos' : String(r.label) === 'negative' ? 'neg' : 'neu',
    split: r.split === 'train' ? 'dev' : 'test',
  }));
}

/**
 * Multilingual HateCheck (Dutch): hateful / non-hateful. Split on the template group
 * (ref_templ_id, else templ_id) so that spelling variants stay with their original template and no
 * template is seen on both sides.
 */
export function loadHatecheck(): Row[] {
  const file = path.join(DATASETS_DIR, 'mhc-hatecheck-dutch', 'hatecheck_cases_final_dutch.csv');
  if (!existsSync(file)) throw new DatasetMissingError(file);
  const table = parseCsv(readFileSync(file, 'utf8'));
  const header = table[0]!;
  const col = (name: string) => header.indexOf(name);
  const [cId, cText, cLabel, cFunc, cRef, cTempl] = ['mhc_case_id', 'test_case', 'label_gold', 'functionality', 'ref_templ_id', 'templ_id'].map(col);
  const rows: Row[] = [];
  for (const r of table.slice(1)) {
    if (r.length < header.length) continue;
    const tmpl = String(Math.trunc(Number(r[cRef!] || r[cTempl!])));
    rows.push({ id: r[cId!]!, text: r[cText!]!, label: r[cLabel!] === 'hateful' ? 'hateful' : 'non-hateful', split: Number(tmpl) % 2 === 1 ? 'dev' : 'test', group: r[cFunc!]! });
  }
  return rows;
}

/** A topic evaluation row. */
export interface TopicRow {
  id: string;
  text: string;
  topics: string[];
}

/**
 * Our topic sets: every `topic-dev*.jsonl` (tuning: topic-dev.jsonl, and topic-dev2.jsonl written later by
 * another engineer) or topic-test.jsonl (reporting).
 */
export function loadTopicSet(which: 'dev' | 'test'): TopicRow[] {
  const files =
    which === 'test'
      ? ['topic-test.jsonl']
      : readdirSync(TOPIC_FIXTURES_DIR)
          .filter((f) => /^topic-dev\d*\.jsonl$/.test(f))
          .sort();
  return files.flatMap((file) =>
    readJsonl(path.join(TOPIC_FIXTURES_DIR, file)).map((r) => ({ id: String(r.id), text: String(r.text), topics: (r.topics as string[]) ?? [] })),
  );
}

/** Dutch texts of several datasets (for language-identification accuracy on real short Dutch). */
export function loadDutchShortTexts(): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  const add = (source: string, rows: () => Row[]) => {
    try {
      for (const r of rows()) out.push({ source, text: r.text });
    } catch (err) {
      if (!(err instanceof DatasetMissingError)) throw err;
    }
  };
  add('zegelaar-tweets', loadZegelaar);
  add('semeval-sentences', loadSemevalSentences);
  add('hatecheck', loadHatecheck);
  return out;
}

/** Our own short multilingual sentences (test/fixtures/nlp/lang-short.jsonl), `{text, lang}`. */
export function loadLanguageFixture(): { text: string; lang: string }[] {
  return readJsonl(path.join(REPO_ROOT, 'test', 'fixtures', 'nlp', 'lang-short.jsonl')).map((r) => ({ text: String(r.text), lang: String(r.lang) }));
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, newlines in quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}
