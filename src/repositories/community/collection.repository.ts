import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** A reader's named collection of bookmarks, with how many of their bookmarks are in it. */
export interface CollectionView {
  id: number;
  userId: number;
  name: string;
  bookmarks: number;
}

/** A member's collections by name. */
export async function listCollections(db: Db, userId: number): Promise<CollectionView[]> {
  const rows = await db
    .selectFrom('bookmark_collections as c')
    .leftJoin('bookmark_collection_items as i', 'i.collection_id', 'c.id')
    .select(['c.id', 'c.user_id', 'c.name', sql<number>`count(i.bookmark_id)`.as('n')])
    .where('c.user_id', '=', userId)
    .groupBy(['c.id', 'c.user_id', 'c.name'])
    .orderBy('c.name')
    .execute();
  return rows.map((row) => ({ id: row.id, userId: row.user_id, name: row.name, bookmarks: Number(row.n) }));
}

export async function findCollection(db: Db, id: number): Promise<CollectionView | null> {
  const row = await db
    .selectFrom('bookmark_collections')
    .select(['id', 'user_id', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id, name: row.name, bookmarks: 0 } : null;
}

/** A member's collection of this name, in any case. */
export async function findCollectionByName(db: Db, userId: number, name: string): Promise<number | null> {
  const row = await db
    .selectFrom('bookmark_collections')
    .select('id')
    .where('user_id', '=', userId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertCollection(db: Db, userId: number, name: string, now: string): Promise<number> {
  const row = await db
    .insertInto('bookmark_collections')
    .values({ user_id: userId, name, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function renameCollection(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('bookmark_collections').set({ name }).where('id', '=', id).execute();
}

/** Delete a collection; its bookmarks stay. */
export async function deleteCollection(db: Db, id: number): Promise<void> {
  await db.deleteFrom('bookmark_collections').where('id', '=', id).execute();
}
