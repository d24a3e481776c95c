// English normalisation with compromise: it expands contractions ("didn't" → did not, so the
// negation is seen). compromise has no Dutch model and tokenising a whole post with it costs
// 100–350 µs, so it is asked once per contracted word form ("can't", "didn't", "it's") and the
// answer is memoised; everything else (hashtags, mentions, URLs, emoji) comes from our tokenizer,
// which handles them the same way for every language.

import { createRequire } from 'node:module';
import type nlpType from 'compromise';
import { normaliseWord, type KnownWords } from './normalizer.js';
import { TokenKind, type Token } from './tokenizer.js';

// Loaded by loadLexicons (so scoring itself never touches the disk), not at import time: tools that
// only tokenise Dutch do not pay the few hundred ms compromise takes to load.
let nlp: typeof nlpType | null = null;
function compromise(): typeof nlpType {
  nlp ??= createRequire(import.meta.url)('compromise') as typeof nlpType;
  return nlp;
}

/** Loads compromise now (called once by loadLexicons). */
export function preloadEnglish(): void {
  compromise();
}

interface CompromiseTerm {
  text: string;
  normal?: string;
  implicit?: string;
}

const expansions = new Map<string, string[] | null>();
const EXPANSIONS_MAX = 10_000;

/**
 * compromise's reading of one contracted word: the words it stands for ("didn't" → did, not), or
 * null when it is not a contraction. Memoised per lower-case form.
 * @example expandContraction("didn't") // ['did', 'not']
 */
export function expandContraction(word: string): string[] | null {
  const lower = word.toLowerCase().replace(/\u2019/g, "'");
  let out = expansions.get(lower);
  if (out === undefined) {
    out = null;
    const terms = (compromise().tokenize(lower) as unknown as { docs: CompromiseTerm[][] }).docs.flat();
    const words = terms.map((t) => t.implicit ?? t.normal ?? t.text).filter((w) => w.length > 0);
    if (terms.some((t) => t.implicit !== undefined) && words.length > 1) out = words;
    if (expansions.size >= EXPANSIONS_MAX) expansions.clear();
    expansions.set(lower, out);
  }
  return out;
}

/**
 * Normalises English tokens: every word with an apostrophe that compromise reads as a contraction
 * is replaced by its words, all pointing at the original surface (offsets unchanged).
 * @example expandEnglish(tokenize("I don't like it"), text, known).map(t => t.key) // ['i','do','not','like','it']
 */
export function expandEnglish(tokens: readonly Token[], text: string, known: KnownWords): Token[] {
  let out: Token[] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const words = t.kind === TokenKind.Word && t.key.includes("'") ? expandContraction(text.slice(t.start, t.end)) : null;
    if (words === null) {
      if (out !== null) out.push(t);
      continue;
    }
    out ??= tokens.slice(0, i);
    words.forEach((w, k) => {
      // Punctuation after the word (clause ends, "!") stays on the last of its words.
      out!.push({ key: normaliseWord(w, known), start: t.start, end: t.end, kind: TokenKind.Word, flags: k === words.length - 1 ? t.flags : 0, parts: null, entry: null });
    });
  }
  return out ?? (tokens as Token[]);
}
