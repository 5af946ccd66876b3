import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The secret salt of `day`, made by whichever process asks first (every app server shares it). */
export async function daySalt(db: Db, day: string, fresh: string): Promise<string> {
  await db
    .insertInto('visit_salts')
    .values({ day, salt: fresh })
    .onConflict((conflict) => conflict.column('day').doNothing())
    .execute();
  const row = await db
    .selectFrom('visit_salts')
    .select('salt')
    .where('day', '=', day)
    .executeTakeFirstOrThrow();
  return row.salt;
}

export interface Visit {
  workId: number;
  day: string;
  hash: string;
}

/** The row counts a batch of visits is written in: a few statement texts, each prepared once on PostgreSQL. */
const VISIT_CHUNKS = [1, 10, 50];
const LARGEST_CHUNK = 50;

/**
 * Note visits (a visitor's second visit to a work on the same day adds nothing), in as few statements as
 * there are chunks of 50: on PostgreSQL a statement per visit was
 * a round trip per first-visit page. A short chunk is filled out by repeating its last visit (a duplicate
 * row inserts nothing), so only three statement texts exist.
 */
export async function insertVisits(db: Db, visits: readonly Visit[]): Promise<void> {
  for (let start = 0; start < visits.length; start += LARGEST_CHUNK) {
    const chunk = visits.slice(start, start + LARGEST_CHUNK);
    const size = VISIT_CHUNKS.find((n) => n >= chunk.length) ?? LARGEST_CHUNK;
    const last = chunk[chunk.length - 1] as Visit;
    const rows = Array.from({ length: size }, (_, i) => chunk[i] ?? last).map((visit) => ({
      work_id: visit.workId,
      day: visit.day,
      visitor_hash: visit.hash,
    }));
    await db
      .insertInto('work_visits')
      .values(rows)
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }
}

/**
 * Add the visits not yet counted to their works' hits_count, and forget the visits and salts of days before
 * `today`. The uncounted rows are first claimed with `batch` (a row is claimed by one batch only, whichever
 * process gets it), so two processes counting at once never count a visit twice. Run inside a transaction.
 */
export async function countVisits(db: Db, batch: number, today: string): Promise<number> {
  const claimed = await db
    .updateTable('work_visits')
    .set({ counted: batch })
    .where('counted', '=', 0)
    .executeTakeFirst();
  const visits = Number(claimed.numUpdatedRows);
  if (visits > 0) {
    await db
      .updateTable('works')
      .set({
        hits_count: sql`hits_count + (SELECT count(*) FROM work_visits v WHERE v.work_id = works.id AND v.counted = ${batch})`,
      })
      .where('id', 'in', db.selectFrom('work_visits').select('work_id').where('counted', '=', batch))
      .execute();
  }
  await db.deleteFrom('work_visits').where('day', '<', today).where('counted', '<>', 0).execute();
  await db.deleteFrom('visit_salts').where('day', '<', today).execute();
  return visits;
}
