// Lexicon sentiment with Dutch-aware rules. Unlike natural's analyzer (sum / number of words), the
// score does not shrink for long texts: it is the balance of positive and negative evidence,
// (P − N) / (P + N + SMOOTHING), so it is null only when there is no evidence at all.

import { sentimentWord, type SentimentLexicon } from './sentiment-lexicon.js';
import { TokenFlag, TokenKind, type Token } from './tokenizer.js';
import type { TermMatch } from './types.js';
import type { WordInfo } from './word-info.js';

/** Tunable constants of the sentiment rules (documented defaults; see eval/ for how they were chosen). */
export interface SentimentParams {
  /** Negated positive: contribution × −negPositive ("niet goed" is clearly negative). */
  negPositive: number;
  /** Negated negative: contribution × −negNegative ("niet slecht" is only mildly positive). */
  negNegative: number;
  /** Tokens after a negator that it can reach (the clause boundary ends it earlier). */
  negWindow: number;
  /** Weight of what came before "maar" in its sentence, and of what follows it. */
  contrastBefore: number;
  contrastAfter: number;
  /** Weight of a clause opened by "hoewel"/"ondanks". */
  concessive: number;
  /** Boosts for a sentence ending in "!" and in "!!". */
  exclaim: number;
  multiExclaim: number;
  /** Weight of a sentence ending in "?" (questions assert less). */
  question: number;
  /** Added to P + N in the denominator: one weak word gives a weak score. */
  smoothing: number;
  /** Weight of the first sentence when more follow (titles and headlines summarise the post). */
  headline: number;
}

/** Defaults, tuned only on development rows (see the method note in eval/main.ts). */
export const DEFAULT_SENTIMENT_PARAMS: SentimentParams = {
  negPositive: 0.8,
  negNegative: 0.5,
  negWindow: 3,
  contrastBefore: 0.5,
  contrastAfter: 1.25,
  concessive: 0.5,
  exclaim: 1.25,
  multiExclaim: 1.4,
  question: 0.8,
  smoothing: 0.5,
  headline: 2,
};

/** Sentiment result: score in [-1, 1] or null, and the matches that explain it. */
export interface SentimentResult {
  score: number | null;
  matches: TermMatch[];
}

interface Contribution {
  value: number;
  tok: number;
  endTok: number;
  term: string;
}

interface ScoreState {
  contribs: Contribution[];
  params: SentimentParams;
  sentenceStart: number;
  prevSentenceStart: number;
  sentenceTokens: number;
  negLeft: number;
  mult: number;
  multLeft: number;
  afterContrast: number;
  concessiveClause: boolean;
  firstSentenceEnd: number;
}

/**
 * Scores sentiment over tokens with a compiled lexicon and an emoji table: negation scoped to the
 * clause, intensifiers/diminishers, contrast ("maar" weighs the clause after it more), concessive
 * clauses, exclamation and question marks, emoji and emoticons. Returns null without evidence.
 */
export function scoreSentiment(
  tokens: readonly Token[],
  text: string,
  lex: SentimentLexicon | null,
  emoji: ReadonlyMap<string, number>,
  params: SentimentParams = DEFAULT_SENTIMENT_PARAMS,
  precomputed?: readonly WordInfo[],
): SentimentResult {
  const contribs: Contribution[] = [];
  const st: ScoreState = { contribs, params, sentenceStart: 0, prevSentenceStart: 0, sentenceTokens: 0, negLeft: 0, mult: 1, multLeft: 0, afterContrast: 1, concessiveClause: false, firstSentenceEnd: -1 };

  const n = tokens.length;
  for (let i = 0; i < n; i++) {
    const tok = tokens[i]!;
    const key = tok.key;
    let consumed = 1;
    if (tok.kind === TokenKind.Emoji || tok.kind === TokenKind.Emoticon) {
      const pol = emoji.get(key);
      if (pol !== undefined && pol !== 0) contribs.push({ value: pol, tok: i, endTok: i + 1, term: key });
    } else if (lex !== null && tok.kind !== TokenKind.Number) {
      // Phrases first (longest): "niet aan te raden" must win over the negator "niet".
      let pol = 0;
      let term = '';
      const w = precomputed !== undefined ? precomputed[i]!.sentiment : sentimentWord(lex, key);
      const phrases = w.phrases;
      if (phrases !== null) {
        for (const p of phrases) {
          if (i + p.keys.length > n) continue;
          let ok = true;
          for (let k = 1; k < p.keys.length; k++) {
            if (tokens[i + k]!.key !== p.keys[k]) {
              ok = false;
              break;
            }
          }
          if (ok) {
            pol = p.pol;
            term = p.term;
            consumed = p.keys.length;
            break;
          }
        }
      }
      if (pol === 0) {
        if (w.negator && !isFalseNegation(tokens, i)) {
          st.negLeft = params.negWindow;
          endOfToken(st, tok);
          st.sentenceTokens++;
          continue;
        }
        if (w.contrast && tokens[i + 1]?.key !== 'ook') {
          // "maar" at the start of a sentence contrasts with the previous sentence.
          const from = st.sentenceTokens === 0 ? st.prevSentenceStart : st.sentenceStart;
          for (let c = from; c < contribs.length; c++) contribs[c]!.value *= params.contrastBefore;
          st.afterContrast = params.contrastAfter;
          st.negLeft = 0;
          endOfToken(st, tok);
          st.sentenceTokens++;
          continue;
        }
        if (w.concessive) st.concessiveClause = true;
        const f = w.intensity;
        if (f !== 0 && modifiesNext(lex, tokens, i)) {
          st.mult *= f;
          st.multLeft = 2;
          endOfToken(st, tok);
          st.sentenceTokens++;
          if (st.negLeft > 0) st.negLeft--;
          continue;
        }
        const e = w.pol;
        if (e !== null) {
          pol = e.pol;
          term = e.term;
        }
      }
      if (pol !== 0) {
        let v = pol * (st.multLeft > 0 ? st.mult : 1);
        if (st.negLeft > 0) {
          v = v > 0 ? -v * params.negPositive : -v * params.negNegative;
          // A negator reverses the first polar word it reaches, not every word after it.
          st.negLeft = 0;
        }
        v *= st.afterContrast;
        if (st.concessiveClause) v *= params.concessive;
        contribs.push({ value: v, tok: i, endTok: i + consumed, term });
        st.mult = 1;
        st.multLeft = 0;
      }
    }
    const last = tokens[i + consumed - 1]!;
    i += consumed - 1;
    st.sentenceTokens++;
    if (st.negLeft > 0) st.negLeft -= consumed;
    if (st.multLeft > 0) st.multLeft--;
    if (st.multLeft === 0) st.mult = 1;
    endOfToken(st, last);
  }

  if (contribs.length === 0) return { score: null, matches: [] };
  if (st.firstSentenceEnd > 0 && st.firstSentenceEnd < contribs.length) for (let c = 0; c < st.firstSentenceEnd; c++) contribs[c]!.value *= params.headline;
  let p = 0;
  let q = 0;
  const matches: TermMatch[] = [];
  for (const c of contribs) {
    if (c.value > 0) p += c.value;
    else q -= c.value;
    const start = tokens[c.tok]!.start;
    const end = tokens[c.endTok - 1]!.end;
    matches.push({ kind: 'sentiment', topic: null, term: c.term, text: text.slice(start, end), start, end, weight: Math.round(c.value * 1000) / 1000 });
  }
  const score = (p - q) / (p + q + params.smoothing);
  return { score: Math.round(score * 10_000) / 10_000, matches };
}

function endOfToken(st: ScoreState, tok: Token): void {
const params = st.params;
const contribs = st.contribs;
  const fl = tok.flags;
  if (fl === 0) return;
  if (fl & TokenFlag.ClauseEnd) {
    st.negLeft = 0;
    st.mult = 1;
    st.multLeft = 0;
    st.concessiveClause = false;
  }
  if (fl & TokenFlag.SentenceEnd) {
    const boost = fl & TokenFlag.MultiExclaim ? params.multiExclaim : fl & TokenFlag.Exclaim ? params.exclaim : fl & TokenFlag.Question ? params.question : 1;
    if (boost !== 1) for (let c = st.sentenceStart; c < contribs.length; c++) contribs[c]!.value *= boost;
    if (st.firstSentenceEnd < 0) st.firstSentenceEnd = contribs.length;
    st.prevSentenceStart = st.sentenceStart;
    st.sentenceStart = contribs.length;
    st.sentenceTokens = 0;
    st.afterContrast = 1;
  }
}

/** "niet alleen … maar ook" and "niet te geloven"-style idioms do not negate. */
function isFalseNegation(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1]?.key;
  if (next === 'alleen' || next === 'enkel' || next === 'zomaar') return true;
  // "zonder meer", "zonder twijfel": emphasis, not negation.
  return tokens[i]!.key === 'zonder' && (next === 'meer' || next === 'twijfel');
}

/** An intensifier modifies when a polar word follows within two tokens in the same clause. */
function modifiesNext(lex: SentimentLexicon, tokens: readonly Token[], i: number): boolean {
  if (tokens[i]!.flags & TokenFlag.ClauseEnd) return false;
  for (let k = i + 1; k <= i + 2 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== TokenKind.Word && t.kind !== TokenKind.HashtagPart) return false;
    const w = sentimentWord(lex, t.key);
    if (w.intensity !== 0) {
      if (t.flags & TokenFlag.ClauseEnd) return false;
      continue;
    }
    if (w.phrases !== null || w.pol !== null) return true;
    if (t.flags & TokenFlag.ClauseEnd) return false;
    if (k === i + 1 && !w.negator) return false;
  }
  return false;
}
