import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { UserError } from '../errors/user-error.js';
import { areaSummaries } from '../queries/area-summary.js';
import { searchPosts } from '../queries/post-search.js';
import { trend } from '../queries/trend.js';
import { parseCommandArgs, parsePositiveInt, parseSince } from './cli-args.js';
import { parseFormat, renderRows } from './output-format.js';

const USAGE = [
  'wijkradar query areas [--level gemeente|wijk|buurt] [--until YYYY-MM-DD] [--format table|json|csv]',
  '       wijkradar query trend --area CODE [--topic SLUG] [--by day|week] [--since 90d] [--format …]',
  '       wijkradar query posts [--area CODE] [--topic SLUG] [--since 7d] [--search "words"] [--limit 20] [--format …]',
].join('\n');

/** `wijkradar query areas|trend|posts`: what analysts ask, as a table, JSON or CSV. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      area: { type: 'string' },
      topic: { type: 'string' },
      by: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      search: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      level: { type: 'string' },
      'include-duplicates': { type: 'boolean' },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const format = parseFormat(values.format);
  const what = positionals[0];
  if (what !== 'areas' && what !== 'trend' && what !== 'posts') throw new UserError(`Say what to query:\n${USAGE}`);
  if (values.level && !['gemeente', 'wijk', 'buurt'].includes(values.level)) {
    throw new UserError(`--level must be gemeente, wijk or buurt, not "${values.level}".`);
  }
  if (values.until && !/^\d{4}-\d{2}-\d{2}$/.test(values.until)) throw new UserError('--until must be a date like 2026-11-27.');
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    if (what === 'areas') {
      const rows = await areaSummaries(database.db, {
        untilDay: values.until,
        level: values.level as 'gemeente' | 'wijk' | 'buurt' | undefined,
        areaCodes: values.area ? [values.area] : undefined,
      });
      process.stdout.write(
        renderRows(
          rows,
          [
            { header: 'code', value: (r) => r.code },
            { header: 'name', value: (r) => r.name },
            { header: 'level', value: (r) => r.level },
            { header: 'posts', value: (r) => r.posts, align: 'right' },
            { header: 'posts_7d', value: (r) => r.posts_7d, align: 'right' },
            { header: 'posts_30d', value: (r) => r.posts_30d, align: 'right' },
            { header: 'sentiment', value: (r) => r.sentiment, align: 'right' },
            { header: 'sentiment_30d', value: (r) => r.sentiment_30d, align: 'right' },
            { header: 'top_topics', value: (r) => Object.entries(r.topics).slice(0, 3).map(([t, n]) => `${t}:${n}`).join(' ') },
          ],
          format,
        ),
      );
      return 0;
    }
    if (what === 'trend') {
      if (!values.area) throw new UserError('query trend needs --area CODE (a buurt, wijk or gemeente code).');
      const by = values.by ?? 'day';
      if (by !== 'day' && by !== 'week') throw new UserError(`--by must be day or week, not "${by}".`);
      const since = parseSince(values.since);
      const rows = await trend(database.db, {
        area: values.area,
        topic: values.topic,
        by,
        fromDay: since?.slice(0, 10),
        toDay: values.until,
      });
      process.stdout.write(
        renderRows(
          rows,
          [
            { header: by === 'week' ? 'week_of' : 'day', value: (r) => r.period },
            { header: 'posts', value: (r) => r.posts, align: 'right' },
            { header: 'sentiment', value: (r) => r.sentiment, align: 'right' },
            { header: 'negative', value: (r) => r.negative, align: 'right' },
          ],
          format,
        ),
      );
      return 0;
    }
    const rows = await searchPosts(database.db, {
      area: values.area,
      topic: values.topic,
      sinceIso: parseSince(values.since),
      search: values.search,
      includeDuplicates: values['include-duplicates'],
      limit: parsePositiveInt(values.limit, 'limit', 20, 1000),
      offset: parsePositiveInt(values.offset, 'offset', 0),
    });
    process.stdout.write(
      renderRows(
        rows,
        [
          { header: 'id', value: (r) => r.id, align: 'right' },
          { header: 'published (UTC)', value: (r) => r.published_at.slice(0, 16).replace('T', ' ') },
          { header: 'areas', value: (r) => r.areas.filter((a) => a.direct).map((a) => a.code).join(' ') },
          { header: 'sentiment', value: (r) => r.sentiment, align: 'right' },
          { header: 'topics', value: (r) => Object.entries(r.topics).map(([t, s]) => `${t}:${s.toFixed(2)}`).join(' ') },
          { header: 'why', value: (r) => r.matches.map((m) => `${m.text}${m.topic ? `→${m.topic}` : m.weight > 0 ? '(+)' : '(−)'}`).join(', ') },
          { header: 'title', value: (r) => r.title ?? (r.text ? r.text.slice(0, 80) : '(text purged)') },
        ],
        format,
      ),
    );
    return 0;
  } finally {
    await database.close();
  }
}
