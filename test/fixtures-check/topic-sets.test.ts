// Guards the hand-written topic evaluation sets in test/fixtures/topics/: schema, ids, slugs,
// minimum sizes, matching proportions and no leakage of test posts into the dev (tuning) set.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const TOPIC_SLUGS = [
  'radicalisation',
  'cybercrime',
  'nuisance',
  'subversive_crime',
  'migration',
  'events_tourism',
  'social_domain',
  'hate',
] as const;

type TopicSlug = (typeof TOPIC_SLUGS)[number];

const rowSchema = z.strictObject({
  id: z.string(),
  text: z
    .string()
    .min(10)
    .max(2000)
    .refine((text) => text === text.trim(), 'text must not start or end with whitespace'),
  topics: z
    .array(z.enum(TOPIC_SLUGS))
    .max(3)
    .refine((topics) => new Set(topics).size === topics.length, 'topics must not repeat a slug'),
});

type Row = z.infer<typeof rowSchema>;

interface SetSpec {
  file: string;
  idPattern: RegExp;
  minRows: number;
  minPerTopic: number;
  minNone: number;
}

// The minimums come from the brief: test ≥ 480 rows, ≥ 45 per topic, ≥ 120 posts about no topic;
// dev ≥ 200 rows in the same proportions (45 and 120 scaled by 200/480, rounded up).
// dev2 and dev3 are blind tuning sets (each written later by another author): ≥ 400 rows, ≥ 40 per topic.
const SETS: Record<'test' | 'dev' | 'dev2' | 'dev3', SetSpec> = {
  test: { file: 'topic-test.jsonl', idPattern: /^t-\d{4}$/, minRows: 480, minPerTopic: 45, minNone: 120 },
  dev: { file: 'topic-dev.jsonl', idPattern: /^d-\d{4}$/, minRows: 200, minPerTopic: 19, minNone: 50 },
  dev2: { file: 'topic-dev2.jsonl', idPattern: /^e-\d{4}$/, minRows: 400, minPerTopic: 40, minNone: 100 },
  dev3: { file: 'topic-dev3.jsonl', idPattern: /^f-\d{4}$/, minRows: 400, minPerTopic: 40, minNone: 100 },
};

const fixtureDir = fileURLToPath(new URL('../fixtures/topics/', import.meta.url));

/** Reads a JSON Lines fixture; every line must be one JSON value (a single trailing newline is allowed). */
function readJsonLines(file: string): unknown[] {
  const raw = readFileSync(fixtureDir + file, 'utf8');
  const lines = raw.endsWith('\n') ? raw.slice(0, -1).split('\n') : raw.split('\n');
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new Error(`${file}:${index + 1} is not valid JSON; write exactly one JSON object per line.`);
    }
  });
}

/** Parses and validates every row of a set, naming the line of the first bad row. */
function loadSet(spec: SetSpec): Row[] {
  return readJsonLines(spec.file).map((value, index) => {
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(`${spec.file}:${index + 1} breaks the row schema: ${parsed.error.message}`);
    }
    return parsed.data;
  });
}

/** Lower-cases, folds Unicode forms and drops punctuation/emoji so trivial edits do not hide a copy. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Word set of a text (words of three letters or more), for a near-copy check. */
function wordSet(text: string): Set<string> {
  return new Set(
    normalise(text)
      .split(' ')
      .filter((word) => word.length > 2),
  );
}

/** Jaccard similarity of two sets. */
function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** Counts posts per topic slug plus the posts about no topic. */
function countTopics(rows: readonly Row[]): { perTopic: Record<TopicSlug, number>; none: number } {
  const perTopic = Object.fromEntries(TOPIC_SLUGS.map((slug) => [slug, 0])) as Record<TopicSlug, number>;
  let none = 0;
  for (const row of rows) {
    if (row.topics.length === 0) none += 1;
    for (const slug of row.topics) perTopic[slug] += 1;
  }
  return { perTopic, none };
}

const rowsBySet = {
  test: loadSet(SETS.test),
  dev: loadSet(SETS.dev),
  dev2: loadSet(SETS.dev2),
  dev3: loadSet(SETS.dev3),
};
/** Every row we may tune on. */
const tuningRows = [...rowsBySet.dev, ...rowsBySet.dev2, ...rowsBySet.dev3];

describe.each(Object.entries(SETS))('%s set', (name, spec) => {
  const rows = rowsBySet[name as keyof typeof rowsBySet];

  it('uses the id pattern of its set', () => {
    const bad = rows.filter((row) => !spec.idPattern.test(row.id)).map((row) => row.id);
    expect(bad).toEqual([]);
  });

  it(`has at least ${spec.minRows} rows`, () => {
    expect(rows.length).toBeGreaterThanOrEqual(spec.minRows);
  });

  it.each(TOPIC_SLUGS)(`has at least ${spec.minPerTopic} posts about %s`, (slug) => {
    expect(countTopics(rows).perTopic[slug]).toBeGreaterThanOrEqual(spec.minPerTopic);
  });

  it(`has at least ${spec.minNone} posts about no topic (hard negatives)`, () => {
    expect(countTopics(rows).none).toBeGreaterThanOrEqual(spec.minNone);
  });

  it('holds no text twice', () => {
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const row of rows) {
      const key = normalise(row.text);
      const first = seen.get(key);
      if (first !== undefined) repeats.push(`${first} = ${row.id}`);
      else seen.set(key, row.id);
    }
    expect(repeats).toEqual([]);
  });
});

describe('test and the dev sets together', () => {
  const all = [...rowsBySet.test, ...tuningRows];

  it('have ids that are unique across the files', () => {
    const counts = new Map<string, number>();
    for (const row of all) counts.set(row.id, (counts.get(row.id) ?? 0) + 1);
    const repeated = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
    expect(repeated).toEqual([]);
  });

  it('share no text: no normalised test post appears in a dev set', () => {
    const testTexts = new Map(rowsBySet.test.map((row) => [normalise(row.text), row.id]));
    const leaked = tuningRows
      .filter((row) => testTexts.has(normalise(row.text)))
      .map((row) => `${row.id} copies ${testTexts.get(normalise(row.text))}`);
    expect(leaked).toEqual([]);
  });

  it('share no near-copies (word overlap below 0.6)', () => {
    const testWords = rowsBySet.test.map((row) => ({ id: row.id, words: wordSet(row.text) }));
    const nearCopies: string[] = [];
    for (const devRow of tuningRows) {
      const devWords = wordSet(devRow.text);
      for (const testRow of testWords) {
        const similarity = jaccard(devWords, testRow.words);
        if (similarity >= 0.6) nearCopies.push(`${devRow.id} ~ ${testRow.id} (${similarity.toFixed(2)})`);
      }
    }
    expect(nearCopies).toEqual([]);
  });

  it('keep roughly the same proportions per topic (dev share within half to double the test share)', () => {
    const share = (rows: readonly Row[]) => {
      const { perTopic, none } = countTopics(rows);
      return { ...perTopic, none: none } as Record<TopicSlug | 'none', number>;
    };
    const testCounts = share(rowsBySet.test);
    const devCounts = share(tuningRows);
    const outOfRange = ([...TOPIC_SLUGS, 'none'] as const).filter((key) => {
      const ratio = devCounts[key] / tuningRows.length / (testCounts[key] / rowsBySet.test.length);
      return !(ratio >= 0.5 && ratio <= 2);
    });
    expect(outOfRange).toEqual([]);
  });
});
