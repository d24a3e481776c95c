import type { Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { roleAllows } from '../queries/access.js';
import type { ApiUser, Role } from '../queries/access.js';
import type { AggregateCache } from './aggregate-cache.js';
import { ForbiddenError } from './api-errors.js';
import { toCsv } from './csv-export.js';
import type { CsvColumn } from './csv-export.js';

/** Hono's environment for our routes: the authenticated user rides on the context. */
export type AppEnv = { Variables: { user: ApiUser } };

/** The app type every route module registers on. */
export type ApiApp = Hono<AppEnv>;

/** What route handlers share. */
export interface RouteContext {
  db: Kysely<Database>;
  now: () => Date;
  cache: AggregateCache;
  /** Labels of topics added by lexicon files (the built-in topics keep their Dutch labels). */
  addedTopicLabels: Readonly<Record<string, string>>;
}

/** The authenticated user, or a 403 when their role is below `needed`. */
export function requireRole(c: Context<AppEnv>, needed: Role): ApiUser {
  const user = c.get('user');
  if (!roleAllows(user.role, needed)) throw new ForbiddenError(needed, user.role);
  return user;
}

/** Paging and format of a list request. */
export interface ListParams {
  limit: number;
  offset: number;
  format: 'json' | 'csv';
}

/** A response body made ready once, so cached answers skip serialising again. */
export interface RenderedBody {
  body: string;
  headers: Record<string, string>;
}

/**
 * Renders a list: a JSON array of rows, with paging and context in headers (`X-Next-Offset`, empty on the
 * last page, and `X-Meta`: URI-encoded JSON `{ ...meta, limit, offset, next_offset }`), or CSV with the
 * given columns as a download named `name`.csv.
 */
export function renderList<Row>(
  params: ListParams,
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  name: string,
  meta: Record<string, unknown> = {},
): RenderedBody {
  if (params.format === 'csv') return renderCsv(rows, columns, name);
  const nextOffset = rows.length === params.limit ? params.offset + params.limit : null;
  return {
    body: JSON.stringify(rows),
    headers: {
      'Content-Type': 'application/json',
      'X-Next-Offset': nextOffset === null ? '' : String(nextOffset),
      'X-Meta': metaHeader({ ...meta, limit: params.limit, offset: params.offset, next_offset: nextOffset }),
    },
  };
}

/** Answers with a rendered body. */
export function sendRendered(c: Context<AppEnv>, rendered: RenderedBody): Response {
  return c.body(rendered.body, 200, rendered.headers);
}

/** Answers a list (see {@link renderList}). */
export function sendList<Row>(
  c: Context<AppEnv>,
  params: ListParams,
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  name: string,
  meta: Record<string, unknown> = {},
): Response {
  return sendRendered(c, renderList(params, rows, columns, name, meta));
}

/** Answers a list that is never paged (a trend, the map's areas): a JSON array (context in `X-Meta`) or CSV. */
export function sendAll<Row>(
  c: Context<AppEnv>,
  format: 'json' | 'csv',
  rows: readonly Row[],
  columns: readonly CsvColumn<Row>[],
  name: string,
  meta: Record<string, unknown> = {},
): Response {
  if (format === 'csv') return sendRendered(c, renderCsv(rows, columns, name));
  return c.body(JSON.stringify(rows), 200, { 'Content-Type': 'application/json', 'X-Meta': metaHeader(meta) });
}

/** Header values must be ASCII: the list's context as URI-encoded JSON. */
function metaHeader(meta: Record<string, unknown>): string {
  return encodeURIComponent(JSON.stringify(meta));
}

function renderCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[], name: string): RenderedBody {
  return {
    body: toCsv(rows, columns),
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="wijkradar-${name}.csv"` },
  };
}

/** One page of an in-memory list. */
export function page<Row>(rows: readonly Row[], params: ListParams): Row[] {
  return rows.slice(params.offset, params.offset + params.limit);
}
