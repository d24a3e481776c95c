#!/usr/bin/env node
import { UserError } from '../errors/user-error.js';
import { limitHeapGrowth } from './heap-growth.js';

// natural (loaded by the NLP stage) pulls in dotenv, which would otherwise print to stdout.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
limitHeapGrowth();

type CommandModule = { runCommand(args: string[]): Promise<number> };

/** Each command lives in its own file and is loaded only when used, so `score` starts without SQLite. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  run: { summary: 'collect, score, locate and store (scheduled, or --once)', load: () => import('./run-command.js') },
  validate: { summary: 'check pipeline files and print every problem', load: () => import('./validate-command.js') },
  score: { summary: 'score JSON Lines {"id","text"} from stdin', load: () => import('./score-command.js') },
  feed: { summary: 'feed inspect <file|url> …: parse feeds as run does', load: () => import('./feed-command.js') },
  locate: { summary: 'resolve JSON Lines {"id","text","lat","lon"} to areas', load: () => import('./locate-command.js') },
  query: { summary: 'query areas | trend | posts', load: () => import('./query-command.js') },
  sources: { summary: 'source health; sources enable ID', load: () => import('./sources-command.js') },
  areas: { summary: 'areas import <file.geojson> --level …; import-streets; import-postcodes', load: () => import('./areas-command.js') },
  alerts: { summary: 'emerging issues per area × topic; alerts mark ID useful|noise; alerts digest', load: () => import('./alerts-command.js') },
  serve: { summary: 'HTTP API and dashboard until Ctrl-C (--port 8080 --host 127.0.0.1)', load: () => import('./serve-command.js') },
  users: { summary: 'API tokens: users add NAME --role viewer|analyst|admin; list; revoke', load: () => import('./users-command.js') },
  audit: { summary: 'who read post text through the API', load: () => import('./audit-command.js') },
  purge: { summary: 'delete post text older than the retention', load: () => import('./purge-command.js') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'wijkradar: public posts and feeds per Dutch neighbourhood, scored and stored per area.',
    '',
    'Usage: wijkradar <command> [options]   (every command takes --db PATH; default data/wijkradar.db or $WIJKRADAR_DB)',
    '',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run "wijkradar <command> --help" for its options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new UserError(`There is no command "${name}".\n\n${usage()}`);
  return (await command.load()).runCommand(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UserError) {
      process.stderr.write(`wijkradar: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`wijkradar: unexpected error (please report it):\n${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 70;
    }
  },
);
