/** Dutch labels of the built-in topic slugs and of `negative` (overall negative sentiment). */
export const TOPIC_LABELS_NL: Readonly<Record<string, string>> = Object.freeze({
  radicalisation: 'Radicalisering',
  cybercrime: 'Cybercrime',
  nuisance: 'Overlast',
  subversive_crime: 'Ondermijning',
  migration: 'Migratie',
  events_tourism: 'Evenementen en toerisme',
  social_domain: 'Sociaal domein',
  hate: 'Haat en discriminatie',
  negative: 'Negatief sentiment',
});

/**
 * The Dutch label of a topic slug: from `overrides`, then the built-in labels, else the slug made readable
 * ("youth_work" → "Youth work"), so topics added by a lexicon file still read as words.
 */
export function topicLabelNl(slug: string, overrides?: Readonly<Record<string, string>>): string {
  // Object.hasOwn: a slug such as "constructor" must not pick up Object.prototype members.
  if (overrides !== undefined && Object.hasOwn(overrides, slug)) return overrides[slug]!;
  if (Object.hasOwn(TOPIC_LABELS_NL, slug)) return TOPIC_LABELS_NL[slug]!;
  const words = slug.replace(/[_-]+/g, ' ').trim();
  return words.length === 0 ? slug : words[0]!.toUpperCase() + words.slice(1);
}
