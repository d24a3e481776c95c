/** A post as a collector hands it to the pipeline: mapped, not yet scored, located or stored. */
export interface PostDraft {
  sourceId: string;
  externalId: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  /** Plain text (title and body) that the NLP stage scores. */
  text: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
  /** HMAC of the author; the name itself never leaves the mapping function. */
  authorHash: string | null;
  /** Language declared by the source (feed language), a hint for detection. */
  langHint: string | null;
  lat: number | null;
  lon: number | null;
  dedupKey: string | null;
}
