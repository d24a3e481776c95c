// The topic lexicon file format (shared contract with the lexicon writers), validated with zod.

import { z } from 'zod';

const entryText = z
  .string()
  .trim()
  .min(1, 'an entry must not be empty')
  .refine((s) => s.split(/\s+/).every(validWildcardToken), 'a wildcard (*) stands at the start or the end of a token (not both), next to at least one letter');

function validWildcardToken(t: string): boolean {
  if (!t.includes('*')) return true;
  if (t === '*' || t.slice(1, -1).includes('*')) return false;
  return !(t.startsWith('*') && t.endsWith('*'));
}

const weight = z.number({ error: 'the weight must be a number' }).positive('the weight must be greater than 0').finite();

const longTerm = z
  .object({
    term: entryText,
    weight,
    unless_near: z.array(entryText).optional(),
  })
  .strict();

const compactTerm = z
  .record(z.string(), weight)
  .refine((o) => Object.keys(o).length === 1 && Object.keys(o).every((k) => k.trim().length > 0), 'a compact term is one non-empty `term: weight` pair per list item');

const rule = z
  .object({
    label: z.string().min(1, 'a rule needs a label'),
    all: z.array(entryText).optional(),
    any: z.array(entryText).optional(),
    none: z.array(entryText).optional(),
    near: z.number().int().positive('near must be a whole number of tokens greater than 0').optional(),
    // Negation scoped to the clause of the matched `any` items (see topic-matcher.ts negationHolds).
    negators: z.array(entryText).min(1, 'list at least one negator').optional(),
    negation: z.enum(['cancels', 'required'], { error: 'negation is `cancels` or `required`' }).optional(),
    negation_window: z.number().int().positive('negation_window must be a whole number of tokens greater than 0').optional(),
    weight,
  })
  .strict()
  .refine((r) => (r.all?.length ?? 0) + (r.any?.length ?? 0) > 0, 'a rule needs at least one item in `all` or `any`')
  .refine((r) => (r.negation === undefined && r.negation_window === undefined) || (r.negators?.length ?? 0) > 0, 'negation and negation_window need `negators`');

/** Named word classes, referenced as `@name` in any entry (a whole entry or one word of a phrase). */
const classes = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/, 'a class name is lower-case letters, digits and underscores, starting with a letter'),
  z.array(entryText).min(1, 'a class needs at least one entry'),
);

/** Schema of one `lexicons/topics/<slug>.yaml` file. */
export const topicFileSchema = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'the slug is lower-case letters, digits and underscores, starting with a letter')
      .max(40, 'the slug is at most 40 characters (the API filters topics by slug up to that length)'),
    label: z.string().min(1),
    version: z.number().int('the version is a whole number').nonnegative(),
    threshold: z.number().positive('the threshold must be greater than 0'),
    description: z.string().optional(),
    classes: classes.optional(),
    terms: z.array(z.union([longTerm, compactTerm], { error: 'a term is `word: weight` or {term, weight, unless_near}' })).min(1, 'a topic needs at least one term'),
    exclude: z.array(entryText).optional(),
    rules: z.array(rule).optional(),
  })
  .strict();

/** A parsed, valid topic file. */
export type TopicFile = z.infer<typeof topicFileSchema>;

/** Schema of a sentiment lexicon file (`lexicons/sentiment/<lang>.yaml`). */
export const sentimentFileSchema = z
  .object({
    language: z.string().min(2),
    version: z.number().int().nonnegative(),
    base: z.enum(['natural-pattern-nl', 'natural-afinn-en', 'none']).default('none'),
    description: z.string().optional(),
    min_base_polarity: z.number().min(0).max(1).default(0.1),
    stem_fallback: z.boolean().default(false),
    words: z.record(z.string(), z.number().min(-1).max(1)).default({}),
    intensifiers: z.record(z.string(), z.number().positive()).default({}),
    diminishers: z.record(z.string(), z.number().positive().max(1)).default({}),
    negators: z.array(z.string()).default([]),
    contrast: z.array(z.string()).default([]),
    concessive: z.array(z.string()).default([]),
    prefix_intensifiers: z.record(z.string(), z.number().positive()).default({}),
    polar_prefixes: z.record(z.string(), z.number().min(-1).max(1)).default({}),
    compound_heads: z.array(z.string()).default([]),
  })
  .strict();

/** A parsed sentiment lexicon file. */
export type SentimentFile = z.infer<typeof sentimentFileSchema>;

/** Schema of the emoji/emoticon polarity file (`lexicons/sentiment/emoji.yaml`). */
export const emojiFileSchema = z
  .object({
    version: z.number().int().nonnegative(),
    description: z.string().optional(),
    emoji: z.record(z.string(), z.number().min(-1).max(1)),
  })
  .strict();

/** A parsed emoji file. */

/** Formats a zod issue path as `terms[3].weight`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
