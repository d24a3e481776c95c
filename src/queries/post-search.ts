import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { findPosts } from '../db/analytics.repository.js';
import type { TermMatch } from '../nlp/types.js';

/** A post as analysts see it: text, scores and why. */
export interface PostView {
  id: number;
  source: string;
  published_at: string;
  title: string | null;
  text: string | null;
  url: string | null;
  lang: string;
  sentiment: number | null;
  topics: Record<string, number>;
  areas: { code: string; confidence: number; evidence: string; direct: boolean }[];
  matches: TermMatch[];
  lexicon_version: string;
  duplicate_of: number | null;
}

/** Filters of `query posts` and `GET /api/posts`. */
export interface PostQuery {
  area?: string;
  topic?: string;
  sinceIso?: string;
  untilIso?: string;
  search?: string;
  includeDuplicates?: boolean;
  limit?: number;
  offset?: number;
}

/** Posts matching the filters, newest first, each with the matched terms that explain its scores. */
export async function searchPosts(db: Kysely<Database>, query: PostQuery): Promise<PostView[]> {
  const rows = await findPosts(db, {
    areaCode: query.area,
    topic: query.topic,
    sinceIso: query.sinceIso,
    untilIso: query.untilIso,
    search: query.search ? toFtsQuery(query.search) : undefined,
    includeDuplicates: query.includeDuplicates,
    limit: Math.min(Math.max(query.limit ?? 50, 1), 1000),
    offset: Math.max(query.offset ?? 0, 0),
  });
  return rows.map((row) => ({
    id: row.id,
    source: row.source_id,
    published_at: row.published_at,
    title: row.title,
    text: row.text,
    url: row.url,
    lang: row.lang,
    sentiment: row.sentiment,
    topics: row.topics ? (JSON.parse(row.topics) as Record<string, number>) : {},
    areas: row.areas
      ? (JSON.parse(row.areas) as { code: string; confidence: number; evidence: string; direct: number }[]).map((a) => ({
          ...a,
          direct: a.direct === 1,
        }))
      : [],
    matches: JSON.parse(row.matches) as TermMatch[],
    lexicon_version: row.lexicon_version,
    duplicate_of: row.duplicate_of,
  }));
}

/**
 * Turns free words into a safe FTS5 query (every word quoted, all required), so user input can never
 * be an FTS syntax error. A trailing * keeps prefix search.
 * @example toFtsQuery('nep-sms bank*') // '"nep-sms" "bank"*'
 */
export function toFtsQuery(words: string): string {
  return words
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const prefix = word.endsWith('*');
      const bare = word.replace(/\*+$/, '').replace(/"/g, '""');
      return bare ? `"${bare}"${prefix ? '*' : ''}` : '';
    })
    .filter(Boolean)
    .join(' ');
}
