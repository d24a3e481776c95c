/** An error the API answers with its own status and message (a full sentence saying what to do). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** A query parameter, path parameter or body that cannot be used (400). */
export class InvalidRequestError extends ApiError {
  override name = 'InvalidRequestError';
  constructor(message: string) {
    super(400, message);
  }
}

/** No token, or one that is unknown or revoked (401). */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
  constructor(message = 'Send a valid token as "Authorization: Bearer TOKEN"; an administrator creates one with wijkradar users add NAME --role viewer|analyst|admin.') {
    super(401, message);
  }
}

/** A valid token whose role may not do this (403). */
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
  constructor(needed: string, role: string) {
    super(403, `This needs the ${needed} role and your token has the ${role} role; ask an administrator for a token with the ${needed} role.`);
  }
}

/** The thing asked for does not exist (404). */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super(404, message);
  }
}
