import { translateDatabaseError } from '../db/errors.ts';
import { AppError, isAppError } from '../errors.ts';

/**
 * An error from the archive's database, as a reader may be told it: the database gone or locked is the 503
 * page (its details, such as a server's address, stay in the log); a value the database refused is the
 * visitor's own problem, said as such. Null for anything else, which is a bug.
 */
export function describeArchiveFailure(error: unknown): AppError | null {
  const translated = translateDatabaseError(error, 'of the archive');
  if (!isAppError(translated)) return null;
  if (translated.code === 'DATABASE_UNAVAILABLE' || translated.code === 'DATABASE_LOCKED')
    return new AppError(
      translated.code,
      'The archive cannot be reached just now. Please try again in a minute.',
      { cause: error },
    );
  return translated;
}
