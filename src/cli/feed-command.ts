import PQueue from 'p-queue';
import { UserError } from '../errors/user-error.js';
import { inspectFeed } from '../pipeline/inspect-feed.js';
import { parseCommandArgs } from './cli-args.js';

const USAGE = 'wijkradar feed inspect <file|url> … [--allow-private]';

/** `wijkradar feed inspect`: one JSON line per input, in input order; exit 1 when any input failed. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { 'allow-private': { type: 'boolean' } }, USAGE);
  const [sub, ...inputs] = positionals;
  if (values.help || sub !== 'inspect') {
    if (values.help) {
      process.stdout.write(`${USAGE}\nParses each feed with the same code as run and prints {"input","ok","format","title","link","items","error"} per line.\n`);
      return 0;
    }
    throw new UserError(`Say what to do with feeds: ${USAGE}`);
  }
  if (inputs.length === 0) throw new UserError(`Name at least one feed file or URL: ${USAGE}`);
  const queue = new PQueue({ concurrency: 8 });
  const results = inputs.map((input) =>
    queue.add(() => inspectFeed(input, { allowPrivateAddresses: values['allow-private'] ?? false })),
  );
  let failed = 0;
  // Print in input order as soon as each one (and those before it) is ready.
  for (const pending of results) {
    const result = await pending;
    if (!result.ok) failed += 1;
    process.stdout.write(JSON.stringify(result) + '\n');
  }
  return failed > 0 ? 1 : 0;
}
