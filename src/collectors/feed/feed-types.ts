import { UserError } from '../../errors/user-error.js';

/** Which family of feed a document belongs to (RSS 0.9x/2.0 and CDF are 'rss'; RSS 1.0/1.1 are 'rdf'). */
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** One entry of a feed, normalised across RSS, RDF, Atom and JSON Feed. */
export interface FeedItem {
  /** Stable: guid/atom id → link → 'sha1:' + sha1(title + '\n' + date text). */
  id: string;
  guid: string | null;
  /** Plain text: markup and entities in titles are turned into text. */
  title: string | null;
  /** Absolute when a base (xml:base, feed link or document URL) was known. */
  link: string | null;
  /** ISO 8601 UTC, or null when absent or unparseable. */
  published: string | null;
  updated: string | null;
  /** As given in the feed (the caller hashes them; never store them raw). */
  authors: string[];
  /** HTML of content:encoded / atom:content / content_html (plain-text content is escaped to HTML). */
  contentHtml: string | null;
  /** HTML of description / summary (plain-text summaries are escaped to HTML). */
  summaryHtml: string | null;
  categories: string[];
  /** WGS84 position from GeoRSS / W3C geo, or null. */
  lat: number | null;
  lon: number | null;
}

/** A parsed feed: the channel's title/link/language and its items, plus what was odd about it. */
export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
  /** Recoverable problems (malformed markup, unparseable dates, …), for `feed inspect` and logs. */
  warnings: string[];
}

/** Options of `parseFeed`. */
export interface ParseFeedOptions {
  /** The document's URL (after redirects); relative links are resolved against it. */
  url?: string;
  /** Parsing stops with a FeedParseError after this many milliseconds (default 2000). */
  timeBudgetMs?: number;
}

/** Why a document could not be read as a feed. */
export type FeedParseFailure =
  | 'empty'
  | 'html'
  | 'not-xml-or-json'
  | 'invalid-json'
  | 'json-not-feed'
  | 'xml-not-feed'
  | 'time-budget';

/**
 * The document is not a feed we can read; the message says what the user can do about it.
 * `feedLinks` lists the feeds an HTML page points to (its `<link rel="alternate">` elements).
 */
export class FeedParseError extends UserError {
  override name = 'FeedParseError';
  readonly reason: FeedParseFailure;
  readonly feedLinks: string[];

  constructor(reason: FeedParseFailure, message: string, feedLinks: string[] = []) {
    super(message);
    this.reason = reason;
    this.feedLinks = feedLinks;
  }
}
