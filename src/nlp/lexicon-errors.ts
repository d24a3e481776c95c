// Errors raised while loading lexicons. Messages are full sentences that say how to fix the file, so they
// are UserErrors: the CLI prints them without a stack trace.

import { UserError } from '../errors/user-error.js';

/** A lexicon file is missing, unreadable, not YAML, or does not follow the lexicon format. */
export class LexiconError extends UserError {
  override readonly name = 'LexiconError';
  /** The file that is wrong. */
  readonly file: string;
  /** The field path inside the file (e.g. "terms[3].weight"), or '' for the whole file. */
  readonly field: string;

  constructor(file: string, field: string, problem: string) {
    const where = field ? `${file} at ${field}` : file;
    super(`Lexicon ${where} is invalid: ${problem} Correct that part of the file and load the lexicons again.`);
    this.file = file;
    this.field = field;
  }
}

/** The lexicon directory does not exist or holds no topic files. */
export class LexiconDirectoryError extends UserError {
  override readonly name = 'LexiconDirectoryError';

  constructor(dir: string, problem: string) {
    super(`The lexicon directory ${dir} cannot be used: ${problem} Pass the folder that holds sentiment/ and topics/ (the default is <repo>/lexicons).`);
  }
}
