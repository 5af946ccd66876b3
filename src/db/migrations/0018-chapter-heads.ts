import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * An index holding each chapter's head (its title, length and sanitizer version) beside the work and position
 * it is found by, so what a work's pages read of chapters other than the one shown (the chapter menu's
 * titles, the comments' chapter positions) comes from the index alone. Without it SQLite read every chapter
 * row of the work, bodies included: 1.1 ms for a random multi-chapter work, the largest part of a chapter
 * page's SQL (bench/README.md). A chapter's own `words` and `sanitizer_version` are stored after its HTML and
 * plain text, so reading them from the row walked the overflow pages of both; from the index they need not.
 *
 * On SQLite an archive whose statistics were gathered (ANALYZE) has them for the old index alone, and the
 * planner then prefers it, reading the rows after all: the new index gets its statistics too.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function indexChapterHeads(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createIndex('chapters_heads')
    .on('chapters')
    .columns(['work_id', 'position', 'title', 'words', 'sanitizer_version', 'id'])
    .execute();
  if (dialect !== 'sqlite') return;
  const analyzed = await sql`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`.execute(db);
  if (analyzed.rows.length > 0) await sql`ANALYZE chapters_heads`.execute(db);
}
