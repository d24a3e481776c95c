// Public result types of the NLP stage (the `wijkradar score` contract).

/**
 * One piece of evidence. `term` is the lexicon entry (or rule label) that matched; `text` is the
 * surface form in the original text; start/end are UTF-16 offsets in the original text. For
 * sentiment, `weight` is the signed contribution after negation, intensifiers and contrast.
 */
export interface TermMatch {
  kind: 'topic' | 'sentiment';
  topic: string | null;
  term: string;
  text: string;
  start: number;
  end: number;
  weight: number;
}

/**
 * The score of one post. `lang` is ISO 639-1 or 'und'; `sentiment` is in [-1, 1] or null when the
 * text holds no sentiment evidence; `topics` lists only topics with a score > 0;
 * `lexiconVersion` (e.g. "sentiment-nl@1;sentiment-en@1;emoji@1;cybercrime@1;…") is stored with each score.
 */
export interface PostScore {
  lang: string;
  sentiment: number | null;
  topics: Record<string, number>;
  matches: TermMatch[];
  lexiconVersion: string;
}
