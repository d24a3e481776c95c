import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// Checks the demo data set (data/samples) and the example pipelines against what `npm start`
// and later tests rely on: well-formed feeds, dates, the alert burst, the duplicates and the
// list of auto-located items in data/samples/README.md.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLES = path.join(ROOT, 'data/samples');
const SHARED_GEO = path.resolve(ROOT, '../shared/geo');
const BURST_DAY = '2026-11-27';

type Level = 'gemeente' | 'wijk' | 'buurt';

interface PipelineArea {
  code: string;
  name: string;
  level: Level;
  parent?: string;
  municipality?: string;
  aliases?: string[];
  streets?: string[];
  postcodes?: string[];
}

interface PipelineSource {
  id: string;
  type: string;
  url: string;
  areas?: 'auto' | string[];
  municipality?: string;
}

interface PipelineFile {
  name: string;
  retention_days?: number;
  allow_local_files?: boolean;
  areas: PipelineArea[];
  sources: PipelineSource[];
}

interface SampleItem {
  file: string;
  id: string;
  title: string;
  link: string;
  date: Date;
  author: string;
  text: string;
  point: [number, number] | null;
}

function readPipeline(file: string): PipelineFile {
  return parseYaml(readFileSync(path.join(ROOT, file), 'utf8')) as PipelineFile;
}

// Bytes 0x80–0x9F are where windows-1252 differs from latin1. Decoded by hand because
// TextDecoder('windows-1252') in some Node builds maps them like latin1 (0x80 → U+0080).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function declaredEncoding(bytes: Buffer): string {
  const prolog = /^<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'));
  return (prolog?.[1] ?? 'utf-8').toLowerCase();
}

function decodeSample(bytes: Buffer): string {
  const encoding = declaredEncoding(bytes);
  if (encoding === 'windows-1252') {
    let out = '';
    for (const byte of bytes) out += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : byte);
    return out;
  }
  return new TextDecoder(encoding, { fatal: true }).decode(bytes);
}

const NAME = '[A-Za-z_][\\w.:-]*';
const START_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
const END_TAG = new RegExp(`^</(${NAME})\\s*>`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const BAD_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Lists well-formedness errors of an XML document (empty when well-formed). */
function wellFormednessErrors(xml: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let at = xml.startsWith('\uFEFF') ? 1 : 0;
  const where = (): string => `line ${xml.slice(0, at).split('\n').length}`;
  const skipTo = (terminator: string, what: string): boolean => {
    const end = xml.indexOf(terminator, at);
    if (end < 0) {
      errors.push(`${where()}: unterminated ${what}`);
      return false;
    }
    at = end + terminator.length;
    return true;
  };
  while (at < xml.length && errors.length < 5) {
    const rest = xml.slice(at, at + 2000);
    if (rest.startsWith('<!--')) {
      if (!skipTo('-->', 'comment')) break;
    } else if (rest.startsWith('<![CDATA[')) {
      if (stack.length === 0) errors.push(`${where()}: CDATA outside the root element`);
      if (!skipTo(']]>', 'CDATA section')) break;
    } else if (rest.startsWith('<?')) {
      if (!skipTo('?>', 'processing instruction')) break;
    } else if (rest.startsWith('<!DOCTYPE')) {
      if (roots > 0 || stack.length > 0) errors.push(`${where()}: DOCTYPE after the root element started`);
      if (!skipTo('>', 'DOCTYPE')) break;
    } else if (rest.startsWith('</')) {
      const match = END_TAG.exec(rest);
      if (!match) {
        errors.push(`${where()}: malformed end tag`);
        break;
      }
      const open = stack.pop();
      if (open !== match[1]) errors.push(`${where()}: </${match[1]}> closes <${open ?? 'nothing'}>`);
      at += match[0].length;
    } else if (rest.startsWith('<')) {
      const match = START_TAG.exec(rest);
      if (!match) {
        errors.push(`${where()}: malformed start tag or stray "<"`);
        break;
      }
      if (stack.length === 0 && roots++ > 0) errors.push(`${where()}: second root element <${match[1]}>`);
      const seen = new Set<string>();
      for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE)) {
        if (seen.has(attribute[1]!)) errors.push(`${where()}: duplicate attribute ${attribute[1]}`);
        seen.add(attribute[1]!);
        if (BAD_REFERENCE.test(attribute[2] ?? attribute[3] ?? '')) errors.push(`${where()}: bad "&" in attribute`);
      }
      if (match[3] !== '/') stack.push(match[1]!);
      at += match[0].length;
    } else {
      const end = xml.indexOf('<', at);
      const text = xml.slice(at, end < 0 ? xml.length : end);
      if (stack.length === 0 && text.trim() !== '') errors.push(`${where()}: text outside the root element`);
      if (BAD_REFERENCE.test(text)) errors.push(`${where()}: "&" that does not start a predefined or numeric entity`);
      at = end < 0 ? xml.length : end;
    }
  }
  if (stack.length > 0) errors.push(`unclosed element(s): ${stack.join(' > ')}`);
  if (roots === 0) errors.push('no root element');
  return errors;
}

function textOf(parent: Parameters<typeof DomUtils.getElementsByTagName>[1], tag: string): string {
  const element = DomUtils.getElementsByTagName(tag, parent, false, 1)[0];
  return element ? DomUtils.textContent(element).trim() : '';
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html: string;
  date_published: string;
  authors?: { name: string }[];
}

function readJsonFeedItems(file: string): SampleItem[] {
  const feed = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as { items: JsonFeedItem[] };
  return feed.items.map((item) => ({
    file,
    id: item.id,
    title: item.title,
    link: item.url,
    date: new Date(item.date_published),
    author: item.authors?.[0]?.name ?? '',
    text: `${item.title}\n${item.content_html}`,
    point: null,
  }));
}

function readItems(file: string): SampleItem[] {
  if (file.endsWith('.json')) return readJsonFeedItems(file);
  const xml = decodeSample(readFileSync(path.join(SAMPLES, file)));
  const document = parseDocument(xml, { xmlMode: true });
  const elements = [
    ...DomUtils.getElementsByTagName('item', document, true),
    ...DomUtils.getElementsByTagName('entry', document, true),
  ];
  return elements.map((element) => {
    const kids = element.children;
    const linkElement = DomUtils.getElementsByTagName('link', kids, false, 1)[0];
    const link = linkElement?.attribs['href'] ?? (linkElement ? DomUtils.textContent(linkElement).trim() : '');
    const dateText =
      textOf(kids, 'pubDate') || textOf(kids, 'published') || textOf(kids, 'updated') || textOf(kids, 'dc:date');
    const point = textOf(kids, 'georss:point');
    const coordinates = point ? point.split(/\s+/).map(Number) : [];
    const authorElement = DomUtils.getElementsByTagName('author', kids, false, 1)[0];
    return {
      file,
      id: textOf(kids, 'guid') || textOf(kids, 'id'),
      title: textOf(kids, 'title'),
      link,
      date: new Date(dateText),
      author: textOf(kids, 'dc:creator') || (authorElement ? DomUtils.textContent(authorElement).trim() : ''),
      text: [textOf(kids, 'title'), textOf(kids, 'description'), textOf(kids, 'summary'), textOf(kids, 'content')].join(
        '\n',
      ),
      point: coordinates.length === 2 ? [coordinates[0]!, coordinates[1]!] : null,
    };
  });
}

const amsterdamDay = (date: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(date);

const withoutUtm = (link: string): string => {
  const url = new URL(link);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('utm_')) url.searchParams.delete(key);
  return url.toString();
};

const CYBER = /phishing|nep-?sms|\bsms|bankhelpdesk|bankmedewerker|oplicht|webshop|digid|whatsapp|gehackt|scam|fraudehelpdesk/i;

const CODE_FORMAT: Record<Level, RegExp> = {
  gemeente: /^GM\d{4}$/,
  wijk: /^WK\d{4}[0-9A-Z]{2}$/,
  buurt: /^BU\d{4}[0-9A-Z]{2}\d{2}$/,
};
const PARENT_LEVEL: Record<Level, Level | null> = { gemeente: null, wijk: 'gemeente', buurt: 'wijk' };

function checkAreas(areas: PipelineArea[]): string[] {
  const problems: string[] = [];
  const byCode = new Map(areas.map((area) => [area.code, area]));
  if (byCode.size !== areas.length) problems.push('duplicate area codes');
  for (const area of areas) {
    if (!CODE_FORMAT[area.level]?.test(area.code)) problems.push(`${area.code}: not a CBS ${area.level} code`);
    const parentLevel = PARENT_LEVEL[area.level];
    if (parentLevel === null) continue;
    const parent = area.parent ? byCode.get(area.parent) : undefined;
    if (!parent) {
      problems.push(`${area.code}: parent ${area.parent ?? '(none)'} is not listed`);
      continue;
    }
    if (parent.level !== parentLevel) problems.push(`${area.code}: parent ${parent.code} is a ${parent.level}`);
    // CBS codes nest: BU0363AE01 ⊂ WK0363AE ⊂ GM0363.
    if (area.code.slice(2, parent.code.length) !== parent.code.slice(2)) {
      problems.push(`${area.code}: code does not nest in ${parent.code}`);
    }
  }
  return problems;
}

describe('wellFormednessErrors', () => {
  it.each([
    ['empty element', '<a/>'],
    ['prolog, comment and attribute with ">"', `<?xml version="1.0"?>\n<!-- c --><r><x y='>'/></r>`],
    ['entities and CDATA with HTML entities', '<a b="&amp;">t &amp; &#233; &#x20AC; <![CDATA[<p>&eacute; & co</p>]]></a>'],
  ])('accepts %s', (_name, xml) => {
    expect(wellFormednessErrors(xml)).toEqual([]);
  });

  it.each([
    ['crossed tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b/>'],
    ['an HTML-only entity', '<a>caf&eacute;</a>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['two root elements', '<a/><b/>'],
    ['an unquoted attribute', '<a b=1/>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    ['text before the root', 'hello<a/>'],
    ['an unterminated comment', '<a><!-- x </a>'],
    ['no root at all', '<?xml version="1.0"?>'],
  ])('rejects %s', (_name, xml) => {
    expect(wellFormednessErrors(xml).length).toBeGreaterThan(0);
  });
});

describe('demo pipeline (pipelines/demo.yaml)', () => {
  const pipeline = readPipeline('pipelines/demo.yaml');
  const wijken = pipeline.areas.filter((area) => area.level === 'wijk');

  it('is the offline demo: local files allowed, old demo dates kept', () => {
    expect(pipeline.name).toBe('demo');
    expect(pipeline.allow_local_files).toBe(true);
    // The newest sample is dated 2026-11-27; retention must keep the text of all of them for years.
    expect(pipeline.retention_days).toBeGreaterThanOrEqual(3650);
  });

  it('points every source at an existing sample file', () => {
    expect(pipeline.sources.length).toBeGreaterThanOrEqual(5);
    for (const source of pipeline.sources) {
      expect(source.type).toBe('feed');
      expect(existsSync(path.join(ROOT, source.url)), `${source.id}: ${source.url}`).toBe(true);
    }
  });

  it('uses every sample feed in data/samples', () => {
    const feeds = readdirSync(SAMPLES).filter((name) => /\.(xml|json)$/.test(name));
    const used = pipeline.sources.map((source) => path.basename(source.url));
    expect([...used].sort()).toEqual([...feeds].sort());
  });

  it('has valid, nested CBS area codes whose parents are listed', () => {
    expect(checkAreas(pipeline.areas)).toEqual([]);
    expect(pipeline.areas.filter((area) => area.level === 'gemeente').map((area) => area.code)).toEqual(['GM0363']);
  });

  it('watches at least four wijken with two to four buurten each', () => {
    expect(wijken.length).toBeGreaterThanOrEqual(4);
    for (const wijk of wijken) {
      const buurten = pipeline.areas.filter((area) => area.parent === wijk.code);
      expect(buurten.length, wijk.code).toBeGreaterThanOrEqual(2);
      expect(buurten.length, wijk.code).toBeLessThanOrEqual(4);
    }
  });

  it('only refers to listed areas from its sources, and has an auto source for Amsterdam', () => {
    const codes = new Set(pipeline.areas.map((area) => area.code));
    for (const source of pipeline.sources) {
      if (Array.isArray(source.areas)) for (const code of source.areas) expect(codes.has(code), code).toBe(true);
    }
    const auto = pipeline.sources.filter((source) => source.areas === 'auto');
    expect(auto.length).toBeGreaterThanOrEqual(1);
    expect(auto.every((source) => source.municipality === 'Amsterdam')).toBe(true);
  });
});

describe('example pipeline (pipelines/amsterdam.example.yaml)', () => {
  const pipeline = readPipeline('pipelines/amsterdam.example.yaml');

  it('has valid, nested CBS area codes whose parents are listed', () => {
    expect(checkAreas(pipeline.areas)).toEqual([]);
  });

  it('only uses https URLs (no local files) and listed area codes', () => {
    const codes = new Set(pipeline.areas.map((area) => area.code));
    expect(pipeline.allow_local_files ?? false).toBe(false);
    for (const source of pipeline.sources) {
      expect(new URL(source.url).protocol, source.id).toBe('https:');
      if (Array.isArray(source.areas)) for (const code of source.areas) expect(codes.has(code), code).toBe(true);
      else expect(source.areas, source.id).toBe('auto');
    }
    expect(new Set(pipeline.sources.map((source) => source.id)).size).toBe(pipeline.sources.length);
  });
});

describe('sample feeds (data/samples)', () => {
  const pipeline = readPipeline('pipelines/demo.yaml');
  const files = pipeline.sources.map((source) => path.basename(source.url));
  const xmlFiles = files.filter((file) => file.endsWith('.xml'));
  const items = files.flatMap(readItems);
  const itemsOf = (file: string): SampleItem[] => items.filter((item) => item.file === file);

  it.each(xmlFiles)('%s is well-formed XML in its declared encoding', (file) => {
    const bytes = readFileSync(path.join(SAMPLES, file));
    expect(wellFormednessErrors(decodeSample(bytes))).toEqual([]);
  });

  it('has RSS 2.0, Atom and JSON Feed 1.1 feeds', () => {
    const jsonFeeds = files.filter((file) => file.endsWith('.json'));
    expect(jsonFeeds.length).toBeGreaterThanOrEqual(1);
    for (const file of jsonFeeds) {
      const feed = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as { version: string; items: unknown[] };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.items.length).toBeGreaterThan(0);
    }
    const roots = xmlFiles.map((file) => {
      const head = decodeSample(readFileSync(path.join(SAMPLES, file))).slice(0, 600);
      return /<rss version="2.0"/.test(head) ? 'rss' : /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/.test(head) ? 'atom' : '?';
    });
    expect(roots).not.toContain('?');
    expect(roots).toContain('rss');
    expect(roots).toContain('atom');
  });

  it('has one feed in windows-1252 with real 0xE9 (é) and 0x80 (€) bytes', () => {
    const cp1252 = xmlFiles.filter((file) => declaredEncoding(readFileSync(path.join(SAMPLES, file))) === 'windows-1252');
    expect(cp1252).toHaveLength(1);
    const bytes = readFileSync(path.join(SAMPLES, cp1252[0]!));
    expect(bytes.includes(0xe9)).toBe(true);
    expect(bytes.includes(0x80)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = decodeSample(bytes);
    expect(text).toContain('café');
    expect(text).toContain('€ 250 boete');
  });

  it('holds at least 180 items, each with an id, title, link and date, ids unique per feed', () => {
    expect(items.length).toBeGreaterThanOrEqual(180);
    for (const item of items) {
      expect(item.title, `${item.file} ${item.id}`).not.toBe('');
      expect(item.id, `${item.file} ${item.title}`).not.toBe('');
      expect(() => new URL(item.link), item.link).not.toThrow();
      expect(Number.isNaN(item.date.getTime()), `${item.file} ${item.id}`).toBe(false);
    }
    for (const file of files) {
      const ids = itemsOf(file).map((item) => item.id);
      expect(new Set(ids).size, file).toBe(ids.length);
    }
  });

  it('spreads the dates over at least 75 days ending on 2026-11-27 (Amsterdam time)', () => {
    const times = items.map((item) => item.date.getTime());
    const first = new Date(Math.min(...times));
    const last = new Date(Math.max(...times));
    expect((last.getTime() - first.getTime()) / 86_400_000).toBeGreaterThanOrEqual(75);
    expect(amsterdamDay(last)).toBe(BURST_DAY);
    // Every fixed-area feed has items in (nearly) every week, so weekly trends have data.
    for (const file of files) {
      const weeks = new Set(itemsOf(file).map((item) => Math.floor((item.date.getTime() - first.getTime()) / 604_800_000)));
      expect(weeks.size, file).toBeGreaterThanOrEqual(11);
    }
  });

  it('has a cybercrime burst in Zuidoost on 2026-11-27 against a low background', () => {
    const zuidoost = itemsOf('zuidoost-buurtnieuws.xml');
    const cyber = zuidoost.filter((item) => CYBER.test(item.text));
    const burst = cyber.filter((item) => amsterdamDay(item.date) === BURST_DAY);
    const before = cyber.filter((item) => amsterdamDay(item.date) < BURST_DAY);
    expect(burst.length).toBeGreaterThanOrEqual(8);
    expect(burst.length).toBeLessThanOrEqual(10);
    const days = (Date.parse(`${BURST_DAY}T00:00:00Z`) - Math.min(...zuidoost.map((item) => item.date.getTime()))) / 86_400_000;
    // Background: about one cybercrime item every one to two weeks.
    expect(before.length / (days / 7)).toBeGreaterThanOrEqual(0.4);
    expect(before.length / (days / 7)).toBeLessThanOrEqual(1);
    // The other fixed-area feeds stay steady on the burst day: a couple of items, none about cybercrime.
    for (const file of files.filter((name) => name !== 'zuidoost-buurtnieuws.xml' && name !== 'amsterdam-stadsnieuws.xml')) {
      const that = itemsOf(file).filter((item) => amsterdamDay(item.date) === BURST_DAY);
      expect(that.length, file).toBeLessThanOrEqual(2);
      expect(that.filter((item) => CYBER.test(item.text)), file).toEqual([]);
    }
  });

  it('has 3–4 stories in two feeds with different titles and the same link (one with utm_*)', () => {
    const byLink = new Map<string, SampleItem[]>();
    for (const item of items) byLink.set(withoutUtm(item.link), [...(byLink.get(withoutUtm(item.link)) ?? []), item]);
    const duplicates = [...byLink.values()].filter((group) => group.length > 1);
    expect(duplicates.length).toBeGreaterThanOrEqual(3);
    expect(duplicates.length).toBeLessThanOrEqual(4);
    for (const group of duplicates) {
      expect(group).toHaveLength(2);
      expect(group[0]!.file).not.toBe(group[1]!.file);
      expect(group[0]!.title).not.toBe(group[1]!.title);
      expect(group.filter((item) => /[?&]utm_source=/.test(item.link))).toHaveLength(1);
    }
  });

  it('names made-up authors, has HTML in descriptions and some English posts', () => {
    expect(new Set(items.map((item) => item.author).filter(Boolean)).size).toBeGreaterThanOrEqual(10);
    expect(items.filter((item) => /<p>/.test(item.text) && /<a href=/.test(item.text)).length).toBeGreaterThanOrEqual(2);
    expect(items.filter((item) => /&(eacute|euro|nbsp|amp);/.test(item.text)).length).toBeGreaterThanOrEqual(3);
    expect(items.filter((item) => /\b(the|anyone|thank you)\b/i.test(item.title)).length).toBeGreaterThanOrEqual(5);
  });

  it('has GeoRSS points inside Amsterdam', () => {
    const located = items.filter((item) => item.point);
    expect(located.length).toBeGreaterThanOrEqual(2);
    for (const item of located) {
      const [lat, lon] = item.point!;
      expect(lat).toBeGreaterThan(52.27);
      expect(lat).toBeLessThan(52.43);
      expect(lon).toBeGreaterThan(4.72);
      expect(lon).toBeLessThan(5.08);
    }
  });
});

interface Landing {
  guid: string;
  expected: string;
  evidence: string;
}

function readLandingTable(): Landing[] {
  const readme = readFileSync(path.join(SAMPLES, 'README.md'), 'utf8');
  const table = /<!-- landing-table:start -->([\s\S]*?)<!-- landing-table:end -->/.exec(readme)?.[1] ?? '';
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
      return { guid: cells[1]!.replace(/`/g, ''), expected: cells[3]!, evidence: cells[4]! };
    });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('auto-located items (data/samples/README.md landing table)', () => {
  const pipeline = readPipeline('pipelines/demo.yaml');
  const byCode = new Map(pipeline.areas.map((area) => [area.code, area]));
  const autoSource = pipeline.sources.find((source) => source.areas === 'auto')!;
  const autoItems = readItems(path.basename(autoSource.url));
  const table = readLandingTable();

  const ancestorsAndSelf = (code: string): Set<string> => {
    const out = new Set<string>();
    for (let at: string | undefined = code; at; at = byCode.get(at)?.parent) out.add(at);
    return out;
  };
  // Areas whose name, aliases, streets or postcodes occur in the text, as a resolver would see them.
  const mentioned = (text: string): string[] =>
    pipeline.areas
      .filter((area) => area.level !== 'gemeente')
      .filter((area) =>
        [area.name, ...(area.aliases ?? []), ...(area.streets ?? []), ...(area.postcodes ?? [])].some((term) =>
          new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(term)}(?![\\p{L}\\d])`, 'iu').test(text),
        ),
      )
      .map((area) => area.code);

  it('lists every item of the auto source exactly once', () => {
    expect(table.map((row) => row.guid).sort()).toEqual(autoItems.map((item) => item.id).sort());
    expect(table.filter((row) => row.expected !== 'GM0363').length).toBeGreaterThanOrEqual(15);
  });

  it.each(table)('$guid → $expected', (row) => {
    expect(byCode.has(row.expected), row.expected).toBe(true);
    const item = autoItems.find((candidate) => candidate.id === row.guid)!;
    const found = mentioned(item.text);
    if (row.expected === 'GM0363' || row.evidence.startsWith('coordinates only')) {
      // Nothing in the text may point at a watched wijk or buurt.
      expect(found).toEqual([]);
    } else {
      // The expected area is named, and everything named lies on its path to the gemeente.
      expect(found).toContain(row.expected);
      const path = ancestorsAndSelf(row.expected);
      expect(found.filter((code) => !path.has(code))).toEqual([]);
    }
    expect(item.point !== null).toBe(row.evidence.includes('coordinates'));
  });
});

const BUURTEN_GEOJSON = path.join(SHARED_GEO, 'amsterdam-gebieden/buurten_amsterdam.geojson');
const STREETS_CSV = path.join(SHARED_GEO, 'streets-amsterdam-bag/amsterdam_streets_bag.csv');
const haveShared = existsSync(BUURTEN_GEOJSON) && existsSync(STREETS_CSV);

type Ring = [number, number][];
interface BuurtFeature {
  properties: Record<string, string | null>;
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function containsPoint(feature: BuurtFeature, lonLat: [number, number]): boolean {
  const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  return polygons.some((rings) => inRing(lonLat, rings[0]!) && !rings.slice(1).some((hole) => inRing(lonLat, hole)));
}

// Checks the demo's place facts against the shared reference data; skipped in a fresh clone.
describe.skipIf(!haveShared)('demo places against ../shared/geo (skipped when ../shared is absent)', () => {
  const pipeline = readPipeline('pipelines/demo.yaml');
  const features = haveShared
    ? (JSON.parse(readFileSync(BUURTEN_GEOJSON, 'utf8')) as { features: BuurtFeature[] }).features
    : [];

  it('uses real current CBS codes and names for wijken and buurten', () => {
    const buurtNames = new Map(features.map((f) => [f.properties['BU_CODE'], f.properties['BU_NAAM']]));
    const wijkNames = new Map(features.map((f) => [f.properties['WK_CODE_derived'], f.properties['WK_NAAM_matched']]));
    for (const area of pipeline.areas) {
      if (area.level === 'buurt') expect(buurtNames.get(area.code), area.code).toBe(area.name);
      if (area.level === 'wijk') expect(wijkNames.get(area.code), area.code).toBe(area.name);
    }
  });

  it('uses street names that exist in Amsterdam (BAG)', () => {
    const csv = readFileSync(STREETS_CSV, 'utf8');
    const streets = new Set(csv.split('\n').map((line) => line.split(',')[2]?.replace(/"/g, '').trim()));
    for (const area of pipeline.areas) for (const street of area.streets ?? []) expect(streets.has(street), street).toBe(true);
  });

  it('puts every GeoRSS point inside the buurt the README expects', () => {
    const autoSource = pipeline.sources.find((source) => source.areas === 'auto')!;
    const autoItems = readItems(path.basename(autoSource.url));
    const rows = readLandingTable().filter((row) => row.evidence.includes('coordinates'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      const item = autoItems.find((candidate) => candidate.id === row.guid)!;
      const feature = features.find((f) => f.properties['BU_CODE'] === row.expected);
      expect(feature, row.expected).toBeDefined();
      const [lat, lon] = item.point!;
      expect(containsPoint(feature!, [lon, lat]), row.guid).toBe(true);
    }
  });
});
