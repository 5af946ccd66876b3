import { translateDatabaseError } from '../db/errors.ts';
import { isAppError } from '../errors.ts';
import type { Member } from '../services/accounts/actor.ts';
import { openArchive } from './store-options.ts';

type Archive = Awaited<ReturnType<typeof openArchive>>;

/** The command line acts as an admin: whoever runs it holds the archive's files or database. */
export const COMMAND_LINE: Member = { userId: 0, name: 'the command line', role: 'admin', suspended: false };

/**
 * Open the archive, run one action, print what it returns and close. Expected failures become a message on
 * stderr and exit status 2 for bad input, 1 otherwise.
 */
export async function runArchiveAction(
  command: string,
  options: { data?: string },
  action: (archive: Archive) => Promise<string>,
): Promise<void> {
  let archive: Archive | null = null;
  try {
    archive = await openArchive(options);
    const message = await action(archive);
    if (message) process.stdout.write(`${message}\n`);
  } catch (caught) {
    const error = archive ? translateDatabaseError(caught, archive.store.location) : caught;
    if (!isAppError(error)) throw error;
    process.stderr.write(`quire ${command}: ${error.message}\n`);
    process.exitCode = error.code === 'USAGE' || error.code === 'INVALID_INPUT' ? 2 : 1;
  } finally {
    await archive?.store.close();
  }
}
