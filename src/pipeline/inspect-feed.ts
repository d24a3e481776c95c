import { parseFeed } from '../collectors/feed/feed-parser.js';
import { decodeBody } from '../fetch/decode-body.js';
import { fetchUrl } from '../fetch/index.js';
import { readLocalFile } from '../fetch/local-file.js';
import { USER_AGENT_PRODUCT } from './run-setup.js';

/** One line of `wijkradar feed inspect`, per the stable contract. */
export interface FeedInspection {
  input: string;
  ok: boolean;
  format: string | null;
  title: string | null;
  link: string | null;
  items: { id: string; title: string | null; link: string | null; published: string | null }[];
  error: string | null;
}

/**
 * Reads one feed from a URL or file with the same fetcher, decoder and parser as `run`, and reports what
 * it found; failures become `ok: false` with an error a user can act on, never an exception.
 */
export async function inspectFeed(
  input: string,
  options: { allowPrivateAddresses?: boolean; maxBytes?: number; timeoutMs?: number } = {},
): Promise<FeedInspection> {
  const maxBytes = options.maxBytes ?? 10_000_000;
  try {
    let body: Uint8Array;
    let contentType: string | null = null;
    let url: string | undefined;
    if (/^https?:\/\//i.test(input)) {
      const result = await fetchUrl(input, {
        maxBytes,
        timeoutMs: options.timeoutMs ?? 20_000,
        allowPrivateAddresses: options.allowPrivateAddresses ?? false,
        userAgent: `${USER_AGENT_PRODUCT} (feed inspect)`,
      });
      body = result.body;
      contentType = result.contentType;
      url = result.finalUrl;
    } else {
      body = await readLocalFile(input, maxBytes);
    }
    const { text } = decodeBody(body, contentType);
    const feed = parseFeed(text, { url });
    return {
      input,
      ok: true,
      format: feed.format,
      title: feed.title,
      link: feed.link,
      items: feed.items.map((item) => ({ id: item.id, title: item.title, link: item.link, published: item.published })),
      error: null,
    };
  } catch (error) {
    return { input, ok: false, format: null, title: null, link: null, items: [], error: (error as Error).message ?? String(error) };
  }
}
