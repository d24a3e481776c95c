// The NLP stage for one post: language → tokens/normalisation → sentiment → topics + explanations.
// Pure and synchronous; all lexicon work happened once in loadLexicons.

import { expandEnglish } from './english-tokenizer.js';
import { detectLanguageFromTokens } from './language-detector.js';
import type { Lexicons } from './lexicon-loader.js';
import { DEFAULT_SENTIMENT_PARAMS, scoreSentiment } from './sentiment-scorer.js';
import { tokenize } from './tokenizer.js';
import { matchTopics } from './topic-matcher.js';
import type { PostScore } from './types.js';
import type { WordInfo } from './word-info.js';

let infoBuffer: WordInfo[] = new Array<WordInfo>(64);

/** Options for {@link scorePost}. */
export interface ScoreOptions {
  /** Expected language (ISO 639-1), e.g. from the source; used when the text is too short to tell. */
  langHint?: string | null;
}

/**
 * Scores one post: language, sentiment in [-1, 1] (null without evidence), topic scores (only > 0)
 * and the matched terms with offsets into `text`.
 * @example scorePost('Wat een geweldig buurtfeest, heel gezellig!', loadLexicons()).sentiment // > 0
 */
export function scorePost(text: string, lexicons: Lexicons, options?: ScoreOptions): PostScore {
  const tokens = tokenize(text, lexicons.known);
  // Reused between calls: scoring is synchronous and no stage keeps the array.
  if (infoBuffer.length < tokens.length) infoBuffer = new Array<WordInfo>(Math.max(64, tokens.length * 2));
  const infos = infoBuffer;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const e = t.entry;
    // The token's memo entry belongs to this lexicon's vocabulary (the tokenizer cache is per
    // vocabulary), so its facts can be kept on it: one lookup per surface form, ever.
    if (e !== null) infos[i] = (e.data as WordInfo | undefined) ?? (e.data = lexicons.wordInfo(t.key)) as WordInfo;
    else infos[i] = lexicons.wordInfo(t.key);
  }
  const { lang } = detectLanguageFromTokens(tokens, text, options?.langHint ?? null, lexicons.dutchWord, infos);
  let sentimentTokens = tokens;
  let lex = null;
  if (lang === 'nl' || lang === 'und') lex = lexicons.nl;
  else if (lang === 'en') {
    lex = lexicons.en;
    // compromise expands contractions ("didn't" → did not), memoised per word form.
    sentimentTokens = expandEnglish(tokens, text, lexicons.known);
  }
  // Other languages: only emoji and emoticons count; Dutch word lists would misfire on them.
  const sentiment = scoreSentiment(sentimentTokens, text, lex, lexicons.emoji, DEFAULT_SENTIMENT_PARAMS, lex === lexicons.nl ? infos : undefined);
  const topics = matchTopics(lexicons.topics, tokens, text, infos);
  const matches = topics.matches.length === 0 ? sentiment.matches : sentiment.matches.length === 0 ? topics.matches : [...topics.matches, ...sentiment.matches].sort((a, b) => a.start - b.start);
  return { lang, sentiment: sentiment.score, topics: topics.topics, matches, lexiconVersion: lexicons.version };
}
