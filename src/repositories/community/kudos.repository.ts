import { type Expression, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { fixedQuery } from '../../db/fixed-query.ts';

/** Who leaves kudos: a member by id, or a guest by the hash of their guest cookie. */
export type KudosGiver = { userId: number } | { guestKey: string };

/** Kudos on one work as its page shows them: members' names in the order they came, and how many guests. */
export interface KudosList {
  members: string[];
  guests: number;
}

/**
 * Add kudos and count them on the work, or nothing when this giver has left kudos here already (the unique
 * indexes of migration 0009 decide, so two requests at once still add one). Run inside a transaction.
 */
export async function insertKudos(db: Db, workId: number, giver: KudosGiver, now: string): Promise<boolean> {
  const inserted = await db
    .insertInto('kudos')
    .values({
      work_id: workId,
      user_id: 'userId' in giver ? giver.userId : null,
      guest_key: 'guestKey' in giver ? giver.guestKey : null,
      created_at: now,
    })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db.updateTable('works').set({ kudos_count: sql`kudos_count + 1` }).where('id', '=', workId).execute();
  return true;
}

export async function hasKudos(db: Db, workId: number, giver: KudosGiver): Promise<boolean> {
  let query = db.selectFrom('kudos').select('id').where('work_id', '=', workId);
  query =
    'userId' in giver
      ? query.where('user_id', '=', giver.userId)
      : query.where('guest_key', '=', giver.guestKey);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function listKudos(db: Db, workId: number): Promise<KudosList> {
  return kudosListOf(await kudosRows(db, workId));
}

/** The kudos list from its rows (`kudosQuery`): the row without a name is the guests' count; the others are the members' names in order. */
export function kudosListOf(rows: readonly { guests: number | string; name: string | null }[]): KudosList {
  return {
    members: rows.flatMap((row) => (row.name === null ? [] : [row.name])),
    guests: Number(rows.find((row) => row.name === null)?.guests ?? 0),
  };
}

function kudosQuery(db: Db, workId: number | Expression<number>) {
  return db
    .selectFrom('kudos')
    .select((eb) => [
      eb.fn.countAll<number>().as('guests'),
      sql<string | null>`null`.as('name'),
      sql<number>`0`.as('at'),
    ])
    .where('work_id', '=', workId)
    .where('user_id', 'is', null)
    .unionAll(
      db
        .selectFrom('kudos')
        .innerJoin('users', 'users.id', 'kudos.user_id')
        .select([sql<number>`0`.as('guests'), 'users.name', 'kudos.id as at'])
        .where('kudos.work_id', '=', workId),
    )
    .orderBy('at');
}

// Every first visit to a work shows its kudos: one fixed statement (db/fixed-query.ts), not two.
const kudosRows = fixedQuery((db: Db, workId: number) => kudosQuery(db, workId));

/**
 * The rows of `listKudos` for the work of a statement over `works as w`, as a subquery: PostgreSQL's work
 * page reads them with the work (work-view.ts); `kudosListOf` reads them.
 */
export function kudosOfWork(db: Db) {
  return kudosQuery(db, sql.ref<number>('w.id'));
}

/**
 * Remove a member's kudos everywhere (their account is deleted), taking them off each work's count. Run
 * inside a transaction.
 */
export async function deleteMemberKudos(db: Db, userId: number): Promise<void> {
  const works = await db.selectFrom('kudos').select('work_id').where('user_id', '=', userId).execute();
  await db.deleteFrom('kudos').where('user_id', '=', userId).execute();
  if (works.length === 0) return;
  await db
    .updateTable('works')
    .set({ kudos_count: sql`kudos_count - 1` })
    .where(
      'id',
      'in',
      works.map((row) => row.work_id),
    )
    .execute();
}
