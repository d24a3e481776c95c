import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default lexicon folder: <repo>/lexicons, found from this file in src/nlp or dist/nlp. */
export function defaultLexiconDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons');
}
