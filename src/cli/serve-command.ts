import { startServer } from '../api/start-server.js';
import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { UserError } from '../errors/user-error.js';
import { parseCommandArgs, parsePositiveInt } from './cli-args.js';

const USAGE = 'wijkradar serve [--port 8080] [--host 127.0.0.1] [--db PATH]';

/**
 * `wijkradar serve`: the HTTP API and the dashboard until SIGINT/SIGTERM, then closes connections and the
 * database cleanly. Users need a token (`wijkradar users add NAME --role …`).
 */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' } }, USAGE);
  if (values.help) {
    process.stdout.write(
      `${USAGE}\n  --port  TCP port (default 8080; 0 picks a free one)\n  --host  address to listen on (default 127.0.0.1; use 0.0.0.0 only behind a TLS proxy)\n`,
    );
    return 0;
  }
  if (positionals.length > 0) throw new UserError(`Unknown argument "${positionals[0]}".\nUsage: ${USAGE}`);
  const port = parsePositiveInt(values.port, 'port', 8080, 65_535);
  const host = values.host ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(host)) throw new UserError(`--host must be an address such as 127.0.0.1 or 0.0.0.0, not "${host}".`);
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    let server;
    try {
      server = await startServer({ db: database.db, port, host });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UserError(`Port ${port} on ${host} is in use; stop the other program or pass another --port.`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`Cannot listen on ${host}; pass an address of this machine with --host.`);
      if (code === 'EACCES') throw new UserError(`Port ${port} needs extra privileges; pass a port above 1023 with --port.`);
      throw error;
    }
    const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
    process.stderr.write(
      `wijkradar serves the dashboard and API on ${server.url}/ (database ${database.path}); Ctrl-C stops it.\n` +
        (loopback ? '' : 'Warning: listening beyond this machine; tokens travel in plain HTTP, so put a TLS proxy in front.\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    process.stderr.write('Stopping: finishing requests in flight…\n');
    await server.close();
    return 0;
  } finally {
    await database.close();
  }
}
