import { createHash } from 'node:crypto';
import { htmlToText, collapseWhitespace } from '../html/html-to-text.js';
import { looksLikeHtml } from '../html/html-elements.js';
import { attr, escapeHtml, innerMarkup, textContent } from './parse-xml.js';
import type { XmlDocument, XmlElement } from './parse-xml.js';
import type { TimeBudget } from './parse-budget.js';
import { parseFeedDate } from './parse-date.js';

/** The vocabularies (namespaces) feed parsing distinguishes. */
export type Vocabulary =
  | 'none'
  | 'rss'
  | 'atom'
  | 'rdf'
  | 'dc'
  | 'dcterms'
  | 'content'
  | 'media'
  | 'georss'
  | 'geo'
  | 'gml'
  | 'itunes'
  | 'xhtml'
  | 'other';

const NAMESPACES: Readonly<Record<string, Vocabulary>> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/atom/ns#draft-ietf-atompub-format-08': 'atom',
  'http://purl.org/rss/1.0/': 'rss',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss',
  'http://channel.netscape.com/rdf/simple/0.9/': 'rss',
  'http://purl.org/net/rss1.1#': 'rss',
  'http://backend.userland.com/rss2': 'rss',
  'http://backend.userland.com/rss': 'rss',
  'http://blogs.law.harvard.edu/tech/rss': 'rss',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/elements/1.0/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.georss.org/georss': 'georss',
  'http://www.georss.org/georss/': 'georss',
  'http://www.w3.org/2003/01/geo/wgs84_pos#': 'geo',
  'http://www.opengis.net/gml': 'gml',
  'http://www.opengis.net/gml/3.2': 'gml',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.w3.org/1999/xhtml': 'xhtml',
};

/** Which vocabulary an element belongs to, by its namespace. */
export function vocabularyOf(el: XmlElement): Vocabulary {
  if (el.ns === '') return 'none';
  return NAMESPACES[el.ns] ?? 'other';
}

/** Shared state of one feed parse. */
export interface FeedContext {
  readonly doc: XmlDocument;
  /** The vocabulary of the format's own elements ('rss' for RSS/RDF, 'atom' for Atom). */
  readonly core: Vocabulary;
  /** The root's namespace: a feed in an unknown default namespace still has core elements. */
  readonly rootNs: string;
  readonly url: string | null;
  readonly budget: TimeBudget;
  readonly warnings: string[];
}

/** True when the element is one of the feed format's own elements (not an extension's). */
export function isCore(ctx: FeedContext, el: XmlElement): boolean {
  const vocabulary = vocabularyOf(el);
  return vocabulary === ctx.core || vocabulary === 'none' || (el.ns === ctx.rootNs && vocabulary === 'other');
}

/** Direct children with the given lower-case local name in the format's own vocabulary. */
export function coreChildren(ctx: FeedContext, el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((child) => child.local === local && isCore(ctx, child));
}

/** The first direct child with the given local name in the format's own vocabulary, or null. */
export function coreChild(ctx: FeedContext, el: XmlElement, local: string): XmlElement | null {
  for (const child of el.children) if (child.local === local && isCore(ctx, child)) return child;
  return null;
}

/** Direct children in a given extension vocabulary with the given local name. */
export function extChildren(el: XmlElement, vocabulary: Vocabulary, local: string): XmlElement[] {
  return el.children.filter((child) => child.local === local && vocabularyOf(child) === vocabulary);
}

/** The first direct child in a given extension vocabulary, or null. */
export function extChild(el: XmlElement, vocabulary: Vocabulary, local: string): XmlElement | null {
  for (const child of el.children) if (child.local === local && vocabularyOf(child) === vocabulary) return child;
  return null;
}

/** Trimmed, whitespace-collapsed text of an element, or null when empty. */
export function plainText(el: XmlElement | null): string | null {
  if (!el) return null;
  const text = collapseWhitespace(textContent(el));
  return text === '' ? null : text;
}

/**
 * A title from an RSS/RDF element: markup (child elements, escaped tags, entities) becomes text;
 * text that does not look like HTML is kept as written ("1 < 2").
 */
export function titleFromRssElement(ctx: FeedContext, el: XmlElement | null): string | null {
  if (!el) return null;
  if (el.children.length > 0) return nonEmpty(collapseWhitespace(htmlToText(innerMarkup(ctx.doc, el))));
  return titleFromString(textContent(el));
}

/** Plain text from a title string that may hold HTML. */
export function titleFromString(value: string | null | undefined): string | null {
  if (!value) return null;
  return nonEmpty(collapseWhitespace(looksLikeHtml(value) ? htmlToText(value) : value));
}

/** The value of an Atom text construct (or an RSS element treated like one): HTML or plain text. */
export interface TextConstruct {
  /** 'xhtml' is exact markup; 'html' may be escaped once too often, as feeds often do. */
  kind: 'html' | 'xhtml' | 'text';
  value: string;
}

/**
 * Reads an Atom 0.3/1.0 text construct: `type` text/html/xhtml (or MIME types), Atom 0.3 `mode`
 * escaped/base64/xml, and markup written inside a "text" element (it is treated as HTML).
 * Returns null for out-of-line (`src`) or non-text content.
 */
export function readTextConstruct(ctx: FeedContext, el: XmlElement | null): TextConstruct | null {
  if (!el) return null;
  if (attr(el, 'src') !== null && el.children.length === 0 && textContent(el).trim() === '') return null;
  const type = (attr(el, 'type') ?? 'text').trim().toLowerCase();
  const mode = (attr(el, 'mode') ?? '').trim().toLowerCase();
  const isXhtml = type === 'xhtml' || type === 'application/xhtml+xml';
  const isHtml = type === 'html' || type === 'text/html';
  const isText = type === 'text' || type === 'text/plain' || type === '';
  const isInline = isXhtml || isHtml || isText || type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/xml');
  if (mode === 'base64' || !isInline) {
    // Atom 1.0: any other type is base64; only keep it when it decodes to text (not an image).
    const decoded = Buffer.from(textContent(el).replace(/\s+/g, ''), 'base64').toString('utf8');
    if (decoded.trim() === '' || /[\ufffd\u0000-\u0008\u000e-\u001f]/.test(decoded)) return null;
    const kind = isText ? 'text' : isInline || looksLikeHtml(decoded) ? 'html' : 'text';
    return { kind, value: decoded };
  }
  if (isXhtml) {
    const div = el.children.find((child) => child.local === 'div') ?? null;
    const onlyDiv = div !== null && el.children.length === 1 && ownTextIsBlank(el);
    return { kind: 'xhtml', value: innerMarkup(ctx.doc, onlyDiv ? div : el) };
  }
  if (el.children.length > 0) return { kind: 'html', value: innerMarkup(ctx.doc, el) };
  const text = textContent(el);
  if (isHtml || mode === 'escaped') return { kind: 'html', value: text };
  return { kind: 'text', value: text };
}

function ownTextIsBlank(el: XmlElement): boolean {
  for (const part of el.content) if (typeof part === 'string' && part.trim() !== '') return false;
  return true;
}

/** Plain text of a text construct (for titles). */
export function textConstructToPlain(construct: TextConstruct | null): string | null {
  if (!construct) return null;
  const { kind, value } = construct;
  const text = kind === 'text' ? value : htmlToText(value, { undoDoubleEscaping: kind === 'html' });
  return nonEmpty(collapseWhitespace(text));
}

/** HTML of a text construct (plain text is escaped), or null when blank. */
export function textConstructToHtml(construct: TextConstruct | null): string | null {
  if (!construct) return null;
  const value = construct.value.trim();
  if (value === '') return null;
  return construct.kind === 'text' ? escapeHtml(value) : value;
}

/** HTML held by an RSS element: escaped HTML as text, or (invalid but common) HTML written as child elements. */
export function htmlFromRssElement(ctx: FeedContext, el: XmlElement | null): string | null {
  if (!el) return null;
  const value = (el.children.length > 0 ? innerMarkup(ctx.doc, el) : textContent(el)).trim();
  return value === '' ? null : value;
}

/** True for an absolute URL (any scheme). */
export function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

/** Resolves a possibly relative URL against a base; returns the input when that is impossible. */
export function resolveUrl(href: string, base: string | null): string {
  const value = href.trim();
  if (value === '' || isAbsoluteUrl(value) || !base) return value;
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

/**
 * The base URL in effect at an element: its and its ancestors' xml:base, applied on top of the
 * document URL. `explicit` tells whether any xml:base was involved.
 */
export function baseAt(el: XmlElement, documentUrl: string | null): { base: string | null; explicit: boolean } {
  const bases: string[] = [];
  for (let node: XmlElement | null = el; node; node = node.parent) {
    const value = node.attrs.get('xml:base');
    if (value !== undefined && value.trim() !== '') bases.push(value.trim());
  }
  let base = documentUrl;
  for (let i = bases.length - 1; i >= 0; i--) {
    const value = bases[i]!;
    // A relative xml:base without an absolute base to apply it to cannot be used.
    if (isAbsoluteUrl(value)) base = value;
    else if (base) base = resolveUrl(value, base);
  }
  return { base, explicit: bases.length > 0 };
}

/** Keeps http(s) and relative links; other schemes (javascript:, data:, urn:) are not links to visit. */
export function acceptLink(url: string | null): string | null {
  if (!url) return null;
  const value = url.trim();
  if (value === '') return null;
  if (!isAbsoluteUrl(value)) return value;
  return /^https?:/i.test(value) ? value : null;
}

/** An Atom-style `<link>`: its href, rel and type. */
export interface LinkCandidate {
  href: string;
  rel: string;
  type: string;
  el: XmlElement;
}

/** Reads Atom-style links (href attribute) among the given elements. */
export function linkCandidates(elements: XmlElement[]): LinkCandidate[] {
  const links: LinkCandidate[] = [];
  for (const el of elements) {
    const href = attr(el, 'href') ?? '';
    if (href.trim() === '') continue;
    links.push({
      href: href.trim(),
      rel: (attr(el, 'rel') ?? 'alternate').trim().toLowerCase() || 'alternate',
      type: (attr(el, 'type') ?? '').trim().toLowerCase(),
      el,
    });
  }
  return links;
}

/** The alternate (human-readable) link among candidates, preferring HTML pages. */
export function pickAlternate(links: LinkCandidate[]): LinkCandidate | null {
  const alternates = links.filter(
    (link) => link.rel === 'alternate' || link.rel === 'http://www.iana.org/assignments/relation/alternate',
  );
  return (
    alternates.find((link) => link.type === '' || link.type === 'text/html' || link.type === 'application/xhtml+xml') ??
    alternates[0] ??
    null
  );
}

/** Parses the first date among candidates that parses; warns about the ones that do not. */
export function firstDate(
  ctx: FeedContext,
  candidates: Array<XmlElement | string | null>,
  what: string,
): { iso: string | null; text: string | null } {
  let firstText: string | null = null;
  for (const candidate of candidates) {
    if (candidate === null) continue;
    const text = typeof candidate === 'string' ? candidate.trim() : plainText(candidate);
    if (!text) continue;
    firstText ??= text;
    const iso = parseFeedDate(text);
    if (iso) return { iso, text };
  }
  if (firstText !== null) warn(ctx, `${what}: the date "${firstText.slice(0, 60)}" could not be read`);
  return { iso: null, text: firstText };
}

/** Adds a warning, keeping the list short. */
export function warn(ctx: { warnings: string[] }, message: string): void {
  if (ctx.warnings.length < 50) ctx.warnings.push(message);
  else if (ctx.warnings.length === 50) ctx.warnings.push('more warnings were not listed');
}

/** Latitude/longitude of an item from GeoRSS simple, GeoRSS GML or W3C geo, or null. */
export function readGeo(ctx: FeedContext, item: XmlElement): { lat: number; lon: number } | null {
  for (const child of item.children) {
    const vocabulary = vocabularyOf(child);
    if (vocabulary === 'georss' && child.local === 'point') {
      const point = parsePair(textContent(child));
      if (point) return point;
      warn(ctx, `a georss:point "${textContent(child).trim().slice(0, 40)}" could not be read`);
    }
    if (vocabulary === 'georss' && child.local === 'where') {
      const point = gmlPoint(child.children.find((c) => c.local === 'point') ?? null);
      if (point) return point;
    }
    if (vocabulary === 'gml' && child.local === 'point') {
      const point = gmlPoint(child); // without the georss:where wrapper, as some feeds write it
      if (point) return point;
    }
  }
  const geoContainer = extChild(item, 'geo', 'point') ?? item;
  const lat = extChild(geoContainer, 'geo', 'lat') ?? extChild(item, 'geo', 'lat');
  const lon =
    extChild(geoContainer, 'geo', 'long') ??
    extChild(geoContainer, 'geo', 'lon') ??
    extChild(item, 'geo', 'long') ??
    extChild(item, 'geo', 'lon');
  if (lat && lon) {
    const point = checkPoint(toNumber(textContent(lat)), toNumber(textContent(lon)));
    if (point) return point;
  }
  return null;
}

// A GML Point in WGS84 (no srsName, EPSG:4326/4979 or WGS84: latitude first; OGC CRS84: longitude
// first). Other reference systems (UTM, RD New) are ignored rather than misread.
function gmlPoint(point: XmlElement | null): { lat: number; lon: number } | null {
  if (!point) return null;
  const pos = point.children.find((child) => child.local === 'pos' || child.local === 'coordinates');
  if (!pos) return null;
  const order = axisOrder(attr(pos, 'srsname') ?? attr(point, 'srsname'));
  if (order === null) return null;
  const pair = parsePair(textContent(pos), order === 'lonlat');
  return pair;
}

function axisOrder(srs: string | null): 'latlon' | 'lonlat' | null {
  if (srs === null || srs.trim() === '') return 'latlon';
  if (/crs:?84\b/i.test(srs)) return 'lonlat';
  return /(?:\b4326|\b4979|wgs\s*-?84)\b/i.test(srs) ? 'latlon' : null;
}

function parsePair(value: string, lonFirst = false): { lat: number; lon: number } | null {
  const parts = value.trim().split(/[\s,]+/);
  if (parts.length < 2 || parts[0] === '') return null;
  const a = toNumber(parts[0]!);
  const b = toNumber(parts[1]!);
  return lonFirst ? checkPoint(b, a) : checkPoint(a, b);
}

// Number('') is 0, which would put an empty coordinate on the equator.
function toNumber(value: string): number {
  const trimmed = value.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

function checkPoint(lat: number, lon: number): { lat: number; lon: number } | null {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon };
}

/**
 * A stable item id: guid → link → 'sha1:' + sha1(title + '\n' + date text). An item with neither
 * title nor date is hashed over its summary/content so that such items do not all collide.
 */
export function itemId(
  guid: string | null,
  link: string | null,
  title: string | null,
  dateText: string | null,
  body: string | null,
): string {
  if (guid) return guid;
  if (link) return link;
  const basis = title || dateText ? `${title ?? ''}\n${dateText ?? ''}` : `\n\n${body ?? ''}`;
  return 'sha1:' + createHash('sha1').update(basis).digest('hex');
}

// More authors or categories than this on one item is abuse, and checking duplicates is quadratic.
const MAX_LIST = 100;

/** Pushes values not seen yet (after trimming and collapsing), skipping empties; at most 100. */
export function addUnique(list: string[], value: string | null | undefined): void {
  if (!value || list.length >= MAX_LIST) return;
  const cleaned = collapseWhitespace(value);
  if (cleaned !== '' && !list.includes(cleaned)) list.push(cleaned);
}

/** The string, or null when it is empty. */
export function nonEmpty(value: string | null | undefined): string | null {
  return value ? value : null;
}

/** Elements named `local` below `root`, not looking inside matches or inside text containers. */
export function findOutermost(ctx: FeedContext, root: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const stack: XmlElement[] = [...root.children].reverse();
  while (stack.length > 0) {
    ctx.budget.tick();
    const el = stack.pop()!;
    if (el.local === local && (isCore(ctx, el) || el.prefix === '')) {
      found.push(el);
      continue;
    }
    if (OPAQUE.has(el.local)) continue;
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return found;
}

// Elements whose content is text or HTML, never feed structure.
const OPAQUE = new Set(['description', 'encoded', 'content', 'summary', 'body', 'title', 'subtitle', 'div']);
