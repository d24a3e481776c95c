import { findFeedLinks } from '../html/find-feed-links.js';
import { COMMON_HTML_TAGS } from '../html/html-elements.js';
import { FeedParseError } from './feed-types.js';
import type { FeedFormat, ParsedFeed, ParseFeedOptions } from './feed-types.js';
import { DEFAULT_TIME_BUDGET_MS, TimeBudget } from './parse-budget.js';
import { vocabularyOf } from './parse-common.js';
import type { FeedContext } from './parse-common.js';
import { readAtom } from './parse-atom.js';
import { isJsonFeed, readJsonFeed } from './parse-json-feed.js';
import { readRss } from './parse-rss.js';
import { parseXmlDocument } from './parse-xml.js';
import type { XmlDocument, XmlElement } from './parse-xml.js';

export { FeedParseError } from './feed-types.js';
export type { FeedFormat, FeedItem, ParsedFeed, ParseFeedOptions } from './feed-types.js';

const FEED_ROOTS = new Set(['rss', 'rdf', 'feed', 'channel', 'entry']);
// Searched for below a non-feed root (a wrapper element); <channel> and <entry> alone are too common.
const NESTED_FEED_ROOTS = new Set(['rss', 'rdf', 'feed']);
const MAX_WRAPPER_SEARCH = 2000;
const RSS_NAMESPACES = new Set([
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://channel.netscape.com/rdf/simple/0.9/',
  'http://purl.org/net/rss1.1#',
]);

/**
 * Parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document (already decoded to a
 * string) into a ParsedFeed. Lenient about malformed XML, never expands DTD entities, linear in the
 * input, and bounded by `timeBudgetMs`. Throws FeedParseError when the input is not a feed (empty,
 * an HTML page — with the feeds it links to —, not XML/JSON, JSON that is not a JSON Feed, …).
 * @example parseFeed(xml, { url: 'https://www.at5.nl/feeds/nieuws.xml' }).items[0].title
 */
export function parseFeed(text: string, options: ParseFeedOptions = {}): ParsedFeed {
  const budget = new TimeBudget(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const url = usableUrl(options.url);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = source.search(/\S/);
  if (start < 0) {
    throw new FeedParseError(
      'empty',
      'The document is empty (it has no content at all); check the URL or file, or try again later if the site is having trouble.',
    );
  }
  const first = source[start];
  if (first === '{' || first === '[') return parseJson(source, first, url, budget);

  const doc = parseXmlDocument(source, budget);
  const root = findFeedRoot(doc);
  if (!root) throw notAFeed(doc, source, start, url);

  const isAtom = root.local === 'feed' || root.local === 'entry';
  const ctx: FeedContext = {
    doc,
    core: isAtom ? 'atom' : 'rss',
    rootNs: root.ns,
    url,
    budget,
    warnings: [...doc.warnings],
  };
  let format: FeedFormat;
  let fields: Pick<ParsedFeed, 'title' | 'link' | 'language' | 'items'>;
  if (isAtom) {
    format = 'atom';
    fields = readAtom(ctx, root);
  } else {
    const rss = readRss(ctx, root);
    format = rss.format;
    fields = rss;
  }
  budget.check();
  return { format, ...fields, warnings: ctx.warnings };
}

function parseJson(source: string, first: string, url: string | null, budget: TimeBudget): ParsedFeed {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FeedParseError(
      'invalid-json',
      `The document looks like JSON but is not valid JSON (${detail}); check that the URL points to a JSON Feed, ` +
        'or ask the publisher to fix the feed.',
    );
  }
  budget.check();
  if (!isJsonFeed(value)) {
    throw new FeedParseError(
      'json-not-feed',
      first === '['
        ? 'The document is a JSON list, not a JSON Feed (which is an object with "version" and "items"); check that the URL points to the feed itself.'
        : 'The document is JSON but not a JSON Feed (it has no "version": "https://jsonfeed.org/version/1.1" and no "items" list); check that the URL points to the feed, not to an API.',
    );
  }
  return readJsonFeed(value, url, budget);
}

function findFeedRoot(doc: XmlDocument): XmlElement | null {
  for (const root of doc.roots) if (FEED_ROOTS.has(root.local) && looksLikeFeedRoot(root)) return root;
  const first = doc.roots[0];
  if (!first) return null;
  const inHtml = isHtmlRoot(doc, first);
  // A feed wrapped in another element (an API envelope, or even an HTML page): look further down,
  // but inside HTML only for an element that declares a feed namespace.
  const queue: XmlElement[] = [...doc.roots];
  for (let i = 0; i < queue.length && i < MAX_WRAPPER_SEARCH; i++) {
    const el = queue[i]!;
    if (i >= doc.roots.length && NESTED_FEED_ROOTS.has(el.local) && looksLikeFeedRoot(el)) {
      if (!inHtml || vocabularyOf(el) === 'atom' || vocabularyOf(el) === 'rdf' || el.local === 'rss') return el;
    }
    for (const child of el.children) queue.push(child);
  }
  return null;
}

// The root's name alone is not enough for the generic ones: an RDF or <channel> document must
// actually hold a channel or items, and an <entry> must be Atom.
function looksLikeFeedRoot(root: XmlElement): boolean {
  const has = (local: string): boolean => root.children.some((child) => child.local === local);
  switch (root.local) {
    case 'rdf':
      return has('channel') || has('item') || declaresRssNamespace(root);
    case 'channel':
      return (
        ['title', 'item', 'items', 'link', 'description', 'abstract'].some(has) ||
        root.attrs.has('href') ||
        root.attrs.has('lastmod') ||
        declaresRssNamespace(root)
      );
    case 'entry':
      return vocabularyOf(root) === 'atom' || root.ns === '';
    default:
      return true;
  }
}

// An empty RSS 1.0/1.1 document is still a feed (with nothing in it yet) when it says so by namespace.
function declaresRssNamespace(root: XmlElement): boolean {
  for (const [key, value] of root.attrs) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (RSS_NAMESPACES.has(value.trim().toLowerCase())) return true;
    }
  }
  return RSS_NAMESPACES.has(root.ns);
}

function isHtmlRoot(doc: XmlDocument, root: XmlElement): boolean {
  if (doc.doctype && /^doctype\s+html/i.test(doc.doctype)) return true;
  if (vocabularyOf(root) === 'xhtml') return true;
  return COMMON_HTML_TAGS.has(root.local) && root.local !== 'title' && root.local !== 'link';
}

function notAFeed(doc: XmlDocument, source: string, start: number, url: string | null): FeedParseError {
  const root = doc.roots[0];
  if (!root) {
    if (source[start] === '<') {
      return new FeedParseError(
        'empty',
        'The document holds no elements (only declarations or comments), so the feed is empty; check the URL, or try again later.',
      );
    }
    // Control characters (NULs of a UTF-16/32 body read as UTF-8, say) would garble the message.
    const preview = source
      .slice(start, start + 40)
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
      .replace(/\s+/g, ' ');
    return new FeedParseError(
      'not-xml-or-json',
      `The document is neither XML nor JSON (it begins with "${preview}"); check that the URL points to an RSS, Atom or JSON feed.`,
    );
  }
  if (isHtmlRoot(doc, root)) {
    const links = findFeedLinks(source, url);
    const found =
      links.length > 0
        ? ` It links to these feeds: ${links.join(', ')}.`
        : ' It links to no feed, so ask the site whether it publishes one.';
    return new FeedParseError(
      'html',
      `This is an HTML page, not a feed: look for a <link rel="alternate"> in it and use that URL instead.${found}`,
      links,
    );
  }
  const detail =
    root.local === 'rdf' || root.local === 'channel'
      ? `a <${root.name}> without an RSS channel or items`
      : `XML whose root element is <${root.name}>`;
  return new FeedParseError(
    'xml-not-feed',
    `The document is ${detail}, not an RSS, Atom or JSON feed; check that the URL points to the feed itself.`,
  );
}

// Only web URLs are a base for links; a local file path (or file: URL) is not where links point.
function usableUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
