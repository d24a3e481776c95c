// Per-key facts from every lexicon, memoised, so scoring a token costs one Map lookup instead of
// one per stage (language markers, Dutch sentiment, topic candidates).

import { dutchSpelling, markerWeights } from './language-detector.js';
import { sentimentWord, type SentimentLexicon, type SentimentWord } from './sentiment-lexicon.js';
import { candidates, type Pattern, type TopicMatcher } from './topic-matcher.js';

/** What the stages need to know about one token key. */
export interface WordInfo {
  /** Language marker weights [nl, en, de, fr, other, tr, pl], or undefined. */
  marker: number[] | undefined;
  /** A word of the Dutch (not the English) sentiment lexicon: evidence for Dutch. */
  dutch: boolean;
  /** The key's Dutch sentiment facts. */
  sentiment: SentimentWord;
  /** Topic patterns starting with this key. */
  topics: Pattern[];
  /** The key is the second word of some fanned-out topic phrase (see TopicMatcher.secondWords). */
  second: boolean;
  /** Orthographic Dutch evidence (see dutchSpelling in language-detector.ts). */
  dutchSpelling: number;
}

const MEMO_MAX = 200_000;

/** Returns a memoised lookup from token key to {@link WordInfo} for the given lexicons. */
export function createWordInfo(nl: SentimentLexicon, topics: TopicMatcher, dutchOnly: ReadonlySet<string>): (key: string) => WordInfo {
  const memo = new Map<string, WordInfo>();
  return (key: string): WordInfo => {
    let w = memo.get(key);
    if (w === undefined) {
      w = { marker: markerWeights(key), dutch: dutchOnly.has(key), sentiment: sentimentWord(nl, key), topics: candidates(topics, key), second: topics.secondWords.has(key), dutchSpelling: dutchSpelling(key) };
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(key, w);
    }
    return w;
  };
}
