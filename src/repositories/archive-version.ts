import type { Db } from '../db/database.ts';
import { fixedQuery } from '../db/fixed-query.ts';
import { statementsAreRoundTrips } from '../db/round-trips.ts';

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

/** Per database: the read that callers will share, and the read under way (see `readArchiveVersions`). */
interface VersionReads {
  next?: Promise<ArchiveVersions>;
  /** Settles (never fails) when the read under way is answered. */
  pending?: Promise<void>;
}
const reads = new WeakMap<Db, VersionReads>();

/**
 * Both change counters in one read. Callers share one read, sent after the last of them called, so each still
 * sees every change committed before it asked: the callers of one turn of the loop (a listing asks twice, the
 * filter index and the languages), and where a read is a round trip (PostgreSQL) every caller that asks while
 * a read is under way: they share the next one, sent when it is answered. Each listing sent its own read
 * there, a round trip of its own at every first visit (bench/README.md).
 */
export function readArchiveVersions(db: Db): Promise<ArchiveVersions> {
  let shared = reads.get(db);
  if (!shared) {
    shared = {};
    reads.set(db, shared);
  }
  if (shared.next) return shared.next;
  const state = shared;
  const after = state.pending ?? new Promise<void>((resolve) => process.nextTick(resolve));
  state.next = after.then(() => {
    state.next = undefined;
    const read = readNow(db);
    if (statementsAreRoundTrips(db)) {
      const pending = read.then(ignore, ignore);
      state.pending = pending;
      pending.then(() => {
        if (state.pending === pending) state.pending = undefined;
      });
    }
    return read;
  });
  return state.next;
}

const ignore = () => {};

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
