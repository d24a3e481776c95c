import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Shape of the generated feed farm. */
export interface FeedFarmOptions {
  /** Distinct hosts, each a server on its own loopback address 127.0.0.1, 127.0.0.2, … (max 65 024). */
  hosts: number;
  feedsPerHost: number;
  itemsPerFeed: number;
  /** Delay before each response (also 304s), to stand in for the network. */
  latencyMs: number;
  /** Port for every host; default 0 gives each server its own random free port. */
  port?: number;
}

/** Counters of what the farm served, for benchmark sanity checks. */
export interface FeedFarmStats {
  requests: number;
  notModified: number;
  notFound: number;
  bytesServed: number;
}

/** A running feed farm. */
export interface FeedFarm {
  /** Every feed URL, host by host. */
  readonly urls: readonly string[];
  /** The loopback address of each host. */
  readonly hosts: readonly string[];
  /** The guids a complete collection must end up with: feeds × items, all distinct. */
  readonly expectedItems: number;
  readonly stats: FeedFarmStats;
  close(): Promise<void>;
}

/**
 * Serves generated RSS 2.0 feeds with Dutch-language items and unique guids from `hosts` HTTP servers on
 * 127.0.0.x (Linux routes all of 127/8 to loopback), with artificial latency, an ETag per feed and 304 on
 * a matching If-None-Match. Output is deterministic, so two runs serve the same bytes.
 * @example
 * const farm = await startFeedFarm({ hosts: 40, feedsPerHost: 50, itemsPerFeed: 50, latencyMs: 20 });
 * try { await collect(farm.urls); } finally { await farm.close(); }
 */
export async function startFeedFarm(options: FeedFarmOptions): Promise<FeedFarm> {
  const { hosts, feedsPerHost, itemsPerFeed, latencyMs } = options;
  for (const [name, value] of Object.entries({ hosts, feedsPerHost, itemsPerFeed, latencyMs })) {
    if (!Number.isInteger(value) || value < 0) throw new FeedFarmError(`${name} must be a whole number of at least 0, not ${value}`);
  }
  if (hosts < 1 || hosts > 254 * 256) throw new FeedFarmError(`hosts must be between 1 and ${254 * 256}, not ${hosts}`);

  const stats: FeedFarmStats = { requests: 0, notModified: 0, notFound: 0, bytesServed: 0 };
  const servers: http.Server[] = [];
  const urls: string[] = [];
  const addresses: string[] = [];
  try {
    for (let hostIndex = 0; hostIndex < hosts; hostIndex++) {
      const address = loopbackAddress(hostIndex);
      const server = http.createServer((req, res) => {
        stats.requests++;
        // setTimeout(0) would still cost a millisecond per request, so no latency means none at all.
        if (latencyMs > 0) setTimeout(() => serveFeed(req, res, hostIndex, options, stats), latencyMs);
        else serveFeed(req, res, hostIndex, options, stats);
      });
      // The benchmark opens many connections at once; the default backlog of 511 is plenty per host.
      await listen(server, address, options.port ?? 0);
      servers.push(server);
      addresses.push(address);
      const port = (server.address() as AddressInfo).port;
      for (let feed = 0; feed < feedsPerHost; feed++) urls.push(`http://${address}:${port}/feeds/${feed}.xml`);
    }
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
  return {
    urls,
    hosts: addresses,
    expectedItems: hosts * feedsPerHost * itemsPerFeed,
    stats,
    close: () => closeAll(servers),
  };
}

/** A farm that cannot start (bad options, or loopback addresses that cannot be bound). */
export class FeedFarmError extends Error {
  override readonly name = 'FeedFarmError';
  constructor(problem: string) {
    super(`The feed farm cannot start: ${problem}; fix the benchmark options.`);
  }
}

function serveFeed(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  hostIndex: number,
  options: FeedFarmOptions,
  stats: FeedFarmStats,
): void {
  const match = /^\/feeds\/(\d+)\.xml$/.exec(req.url ?? '');
  const feedIndex = match ? Number(match[1]) : -1;
  if (feedIndex < 0 || feedIndex >= options.feedsPerHost) {
    stats.notFound++;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('no such feed');
    return;
  }
  const feedId = hostIndex * options.feedsPerHost + feedIndex;
  const etag = `"farm-${feedId}-${options.itemsPerFeed}"`;
  const headers = { etag, 'last-modified': new Date(BASE_TIME).toUTCString() };
  if (req.headers['if-none-match'] === etag) {
    stats.notModified++;
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = Buffer.from(renderFeed(feedId, options.itemsPerFeed, req.headers.host ?? 'localhost'), 'utf8');
  stats.bytesServed += body.length;
  res.writeHead(200, { ...headers, 'content-type': 'application/rss+xml; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

// Fixed, so the same farm always serves the same feeds.
const BASE_TIME = Date.parse('2026-03-02T12:00:00Z');

const NEIGHBOURHOODS = [
  'Burgwallen-Oude Zijde', 'De Pijp', 'Oud-West', 'Bos en Lommer', 'Slotervaart', 'Transvaal', 'Kanaleneiland',
  'Overvecht', 'Tarwewijk', 'Feijenoord', 'Schilderswijk', 'Moerwijk', 'Lombok', 'Osdorp', 'Tuindorp Oostzaan',
  'Het Oude Noorden', 'Bospolder', 'Woensel-West', 'Selwerd', 'Malburgen',
];
const SUBJECTS = [
  'Bewoners klagen over geluidsoverlast',
  'Politie rolt drugslab op',
  'Hangjongeren zorgen voor onrust',
  'Nieuwe speeltuin geopend',
  'Buurtfeest trekt honderden bezoekers',
  'Inbraakgolf in portiekflats',
  'Oplichters bellen ouderen als nepagent',
  'Gemeente plaatst extra camera\'s',
  'Wijkagent houdt spreekuur',
  'Zorgen over verward gedrag op straat',
  'Phishing-sms in naam van de gemeente',
  'Discriminerende leuzen op muur gekalkt',
  'Opvang voor statushouders in oud kantoor',
  'Kermis zorgt voor drukte en parkeerproblemen',
  'Hennepkwekerij ontdekt na stroomstoring',
  'Schuldhulp krijgt vaste plek in buurthuis',
];
const STREETS = [
  'Kinkerstraat', 'Van Woustraat', 'Dapperstraat', 'Javastraat', 'Molenstraat', 'Kerkstraat', 'Dorpsstraat',
  'Stationsweg', 'Marktplein', 'Schoolstraat', 'Julianalaan', 'Beatrixstraat', 'Nieuwe Binnenweg', 'Amsterdamsestraatweg',
  'Hoefkade', 'Vaartsche Rijn', 'Groenestraat', 'Parkweg', 'Lindenlaan', 'Eikenlaan', 'Tolstraat', 'Hoofdweg',
  'Burgemeester de Vlugtlaan', 'Meidoornweg', 'Wilhelminastraat', 'Havenstraat', 'Zuidplein', 'Weimarstraat',
  'Bergweg', 'Spoorsingel',
];
const MOMENTS = [
  'vannacht', 'zaterdagavond', 'na klachten', 'opnieuw', 'sinds vorige week', 'tijdens de jaarwisseling',
  'na meldingen van bewoners', 'deze zomer', 'op klaarlichte dag', 'in het weekend', 'voor de derde keer', 'eindelijk',
];
const DETAILS = [
  'Omwonenden zijn boos en voelen zich niet gehoord.',
  'De buurt is blij met de snelle aanpak.',
  'Volgens de wijkagent is de situatie onder controle.',
  'Ondernemers maken zich zorgen over de veiligheid.',
  'Het college belooft de komende weken extra toezicht.',
  'Jongerenwerkers gaan in gesprek met de groep.',
  'Melden kan via 0900-8844 of anoniem bij Meld Misdaad Anoniem.',
  'Bewoners organiseren een avond over samenleven in de wijk.',
  'Een buurtbewoner deelde beelden in de buurtapp en kreeg tientallen reacties.',
  'De gemeente onderzoekt of een cameratoezichtgebied nodig is.',
  'Handhavers van de gemeente zijn vaker aanwezig in de avonduren.',
  'Woningcorporatie en politie houden een gezamenlijk spreekuur.',
  'Niet iedereen in de straat herkent zich in het beeld dat geschetst wordt.',
  'De burgemeester spreekt volgende week met de wijkraad.',
  'Getuigen worden opgeroepen zich te melden bij de politie.',
  'Ouders maken zich zorgen over de veiligheid van hun kinderen op weg naar school.',
];

function renderFeed(feedId: number, items: number, host: string): string {
  const area = pick(NEIGHBOURHOODS, feedId);
  const parts = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
    `<title>${escapeXml(`Wijkberichten ${area} #${feedId}`)}</title>`,
    `<link>http://${escapeXml(host)}/</link>`,
    `<description>${escapeXml(`Nieuws uit ${area}`)}</description><language>nl</language>`,
  ];
  for (let i = 0; i < items; i++) {
    const seed = feedId * 7919 + i * 104_729;
    const title = itemTitle(feedId, i, items);
    const description = [0, 1, 2].map((n) => pick(DETAILS, (seed >> (3 + 2 * n)) + n * 5)).join(' ') + ` (${area}, bericht ${i + 1})`;
    const published = new Date(BASE_TIME - (feedId % 97) * 60_000 - i * 37 * 60_000).toUTCString();
    parts.push(
      `<item><title>${escapeXml(title)}</title>`,
      `<link>http://${escapeXml(host)}/berichten/${feedId}/${i}</link>`,
      `<guid isPermaLink="false">urn:wijkradar-farm:${feedId}:${i}</guid>`,
      `<pubDate>${published}</pubDate>`,
      `<description>${escapeXml(description)}</description></item>`,
    );
  }
  parts.push('</channel></rss>\n');
  return parts.join('');
}

/**
 * Headlines as local feeds have them: most stories are their own (a distinct headline for every item of
 * the farm, up to 172,800), and every tenth is the same story carried by five feeds in a row, so about
 * 8% of items are near-duplicates, as when three local outlets run the same news.
 */
function itemTitle(feedId: number, item: number, itemsPerFeed: number): string {
  if (item % 10 === 0) {
    const story = Math.floor(feedId / 5) * itemsPerFeed + item;
    return `${pick(SUBJECTS, story * 7)} in ${pick(NEIGHBOURHOODS, story * 13)}`;
  }
  // A bijection from the item number onto (subject, street, neighbourhood, moment): no two items share one.
  const slots = SUBJECTS.length * STREETS.length * NEIGHBOURHOODS.length * MOMENTS.length;
  let k = ((feedId * itemsPerFeed + item) * 7_919) % slots;
  const subject = SUBJECTS[k % SUBJECTS.length]!;
  k = Math.floor(k / SUBJECTS.length);
  const street = STREETS[k % STREETS.length]!;
  k = Math.floor(k / STREETS.length);
  const area = NEIGHBOURHOODS[k % NEIGHBOURHOODS.length]!;
  const moment = MOMENTS[Math.floor(k / NEIGHBOURHOODS.length)]!;
  return `${subject} aan de ${street} in ${area} ${moment}`;
}

function pick<T>(list: readonly T[], seed: number): T {
  return list[Math.abs(seed) % list.length] as T;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** 127.0.0.1 … 127.0.0.254, then 127.0.1.1 …, skipping .0 and .255 in the last octet. */
function loopbackAddress(index: number): string {
  return `127.0.${Math.floor(index / 254)}.${(index % 254) + 1}`;
}

function listen(server: http.Server, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRNOTAVAIL'
          ? new FeedFarmError(`${address} is not a loopback address on this machine (only Linux routes all of 127/8)`)
          : error,
      );
    });
    server.listen({ host: address, port, backlog: 511 }, () => resolve());
  });
}

async function closeAll(servers: readonly http.Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
}
