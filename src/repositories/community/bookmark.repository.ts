import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** What a bookmark is of: a work or a series. */
export type Bookmarkable = { workId: number } | { seriesId: number };

/** A bookmark as it is written: the notes already sanitized HTML. */
export interface BookmarkInput {
  userId: number;
  of: Bookmarkable;
  notes: string | null;
  notesSanitizerVersion: number;
  private: boolean;
  rec: boolean;
  tags: string[];
  /** The owner's collections it is in (the service checks they are the owner's). */
  collectionIds: number[];
}

/** A bookmark as pages show it. */
export interface BookmarkView {
  id: number;
  userId: number;
  userName: string;
  workId: number | null;
  seriesId: number | null;
  notes: string | null;
  notesSanitizerVersion: number;
  private: boolean;
  rec: boolean;
  tags: string[];
  collections: { id: number; name: string }[];
  createdAt: string;
  updatedAt: string;
}

/** Which bookmarks to list beside works or series already found (see search/work-query.ts BookmarkFilter). */
export interface BookmarkListing {
  ownerId: number | null;
  includePrivate: boolean;
  tags: string[];
  rec: boolean;
  collectionId: number | null;
}

const ofColumn = (of: Bookmarkable) =>
  'workId' in of ? (['work_id', of.workId] as const) : (['series_id', of.seriesId] as const);

/** A member's bookmark of a work or series, when they have one. */
export async function findOwnBookmark(
  db: Db,
  userId: number,
  of: Bookmarkable,
): Promise<BookmarkView | null> {
  const [column, value] = ofColumn(of);
  const row = await db
    .selectFrom('bookmarks')
    .select('id')
    .where('user_id', '=', userId)
    .where(column, '=', value)
    .executeTakeFirst();
  return row ? findBookmark(db, row.id) : null;
}

export async function findBookmark(db: Db, id: number): Promise<BookmarkView | null> {
  const [view] = await loadBookmarks(db, [id]);
  return view ?? null;
}

/**
 * Write a member's bookmark of a work or series, new or replacing theirs, with its tags and collections, and
 * keep the work's bookmarks_count the number of its public bookmarks. Run inside a transaction.
 */
export async function saveBookmark(db: Db, input: BookmarkInput, now: string): Promise<number> {
  const [column, value] = ofColumn(input.of);
  const existing = await db
    .selectFrom('bookmarks')
    .select(['id', 'private'])
    .where('user_id', '=', input.userId)
    .where(column, '=', value)
    .executeTakeFirst();
  const fields = {
    notes: input.notes,
    notes_sanitizer_version: input.notesSanitizerVersion,
    private: input.private ? 1 : 0,
    rec: input.rec ? 1 : 0,
    updated_at: now,
  };
  let id: number;
  if (existing) {
    id = existing.id;
    await db.updateTable('bookmarks').set(fields).where('id', '=', id).execute();
  } else {
    const inserted = await db
      .insertInto('bookmarks')
      .values({
        ...fields,
        user_id: input.userId,
        work_id: 'workId' in input.of ? input.of.workId : null,
        series_id: 'seriesId' in input.of ? input.of.seriesId : null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  }
  await db.deleteFrom('bookmark_tags').where('bookmark_id', '=', id).execute();
  if (input.tags.length > 0)
    await db
      .insertInto('bookmark_tags')
      .values(input.tags.map((name, position) => ({ bookmark_id: id, name, position })))
      .execute();
  await db.deleteFrom('bookmark_collection_items').where('bookmark_id', '=', id).execute();
  if (input.collectionIds.length > 0)
    await db
      .insertInto('bookmark_collection_items')
      .values(input.collectionIds.map((collection_id) => ({ collection_id, bookmark_id: id })))
      .execute();
  const wasPublic = existing ? !existing.private : false;
  if ('workId' in input.of && wasPublic !== !input.private)
    await changeCount(db, [input.of.workId], input.private ? -1 : 1);
  return id;
}

/** Delete a bookmark, taking it off its work's count when it was public. Run inside a transaction. */
export async function deleteBookmark(db: Db, id: number): Promise<void> {
  const row = await db
    .selectFrom('bookmarks')
    .select(['work_id', 'private'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return;
  await db.deleteFrom('bookmarks').where('id', '=', id).execute();
  if (row.work_id !== null && !row.private) await changeCount(db, [row.work_id], -1);
}

/** Remove a member's bookmarks everywhere (their account is deleted). Run inside a transaction. */
export async function deleteMemberBookmarks(db: Db, userId: number): Promise<void> {
  const counted = await db
    .selectFrom('bookmarks')
    .select('work_id')
    .where('user_id', '=', userId)
    .where('private', '=', 0)
    .where('work_id', 'is not', null)
    .execute();
  await db.deleteFrom('bookmarks').where('user_id', '=', userId).execute();
  await changeCount(
    db,
    counted.map((row) => row.work_id as number),
    -1,
  );
}

async function changeCount(db: Db, workIds: number[], by: 1 | -1): Promise<void> {
  if (workIds.length === 0) return;
  await db
    .updateTable('works')
    .set({ bookmarks_count: by > 0 ? sql`bookmarks_count + 1` : sql`bookmarks_count - 1` })
    .where('id', 'in', workIds)
    .execute();
}

/** The bookmarks of these works (or series) that a listing shows, oldest first within each. */
export async function listBookmarksOf(
  db: Db,
  of: 'work' | 'series',
  ids: number[],
  listing: BookmarkListing,
): Promise<BookmarkView[]> {
  if (ids.length === 0) return [];
  let query = db
    .selectFrom('bookmarks as b')
    .select('b.id')
    .where(of === 'work' ? 'b.work_id' : 'b.series_id', 'in', ids);
  if (listing.ownerId !== null) query = query.where('b.user_id', '=', listing.ownerId);
  if (!listing.includePrivate || listing.ownerId === null) query = query.where('b.private', '=', 0);
  if (listing.rec) query = query.where('b.rec', '=', 1);
  for (const tag of listing.tags)
    query = query.where(
      'b.id',
      'in',
      db.selectFrom('bookmark_tags').select('bookmark_id').where(sql`lower(name)`, '=', tag.toLowerCase()),
    );
  if (listing.collectionId !== null)
    query = query.where(
      'b.id',
      'in',
      db
        .selectFrom('bookmark_collection_items')
        .select('bookmark_id')
        .where('collection_id', '=', listing.collectionId),
    );
  const rows = await query.orderBy('b.id').execute();
  return loadBookmarks(
    db,
    rows.map((row) => row.id),
  );
}

/** A member's bookmarks of series, newest first (a series has no filters of its own to search by). */
export async function listSeriesBookmarkIds(
  db: Db,
  userId: number,
  includePrivate: boolean,
): Promise<number[]> {
  let query = db
    .selectFrom('bookmarks')
    .select('series_id')
    .where('user_id', '=', userId)
    .where('series_id', 'is not', null);
  if (!includePrivate) query = query.where('private', '=', 0);
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map((row) => row.series_id as number);
}

async function loadBookmarks(db: Db, ids: number[]): Promise<BookmarkView[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('bookmarks as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .select([
      'b.id',
      'b.user_id',
      'u.name',
      'b.work_id',
      'b.series_id',
      'b.notes',
      'b.notes_sanitizer_version',
      'b.private',
      'b.rec',
      'b.created_at',
      'b.updated_at',
    ])
    .where('b.id', 'in', ids)
    .execute();
  const tags = await db
    .selectFrom('bookmark_tags')
    .select(['bookmark_id', 'name'])
    .where('bookmark_id', 'in', ids)
    .orderBy('bookmark_id')
    .orderBy('position')
    .execute();
  const collections = await db
    .selectFrom('bookmark_collection_items as i')
    .innerJoin('bookmark_collections as c', 'c.id', 'i.collection_id')
    .select(['i.bookmark_id', 'c.id', 'c.name'])
    .where('i.bookmark_id', 'in', ids)
    .orderBy('c.name')
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        userId: row.user_id,
        userName: row.name,
        workId: row.work_id,
        seriesId: row.series_id,
        notes: row.notes,
        notesSanitizerVersion: Number(row.notes_sanitizer_version),
        private: Boolean(Number(row.private)),
        rec: Boolean(Number(row.rec)),
        tags: tags.filter((tag) => tag.bookmark_id === id).map((tag) => tag.name),
        collections: collections
          .filter((collection) => collection.bookmark_id === id)
          .map((collection) => ({ id: collection.id, name: collection.name })),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
    ];
  });
}
