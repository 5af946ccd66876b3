import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** One work in a member's history or Mark for Later list. */
export interface ReadingRow {
  workId: number;
  views: number;
  lastReadAt: string | null;
  lastChapter: number | null;
  later: boolean;
}

/**
 * Note a member's visit to a work: one more view, the time, and the chapter as their read mark. A visit to the
 * work's first page (`chapter` null) sets the mark only when there is none, so opening the work to continue
 * does not lose it.
 */
export async function recordReading(
  db: Db,
  userId: number,
  workId: number,
  chapter: number | null,
  now: string,
): Promise<void> {
  await db
    .insertInto('readings')
    .values({ user_id: userId, work_id: workId, views: 1, last_read_at: now, last_chapter: chapter ?? 1 })
    .onConflict((conflict) =>
      conflict.columns(['user_id', 'work_id']).doUpdateSet({
        views: sql`readings.views + 1`,
        last_read_at: now,
        last_chapter: chapter === null ? sql`coalesce(readings.last_chapter, 1)` : sql`${chapter}`,
      }),
    )
    .execute();
}

/** Mark a work for later, or take the mark off (the work stays in the history when it was read). */
export async function setLater(
  db: Db,
  userId: number,
  workId: number,
  later: boolean,
  now: string,
): Promise<void> {
  if (later) {
    await db
      .insertInto('readings')
      .values({ user_id: userId, work_id: workId, later: 1, marked_at: now })
      .onConflict((conflict) =>
        conflict.columns(['user_id', 'work_id']).doUpdateSet({ later: 1, marked_at: now }),
      )
      .execute();
    return;
  }
  await db
    .updateTable('readings')
    .set({ later: 0, marked_at: null })
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .execute();
  await forgetEmpty(db, userId);
}

export async function findReading(db: Db, userId: number, workId: number): Promise<ReadingRow | null> {
  const row = await db
    .selectFrom('readings')
    .select(['work_id', 'views', 'last_read_at', 'last_chapter', 'later'])
    .where('user_id', '=', userId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
  return row ? toReading(row) : null;
}

/**
 * A page of a member's history (works read) or Mark for Later list, newest first, of posted works only
 * (a work hidden or made a draft since drops out), matched on title or creator name when `search` is given.
 */
export async function listReadings(
  db: Db,
  userId: number,
  options: { later: boolean; search: string | null; page: number; perPage: number; membersOnly: boolean },
): Promise<{ total: number; rows: ReadingRow[] }> {
  let query = db
    .selectFrom('readings as r')
    .innerJoin('works as w', 'w.id', 'r.work_id')
    .where('r.user_id', '=', userId)
    .where('w.status', '=', 'posted');
  query = options.later ? query.where('r.later', '=', 1) : query.where('r.views', '>', 0);
  if (!options.membersOnly) query = query.where('w.restricted', '=', 0);
  if (options.search) {
    const like = `%${options.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(w.title)`, 'like', sql`${like} ESCAPE '\\'`),
        eb(
          'w.id',
          'in',
          eb
            .selectFrom('work_creators as wc')
            .innerJoin('creators as c', 'c.id', 'wc.creator_id')
            .select('wc.work_id')
            .where(sql`lower(c.name)`, 'like', sql`${like} ESCAPE '\\'`),
        ),
      ]),
    );
  }
  const count = await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['r.work_id', 'r.views', 'r.last_read_at', 'r.last_chapter', 'r.later'])
    .orderBy(options.later ? 'r.marked_at' : 'r.last_read_at', 'desc')
    .orderBy('r.work_id', 'desc')
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage)
    .execute();
  return { total: Number(count.n), rows: rows.map(toReading) };
}

/** Clear a member's history and read marks; what they marked for later stays marked. */
export async function clearReadings(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('readings')
    .set({ views: 0, last_read_at: null, last_chapter: null })
    .where('user_id', '=', userId)
    .execute();
  await forgetEmpty(db, userId);
}

export async function setHistoryPaused(db: Db, userId: number, paused: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ history_paused: paused ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

export async function isHistoryPaused(db: Db, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('history_paused')
    .where('id', '=', userId)
    .executeTakeFirst();
  return Boolean(Number(row?.history_paused ?? 0));
}

/** Rows neither read nor marked for later say nothing. */
async function forgetEmpty(db: Db, userId: number): Promise<void> {
  await db
    .deleteFrom('readings')
    .where('user_id', '=', userId)
    .where('views', '=', 0)
    .where('later', '=', 0)
    .execute();
}

function toReading(row: {
  work_id: number;
  views: number;
  last_read_at: string | null;
  last_chapter: number | null;
  later: number;
}): ReadingRow {
  return {
    workId: row.work_id,
    views: Number(row.views),
    lastReadAt: row.last_read_at,
    lastChapter: row.last_chapter === null ? null : Number(row.last_chapter),
    later: Boolean(Number(row.later)),
  };
}
