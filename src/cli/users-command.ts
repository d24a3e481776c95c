import { openDatabase, resolveDbPath } from '../db/open-database.js';
import { UserError } from '../errors/user-error.js';
import { createUser, revoke, users } from '../queries/access.js';
import { parseCommandArgs } from './cli-args.js';
import { parseFormat, renderRows } from './output-format.js';

const USAGE = 'wijkradar users add NAME --role viewer|analyst|admin\n       wijkradar users list [--format table|json|csv]\n       wijkradar users revoke NAME';

/** `wijkradar users`: API tokens. `add` prints the new token alone on its last line. */
export async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { role: { type: 'string' } }, USAGE);
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const [action, name] = positionals;
  const database = await openDatabase(resolveDbPath(values.db));
  try {
    if (action === 'add') {
      if (!name) throw new UserError(`Name the user: ${USAGE}`);
      if (!values.role) throw new UserError('Give the role with --role viewer, analyst or admin.');
      const token = await createUser(database.db, name, values.role);
      process.stderr.write(`Created ${values.role} "${name}". Keep this token safe: it is shown only now. Send it as "Authorization: Bearer TOKEN".\n`);
      process.stdout.write(token + '\n');
      return 0;
    }
    if (action === 'revoke') {
      if (!name) throw new UserError(`Name the user: ${USAGE}`);
      await revoke(database.db, name);
      process.stdout.write(`Revoked the token of "${name}".\n`);
      return 0;
    }
    if (action === 'list') {
      process.stdout.write(
        renderRows(
          await users(database.db),
          [
            { header: 'name', value: (r) => r.name },
            { header: 'role', value: (r) => r.role },
            { header: 'created (UTC)', value: (r) => r.created_at },
            { header: 'revoked (UTC)', value: (r) => r.revoked_at },
          ],
          parseFormat(values.format),
        ),
      );
      return 0;
    }
    throw new UserError(`Say what to do with users:\n${USAGE}`);
  } finally {
    await database.close();
  }
}
