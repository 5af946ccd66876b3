import { AppError } from '../errors.ts';

/** What Kysely, better-sqlite3 and pg say when the connection was closed under a query. */
const CLOSED =
  /driver has already been destroyed|database connection is not open|Cannot use a pool after calling end|Client was closed and is not queryable/i;

/**
 * PostgreSQL's codes for a server that shut down or dropped the connection (class 08 and 57P), or has no
 * connection left (53300).
 */
const SERVER_GONE = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** Node's codes for a TLS certificate it would not accept. */
const TLS_FAILURE = /^(ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|CERT_)/;

/** Turn the errors a person can fix (locked file, server down) into messages that say so. */
export function translateDatabaseError(error: unknown, location: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /database is locked/i.test(message)) {
    return new AppError(
      'DATABASE_LOCKED',
      `The database ${location} is locked by another process (another quire import or serve?). Wait for it to finish and try again.`,
      { cause: error },
    );
  }
  if (code?.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The database ${location} is read-only here (${code}): quire serve and quire search can read it, but changing it (import, tags, works, accounts) needs write access to the file and its folder.`,
      { cause: error },
    );
  }
  if (code?.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM') {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The database ${location} cannot be opened for writing: ${message}`,
      { cause: error },
    );
  }
  if (CLOSED.test(message) || (code !== undefined && SERVER_GONE.has(code))) {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The database ${location} closed or went away while in use: ${message}`,
      { cause: error },
    );
  }
  if (code?.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The database ${location} cannot be read or written: ${message}`,
      {
        cause: error,
      },
    );
  }
  // PostgreSQL's text types cannot hold U+0000 (SQLite's can): an input with one is refused, not a crash.
  if (code === '22021' && /0x00/.test(message)) {
    return new AppError(
      'INVALID_INPUT',
      'The text holds a NUL character (U+0000), which the archive cannot store.',
      {
        cause: error,
      },
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `${location} is not a Quire database or is damaged: ${message}`,
      { cause: error },
    );
  }
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    /timeout exceeded when trying to connect|Connection terminated/i.test(message)
  ) {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The PostgreSQL server at ${location} is not answering (${code ?? message}). Is it running?`,
      { cause: error },
    );
  }
  if (/does not support SSL/i.test(message)) {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The PostgreSQL server at ${location} does not accept TLS connections, which the URL asks for (sslmode): turn on ssl in the server's configuration, or leave sslmode out of QUIRE_DATABASE_URL on a trusted network.`,
      { cause: error },
    );
  }
  if (TLS_FAILURE.test(code ?? '')) {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The TLS certificate of the PostgreSQL server at ${location} was not accepted (${code}): ${message}`,
      { cause: error },
    );
  }
  if (code === '3D000') {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The PostgreSQL database in ${location} does not exist: ${message}`,
      { cause: error },
    );
  }
  if (code === '28P01' || code === '28000') {
    return new AppError('DATABASE_UNAVAILABLE', `PostgreSQL at ${location} refused the login: ${message}`, {
      cause: error,
    });
  }
  return error;
}
