import type { Generated } from 'kysely';

/** Kysely's view of the database: one interface per table. Times are ISO 8601 UTC strings. */
export interface Database {
  sources: SourcesTable;
  collector_state: CollectorStateTable;
  fetch_log: FetchLogTable;
  posts: PostsTable;
  post_topics: PostTopicsTable;
  post_areas: PostAreasTable;
  areas: AreasTable;
  area_streets: AreaStreetsTable;
  area_postcodes: AreaPostcodesTable;
  rollup_daily: RollupDailyTable;
  rollup_hourly: RollupHourlyTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  users: UsersTable;
  audit_log: AuditLogTable;
}

export interface SourcesTable {
  id: string;
  pipeline: string;
  type: string;
  url: string;
  enabled: number;
  /** JSON array of area codes, or the string "auto". */
  areas: string;
  municipality: string | null;
  disabled_reason: string | null;
  consecutive_failures: Generated<number>;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_new_item_at: string | null;
  next_run_at: string | null;
  items_total: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CollectorStateTable {
  source_id: string;
  etag: string | null;
  last_modified: string | null;
  /** Earliest time the host may be asked again (Retry-After, backoff). */
  not_before: string | null;
  /** Seconds between polls chosen by adaptive polling; null = the configured schedule. */
  poll_interval_seconds: number | null;
  updated_at: string;
}

export interface FetchLogTable {
  id: Generated<number>;
  source_id: string;
  started_at: string;
  finished_at: string;
  url: string;
  http_status: number | null;
  not_modified: number;
  bytes: number;
  items: number;
  new_items: number;
  error: string | null;
  duration_ms: number;
}

export interface PostsTable {
  id: Generated<number>;
  source_id: string;
  external_id: string;
  url: string | null;
  canonical_url: string | null;
  title: string | null;
  /** Plain text the NLP saw; null once purged by retention. */
  text: string | null;
  published_at: string;
  collected_at: string;
  /** HMAC-SHA256 of the author with a key that is never stored in the database. */
  author_hash: string | null;
  lang: string;
  sentiment: number | null;
  lexicon_version: string;
  /** JSON array of TermMatch: why the post scored as it did. */
  matches: string;
  /** Key for near-duplicate detection (normalised title). */
  dedup_key: string | null;
  /** The first post of a near-duplicate group; such posts are not counted in aggregates. */
  duplicate_of: number | null;
  lat: number | null;
  lon: number | null;
  text_purged_at: string | null;
}

export interface PostTopicsTable {
  post_id: number;
  topic: string;
  score: number;
}

export interface PostAreasTable {
  post_id: number;
  area_code: string;
  confidence: number;
  evidence: string;
  /** 1 when resolved directly; 0 when implied as an ancestor (a buurt's wijk and gemeente). */
  direct: number;
}

export interface AreasTable {
  code: string;
  name: string;
  level: 'gemeente' | 'wijk' | 'buurt';
  parent_code: string | null;
  gemeente_code: string | null;
  municipality: string | null;
  /** JSON array of strings. */
  aliases: string;
  /** GeoJSON geometry (WGS84) or null when the area came from a pipeline file only. */
  geometry: string | null;
  origin: 'pipeline' | 'import';
  updated_at: string;
}

export interface AreaStreetsTable {
  name: string;
  municipality: string;
  /** The area the street lies in, when known (from coordinates or the pipeline file). */
  area_code: string | null;
  lat: number | null;
  lon: number | null;
  origin: 'pipeline' | 'import';
}

export interface AreaPostcodesTable {
  /** PC4 (1012) or PC6 without space (1012AB). */
  postcode: string;
  area_code: string;
  /** Share of the postcode's addresses in the area, 0..1. */
  share: number;
  origin: 'pipeline' | 'import';
}

export interface RollupDailyTable {
  area_code: string;
  /** Local date in Europe/Amsterdam, YYYY-MM-DD. */
  day: string;
  /** Topic slug, or '*' for all posts of the area. */
  topic: string;
  posts: number;
  sentiment_sum: number;
  sentiment_count: number;
  negative_posts: number;
}

export interface RollupHourlyTable {
  area_code: string;
  /** UTC hour, YYYY-MM-DDTHH. */
  hour: string;
  topic: string;
  posts: number;
  sentiment_sum: number;
  sentiment_count: number;
  negative_posts: number;
}

export interface AlertsTable {
  id: Generated<number>;
  area_code: string;
  /** Topic slug, or 'negative' for overall negative sentiment. */
  topic: string;
  granularity: 'day' | 'hour';
  window_start: string;
  window_end: string;
  observed: number;
  expected: number;
  threshold: number;
  method: string;
  p_value: number | null;
  /** JSON: the detection settings used. */
  settings: string;
  /** JSON array of { term, count, baseline }. */
  top_terms: string;
  /** JSON array of { id, title, matched }. */
  examples: string;
  created_at: string;
  feedback: 'useful' | 'noise' | null;
  feedback_at: string | null;
}

export interface AlertDeliveriesTable {
  alert_id: number;
  channel: 'webhook' | 'digest';
  target: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_error: string | null;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: 'viewer' | 'analyst' | 'admin';
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_name: string;
  role: string;
  action: string;
  /** JSON of the parameters of the read. */
  query: string;
  rows: number;
}
