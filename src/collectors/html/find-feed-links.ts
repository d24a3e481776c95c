import { decodeHTMLAttribute } from 'entities';
import { Tokenizer } from 'htmlparser2';

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/x.atom+xml',
  'application/x-atom+xml',
  'application/x-rss+xml',
]);

/**
 * Lists the feeds an HTML page advertises with `<link rel="alternate" type="application/rss+xml">`
 * (also Atom, RDF and JSON Feed types, and `rel="feed"`), as absolute URLs resolved against the
 * page's `<base href>` and `baseUrl` (relative ones stay relative when there is no base), without
 * duplicates, in page order.
 * @example findFeedLinks(html, 'https://www.at5.nl/') // ['https://www.at5.nl/feeds/nieuws.xml']
 */
export function findFeedLinks(html: string, baseUrl?: string | null): string[] {
  const found: string[] = [];
  let base: string | null = baseUrl ?? null;
  let baseSeen = false;
  let tagName = '';
  let attrs = new Map<string, string>();
  let attrName = '';
  let attrValue = '';

  const onTag = (): void => {
    if (tagName === 'base' && !baseSeen) {
      const href = attrs.get('href');
      if (href) {
        baseSeen = true;
        base = resolve(href, base) ?? base;
      }
      return;
    }
    if (tagName !== 'link') return;
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.get('type') ?? '').toLowerCase().split(';')[0]!.trim();
    const href = attrs.get('href');
    if (!href) return;
    const isFeed = (rel.includes('alternate') && FEED_TYPES.has(type)) || rel.includes('feed');
    if (!isFeed) return;
    const url = resolve(href, base);
    if (url !== null && !found.includes(url)) found.push(url);
  };

  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        tagName = html.slice(start, end).toLowerCase();
        attrs = new Map();
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += html.slice(start, end);
      },
      onattribend() {
        if (!attrs.has(attrName)) attrs.set(attrName, decodeHTMLAttribute(attrValue).trim());
      },
      onopentagend: onTag,
      onselfclosingtag: onTag,
      ontext() {},
      onclosetag() {},
      onattribentity() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      ontextentity() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return found;
}

// Absolute http(s) URLs; without any base a relative href is returned as written (still a clue).
function resolve(href: string, base: string | null): string | null {
  if (!base && !/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
