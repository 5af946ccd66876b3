/**
 * Expected failures: each has a stable code and a message a person can act on.
 * Anything thrown that is not an AppError is a bug.
 */
export const ERROR_CODES = {
  FILE_NOT_FOUND: 'The path does not exist.',
  NOT_A_FILE: 'The path is a directory or something else that is not a regular file.',
  EMPTY_FILE: 'The file is empty.',
  FILE_TOO_LARGE: 'The file is larger than Quire reads.',
  UNSUPPORTED_FORMAT: 'The file is not a story format Quire reads.',
  BINARY_FILE: 'The file holds binary data, not text.',
  UNKNOWN_ENCODING: 'The bytes are not in any text encoding Quire knows.',
  CORRUPT_ARCHIVE: 'A zip-based file (EPUB, DOCX, ZIP) is truncated or corrupt.',
  ARCHIVE_TOO_LARGE: 'A zip-based file unpacks to more than Quire allows (a zip bomb guard).',
  INVALID_EPUB: 'The EPUB is missing a part every EPUB needs.',
  INVALID_DOCX: 'The Word document is missing a part every DOCX needs.',
  NO_STORY_TEXT: 'The file holds no story text.',
  TOO_DEEPLY_NESTED: 'Markdown nests quotes or lists deeper than a story does (and than Quire reads).',
  NOT_A_STORY:
    'The file is a saved page that is not a story: an error page, an index or table of contents, or site menus and links.',
  USAGE: 'The command was called with arguments it does not take.',
  DATABASE_LOCKED: 'The SQLite database is locked by another process.',
  DATABASE_UNAVAILABLE: 'The database cannot be opened or the PostgreSQL server does not answer.',
  INVALID_QUERY:
    'A search query has a value that is not allowed (an unknown sort, a negative word count, a bad date).',
  NOT_FOUND: 'The work, tag or page asked for does not exist.',
  INVALID_PACK: 'A fandom knowledge pack file is not valid.',
  INVALID_INPUT: 'A form or API request has a field that is missing, too long or not allowed.',
  NOT_LOGGED_IN: 'The action needs a logged-in member or a valid access token.',
  LOGIN_FAILED: 'The username or email and password do not match an account (which of them is not said).',
  FORBIDDEN: 'The member is not allowed to do this to this work, account or claim.',
  SUSPENDED: 'The account is suspended: it may read but not post or change anything.',
  NAME_TAKEN: 'A username, pseud or email address is already used by another account.',
  DUPLICATE_WORK: 'A work with the same story text is already in the archive.',
  INVALID_DUMP: 'A database dump, archive index or CSV of an old archive cannot be read as one.',
  INVALID_TOKEN: 'A mailed link or token is unknown, already used or expired.',
  MAIL_FAILED: 'The SMTP server did not accept a message.',
  CONVERSION_FAILED:
    'A download could not be made: its converter (PDF, AZW3, MOBI) failed, ran out of time or memory, or is busy, or the work is too long for the memory an EPUB, HTML or text build may use.',
  RATE_LIMITED: 'Too many comments (or other posts) from one member or guest in a short time.',
  DUPLICATE_COMMENT: 'The same member or guest has left the same comment on this work already.',
  BLOCKED: 'A member who blocked this one takes no comments or replies from them.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * The HTTP status of each code when it reaches the web (the error handler in web/app.tsx uses this); a
 * failure of a file being read never reaches the web, so it is a 500 there: a bug.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  FILE_NOT_FOUND: 500,
  NOT_A_FILE: 500,
  EMPTY_FILE: 500,
  FILE_TOO_LARGE: 500,
  UNSUPPORTED_FORMAT: 500,
  BINARY_FILE: 500,
  UNKNOWN_ENCODING: 500,
  CORRUPT_ARCHIVE: 500,
  ARCHIVE_TOO_LARGE: 500,
  INVALID_EPUB: 500,
  INVALID_DOCX: 500,
  NO_STORY_TEXT: 500,
  TOO_DEEPLY_NESTED: 500,
  NOT_A_STORY: 500,
  USAGE: 400,
  DATABASE_LOCKED: 503,
  DATABASE_UNAVAILABLE: 503,
  INVALID_QUERY: 400,
  NOT_FOUND: 404,
  INVALID_PACK: 500,
  INVALID_INPUT: 400,
  NOT_LOGGED_IN: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  SUSPENDED: 403,
  NAME_TAKEN: 409,
  DUPLICATE_WORK: 409,
  INVALID_DUMP: 500,
  INVALID_TOKEN: 400,
  MAIL_FAILED: 502,
  CONVERSION_FAILED: 503,
  RATE_LIMITED: 429,
  DUPLICATE_COMMENT: 409,
  BLOCKED: 403,
};

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
