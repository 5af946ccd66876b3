import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/** The works' columns that readers change by reading: kudos, hits, bookmarks and comments. */
export const COUNT_COLUMNS = ['kudos_count', 'hits_count', 'bookmarks_count', 'comments_count'] as const;

/**
 * A second change counter, `archive_version` row 2, for what readers change by reading (issue #20 part 8):
 * kudos, hits, bookmarks and comments. Until now any of them bumped row 1, and row 1 makes every process
 * reload its whole filter index, so 50 kudos a second kept the index reloading. Row 1 now moves only when
 * a work's other columns, its filter tags or the tags change; row 2 when a count or a comment changes, and
 * the index then only re-sorts its count orders. Pages show both, so the page cache keeps a page for the
 * two together (their sum).
 *
 * SQLite and PostgreSQL both fire an `UPDATE OF` trigger only for updates that set a listed column, so the
 * works' update trigger lists every column but the counts. A migration that adds a column to `works` must
 * call `watchWorksColumns` again; a test fails for any column left out.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function createCountsVersion(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.insertInto('archive_version').values({ id: 2, version: 1 }).execute();
  if (dialect === 'sqlite') {
    for (const event of ['insert', 'update', 'delete'] as const) {
      await sql.raw(`DROP TRIGGER comments_${event}_archive_version`).execute(db);
      await sql
        .raw(
          `CREATE TRIGGER comments_${event}_counts_version AFTER ${event.toUpperCase()} ON comments BEGIN ${bump(2)} END`,
        )
        .execute(db);
    }
  } else {
    await sql`CREATE FUNCTION bump_counts_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE archive_version SET version = version + 1 WHERE id = 2;
        RETURN NULL;
      END $$`.execute(db);
    await sql`DROP TRIGGER comments_archive_version ON comments`.execute(db);
    await sql`CREATE TRIGGER comments_counts_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON comments FOR EACH STATEMENT EXECUTE FUNCTION bump_counts_version()`.execute(
      db,
    );
    // Inserts, deletions and truncation of works keep bumping row 1; updates get triggers of their own below.
    await sql`DROP TRIGGER works_archive_version ON works`.execute(db);
    await sql`CREATE TRIGGER works_archive_version AFTER INSERT OR DELETE OR TRUNCATE ON works FOR EACH STATEMENT EXECUTE FUNCTION bump_archive_version()`.execute(
      db,
    );
  }
  await watchWorksColumns(db, dialect);
}

/** (Re)create the triggers that bump row 1 for an update of any work column but the counts, row 2 for those. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function watchWorksColumns(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const counts = new Set<string>(COUNT_COLUMNS);
  const others = (await worksColumnNames(db, dialect)).filter((name) => !counts.has(name));
  const list = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
  if (dialect === 'sqlite') {
    await sql.raw('DROP TRIGGER IF EXISTS works_update_archive_version').execute(db);
    await sql.raw('DROP TRIGGER IF EXISTS works_update_counts_version').execute(db);
    await sql
      .raw(
        `CREATE TRIGGER works_update_archive_version AFTER UPDATE OF ${list(others)} ON works BEGIN ${bump(1)} END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER works_update_counts_version AFTER UPDATE OF ${list(COUNT_COLUMNS)} ON works BEGIN ${bump(2)} END`,
      )
      .execute(db);
    return;
  }
  await sql.raw('DROP TRIGGER IF EXISTS works_update_archive_version ON works').execute(db);
  await sql.raw('DROP TRIGGER IF EXISTS works_update_counts_version ON works').execute(db);
  await sql
    .raw(
      `CREATE TRIGGER works_update_archive_version AFTER UPDATE OF ${list(others)} ON works FOR EACH STATEMENT EXECUTE FUNCTION bump_archive_version()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER works_update_counts_version AFTER UPDATE OF ${list(COUNT_COLUMNS)} ON works FOR EACH STATEMENT EXECUTE FUNCTION bump_counts_version()`,
    )
    .execute(db);
}

/** The columns of `works` as the database has them now. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function worksColumnNames(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info('works')`.execute(db);
    return rows.map((row) => row.name);
  }
  const { rows } = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'works' ORDER BY ordinal_position`.execute(db);
  return rows.map((row) => row.name);
}

const bump = (row: 1 | 2) => `UPDATE archive_version SET version = version + 1 WHERE id = ${row};`;
