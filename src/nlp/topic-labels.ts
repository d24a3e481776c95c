// Reads the slug and label of every topic file without compiling the lexicons (which loads natural and
// takes a second), for the API and dashboard: a topic added by a file is listed with its own label.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { defaultLexiconDir } from './lexicon-dir.js';

/**
 * Label per topic slug from `<dir>/topics/*.yaml`, in file-name order. A file that cannot be read or has no
 * string slug and label is left out: labels only name topics, and loading the lexicons reports bad files.
 */
export function readTopicLabels(dir: string = defaultLexiconDir()): Record<string, string> {
  const topicDir = path.join(dir, 'topics');
  const labels: Record<string, string> = {};
  if (!existsSync(topicDir)) return labels;
  for (const file of readdirSync(topicDir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort()) {
    try {
      const doc = parseYaml(readFileSync(path.join(topicDir, file), 'utf8'), { maxAliasCount: 10_000 }) as { slug?: unknown; label?: unknown } | null;
      if (typeof doc?.slug === 'string' && typeof doc.label === 'string' && doc.label.trim() !== '') labels[doc.slug] = doc.label.trim();
    } catch {
      // Left out; see above.
    }
  }
  return labels;
}
