import type { FeedItem } from './feed-types.js';
import type { XmlElement } from './parse-xml.js';
import { attr } from './parse-xml.js';
import {
  acceptLink,
  addUnique,
  baseAt,
  coreChild,
  coreChildren,
  extChild,
  extChildren,
  findOutermost,
  firstDate,
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
import type { FeedContext, LinkCandidate } from './parse-common.js';

/** Feed-level fields and entries of an Atom document. */
export interface AtomRead {
  title: string | null;
  link: string | null;
  language: string | null;
  items: FeedItem[];
}

/**
 * Reads an Atom 1.0 or 0.3 feed (`<feed>`, any prefix) or a single Atom Entry Document (`<entry>`).
 * Links are resolved against xml:base, the document URL or, failing that, the feed's self link.
 */
export function readAtom(ctx: FeedContext, root: XmlElement): AtomRead {
  const isEntryDocument = root.local === 'entry';
  const links = linkCandidates(coreChildren(ctx, root, 'link'));
  const self = links.find((link) => link.rel === 'self');
  const selfUrl = self ? resolveUrl(self.href, baseAt(self.el, ctx.url).base) : null;
  const documentUrl = ctx.url ?? (selfUrl && /^https?:\/\//i.test(selfUrl) ? selfUrl : null);

  const feedAuthors = isEntryDocument ? [] : authorsOf(ctx, root);
  const entries = isEntryDocument ? [root] : findOutermost(ctx, root, 'entry');
  const items = entries.map((entry, index) => {
    ctx.budget.tick();
    return readEntry(ctx, entry, index, documentUrl, feedAuthors);
  });
  if (isEntryDocument) return { title: null, link: null, language: null, items };

  const alternate = pickAlternate(links);
  return {
    title:
      textConstructToPlain(readTextConstruct(ctx, coreChild(ctx, root, 'title'))) ??
      titleFromRssElement(ctx, extChild(root, 'dc', 'title')),
    link: alternate ? resolveLink(alternate, documentUrl) : null,
    language: nonBlank(root.attrs.get('xml:lang')),
    items,
  };
}

function readEntry(
  ctx: FeedContext,
  entry: XmlElement,
  index: number,
  documentUrl: string | null,
  feedAuthors: string[],
): FeedItem {
  const what = `entry ${index + 1}`;
  const guid = plainText(coreChild(ctx, entry, 'id'));
  const title =
    textConstructToPlain(readTextConstruct(ctx, coreChild(ctx, entry, 'title'))) ??
    titleFromRssElement(ctx, extChild(entry, 'dc', 'title')) ??
    titleFromRssElement(ctx, extChild(entry, 'media', 'title'));
  const alternate = pickAlternate(linkCandidates(coreChildren(ctx, entry, 'link')));
  const link = alternate ? resolveLink(alternate, documentUrl) : null;

  const published = firstDate(
    ctx,
    [
      coreChild(ctx, entry, 'published'),
      coreChild(ctx, entry, 'issued'),
      coreChild(ctx, entry, 'created'),
      extChild(entry, 'dc', 'date'),
      extChild(entry, 'dcterms', 'issued'),
    ],
    what,
  );
  const updated = firstDate(
    ctx,
    [coreChild(ctx, entry, 'updated'), coreChild(ctx, entry, 'modified'), extChild(entry, 'dcterms', 'modified')],
    `${what} (updated)`,
  );

  // RFC 4287: an entry without an author inherits its source's, then the feed's.
  let authors = authorsOf(ctx, entry);
  if (authors.length === 0) {
    const source = coreChild(ctx, entry, 'source');
    if (source) authors = authorsOf(ctx, source);
  }
  if (authors.length === 0) authors = [...feedAuthors];

  const contentHtml = textConstructToHtml(readTextConstruct(ctx, coreChild(ctx, entry, 'content')));
  const summaryHtml = textConstructToHtml(readTextConstruct(ctx, coreChild(ctx, entry, 'summary')));

  const categories: string[] = [];
  for (const category of coreChildren(ctx, entry, 'category')) {
    addUnique(categories, attr(category, 'term') ?? attr(category, 'label') ?? plainText(category));
  }
  for (const subject of extChildren(entry, 'dc', 'subject')) addUnique(categories, plainText(subject));

  const geo = readGeo(ctx, entry);
  return {
    id: itemId(guid, link, title, published.text ?? updated.text, contentHtml ?? summaryHtml),
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

function resolveLink(link: LinkCandidate, documentUrl: string | null): string | null {
  return acceptLink(resolveUrl(link.href, baseAt(link.el, documentUrl).base));
}

function authorsOf(ctx: FeedContext, el: XmlElement): string[] {
  const authors: string[] = [];
  for (const author of coreChildren(ctx, el, 'author')) {
    const name =
      plainText(coreChild(ctx, author, 'name')) ??
      plainText(coreChild(ctx, author, 'email')) ??
      (author.children.length === 0 ? plainText(author) : null);
    addUnique(authors, name);
  }
  for (const creator of extChildren(el, 'dc', 'creator')) addUnique(authors, plainText(creator));
  return authors;
}

function nonBlank(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null;
}
