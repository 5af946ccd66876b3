import { AppError } from '../errors.ts';

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
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'EACCES') {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      `The database ${location} cannot be opened for writing: ${message}`,
      { cause: error },
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
