import type { FeedItem } from './feed-types.js';
import type { XmlElement } from './parse-xml.js';
import { attr } from './parse-xml.js';
import {
  acceptLink,
  findOutermost,
  addUnique,
  baseAt,
  coreChild,
  coreChildren,
  extChild,
  extChildren,
  firstDate,
  htmlFromRssElement,
  isAbsoluteUrl,
  itemId,
  linkCandidates,
  pickAlternate,
  plainText,
  readGeo,
  readTextConstruct,
  resolveUrl,
  textConstructToHtml,
  textConstructToPlain,
  titleFromRssElement,
} from './parse-common.js';
import type { FeedContext } from './parse-common.js';

/** Channel-level fields and items of an RSS-family document. */
export interface RssRead {
  format: 'rss' | 'rdf';
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
}

const RSS11_NS = 'http://purl.org/net/rss1.1#';

/**
 * Reads RSS 0.90/0.91/0.92/0.93/0.94/2.0 (`<rss>`, with or without version or namespace),
 * RSS 1.0 (`<rdf:RDF>`), RSS 1.1 and CDF (`<channel>` roots) from a parsed document.
 */
export function readRss(ctx: FeedContext, root: XmlElement): RssRead {
  const rootIsChannel = root.local === 'channel';
  const channel =
    (rootIsChannel ? root : coreChild(ctx, root, 'channel')) ??
    root.children.find((child) => child.local === 'channel') ??
    root;
  const format = root.local === 'rdf' || root.ns === RSS11_NS ? 'rdf' : 'rss';

  const selfLink = pickSelf(channel);
  const documentUrl = ctx.url ?? selfLink;

  const channelLink = linkOf(ctx, channel);
  const link = channelLink ? acceptLink(resolveUrl(channelLink.href, baseAt(channelLink.el, documentUrl).base)) : null;
  // Relative item links are relative to the site (the channel link) unless xml:base says otherwise.
  const itemBase = link && isAbsoluteUrl(link) ? link : documentUrl;

  const title =
    titleFromRssElement(ctx, coreChild(ctx, channel, 'title')) ??
    titleFromRssElement(ctx, extChild(channel, 'dc', 'title'));
  const language =
    plainText(coreChild(ctx, channel, 'language')) ??
    plainText(extChild(channel, 'dc', 'language')) ??
    nonBlank(channel.attrs.get('xml:lang')) ??
    nonBlank(root.attrs.get('xml:lang'));

  const items: FeedItem[] = [];
  collectItemElements(ctx, root).forEach((el, index) => {
    ctx.budget.tick();
    items.push(readItem(ctx, el, index, documentUrl, itemBase));
  });
  return { format, title, link, language, items };
}

// Items are normally children of <channel> (RSS 2.0) or of the root (RSS 1.0), but an unclosed
// element before them (say <itunes:category>) nests them deeper: every <item> below the root counts,
// except inside another item or inside HTML content.
function collectItemElements(ctx: FeedContext, root: XmlElement): XmlElement[] {
  return findOutermost(ctx, root, 'item');
}


function readItem(
  ctx: FeedContext,
  el: XmlElement,
  index: number,
  documentUrl: string | null,
  itemBase: string | null,
): FeedItem {
  const what = `item ${index + 1}`;
  const guidEl = coreChild(ctx, el, 'guid');
  const guidText = plainText(guidEl);
  const about = attr(el, 'about');
  const guid = guidText ?? (about && about.trim() !== '' ? about.trim() : null);

  const title =
    titleFromRssElement(ctx, coreChild(ctx, el, 'title')) ??
    titleFromRssElement(ctx, extChild(el, 'dc', 'title')) ??
    textConstructToPlain(readTextConstruct(ctx, extChild(el, 'atom', 'title'))) ??
    titleFromRssElement(ctx, extChild(el, 'media', 'title'));

  const resolve = (href: string, at: XmlElement): string => {
    const { base, explicit } = baseAt(at, documentUrl);
    return resolveUrl(href, explicit ? base : itemBase);
  };
  let link: string | null = null;
  const linkFound = linkOf(ctx, el);
  if (linkFound) link = acceptLink(resolve(linkFound.href, linkFound.el));
  if (!link && guidText && guidEl && (attr(guidEl, 'ispermalink') ?? 'true').trim().toLowerCase() !== 'false') {
    // A permalink guid is the item's address (RSS 2.0); only trust it when it is a web URL.
    if (/^https?:\/\//i.test(guidText)) link = guidText;
  }
  if (!link && about && /^https?:\/\//i.test(about.trim())) link = about.trim();

  const published = firstDate(
    ctx,
    [
      coreChild(ctx, el, 'pubdate'),
      extChild(el, 'dc', 'date'),
      extChild(el, 'dcterms', 'issued'),
      extChild(el, 'dcterms', 'created'),
      extChild(el, 'dcterms', 'date'),
      extChild(el, 'atom', 'published'),
      attr(el, 'lastmod'),
    ],
    what,
  );
  const updated = firstDate(
    ctx,
    [extChild(el, 'atom', 'updated'), extChild(el, 'dcterms', 'modified')],
    `${what} (updated)`,
  );

  const authors: string[] = [];
  for (const author of coreChildren(ctx, el, 'author')) addUnique(authors, plainText(author));
  for (const creator of extChildren(el, 'dc', 'creator')) addUnique(authors, plainText(creator));
  for (const atomAuthor of extChildren(el, 'atom', 'author')) {
    addUnique(authors, plainText(extChild(atomAuthor, 'atom', 'name') ?? atomAuthor));
  }
  addUnique(authors, plainText(extChild(el, 'itunes', 'author')));

  const contentHtml =
    htmlFromRssElement(ctx, extChild(el, 'content', 'encoded')) ??
    htmlFromRssElement(ctx, extChild(el, 'xhtml', 'body')) ??
    textConstructToHtml(readTextConstruct(ctx, extChild(el, 'atom', 'content')));
  const summaryHtml =
    htmlFromRssElement(ctx, coreChild(ctx, el, 'description')) ??
    htmlFromRssElement(ctx, extChild(el, 'dc', 'description')) ??
    textConstructToHtml(readTextConstruct(ctx, extChild(el, 'atom', 'summary'))) ??
    htmlFromRssElement(ctx, extChild(el, 'itunes', 'summary')) ??
    htmlFromRssElement(ctx, coreChild(ctx, el, 'abstract'));

  const categories: string[] = [];
  for (const category of coreChildren(ctx, el, 'category')) addUnique(categories, plainText(category));
  for (const subject of extChildren(el, 'dc', 'subject')) addUnique(categories, plainText(subject));
  for (const category of extChildren(el, 'atom', 'category')) addUnique(categories, attr(category, 'term'));

  const geo = readGeo(ctx, el);
  return {
    id: itemId(guid, link, title, published.text, contentHtml ?? summaryHtml),
    guid,
    title,
    link,
    published: published.iso,
    updated: updated.iso,
    authors,
    contentHtml,
    summaryHtml,
    categories,
    lat: geo?.lat ?? null,
    lon: geo?.lon ?? null,
  };
}

/**
 * The link of a channel or item: `<link>` text (or an `href` attribute on it), an atom:link
 * alternate, or a CDF `HREF` attribute.
 */
function linkOf(ctx: FeedContext, el: XmlElement): { href: string; el: XmlElement } | null {
  for (const child of coreChildren(ctx, el, 'link')) {
    const text = plainText(child);
    if (text) return { href: text, el: child };
    const href = attr(child, 'href');
    if (href && href.trim() !== '') return { href: href.trim(), el: child };
  }
  const alternate = pickAlternate(linkCandidates(extChildren(el, 'atom', 'link')));
  if (alternate) return { href: alternate.href, el: alternate.el };
  const cdf = el.attrs.get('href');
  if (cdf && cdf.trim() !== '') return { href: cdf.trim(), el };
  return null;
}

// atom:link rel="self" in a channel: the feed's own URL, a stand-in when the document URL is unknown.
function pickSelf(channel: XmlElement): string | null {
  const self = linkCandidates(extChildren(channel, 'atom', 'link')).find((link) => link.rel === 'self');
  return self && /^https?:\/\//i.test(self.href) ? self.href : null;
}

function nonBlank(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}
