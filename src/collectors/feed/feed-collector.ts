import { z } from 'zod';
import { decodeBody } from '../../fetch/decode-body.js';
import { fetchUrl } from '../../fetch/index.js';
import { readLocalFile } from '../../fetch/local-file.js';
import { defineCollector } from '../collector-contract.js';
import type { CollectContext, CollectResult } from '../collector-contract.js';
import type { ResolvedSource } from '../../config/load-pipeline.js';
import { parseFeed } from './feed-parser.js';
import { mapFeedItem } from './map-feed-item.js';
import type { PostDraft } from '../post.js';

const feedConfigSchema = z.object({
  timeout_seconds: z.number().positive(),
  max_bytes: z.number().int().positive(),
});

/** RSS 0.9x/1.0/2.0, Atom and JSON Feed over http(s) or from a local file. */
export const feedCollector = defineCollector({
  type: 'feed',
  description: 'RSS, Atom, RDF and JSON Feed documents, fetched politely with conditional GET.',
  configSchema: feedConfigSchema,
  create(source: ResolvedSource, config: z.infer<typeof feedConfigSchema>) {
    return {
      async collect(context: CollectContext): Promise<CollectResult> {
        const fetched = await fetchFeedBytes(source, config, context);
        const posts: PostDraft[] = [];
        const unmapped: CollectResult['unmapped'] = [];
        let itemsSeen = 0;
        if (!fetched.notModified) {
          const { text } = decodeBody(fetched.body, fetched.contentType);
          const feed = parseFeed(text, { url: fetched.url });
          itemsSeen = feed.items.length;
          for (const item of feed.items) {
            const mapped = mapFeedItem(item, feed, source.id, context.authorKey, context.now);
            if (mapped.ok) posts.push(mapped.post);
            else unmapped.push({ id: item.id, reason: mapped.reason });
          }
        }
        const { url, status, notModified, bytes, state } = fetched;
        return { url, status, notModified, bytes, itemsSeen, posts, unmapped, state };
      },
    };
  },
});

interface FetchedFeed {
  url: string;
  status: number | null;
  notModified: boolean;
  bytes: number;
  body: Uint8Array;
  contentType: string | null;
  state: CollectContext['state'];
}

async function fetchFeedBytes(
  source: ResolvedSource,
  config: z.infer<typeof feedConfigSchema>,
  context: CollectContext,
): Promise<FetchedFeed> {
  if (source.location.kind === 'file') {
    const body = await readLocalFile(source.location.path, config.max_bytes);
    return {
      url: source.location.path,
      status: null,
      notModified: false,
      bytes: body.length,
      body,
      contentType: null,
      state: context.state,
    };
  }
  const url = source.location.url;
  const result = await context.limiter.run(url, () =>
    fetchUrl(url, {
      timeoutMs: config.timeout_seconds * 1000,
      maxBytes: config.max_bytes,
      userAgent: context.userAgent,
      etag: context.state.etag,
      lastModified: context.state.lastModified,
      allowPrivateAddresses: context.allowPrivateAddresses,
      signal: context.signal,
    }),
  );
  return {
    url: result.finalUrl,
    status: result.status,
    notModified: result.notModified,
    bytes: result.bytes,
    body: result.body,
    contentType: result.contentType,
    state: {
      etag: result.etag ?? context.state.etag,
      lastModified: result.lastModified ?? context.state.lastModified,
    },
  };
}
