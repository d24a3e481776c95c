/**
 * Runs parseFeed over the third-party feed corpora in ../shared/feeds and reports, per suite, how
 * many files yield a feed, the errors, and the slowest parse; plus the feedparser-python title/link
 * expectations and the feed-rs expected results.
 *
 *   npx tsx eval/feeds-corpus.ts [--json]
 *
 * Exits 1 when a parse crashed (threw anything but FeedParseError) or took more than 2 s; 2 when
 * the corpus is missing.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeHTMLStrict } from 'entities';
import { decodeBody } from '../src/fetch/decode-body.js';
import { parseFeed } from '../src/collectors/feed/feed-parser.js';
import { FeedParseError } from '../src/collectors/feed/feed-types.js';
import type { ParsedFeed } from '../src/collectors/feed/feed-types.js';
import { htmlToText } from '../src/collectors/html/html-to-text.js';

/** Where the corpora live, relative to the repository root. */
export const FEEDS_CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'feeds');

/** A parse slower than this counts as a hang. */
export const MAX_PARSE_MS = 2000;

/** Counts for one suite (one folder of ../shared/feeds). */
export interface SuiteReport {
  suite: string;
  files: number;
  feeds: number;
  errors: Record<string, number>;
  crashes: number;
  maxMs: number;
  slowest: string | null;
}

/** One file that did not yield a feed, with the reason. */
export interface FileFailure {
  file: string;
  reason: string;
  message: string;
}

/** The whole evaluation result. */
export interface FeedsCorpusReport {
  files: number;
  feeds: number;
  crashes: number;
  hangs: number;
  maxMs: number;
  totalMs: number;
  suites: SuiteReport[];
  failures: FileFailure[];
  feedparserPython: {
    expectations: number;
    strictPass: number;
    textPass: number;
    textPassViaEmpty: number;
    failed: Array<{ file: string; field: string; expected: string; actual: string | null }>;
  };
  feedRs: {
    expected: number;
    match: number;
    failed: Array<{ file: string; problems: string[] }>;
  };
}

interface ParseOutcome {
  feed: ParsedFeed | null;
  reason: string | null;
  message: string | null;
  crashed: boolean;
  ms: number;
}

/**
 * The files of the corpus that are inputs: everything except SOURCE.md/README.md, the
 * expectations JSON, rss-parser's golden outputs and feed-rs's `*.serde.json` expected results.
 */
export function listCorpusInputs(root: string = FEEDS_CORPUS_DIR): string[] {
  const files: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        stack.push(full);
        continue;
      }
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (name === 'SOURCE.md' || name === 'README.md' || name === 'feedparser-python-expectations.json') continue;
      if (rel.startsWith('rss-parser/output/') || name.endsWith('.serde.json')) continue;
      files.push(rel);
    }
  }
  return files.sort();
}

/**
 * Reads a corpus file the way the collector would receive it: bytes (gunzipped when they are
 * gzip — the HTTP layer undoes Content-Encoding), decoded with the shared decodeBody and the
 * Content-Type a feedparser test declares in its `Header:` comment.
 */
export function readCorpusFile(root: string, rel: string): { text: string; url: string | undefined } {
  let bytes: Uint8Array = readFileSync(path.join(root, rel));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1').replace(/\0/g, '');
  const contentType = /^Header:\s+Content-type:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? null;
  let url: string | undefined;
  if (rel.startsWith('feedparser-python/')) {
    // The feedparser harness serves each test from a local web server at this address.
    url = `http://127.0.0.1:8097/tests/${rel.slice('feedparser-python/'.length)}`;
    const location = /^Header:\s+Content-Location:\s*(\S+)/im.exec(head)?.[1];
    if (location) url = new URL(location, url).href;
  }
  return { text: decodeBody(bytes, contentType).text, url };
}

function parseOne(text: string, url: string | undefined): ParseOutcome {
  const started = performance.now();
  try {
    const feed = parseFeed(text, { url, timeBudgetMs: MAX_PARSE_MS });
    return { feed, reason: null, message: null, crashed: false, ms: performance.now() - started };
  } catch (error) {
    const ms = performance.now() - started;
    if (error instanceof FeedParseError) return { feed: null, reason: error.reason, message: error.message, crashed: false, ms };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { feed: null, reason: 'crash', message, crashed: true, ms };
  }
}

/** Runs the whole evaluation (takes a few seconds). */
export function runFeedsCorpus(root: string = FEEDS_CORPUS_DIR): FeedsCorpusReport {
  const files = listCorpusInputs(root);
  const suites = new Map<string, SuiteReport>();
  const outcomes = new Map<string, ParseOutcome>();
  const failures: FileFailure[] = [];
  let hangs = 0;
  let totalMs = 0;
  for (const rel of files) {
    const suiteName = rel.split('/')[0]!;
    let suite = suites.get(suiteName);
    if (!suite) {
      suite = { suite: suiteName, files: 0, feeds: 0, errors: {}, crashes: 0, maxMs: 0, slowest: null };
      suites.set(suiteName, suite);
    }
    const { text, url } = readCorpusFile(root, rel);
    const outcome = parseOne(text, url);
    outcomes.set(rel, outcome);
    totalMs += outcome.ms;
    suite.files++;
    if (outcome.feed) suite.feeds++;
    else {
      suite.errors[outcome.reason!] = (suite.errors[outcome.reason!] ?? 0) + 1;
      failures.push({ file: rel, reason: outcome.reason!, message: outcome.message! });
    }
    if (outcome.crashed) suite.crashes++;
    if (outcome.ms > MAX_PARSE_MS || outcome.reason === 'time-budget') hangs++;
    if (outcome.ms > suite.maxMs) {
      suite.maxMs = outcome.ms;
      suite.slowest = rel;
    }
  }
  const suiteList = [...suites.values()];
  return {
    files: files.length,
    feeds: suiteList.reduce((sum, s) => sum + s.feeds, 0),
    crashes: suiteList.reduce((sum, s) => sum + s.crashes, 0),
    hangs,
    maxMs: Math.max(0, ...suiteList.map((s) => s.maxMs)),
    totalMs,
    suites: suiteList,
    failures,
    feedparserPython: checkFeedparserExpectations(root, outcomes),
    feedRs: checkFeedRs(root, outcomes),
  };
}

interface FeedparserExpectation {
  file: string;
  checks: Array<{ idx: number | null; field: 'title' | 'link'; expected: string }>;
}

// feedparser keeps (sanitised) HTML in titles; ours are plain text by design. A title passes
// "strictly" when equal, and "as text" when equal to the plain text of feedparser's HTML.
function checkFeedparserExpectations(
  root: string,
  outcomes: Map<string, ParseOutcome>,
): FeedsCorpusReport['feedparserPython'] {
  const file = path.join(root, 'feedparser-python-expectations.json');
  const result = { expectations: 0, strictPass: 0, textPass: 0, textPassViaEmpty: 0, failed: [] as FeedsCorpusReport['feedparserPython']['failed'] };
  if (!existsSync(file)) return result;
  const expectations = JSON.parse(readFileSync(file, 'utf8')) as FeedparserExpectation[];
  for (const expectation of expectations) {
    result.expectations++;
    const feed = outcomes.get(expectation.file)?.feed ?? null;
    let strict = true;
    let text = true;
    let viaEmpty = false;
    let firstFailure: { field: string; expected: string; actual: string | null } | null = null;
    for (const check of expectation.checks) {
      const holder = check.idx === null ? feed : (feed?.items[check.idx] ?? null);
      const actual = holder ? holder[check.field] : null;
      const exact = actual === check.expected;
      let asText = exact;
      if (!exact && check.field === 'title') {
        const plain = htmlToText(check.expected).replace(/\s+/g, ' ').trim();
        asText = (actual ?? '') === plain && holder !== null;
        if (asText && plain === '') viaEmpty = true;
      }
      if (!exact) strict = false;
      if (!asText) {
        text = false;
        firstFailure ??= { field: check.field, expected: check.expected, actual };
      }
    }
    if (strict) result.strictPass++;
    if (text) {
      result.textPass++;
      if (viaEmpty && !strict) result.textPassViaEmpty++;
    } else if (firstFailure) result.failed.push({ file: expectation.file, ...firstFailure });
  }
  return result;
}

interface SerdeText {
  content?: string | null;
}
interface SerdeLink {
  href: string;
  rel: string | null;
}
interface SerdeFeed {
  title?: SerdeText | null;
  links?: SerdeLink[];
  entries?: Array<{ title?: SerdeText | null; links?: SerdeLink[] }>;
}

// feed-rs keeps entities and whitespace as written, adds trailing slashes to bare hosts and leaves
// relative links unresolved; comparisons normalise those differences and nothing else.
function normText(value: string | null | undefined): string {
  return decodeHTMLStrict(value ?? '').replace(/\s+/g, ' ').trim();
}

function normUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value.trim();
  }
}

function linkMatches(ours: string | null, expected: SerdeLink[] | undefined, wantAlternate: boolean): boolean {
  const candidates = (expected ?? []).filter((l) => !wantAlternate || l.rel === null || l.rel === 'alternate');
  if (ours === null) return candidates.length === 0;
  const mine = normUrl(ours);
  return (expected ?? []).some((l) => {
    if (normUrl(l.href) === mine) return true;
    // A relative expected link matches our resolved form of it.
    if (!/^[a-z][a-z0-9+.-]*:/i.test(l.href)) {
      try {
        return new URL(l.href, mine).href === mine;
      } catch {
        return false;
      }
    }
    return false;
  });
}

function checkFeedRs(root: string, outcomes: Map<string, ParseOutcome>): FeedsCorpusReport['feedRs'] {
  const result = { expected: 0, match: 0, failed: [] as Array<{ file: string; problems: string[] }> };
  const dir = path.join(root, 'feed-rs');
  if (!existsSync(dir)) return result;
  const serdeFiles = listCorpusInputsWithSerde(dir);
  for (const serdeRel of serdeFiles) {
    result.expected++;
    const stem = serdeRel.slice(0, -'.serde.json'.length);
    const input = [`${stem}.xml`, `${stem}.json`].find((candidate) => outcomes.has(`feed-rs/${candidate}`));
    const feed = input ? (outcomes.get(`feed-rs/${input}`)?.feed ?? null) : null;
    const expected = JSON.parse(readFileSync(path.join(dir, serdeRel), 'utf8')) as SerdeFeed;
    const problems: string[] = [];
    if (!feed) problems.push('no feed');
    else {
      if (normText(feed.title) !== normText(expected.title?.content)) {
        problems.push(`title ${JSON.stringify(feed.title)} ≠ ${JSON.stringify(expected.title?.content ?? null)}`);
      }
      if (!linkMatches(feed.link, expected.links, true)) {
        problems.push(`link ${JSON.stringify(feed.link)} ∉ ${JSON.stringify((expected.links ?? []).map((l) => l.href))}`);
      }
      const entries = expected.entries ?? [];
      if (feed.items.length !== entries.length) problems.push(`items ${feed.items.length} ≠ ${entries.length}`);
      const mine = feed.items[0];
      const theirs = entries[0];
      if (mine && theirs) {
        if (normText(mine.title) !== normText(theirs.title?.content)) {
          problems.push(`item title ${JSON.stringify(mine.title)} ≠ ${JSON.stringify(theirs.title?.content ?? null)}`);
        }
        if (!linkMatches(mine.link, theirs.links, true)) {
          problems.push(`item link ${JSON.stringify(mine.link)} ∉ ${JSON.stringify((theirs.links ?? []).map((l) => l.href))}`);
        }
      }
    }
    if (problems.length === 0) result.match++;
    else result.failed.push({ file: `feed-rs/${serdeRel}`, problems });
  }
  return result;
}

function listCorpusInputsWithSerde(dir: string): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) stack.push(full);
      else if (name.endsWith('.serde.json')) found.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  }
  return found.sort();
}

function printReport(report: FeedsCorpusReport, verbose: boolean): void {
  const rows = report.suites.map((s) => ({
    suite: s.suite,
    files: s.files,
    feeds: s.feeds,
    errors: Object.entries(s.errors)
      .map(([reason, count]) => `${reason}:${count}`)
      .join(' '),
    crashes: s.crashes,
    maxMs: s.maxMs.toFixed(1),
  }));
  console.table(rows);
  console.log(
    `total: ${report.feeds}/${report.files} files yield a feed; crashes ${report.crashes}; hangs ${report.hangs}; ` +
      `slowest ${report.maxMs.toFixed(1)} ms; all parses ${report.totalMs.toFixed(0)} ms`,
  );
  const fp = report.feedparserPython;
  console.log(
    `feedparser-python title/link expectations: ${fp.textPass}/${fp.expectations} pass as text ` +
      `(${fp.strictPass} strictly equal; ${fp.textPassViaEmpty} of the text passes are HTML-only titles whose text is empty)`,
  );
  console.log(`feed-rs expected results: ${report.feedRs.match}/${report.feedRs.expected} match title, link, item count and first item`);
  if (verbose) {
    console.log('\nfiles without a feed:');
    for (const failure of report.failures) console.log(`  ${failure.file} [${failure.reason}] ${failure.message.slice(0, 160)}`);
    console.log('\nfeedparser-python failures:');
    for (const f of fp.failed) console.log(`  ${f.file} ${f.field}: expected ${JSON.stringify(f.expected)} got ${JSON.stringify(f.actual)}`);
    console.log('\nfeed-rs mismatches:');
    for (const f of report.feedRs.failed) console.log(`  ${f.file}: ${f.problems.join('; ')}`);
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (!existsSync(FEEDS_CORPUS_DIR)) {
    console.error(`The feed corpus is missing (${FEEDS_CORPUS_DIR}); nothing to evaluate.`);
    process.exit(2);
  }
  const report = runFeedsCorpus();
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else printReport(report, process.argv.includes('--verbose'));
  if (report.crashes > 0 || report.hangs > 0) process.exit(1);
}
