import { htmlToText } from '../html/html-to-text.js';
import { hashAuthor } from '../author-hash.js';
import { canonicalUrl } from '../canonical-url.js';
import { dedupKey } from '../dedup-key.js';
import type { PostDraft } from '../post.js';
import type { FeedItem, ParsedFeed } from './feed-types.js';

/** Longest plain text kept per post; longer bodies are cut (feeds sometimes carry whole books). */
const MAX_TEXT_CHARS = 20_000;
/** Dates further in the future than this are feed errors; the collection time is used instead. */
const MAX_FUTURE_MS = 24 * 3600_000;

/** The result of mapping one item: a post, or the reason it could not be mapped. */
export type MapResult = { ok: true; post: PostDraft } | { ok: false; reason: string };

/**
 * Maps a parsed feed item to a post (pure): plain text via a real HTML parser, canonical URL, a UTC
 * publication time, the author as a keyed hash only.
 */
export function mapFeedItem(
  item: FeedItem,
  feed: Pick<ParsedFeed, 'language'>,
  sourceId: string,
  authorKey: Buffer,
  collectedAt: Date,
): MapResult {
  const title = item.title ? collapse(item.title) : null;
  const bodyHtml = item.contentHtml ?? item.summaryHtml;
  const body = bodyHtml ? htmlToText(bodyHtml) : '';
  if (!title && !body) return { ok: false, reason: 'the item has neither a title nor any text' };
  const text = joinTitleAndBody(title, body).slice(0, MAX_TEXT_CHARS);
  const author = item.authors.find((name) => name.trim().length > 0) ?? null;
  return {
    ok: true,
    post: {
      sourceId,
      externalId: item.id,
      url: item.link,
      canonicalUrl: canonicalUrl(item.link),
      title,
      text,
      publishedAt: publicationTime(item, collectedAt),
      authorHash: hashAuthor(author, authorKey),
      langHint: feed.language ? feed.language.slice(0, 2).toLowerCase() : null,
      lat: item.lat,
      lon: item.lon,
      dedupKey: dedupKey(title),
    },
  };
}

function publicationTime(item: FeedItem, collectedAt: Date): string {
  for (const candidate of [item.published, item.updated]) {
    if (!candidate) continue;
    const time = Date.parse(candidate);
    if (Number.isFinite(time) && time <= collectedAt.getTime() + MAX_FUTURE_MS) return new Date(time).toISOString();
  }
  return collectedAt.toISOString();
}

/** Title and body, without repeating the title when the body starts with it (common in feeds). */
function joinTitleAndBody(title: string | null, body: string): string {
  if (!title) return body;
  if (!body || body.startsWith(title)) return body || title;
  return `${title}\n${body}`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
