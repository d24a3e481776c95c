import { auditRead } from '../queries/access.js';
import { searchPosts } from '../queries/post-search.js';
import type { PostView } from '../queries/post-search.js';
import { requireRole, sendList } from './api-context.js';
import type { ApiApp, RouteContext } from './api-context.js';
import type { CsvColumn } from './csv-export.js';
import { parseQuery, postsQuery, toEndInstant, toInstant } from './query-params.js';

const POST_COLUMNS: CsvColumn<PostView>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'published_at', value: (r) => r.published_at },
  { header: 'source', value: (r) => r.source },
  { header: 'areas', value: (r) => r.areas.filter((a) => a.direct).map((a) => a.code).join(' ') },
  { header: 'sentiment', value: (r) => r.sentiment },
  { header: 'topics', value: (r) => r.topics },
  { header: 'matched', value: (r) => r.matches.map((m) => m.text).join('; ') },
  { header: 'title', value: (r) => r.title },
  { header: 'text', value: (r) => r.text },
  { header: 'url', value: (r) => r.url },
  { header: 'lang', value: (r) => r.lang },
  { header: 'lexicon_version', value: (r) => r.lexicon_version },
];

/**
 * Post text for analysts: filters by area, topic, time and words (never by author), each post with the
 * matched terms and area evidence that explain it. Every read is written to the audit log first.
 */
export function registerPostRoutes(app: ApiApp, { db, now }: RouteContext): void {
  app.get('/api/posts', async (c) => {
    const user = requireRole(c, 'analyst');
    const q = parseQuery(c.req.url, postsQuery);
    const sinceIso = q.since ? toInstant(q.since, now()) : undefined;
    const untilIso = q.until ? toEndInstant(q.until, now()) : undefined;
    const rows = await searchPosts(db, {
      area: q.area,
      topic: q.topic,
      sinceIso,
      untilIso,
      search: q.q,
      includeDuplicates: q.duplicates === 'true',
      limit: q.limit,
      offset: q.offset,
    });
    // Filters as resolved (times as UTC instants), echoed to the client and written to the audit log.
    const filters = { area: q.area, topic: q.topic, since: sinceIso, until: untilIso, q: q.q, duplicates: q.duplicates === 'true' };
    // The audit entry is written before any text leaves the server; if it cannot be written, nothing is sent.
    await auditRead(db, user, 'posts', { ...filters, limit: q.limit, offset: q.offset, format: q.format }, rows.length, now());
    return sendList(c, q, rows, POST_COLUMNS, 'berichten', { filters });
  });
}
