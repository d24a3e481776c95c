import type { ZodType } from 'zod';
import type { ResolvedSource } from '../config/load-pipeline.js';
import type { HostLimiter } from '../fetch/host-limiter.js';
import type { PostDraft } from './post.js';

/** What a collector remembers between runs (conditional GET validators). */
export interface CollectorState {
  etag: string | null;
  lastModified: string | null;
}

/** Everything a collector may use; it never touches the database or the NLP stage. */
export interface CollectContext {
  state: CollectorState;
  limiter: HostLimiter;
  userAgent: string;
  allowPrivateAddresses: boolean;
  authorKey: Buffer;
  now: Date;
  signal?: AbortSignal;
}

/** The outcome of one successful collection; failures are thrown as errors and recorded by the pipeline. */
export interface CollectResult {
  url: string;
  status: number | null;
  notModified: boolean;
  bytes: number;
  itemsSeen: number;
  /** Handed over to the pipeline, which empties the array once the writer has the posts (see runSource). */
  posts: PostDraft[];
  /** Items that could not be mapped to a post (counted and logged, never fatal). */
  unmapped: { id: string | null; reason: string }[];
  state: CollectorState;
}

/** A running collector for one source. */
export interface Collector {
  collect(context: CollectContext): Promise<CollectResult>;
}

/** A collector type: its extra config schema and a factory, as Benthos components are specified. */
export interface CollectorSpec<Config = unknown> {
  type: string;
  description: string;
  configSchema: ZodType<Config>;
  create(source: ResolvedSource, config: Config): Collector;
}

/** Declares a collector type; registering happens only in collector-registry.ts. */
export function defineCollector<Config>(spec: CollectorSpec<Config>): CollectorSpec<Config> {
  return spec;
}
