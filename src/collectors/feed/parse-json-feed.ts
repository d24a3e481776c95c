import type { FeedItem, ParsedFeed } from './feed-types.js';
import type { TimeBudget } from './parse-budget.js';
import { acceptLink, addUnique, itemId, resolveUrl, titleFromString, warn } from './parse-common.js';
import { escapeHtml } from './parse-xml.js';
import { parseFeedDate } from './parse-date.js';

type JsonObject = Record<string, unknown>;

/**
 * True when a parsed JSON value is a JSON Feed: a `version` naming jsonfeed.org, or (for feeds
 * that omit it) an `items` array next to a title or a feed/home page URL.
 */
export function isJsonFeed(value: unknown): value is JsonObject {
  if (!isObject(value)) return false;
  if (typeof value.version === 'string' && /jsonfeed\.org\/version\//i.test(value.version)) return true;
  return (
    Array.isArray(value.items) &&
    (typeof value.title === 'string' || typeof value.home_page_url === 'string' || typeof value.feed_url === 'string')
  );
}

/** Reads a JSON Feed 1.0/1.1 object (see `isJsonFeed`) into a ParsedFeed. */
export function readJsonFeed(feed: JsonObject, url: string | null, budget: TimeBudget): ParsedFeed {
  const ctx = { warnings: [] as string[] };
  const feedUrl = str(feed.feed_url);
  const base = url ?? (feedUrl && /^https?:\/\//i.test(feedUrl) ? feedUrl : null);
  const link = (value: string | null): string | null => (value ? acceptLink(resolveUrl(value, base)) : null);

  const feedAuthors = authorsOf(feed);
  const items: FeedItem[] = [];
  const rawItems = Array.isArray(feed.items) ? feed.items : [];
  rawItems.forEach((raw, index) => {
    budget.tick();
    if (!isObject(raw)) {
      warn(ctx, `item ${index + 1} is not an object and was skipped`);
      return;
    }
    const what = `item ${index + 1}`;
    const rawId = raw.id;
    const guid =
      typeof rawId === 'string' && rawId.trim() !== ''
        ? rawId.trim()
        : typeof rawId === 'number' && Number.isFinite(rawId)
          ? String(rawId)
          : null;
    const title = titleFromString(str(raw.title));
    const itemLink = link(str(raw.url)) ?? link(str(raw.external_url));
    const publishedText = str(raw.date_published);
    const published = parseFeedDate(publishedText);
    if (publishedText && !published) warn(ctx, `${what}: the date "${publishedText.slice(0, 60)}" could not be read`);
    const updated = parseFeedDate(str(raw.date_modified));
    const contentText = str(raw.content_text);
    const contentHtml = nonBlank(str(raw.content_html)) ?? (contentText ? nonBlank(escapeHtml(contentText)) : null);
    const summary = str(raw.summary);
    const summaryHtml = summary ? nonBlank(escapeHtml(summary)) : null;
    const authors = authorsOf(raw);
    const categories: string[] = [];
    if (Array.isArray(raw.tags)) for (const tag of raw.tags) if (typeof tag === 'string') addUnique(categories, tag);
    items.push({
      id: itemId(guid, itemLink, title, publishedText, contentHtml ?? summaryHtml),
      guid,
      title,
      link: itemLink,
      published,
      updated,
      authors: authors.length > 0 ? authors : [...feedAuthors],
      contentHtml,
      summaryHtml,
      categories,
      lat: null,
      lon: null,
    });
  });

  return {
    format: 'json',
    title: titleFromString(str(feed.title)),
    link: link(str(feed.home_page_url)),
    language: nonBlank(str(feed.language)),
    items,
    warnings: ctx.warnings,
  };
}

// JSON Feed 1.1 `authors` (a list), 1.0 `author` (one object).
function authorsOf(value: JsonObject): string[] {
  const authors: string[] = [];
  const list = Array.isArray(value.authors) ? value.authors : isObject(value.author) ? [value.author] : [];
  for (const author of list) {
    if (!isObject(author)) continue;
    addUnique(authors, str(author.name) ?? str(author.url));
  }
  return authors;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function nonBlank(value: string | null): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}
