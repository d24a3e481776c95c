import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../src/collectors/feed/feed-parser.js';
import type { FeedItem, ParsedFeed } from '../../../src/collectors/feed/feed-types.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
}

function parseError(text: string, options?: Parameters<typeof parseFeed>[1]): FeedParseError {
  try {
    parseFeed(text, options);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('parseFeed did not throw');
}

interface FeedCase {
  name: string;
  file: string;
  url?: string;
  feed: Partial<Omit<ParsedFeed, 'items' | 'warnings'>>;
  count: number;
  items: Record<number, Partial<FeedItem>>;
  warnings?: RegExp[];
}

const feedCases: FeedCase[] = [
  {
    name: 'RSS 2.0 with content:encoded, dc:creator, relative link and a bad date',
    file: 'rss2-wijknieuws.xml',
    feed: { format: 'rss', title: 'Wijknieuws Oost & Zuid', link: 'https://wijknieuws.example.nl/', language: 'nl-NL' },
    count: 4,
    items: {
      0: {
        id: 'wijknieuws-1001',
        guid: 'wijknieuws-1001',
        title: 'Overlast bij het winkelcentrum',
        // relative to the channel link, since no document URL was given
        link: 'https://wijknieuws.example.nl/nieuws/overlast-winkelcentrum',
        published: '2024-05-06T12:30:00Z',
        authors: ['Redactie Oost'],
        categories: ['Veiligheid', 'Overlast'],
        summaryHtml: '<p>Bewoners klagen over <b>geluidsoverlast</b>.</p>',
      },
      1: { guid: null, id: 'https://wijknieuws.example.nl/nieuws/buurtfeest', published: '2024-05-04T09:00:00Z' },
      // a permalink guid doubles as the link; the unreadable date is null, the item is kept
      2: { link: 'https://wijknieuws.example.nl/nieuws/3', published: null, title: 'Datum onleesbaar' },
      3: { title: null, link: null, summaryHtml: 'Een bericht zonder titel, link of guid.' },
    },
    warnings: [/item 3: the date "gisteren rond het middaguur" could not be read/],
  },
  {
    name: 'RSS 0.91 with a Netscape DOCTYPE',
    file: 'rss091-netscape.xml',
    feed: { format: 'rss', title: 'Gemeentenieuws', link: 'http://gemeente.example.nl', language: 'nl' },
    count: 2,
    items: {
      0: { title: 'Wegafsluiting Dorpsstraat', link: 'http://gemeente.example.nl/berichten/42', id: 'http://gemeente.example.nl/berichten/42' },
      1: { summaryHtml: null, published: null },
    },
  },
  {
    name: 'RSS 1.0 (RDF) with dc:date, dc:subject and rdf:about',
    file: 'rdf-rss10.xml',
    feed: { format: 'rdf', title: 'Politieberichten', link: 'https://politieberichten.example.nl/', language: 'nl' },
    count: 2,
    items: {
      0: { title: 'Inbraak in schuur', published: '2024-05-06T06:15:00Z', categories: ['Inbraak'] },
      1: { link: 'https://politieberichten.example.nl/b/2', published: '2024-05-05T00:00:00Z', authors: ['Wijkagent Noord'] },
    },
  },
  {
    name: 'Atom 1.0 with xml:base, xhtml title and content, html title, inherited author',
    file: 'atom10-blog.xml',
    feed: { format: 'atom', title: 'Wijkblog West', link: 'https://blog.example.nl/wijk/', language: 'nl' },
    count: 2,
    items: {
      0: {
        id: 'tag:blog.example.nl,2024:post-7',
        title: 'Hangjongeren bij de speeltuin',
        link: 'https://blog.example.nl/wijk/posts/hangjongeren',
        published: '2024-05-06T07:00:00Z',
        updated: '2024-05-06T08:00:00Z',
        authors: ['Team West'],
        categories: ['jeugd', 'overlast'],
        contentHtml: '<p>Bewoners melden <em>overlast</em>.</p>',
        // type="text": plain text is escaped so the field is always HTML
        summaryHtml: 'Kort: het is &lt;druk&gt; bij de speeltuin.',
      },
      1: {
        link: 'https://andere.example.org/stukken/2',
        published: null,
        updated: '2024-05-05T10:00:00Z',
        authors: ['Gastschrijver'],
        contentHtml: '<p>Een <a href="/x">link</a></p>',
      },
    },
  },
  {
    name: 'Atom 0.3 with escaped title and base64 content',
    file: 'atom03-escaped.xml',
    feed: { format: 'atom', title: 'Oude Atom feed', link: 'http://oud.example.nl/' },
    count: 1,
    items: {
      0: {
        published: '2004-01-01T09:00:00Z',
        updated: '2004-01-02T10:00:00Z',
        contentHtml: '<p>Gecodeerde inhoud</p>',
      },
    },
  },
  {
    name: 'JSON Feed 1.1 with a numeric id, a relative url and a non-object item',
    file: 'json-feed-11.json',
    feed: { format: 'json', title: 'Buurtapp & meldingen', link: 'https://buurtapp.example.nl/', language: 'nl-NL' },
    count: 2,
    items: {
      0: {
        id: 'melding-77',
        title: 'Verdachte situatie bij de school',
        published: '2024-05-06T19:15:00Z',
        authors: ['Melder'],
        categories: ['veiligheid', 'verkeer'],
        contentHtml: '<p>Een auto rijdt al uren rondjes.</p>',
        summaryHtml: 'Auto rijdt rondjes',
      },
      1: {
        id: '78',
        link: 'https://buurtapp.example.nl/meldingen/78',
        published: null,
        authors: ['Buurtapp'],
        contentHtml: 'Fietsen &lt;gestolen&gt; bij het station.',
      },
    },
    warnings: [/could not be read/, /item 3 is not an object/],
  },
  {
    name: 'prefixed Atom root (<a:feed>) with GeoRSS',
    file: 'prefixed-root.xml',
    feed: { format: 'atom', title: 'Voorvoegsels overal', link: 'https://prefix.example.nl/' },
    count: 1,
    items: { 0: { title: 'Bericht met voorvoegsel', link: 'https://prefix.example.nl/1', lat: 52.3731, lon: 4.8926 } },
  },
  {
    name: 'bare ampersands, an unclosed item and a truncated document',
    file: 'bare-ampersand.xml',
    feed: { title: "Tom & Jerry's buurtblad", link: 'https://blad.example.nl/?a=1&b=2' },
    count: 2,
    items: {
      0: { title: 'Q&A met de wijkagent', link: 'https://blad.example.nl/artikel?id=5&ref=rss' },
      1: { title: 'Tweede item na een ongesloten item' },
    },
    warnings: [/ended before <\/rss>/],
  },
  {
    name: 'HTML entities, double-escaped entities and "<" in plain titles',
    file: 'html-entities.xml',
    feed: { title: 'Café & terras nieuws €' },
    count: 3,
    items: {
      0: { title: 'Het “grote” terras… één dag', summaryHtml: 'Prijs: &euro; 5 &ndash; inclusief <i>koffie</i>' },
      1: { title: '1 < 2 en 3 > 2 & zo' },
      2: { title: 'Onbekend &foo; blijft staan' },
    },
  },
  {
    name: 'markup in titles becomes plain text; unescaped HTML in a description is kept as HTML',
    file: 'markup-in-title.xml',
    feed: { title: 'Vet kanaal' },
    count: 3,
    items: {
      0: { title: 'Escaped opmaak in titel' },
      1: {
        title: 'Opmaak als elementen in de titel',
        summaryHtml: '<p>HTML zonder <a href="https://markup.example.nl/x">escaping</a></p>',
      },
      2: { title: 'Script weg' },
    },
  },
  {
    name: 'GeoRSS point, W3C geo, GML pos; other reference systems, out-of-range and empty values are null',
    file: 'georss.xml',
    feed: { title: 'Meldingen op de kaart' },
    count: 6,
    items: {
      0: { lat: 52.0907, lon: 5.1214 },
      1: { lat: 51.9244, lon: 4.4777 },
      2: { lat: 52.3676, lon: 4.9041 },
      3: { lat: null, lon: null },
      4: { lat: null, lon: null },
      5: { lat: null, lon: null },
    },
    warnings: [/georss:point "152.0 5.0"/],
  },
  {
    name: 'billion laughs: entities are not expanded',
    file: 'billion-laughs.xml',
    feed: { title: 'Lachen &lol9;' },
    count: 1,
    items: { 0: { title: '&lol9;', link: 'https://lol.example.nl/1' } },
    warnings: [/DOCTYPE declares entities; they were not expanded/],
  },
  {
    name: 'XXE: external entities are neither read nor fetched',
    file: 'xxe.xml',
    feed: { title: 'Extern &xxe;' },
    count: 1,
    items: { 0: { title: 'Op afstand &remote;' } },
  },
];

describe('parseFeed on fixtures', () => {
  it.each(feedCases)('$name', ({ file, url, feed, count, items, warnings }) => {
    const parsed = parseFeed(fixture(file), url ? { url } : {});
    expect(parsed).toMatchObject(feed);
    expect(parsed.items).toHaveLength(count);
    for (const [index, expected] of Object.entries(items)) expect(parsed.items[Number(index)]).toMatchObject(expected);
    for (const pattern of warnings ?? []) expect(parsed.warnings.some((w) => pattern.test(w))).toBe(true);
    // Every item has a usable, unique id.
    const ids = parsed.items.map((item) => item.id);
    expect(ids.every((id) => id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('parseFeed resolves links', () => {
  const rss = (itemLink: string, channelLink = '', base = '') =>
    `<rss version="2.0"><channel>${channelLink ? `<link>${channelLink}</link>` : ''}<item${base ? ` xml:base="${base}"` : ''}><title>t</title><link>${itemLink}</link></item></channel></rss>`;
  it.each([
    { name: 'against the document URL', text: rss('/a/b'), url: 'https://x.example.nl/feed.xml', link: 'https://x.example.nl/a/b' },
    { name: 'against the channel link first', text: rss('c', 'https://site.example.nl/d/'), url: 'https://feeds.example.nl/f.xml', link: 'https://site.example.nl/d/c' },
    { name: 'against xml:base before anything else', text: rss('c', 'https://site.example.nl/', 'https://base.example.nl/e/'), link: 'https://base.example.nl/e/c' },
    { name: 'not at all without any base', text: rss('/only/path'), link: '/only/path' },
    { name: 'dropping javascript: links', text: rss('javascript:alert(1)'), link: null },
    { name: 'keeping absolute links as written', text: rss('https://elders.example.nl/x?a=1&amp;b=2'), link: 'https://elders.example.nl/x?a=1&b=2' },
  ])('$name', ({ text, url, link }) => {
    expect(parseFeed(text, url ? { url } : {}).items[0]!.link).toBe(link);
  });

  it('treats a local file path as no base at all', () => {
    expect(parseFeed(rss('/a'), { url: 'data/samples/feed.xml' }).items[0]!.link).toBe('/a');
  });
});

describe('parseFeed recognises formats', () => {
  it.each([
    { name: 'RSS without a version', text: '<rss><channel><title>x</title><item><title>i</title></item></channel></rss>', format: 'rss', count: 1 },
    { name: 'items outside <channel> (RSS 0.9x style)', text: '<rss><channel><title>x</title></channel><item><title>i</title></item></rss>', format: 'rss', count: 1 },
    { name: 'items nested in an unclosed element', text: '<rss><channel><itunes:category text="a"><item><title>i</title></item><item><title>j</title></item></channel></rss>', format: 'rss', count: 2 },
    { name: 'RSS 0.90 (Netscape RDF)', text: '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>x</title></channel><item><title>i</title><link>http://a/</link></item></rdf:RDF>', format: 'rdf', count: 1 },
    { name: 'an empty RSS 1.0 document (namespace only)', text: '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>', format: 'rdf', count: 0 },
    { name: 'RSS 2.0 in a namespace with prefixes', text: '<r:rss xmlns:r="http://backend.userland.com/rss2"><r:channel><r:title>x</r:title><r:item><r:title>i</r:title></r:item></r:channel></r:rss>', format: 'rss', count: 1 },
    { name: 'an Atom entry document', text: '<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>e</title></entry>', format: 'atom', count: 1 },
    { name: 'Atom without a namespace', text: '<feed><title>x</title><entry><title>e</title></entry></feed>', format: 'atom', count: 1 },
    { name: 'JSON Feed 1.0 without version but with items', text: '{"title":"x","items":[{"id":"1","content_text":"hoi"}]}', format: 'json', count: 1 },
    { name: 'a feed after a BOM, comments and a processing instruction', text: '\ufeff<!-- c --><?xml-stylesheet href="x"?><rss><channel><title>x</title></channel></rss>', format: 'rss', count: 0 },
    { name: 'a feed wrapped in another element', text: '<envelope><body><rss><channel><title>x</title><item><title>i</title></item></channel></rss></body></envelope>', format: 'rss', count: 1 },
    { name: 'CDF', text: '<CHANNEL HREF="http://cdf.example/"><TITLE>x</TITLE><ITEM HREF="http://cdf.example/1"><TITLE>i</TITLE></ITEM></CHANNEL>', format: 'rss', count: 1 },
  ])('$name', ({ text, format, count }) => {
    const feed = parseFeed(text);
    expect(feed.format).toBe(format);
    expect(feed.items).toHaveLength(count);
  });

  it('reads Atom entries that lack an end tag before the next one', () => {
    const feed = parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</title><entry><title>b</title></entry></feed>');
    expect(feed.items.map((item) => item.title)).toEqual(['a', 'b']);
    expect(feed.warnings.join(' ')).toMatch(/was not closed before the next one/);
  });
});

describe('parseFeed item ids', () => {
  const item = (inner: string) => parseFeed(`<rss><channel><item>${inner}</item></channel></rss>`).items[0]!;
  it('prefers the guid, then the link', () => {
    expect(item('<guid>g-1</guid><link>https://a.example/</link>').id).toBe('g-1');
    expect(item('<link>https://a.example/</link>').id).toBe('https://a.example/');
  });
  it('hashes title and date text when there is neither, stably', () => {
    const a = item('<title>Titel</title><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate>');
    const b = item('<title>Titel</title><pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate>');
    const c = item('<title>Titel</title><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>');
    expect(a.id).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });
  it('hashes the text of items without title or date so that they do not collide', () => {
    expect(item('<description>een</description>').id).not.toBe(item('<description>twee</description>').id);
  });
});

describe('parseFeed dates', () => {
  it('keeps the other items and the good dates when one date is bad', () => {
    const feed = parseFeed(
      '<rss><channel>' +
        '<item><title>a</title><pubDate>Wed, 02 Oct 2002 08:00:00 EST</pubDate></item>' +
        '<item><title>b</title><pubDate>32 Foo 2002</pubDate></item>' +
        '<item><title>c</title><pubDate>2002-10-02T10:00:00+02:00</pubDate></item>' +
        '<item><title>d</title><pubDate>nope</pubDate><dc:date>2002-10-03</dc:date></item>' +
        '</channel></rss>',
    );
    expect(feed.items.map((i) => i.published)).toEqual([
      '2002-10-02T13:00:00Z',
      null,
      '2002-10-02T08:00:00Z',
      '2002-10-03T00:00:00Z',
    ]);
    expect(feed.warnings).toEqual(['item 2: the date "32 Foo 2002" could not be read']);
  });
});

describe('parseFeed refuses what is not a feed, saying what to do', () => {
  it.each([
    { name: 'an empty document', text: '', reason: 'empty', message: /The document is empty/ },
    { name: 'whitespace only', text: ' \n\t ', reason: 'empty', message: /empty/ },
    { name: 'only comments', text: '<?xml version="1.0"?><!-- niets -->', reason: 'empty', message: /holds no elements/ },
    { name: 'plain text', text: 'Service Unavailable', reason: 'not-xml-or-json', message: /neither XML nor JSON \(it begins with "Service Unavailable"\)/ },
    { name: 'JSON that is not a feed', text: '{"error":"not found"}', reason: 'json-not-feed', message: /JSON but not a JSON Feed/ },
    { name: 'a JSON list', text: '[1,2,3]', reason: 'json-not-feed', message: /JSON list, not a JSON Feed/ },
    { name: 'broken JSON', text: '{"version": "https://jsonfeed.org/version/1.1", ', reason: 'invalid-json', message: /not valid JSON/ },
    { name: 'other XML', text: '<catalog><book>x</book></catalog>', reason: 'xml-not-feed', message: /root element is <catalog>/ },
    { name: 'an RDF document without channel or items', text: '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><x/></rdf:RDF>', reason: 'xml-not-feed', message: /without an RSS channel/ },
    { name: 'an HTML fragment', text: '<p>Hallo <b>wereld</b></p>', reason: 'html', message: /This is an HTML page, not a feed/ },
  ])('$name', ({ text, reason, message }) => {
    const error = parseError(text);
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error.name).toBe('FeedParseError');
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/[.!]$/); // a full sentence
  });

  it('lists the feeds an HTML page links to', () => {
    const error = parseError(fixture('html-page.html'), { url: 'https://omroep.example.nl/' });
    expect(error.reason).toBe('html');
    expect(error.message).toContain('look for a <link rel="alternate">');
    expect(error.feedLinks).toEqual([
      'https://omroep.example.nl/site/feeds/nieuws.xml',
      'https://omroep.example.nl/sport.atom',
      'https://omroep.example.nl/feed.json',
    ]);
    expect(error.message).toContain('https://omroep.example.nl/sport.atom');
  });

  it('stops with a clear error when the time budget runs out', () => {
    const items = '<item><title>t</title><description>&lt;p&gt;x&lt;/p&gt;</description></item>'.repeat(5000);
    const error = parseError(`<rss><channel>${items}</channel></rss>`, { timeBudgetMs: 0 });
    expect(error.reason).toBe('time-budget');
    expect(error.message).toMatch(/took longer than 0 ms/);
  });
});

describe('parseFeed survives hostile input', () => {
  it('does not overflow the stack on 50,000 nested elements', () => {
    const depth = 50_000;
    const text = `<rss><channel><item><title>diep</title><description>${'<div>'.repeat(depth)}kern${'</div>'.repeat(depth)}</description></item></channel></rss>`;
    const feed = parseFeed(text);
    expect(feed.items[0]!.title).toBe('diep');
    expect(feed.items[0]!.summaryHtml).toContain('kern');
  });

  it('does not overflow on 50,000 unclosed elements followed by mismatched end tags', () => {
    const text = `<rss><channel><item><title>open</title>${'<a>'.repeat(50_000)}${'</b>'.repeat(50_000)}</item></channel></rss>`;
    expect(parseFeed(text).items[0]!.title).toBe('open');
  });

  it.each([
    { name: '"<" with no ">"', flood: '<'.repeat(150_000) },
    { name: 'tag starts with no ">"', flood: '<a '.repeat(50_000) },
    { name: 'unterminated attribute quotes', flood: '<a b="'.repeat(30_000) },
    { name: 'unterminated comments', flood: '<!--'.repeat(40_000) },
    { name: 'unterminated CDATA sections', flood: '<![CDATA['.repeat(20_000) },
    { name: 'unterminated DOCTYPE subsets', flood: '<!DOCTYPE ['.repeat(20_000) },
  ])('parses a flood of $name within the default budget', ({ flood }) => {
    // Quadratic behaviour would blow the 2 s budget and throw; linear parsing returns the feed.
    const feed = parseFeed(`<rss><channel><title>vloed</title><item><title>t</title><description>${flood}`);
    expect(feed.title).toBe('vloed');
    expect(feed.items).toHaveLength(1);
  });

  it('passes non-ASCII text (already decoded by the fetcher) through unchanged', () => {
    const feed = parseFeed('<rss><channel><title>Ærøskøbing – Zoë’s “café” €5</title></channel></rss>');
    expect(feed.title).toBe('Ærøskøbing – Zoë’s “café” €5');
  });
});
