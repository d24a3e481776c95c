// The naive pipeline we compare against: natural's Dutch SentimentAnalyzer with the Pattern
// lexicon and the Dutch Porter stemmer, natural's Dutch tokenizer, and franc without `only`.

import '../src/nlp/quiet-dotenv.js';
import { franc } from 'franc';
import { SentimentAnalyzer } from 'natural/lib/natural/sentiment/index.js';
import { PorterStemmerNl } from 'natural/lib/natural/stemmers/index.js';
import { AggressiveTokenizerNl } from 'natural/lib/natural/tokenizers/index.js';

/** What the naive pipeline produces for one text. */
export interface BaselineScore {
  lang: string;
  /** natural's score: sum of word polarities / number of words (0 when nothing matched). */
  sentiment: number;
}

/** A naive natural + franc scorer, constructed once. */
export interface NaturalBaseline {
  score(text: string): BaselineScore;
}

/** Builds the naive baseline exactly as a first attempt with natural would. */
export function createNaturalBaseline(): NaturalBaseline {
  const tokenizer = new AggressiveTokenizerNl();
  const analyzer = new SentimentAnalyzer('Dutch', PorterStemmerNl, 'pattern');
  return {
    score(text: string): BaselineScore {
      const lang = franc(text);
      const words = tokenizer.tokenize(text);
      const s = words.length === 0 ? 0 : analyzer.getSentiment(words);
      return { lang, sentiment: Number.isFinite(s) ? s : 0 };
    },
  };
}
