// Public API of the NLP stage.

export type { PostScore, TermMatch } from './types.js';
export type { Lexicons } from './lexicon-loader.js';
export { loadLexicons } from './lexicon-loader.js';
export { defaultLexiconDir } from './lexicon-dir.js';
export { scorePost, type ScoreOptions } from './score-post.js';
export { detectLanguage, type LanguageGuess } from './language-detector.js';
export { tokenize, TokenKind, TokenFlag, type Token } from './tokenizer.js';
export { LexiconError, LexiconDirectoryError } from './lexicon-errors.js';
