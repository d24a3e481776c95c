/**
 * An error whose message is a full sentence telling the user what to do. The CLI prints these
 * without a stack trace and exits non-zero; anything else is a bug and gets its stack printed.
 */
export class UserError extends Error {
  override name = 'UserError';
}
