// Types of highlight.js for the TypeScript tests (the dashboard itself is plain JavaScript).

/** A piece of evidence from the NLP stage, as the API returns it. */
export interface MatchLike {
  kind?: string;
  topic?: string | null;
  term?: string;
  text: string;
  start?: number;
  end?: number;
  weight?: number;
}

/** A checked, disjoint character range to highlight. */
export interface MatchRange {
  start: number;
  end: number;
  kind: 'topic' | 'sentiment';
  topic: string | null;
  term: string;
  weight: number;
}

/** Character ranges of the matches that really occur in `text`, sorted and disjoint. */
export function matchRanges(text: string, matches: readonly MatchLike[] | null | undefined): MatchRange[];

/** The pieces of text[from, to), each with the range covering it or null. */
export function segments(text: string, ranges: readonly MatchRange[], from?: number, to?: number): { text: string; match: MatchRange | null }[];
