import type { Db } from '../db/database.ts';

/**
 * The archive's change counter (see migration 0002): triggers bump it on any change to works, filter tags
 * or tags, in any process, so whatever is kept from the archive (the filter index, rendered pages) is kept
 * for one version.
 */
export async function readArchiveVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('archive_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}
