import { loadLexicons } from '../nlp/lexicon-loader.js';
import { scorePost } from '../nlp/score-post.js';
import type { PostScore } from '../nlp/types.js';
import { parseCommandArgs } from './cli-args.js';
import { notJsonLine, readJsonLines } from './json-lines.js';
import { parseFormat } from './output-format.js';

const USAGE = 'wijkradar score [--text "…"] [--format json|table]  (reads JSON Lines {"id","text"} on stdin)';

/**
 * `wijkradar score`: one output line per input line,
 * `{"id","lang","sentiment","topics":{slug:score},"matches":[…],"lexicon_version"}`; invalid lines get
 * `{"id","error"}` and make the exit code 1.
 */
export async function runCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { text: { type: 'string' } }, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\nScores Dutch (and English) text: language, sentiment in [-1, 1] or null, topic scores and the words behind them.\n`);
    return 0;
  }
  const format = parseFormat(values.format, 'json');
  const lexicons = loadLexicons();
  const emit = (id: unknown, text: string) => {
    const score = scorePost(text, lexicons);
    process.stdout.write(format === 'table' ? explain(String(id), text, score) : JSON.stringify(toContract(id, score)) + '\n');
  };
  if (values.text !== undefined) {
    emit(null, values.text);
    return 0;
  }
  let invalid = 0;
  for await (const { lineNumber, row } of readJsonLines()) {
    if (!row) {
      invalid += 1;
      process.stdout.write(notJsonLine(lineNumber));
      continue;
    }
    if (typeof row.text !== 'string') {
      invalid += 1;
      process.stdout.write(JSON.stringify({ id: row.id ?? null, error: `line ${lineNumber} has no "text" string` }) + '\n');
      continue;
    }
    emit(row.id ?? null, row.text);
  }
  if (invalid > 0) process.stderr.write(`${invalid} input line${invalid === 1 ? ' was' : 's were'} not {"id","text"} JSON.\n`);
  return invalid > 0 ? 1 : 0;
}

function toContract(id: unknown, score: PostScore) {
  return {
    id,
    lang: score.lang,
    sentiment: score.sentiment,
    topics: score.topics,
    matches: score.matches,
    lexicon_version: score.lexiconVersion,
  };
}

/** A human explanation: each score with the words that produced it. */
function explain(id: string, text: string, score: PostScore): string {
  const lines = [`${id === 'null' ? '' : id + ': '}${text.length > 100 ? text.slice(0, 99) + '…' : text}`];
  lines.push(`  language   ${score.lang}`);
  const sentimentWords = score.matches.filter((m) => m.kind === 'sentiment').map((m) => `${m.text} (${m.weight > 0 ? '+' : ''}${m.weight.toFixed(2)})`);
  lines.push(`  sentiment  ${score.sentiment === null ? 'none (no evidence)' : score.sentiment.toFixed(2)}${sentimentWords.length ? '  ← ' + sentimentWords.join(', ') : ''}`);
  for (const [topic, value] of Object.entries(score.topics)) {
    const words = score.matches.filter((m) => m.kind === 'topic' && m.topic === topic).map((m) => `${m.text} [${m.term}]`);
    lines.push(`  ${topic.padEnd(10)} ${value.toFixed(2)}  ← ${words.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}
