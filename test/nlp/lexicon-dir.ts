// Test helper: a temporary lexicon folder with our sentiment files and the given topic files.

import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Creates a lexicon dir with `topics` ({ file name: YAML text }); returns its path and a cleanup. */
export function makeLexiconDir(topics: Record<string, string>, sentimentOverrides: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wijkradar-lex-'));
  mkdirSync(path.join(dir, 'topics'));
  mkdirSync(path.join(dir, 'sentiment'));
  const src = path.join(REPO, 'lexicons', 'sentiment');
  for (const f of readdirSync(src)) copyFileSync(path.join(src, f), path.join(dir, 'sentiment', f));
  for (const [f, text] of Object.entries(sentimentOverrides)) writeFileSync(path.join(dir, 'sentiment', f), text);
  for (const [f, text] of Object.entries(topics)) writeFileSync(path.join(dir, 'topics', f), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
