// What storing a post costs in SQLite alone, without any of our code: a raw better-sqlite3 loop that
// inserts synthetic posts (farm-like title, 300-character text, URL, near-duplicate key, 300-byte matches
// JSON) into the migrated schema. It backs the store design in src/db/ingest-store.ts: FTS indexed by the
// store rather than a trigger, several sources per commit, and what the two random-key indexes cost.
// Usage: npx tsx bench/store-floor.ts [--posts 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/open-database.js';
import { sqliteHandle } from '../src/db/ingest-store.js';

const COLUMNS = ['source_id', 'external_id', 'url', 'canonical_url', 'title', 'text', 'published_at', 'collected_at', 'lang', 'sentiment', 'lexicon_version', 'matches', 'dedup_key'];
const WORDS = 'bewoners melden overlast van scooters jongeren bij het winkelcentrum politie gemeente buurt wijkagent avond nacht straat park container brand fraude bank'.split(' ');

interface Variant {
  name: string;
  ftsBy: 'store' | 'trigger';
  dropIndexes: string[];
  postsPerCommit: number;
}

async function measure(variant: Variant, posts: number): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-floor-'));
  const database = await openDatabase(path.join(dir, 'floor.db'));
  try {
    const sqlite = sqliteHandle(database.db);
    for (const index of variant.dropIndexes) sqlite.exec(`DROP INDEX ${index}`);
    if (variant.ftsBy === 'trigger') {
      sqlite.exec('CREATE TRIGGER floor_fts AFTER INSERT ON posts BEGIN INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END');
    }
    const source = sqlite.prepare("INSERT INTO sources (id, pipeline, type, url, enabled, areas, created_at, updated_at) VALUES (?, 'p', 'feed', 'x', 1, '[]', '', '')");
    for (let s = 0; s < 200; s++) source.run(`s${s}`);
    const insert = sqlite.prepare(`INSERT INTO posts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const index = sqlite.prepare('INSERT INTO posts_fts (rowid, title, text) VALUES (?, ?, ?)');
    const started = performance.now();
    for (let first = 0; first < posts; first += variant.postsPerCommit) {
      sqlite.transaction(() => {
        for (let n = first; n < Math.min(posts, first + variant.postsPerCommit); n++) {
          const title = `${word(n, 1)} ${word(n, 2)} aan de ${word(n, 3)}straat ${n}`;
          const text = Array.from({ length: 40 }, (_, k) => word(n, k + 4)).join(' ');
          const id = insert.run(
            `s${n % 200}`, `urn:floor:${n}`, `http://h${n % 100}.example/${n}`, `http://h${n % 100}.example/${n}`, title, text,
            new Date(Date.UTC(2026, 2, 1) + n * 1000).toISOString(), '2026-11-28T00:00:00.000Z', 'nl', 0.1, 'v1',
            JSON.stringify(Array.from({ length: 3 }, (_, k) => ({ kind: 'topic', topic: 'nuisance', term: word(n, k), start: k, end: k + 5, weight: 1 }))),
            title.toLowerCase(),
          ).lastInsertRowid;
          if (variant.ftsBy === 'store') index.run(id, title, text);
        }
      })();
    }
    return ((performance.now() - started) * 1000) / posts;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A deterministic word for post n, position k. */
function word(n: number, k: number): string {
  return WORDS[(Math.imul(n + 1, 2_654_435_761) >>> (k % 24)) % WORDS.length]!;
}

const at = process.argv.indexOf('--posts');
const posts = at > 0 ? Number(process.argv[at + 1]) : 100_000;
const variants: Variant[] = [
  { name: 'FTS by the store, 300 posts a commit', ftsBy: 'store', dropIndexes: [], postsPerCommit: 300 },
  { name: 'FTS by the store, 750 posts a commit', ftsBy: 'store', dropIndexes: [], postsPerCommit: 750 },
  { name: 'FTS by an insert trigger, 750 a commit', ftsBy: 'trigger', dropIndexes: [], postsPerCommit: 750 },
  { name: 'FTS by the store, 2,000 a commit', ftsBy: 'store', dropIndexes: [], postsPerCommit: 2_000 },
  { name: 'FTS by the store, 10,000 a commit', ftsBy: 'store', dropIndexes: [], postsPerCommit: 10_000 },
  { name: 'as 2,000, without the URL and near-duplicate indexes', ftsBy: 'store', dropIndexes: ['posts_canonical_url', 'posts_dedup_original'], postsPerCommit: 2_000 },
];
console.log(`SQLite store floor: ${posts} posts into the migrated schema, raw prepared inserts`);
for (const variant of variants) console.log(`  ${(await measure(variant, posts)).toFixed(1).padStart(6)} µs a post  ${variant.name}`);
