import type { Db } from '../db/database.ts';
import { fixedQuery } from '../db/fixed-query.ts';

/**
 * The archive's change counter (see migration 0002): triggers bump it on any change to works (but their
 * counts), filter tags or tags, in any process, so whatever is kept from the archive's works and tags (the
 * filter index) is kept for one version.
 */
export async function readArchiveVersion(db: Db): Promise<number> {
  return (await readArchiveVersions(db)).archive;
}

export interface ArchiveVersions {
  /** Works, their filter tags and tags (row 1). */
  archive: number;
  /** Kudos, hits, bookmarks and comments (row 2, migration 0017). */
  counts: number;
}

// By key: every bump leaves a dead row version behind on PostgreSQL until a vacuum, and a scan reads them all.
// Compiled once (fixed-query.ts): a listing reads the versions twice, the page cache every 100 ms.
const versionRows = fixedQuery((db: Db) =>
  db.selectFrom('archive_version').select(['id', 'version']).where('id', 'in', [1, 2]),
);

/** The read that callers of this turn of the event loop will share, per database. */
const nextReads = new WeakMap<Db, Promise<ArchiveVersions>>();

/**
 * Both change counters in one read. Callers in the same turn of the loop share one read, sent after the last
 * of them called, so each still sees every change committed before it asked: a listing asks twice (the filter
 * index, the languages), and on PostgreSQL each read was a round trip (tag pages 2.1 statements of 8.2).
 */
export function readArchiveVersions(db: Db): Promise<ArchiveVersions> {
  let read = nextReads.get(db);
  if (!read) {
    read = new Promise<void>((resolve) => process.nextTick(resolve)).then(() => {
      nextReads.delete(db);
      return readNow(db);
    });
    nextReads.set(db, read);
  }
  return read;
}

async function readNow(db: Db): Promise<ArchiveVersions> {
  const rows = await versionRows(db);
  const versions = { archive: 0, counts: 0 };
  for (const row of rows) {
    if (Number(row.id) === 1) versions.archive = Number(row.version);
    else if (Number(row.id) === 2) versions.counts = Number(row.version);
  }
  return versions;
}

/**
 * One number that goes up whenever anything a page shows may have changed (the two counters' sum: each only
 * goes up), for what keeps rendered pages.
 */
export async function readPageVersion(db: Db): Promise<number> {
  const { archive, counts } = await readArchiveVersions(db);
  return archive + counts;
}
