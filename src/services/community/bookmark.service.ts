import type { Db } from '../../db/database.ts';
import { inTransaction, isUniqueViolation } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { SANITIZER_VERSION } from '../../ingest/html-blocks.ts';
import {
  type Bookmarkable,
  type BookmarkView,
  deleteBookmark,
  findBookmark,
  findOwnBookmark,
  saveBookmark,
} from '../../repositories/community/bookmark.repository.ts';
import {
  type CollectionView,
  deleteCollection,
  findCollection,
  findCollectionByName,
  insertCollection,
  listCollections,
  renameCollection,
} from '../../repositories/community/collection.repository.ts';
import { blocksHtml } from '../../repositories/work-text.ts';
import { parseInput } from '../../validate.ts';
import type { Actor, Member } from '../accounts/actor.ts';
import { authorize, type BookmarkResource, SITE } from '../accounts/policy.ts';
import { notesToBlocks } from '../posting/body-input.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';
import { BookmarkForm, parseBookmarkTags, parseCollectionName } from './bookmark.schema.ts';

export type { Bookmarkable, BookmarkView, CollectionView };

const resourceOf = (bookmark: { userId: number; private: boolean }): BookmarkResource => ({
  kind: 'bookmark',
  ownerUserId: bookmark.userId,
  private: bookmark.private,
});

/** Throw unless the member may bookmark this work or series (it exists and they may read it). */
async function authorizeBookmarking(db: Db, actor: Actor, of: Bookmarkable): Promise<void> {
  if ('workId' in of) {
    const work = await loadWorkAccess(db, of.workId);
    if (!work) throw new AppError('NOT_FOUND', `There is no work ${of.workId} in this archive.`);
    authorize(actor, 'work.bookmark', work, `work ${of.workId}`);
    return;
  }
  const series = await db.selectFrom('series').select('id').where('id', '=', of.seriesId).executeTakeFirst();
  if (!series) throw new AppError('NOT_FOUND', `There is no series ${of.seriesId} in this archive.`);
  authorize(actor, 'series.bookmark', SITE, `series ${of.seriesId}`);
}

/** What the bookmark form of a work or series shows this member: their bookmark if any, and their collections. */
export async function bookmarkFormFor(
  db: Db,
  actor: Actor,
  of: Bookmarkable,
): Promise<{ bookmark: BookmarkView | null; collections: CollectionView[] }> {
  await authorizeBookmarking(db, actor, of);
  const member = actor as Member;
  return {
    bookmark: await findOwnBookmark(db, member.userId, of),
    collections: await listCollections(db, member.userId),
  };
}

/**
 * Bookmark a work or series (or change the member's bookmark of it): notes sanitized as story text is, the
 * reader's tags, private or public, recommendation or not, in the member's collections (a new one made when
 * named). The work's public bookmark count follows. Returns the bookmark's id.
 */
export async function bookmark(
  db: Db,
  actor: Actor,
  of: Bookmarkable,
  form: unknown,
  now = new Date(),
): Promise<number> {
  const input = parseInput(BookmarkForm, form);
  const tags = parseBookmarkTags(input.tags);
  const blocks = notesToBlocks(input.notes);
  const newCollection = input.newCollection?.trim()
    ? parseCollectionName(input.newCollection, 'newCollection')
    : null;
  return inTransaction(db, async (trx) => {
    await authorizeBookmarking(trx, actor, of);
    const member = actor as Member;
    const collectionIds = [...new Set(input.collections ?? [])];
    for (const id of collectionIds) {
      const collection = await findCollection(trx, id);
      if (!collection || collection.userId !== member.userId)
        throw new AppError('INVALID_INPUT', `collections: you have no collection ${id}`);
    }
    if (newCollection) {
      const existing = await findCollectionByName(trx, member.userId, newCollection);
      const id = existing ?? (await insertCollection(trx, member.userId, newCollection, now.toISOString()));
      if (!collectionIds.includes(id)) collectionIds.push(id);
    }
    return saveBookmark(
      trx,
      {
        userId: member.userId,
        of,
        notes: blocks ? blocksHtml(blocks) : null,
        notesSanitizerVersion: SANITIZER_VERSION,
        private: input.private ?? false,
        rec: input.rec ?? false,
        tags,
        collectionIds,
      },
      now.toISOString(),
    );
  });
}

/** A bookmark by id, for its owner to edit (anyone else is told there is none). */
export async function ownBookmark(db: Db, actor: Actor, id: number): Promise<BookmarkView> {
  const found = await findBookmark(db, id);
  if (!found) throw new AppError('NOT_FOUND', `There is no bookmark ${id}.`);
  if (found.private && actor?.userId !== found.userId)
    throw new AppError('NOT_FOUND', `There is no bookmark ${id}.`);
  authorize(actor, 'bookmark.edit', resourceOf(found), `bookmark ${id}`);
  return found;
}

/** Delete a member's own bookmark; the work's public count follows. */
export async function removeBookmark(db: Db, actor: Actor, id: number): Promise<BookmarkView> {
  return inTransaction(db, async (trx) => {
    const found = await ownBookmark(trx, actor, id);
    await deleteBookmark(trx, id);
    return found;
  });
}

/** A member's own collections, for the page that manages them. */
export async function collectionsOf(db: Db, actor: Actor, ownerId: number): Promise<CollectionView[]> {
  authorize(actor, 'bookmark.edit', { kind: 'bookmark', ownerUserId: ownerId, private: true }, 'collections');
  return listCollections(db, ownerId);
}

/** Make a named collection; a name the member already uses (in any case) is refused. */
export async function createCollection(
  db: Db,
  actor: Actor,
  name: unknown,
  now = new Date(),
): Promise<number> {
  if (!actor) throw new AppError('NOT_LOGGED_IN', 'Log in to make a collection.');
  authorize(
    actor,
    'bookmark.edit',
    { kind: 'bookmark', ownerUserId: actor.userId, private: true },
    'collections',
  );
  const cleaned = parseCollectionName(typeof name === 'string' ? name : undefined);
  return inTransaction(db, async (trx) => {
    if ((await findCollectionByName(trx, actor.userId, cleaned)) !== null)
      throw new AppError('NAME_TAKEN', `You already have a collection named "${cleaned}".`);
    try {
      return await insertCollection(trx, actor.userId, cleaned, now.toISOString());
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('NAME_TAKEN', `You already have a collection named "${cleaned}".`);
      throw error;
    }
  });
}

async function ownCollection(db: Db, actor: Actor, id: number): Promise<CollectionView> {
  const found = await findCollection(db, id);
  // Another member's collection is not told of.
  if (!found || actor?.userId !== found.userId)
    throw new AppError('NOT_FOUND', `There is no collection ${id}.`);
  authorize(
    actor,
    'bookmark.edit',
    { kind: 'bookmark', ownerUserId: found.userId, private: true },
    `collection ${id}`,
  );
  return found;
}

export async function renameOwnCollection(db: Db, actor: Actor, id: number, name: unknown): Promise<void> {
  const cleaned = parseCollectionName(typeof name === 'string' ? name : undefined);
  await inTransaction(db, async (trx) => {
    const found = await ownCollection(trx, actor, id);
    const clash = await findCollectionByName(trx, found.userId, cleaned);
    if (clash !== null && clash !== id)
      throw new AppError('NAME_TAKEN', `You already have a collection named "${cleaned}".`);
    await renameCollection(trx, id, cleaned);
  });
}

/** Delete a collection; the bookmarks in it stay. */
export async function deleteOwnCollection(db: Db, actor: Actor, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    await ownCollection(trx, actor, id);
    await deleteCollection(trx, id);
  });
}

/** A collection's owner, when it is theirs: for a bookmarks page filtered by it. */
export async function findMemberCollection(
  db: Db,
  ownerId: number,
  id: number,
): Promise<CollectionView | null> {
  const found = await findCollection(db, id);
  return found && found.userId === ownerId ? found : null;
}
