import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEEDS_CORPUS_DIR, MAX_PARSE_MS, runFeedsCorpus } from '../../eval/feeds-corpus.js';
import type { FeedsCorpusReport } from '../../eval/feeds-corpus.js';

const missing = !existsSync(FEEDS_CORPUS_DIR);
if (missing) console.warn(`Skipping the feed corpus test: ${FEEDS_CORPUS_DIR} is missing (it lives outside the repository).`);

describe.skipIf(missing)(`parseFeed on the third-party feed corpora (${missing ? 'skipped: ../shared/feeds is missing' : '../shared/feeds'})`, () => {
  let report: FeedsCorpusReport;
  beforeAll(() => {
    report = runFeedsCorpus();
  });

  it('reads all 4,019 input files (goldens, serde results and SOURCE.md excluded)', () => {
    expect(report.files).toBe(4019);
  });

  it('yields a feed for at least 3,900 of them (rss-parser 3,426; feed-parser 3,835; feedparser 3,889)', () => {
    expect(report.feeds).toBeGreaterThanOrEqual(3900);
  });

  it('never crashes and never takes 2 s on one file', () => {
    expect(report.crashes).toBe(0);
    expect(report.hangs).toBe(0);
    expect(report.maxMs).toBeLessThan(MAX_PARSE_MS);
  });

  it('rejects the documents that are not feeds', () => {
    const rejected = new Map(report.failures.map((f) => [f.file, f.reason]));
    expect(rejected.get('node-feedparser/feeds/notafeed.html')).toBe('html');
    expect(rejected.get('rss-parser/input/unrecognized.rss')).toBe('html');
    expect(rejected.get('feed-rs/fixture/xml/xml_sample_1.xml')).toBe('xml-not-feed');
    expect(rejected.get('feedparser-python/illformed/rss_empty_document.xml')).toBe('empty');
  });

  it('passes at least 330 of the 425 feedparser-python title/link expectations', () => {
    expect(report.feedparserPython.expectations).toBe(425);
    // Strict equality, and "as text" (feedparser keeps sanitised HTML in titles; ours are plain text).
    expect(report.feedparserPython.strictPass).toBeGreaterThanOrEqual(330);
    expect(report.feedparserPython.textPass).toBeGreaterThanOrEqual(330);
  });

  it('matches at least 58 of the 64 feed-rs expected results (title, link, item count, first item)', () => {
    expect(report.feedRs.expected).toBe(64);
    expect(report.feedRs.match).toBeGreaterThanOrEqual(58);
  });
});
