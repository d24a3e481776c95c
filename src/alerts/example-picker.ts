import { AlertOptionsError } from './alert-errors.js';

/** A candidate post to show as an example of an alert. Authors are never part of it. */
export interface ExamplePost {
  id: string;
  text: string;
  title?: string | null;
  url?: string | null;
  /** Publication time, ISO 8601 UTC. */
  published?: string | null;
  /** Lexicon terms the NLP stage matched in the post. */
  matches?: readonly string[];
}

/** Options of {@link pickExamples}. */
export interface PickExamplesOptions {
  /** Terms that make a post more telling (e.g. the alert's top terms); each one found in the text counts once. */
  terms?: readonly string[];
  /** Two posts whose word sets overlap at least this much (Jaccard) are duplicates (default 0.8). */
  duplicateSimilarity?: number;
}

/** Lower-cased words of a post without links, mentions, retweet prefixes and diacritics, for duplicate checks. */
export function exampleFingerprint(post: Pick<ExamplePost, 'text' | 'title'>): string[] {
  const raw = `${post.title ?? ''} ${post.text}`
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/https?:\/\/\S+|www\.\S+/g, ' ')
    .replace(/(^|\s)rt\s+@\w+:?/g, ' ')
    .replace(/@\w+/g, ' ');
  return raw.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Picks up to k example posts for an alert: the ones with the most distinct matched terms first, skipping posts
 * that duplicate one already picked (same words after removing links, mentions and "RT @x:"; or a word-set
 * overlap of at least `duplicateSimilarity`) and posts without text. Returns fewer than k rather than repeat a
 * message. Ties go to the more recent post, then the smaller id, so the choice is stable.
 * @example pickExamples(posts, 5, { terms: ['nep-sms', 'bank'] })
 */
export function pickExamples<T extends ExamplePost>(posts: readonly T[], k = 5, options: PickExamplesOptions = {}): T[] {
  if (!(Number.isInteger(k) && k >= 0)) throw new AlertOptionsError(`The number of examples must be a whole number of at least 0; got ${k}.`);
  const threshold = options.duplicateSimilarity ?? 0.8;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new AlertOptionsError(`The duplicate similarity must be above 0 and at most 1 (0.8 by default); got ${threshold}.`);
  }
  const extraTerms = (options.terms ?? []).map((t) => t.toLowerCase()).filter((t) => t.length > 0);
  const ranked = posts
    .map((post) => {
      const words = exampleFingerprint(post);
      const matched = new Set((post.matches ?? []).map((m) => m.toLowerCase()));
      const haystack = `${post.title ?? ''} ${post.text}`.toLowerCase();
      let score = matched.size;
      for (const term of extraTerms) if (!matched.has(term) && haystack.includes(term)) score++;
      const time = post.published ? Date.parse(post.published) : Number.NaN;
      return { post, words, set: new Set(words), key: words.join(' '), score, time: Number.isNaN(time) ? -Infinity : time };
    })
    .filter((c) => c.words.length > 0)
    .sort((a, b) => b.score - a.score || b.time - a.time || (a.post.id < b.post.id ? -1 : a.post.id > b.post.id ? 1 : 0));

  const picked: typeof ranked = [];
  for (const candidate of ranked) {
    if (picked.length >= k) break;
    const duplicate = picked.some((p) => p.key === candidate.key || jaccard(p.set, candidate.set) >= threshold);
    if (!duplicate) picked.push(candidate);
  }
  return picked.map((c) => c.post);
}
