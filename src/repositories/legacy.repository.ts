/**
 * What a rescue of an old archive keeps beside the works: what each old record became (`rescue_items`),
 * the old archive's authors (`legacy_creators`), its addresses (`legacy_links`) and its reviews (comments).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { LegacyLinkTable, RescueItemTable } from '../db/rescue.tables.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { chunk } from './tag.repository.ts';

export type RescueItem = Pick<
  RescueItemTable,
  'kind' | 'old_id' | 'target_id' | 'status' | 'reason' | 'content_hash'
>;

/** What earlier runs made of an archive's records of one kind, by old id. */
export async function findRescueItems(
  db: Db,
  archive: string,
  kind: RescueItemTable['kind'],
): Promise<Map<string, RescueItem>> {
  const rows = await db
    .selectFrom('rescue_items')
    .select(['kind', 'old_id', 'target_id', 'status', 'reason', 'content_hash'])
    .where('archive', '=', archive)
    .where('kind', '=', kind)
    .execute();
  return new Map(rows.map((row) => [row.old_id, row]));
}

export async function saveRescueItem(db: Db, archive: string, item: RescueItem, now: string): Promise<void> {
  await db
    .insertInto('rescue_items')
    .values({ archive, ...item, rescued_at: now })
    .onConflict((conflict) =>
      conflict.columns(['archive', 'kind', 'old_id']).doUpdateSet({
        target_id: item.target_id,
        status: item.status,
        reason: item.reason,
        content_hash: item.content_hash,
        rescued_at: now,
      }),
    )
    .execute();
}

export type LegacyLink = Pick<
  LegacyLinkTable,
  'old_path' | 'target_kind' | 'target_id' | 'target_name' | 'position'
>;

/** Point old addresses at their new pages (an address rescued before is pointed again). */
export async function saveLegacyLinks(db: Db, archive: string, links: readonly LegacyLink[]): Promise<void> {
  for (const rows of chunk([...links], 200)) {
    await db
      .insertInto('legacy_links')
      .values(rows.map((link) => ({ archive, ...link })))
      .onConflict((conflict) =>
        conflict.column('old_path').doUpdateSet((eb) => ({
          archive,
          target_kind: eb.ref('excluded.target_kind'),
          target_id: eb.ref('excluded.target_id'),
          target_name: eb.ref('excluded.target_name'),
          position: eb.ref('excluded.position'),
        })),
      )
      .execute();
  }
}

export async function findLegacyLink(db: Db, oldPaths: readonly string[]): Promise<LegacyLink | undefined> {
  if (oldPaths.length === 0) return undefined;
  const rows = await db
    .selectFrom('legacy_links')
    .select(['old_path', 'target_kind', 'target_id', 'target_name', 'position'])
    .where('old_path', 'in', [...oldPaths])
    .execute();
  // The most specific address asked for wins (a chapter's over its story's).
  for (const path of oldPaths) {
    const row = rows.find((candidate) => candidate.old_path === path);
    if (row) return row;
  }
  return undefined;
}

/** Every old address, in order, for the nginx map. */
export async function listLegacyLinks(db: Db, archive?: string): Promise<LegacyLink[]> {
  let query = db
    .selectFrom('legacy_links')
    .select(['old_path', 'target_kind', 'target_id', 'target_name', 'position'])
    .orderBy('old_path');
  if (archive) query = query.where('archive', '=', archive);
  return query.execute();
}

export interface LegacyCreator {
  oldId: string;
  creatorId: number;
  name: string;
  email: string | null;
  invitedAt: string | null;
}

export async function findLegacyCreators(db: Db, archive: string): Promise<Map<string, LegacyCreator>> {
  const rows = await db
    .selectFrom('legacy_creators as l')
    .innerJoin('creators', 'creators.id', 'l.creator_id')
    .select(['l.old_id', 'l.creator_id', 'creators.name', 'l.email', 'l.invited_at'])
    .where('l.archive', '=', archive)
    .execute();
  return new Map(
    rows.map((row) => [
      row.old_id,
      {
        oldId: row.old_id,
        creatorId: row.creator_id,
        name: row.name,
        email: row.email,
        invitedAt: row.invited_at,
      },
    ]),
  );
}

/** Whether a creator name is free, or taken (by a member's pseud, another import or another old author). */
export async function findCreatorByName(db: Db, name: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('creators').select('id').where('name', '=', name).executeTakeFirst();
}

/** A creator for an old archive's author, with the address the archive held for them. */
export async function insertLegacyCreator(
  db: Db,
  archive: string,
  author: { oldId: string; name: string; email: string | null },
): Promise<number> {
  const creator = await db
    .insertInto('creators')
    .values({ name: author.name, pseud_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('legacy_creators')
    .values({ archive, old_id: author.oldId, creator_id: creator.id, email: author.email, invited_at: null })
    .execute();
  return creator.id;
}

export async function updateLegacyCreatorEmail(db: Db, archive: string, oldId: string, email: string | null) {
  await db
    .updateTable('legacy_creators')
    .set({ email })
    .where('archive', '=', archive)
    .where('old_id', '=', oldId)
    .execute();
}

export async function markLegacyCreatorInvited(db: Db, creatorId: number, now: string): Promise<void> {
  await db
    .updateTable('legacy_creators')
    .set({ invited_at: now })
    .where('creator_id', '=', creatorId)
    .execute();
}

/** Unclaimed creator names an old archive held this address for. */
export async function findLegacyCreatorsByEmail(
  db: Db,
  email: string,
): Promise<{ creatorId: number; name: string }[]> {
  const rows = await db
    .selectFrom('legacy_creators as l')
    .innerJoin('creators', 'creators.id', 'l.creator_id')
    .select(['l.creator_id', 'creators.name'])
    .where(sql<string>`lower(l.email)`, '=', email.trim().toLowerCase())
    .where('creators.pseud_id', 'is', null)
    .execute();
  return rows.map((row) => ({ creatorId: row.creator_id, name: row.name }));
}

export interface GuestComment {
  chapterId: number | null;
  guestName: string;
  body: string;
  createdAt: string;
}

/** Store a work's comments left by guests (an old archive's reviews) and count them on the work. */
export async function insertGuestComments(
  db: Db,
  workId: number,
  comments: readonly GuestComment[],
): Promise<void> {
  for (const rows of chunk([...comments], 200)) {
    await db
      .insertInto('comments')
      .values(
        rows.map((comment) => ({
          work_id: workId,
          chapter_id: comment.chapterId,
          user_id: null,
          guest_name: comment.guestName,
          parent_id: null,
          body: comment.body,
          created_at: comment.createdAt,
        })),
      )
      .execute();
  }
  await db.updateTable('works').set({ comments_count: comments.length }).where('id', '=', workId).execute();
}

/** Chapter ids of a work by position. */
export async function chapterIdsByPosition(db: Db, workId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('chapters')
    .select(['id', 'position'])
    .where('work_id', '=', workId)
    .execute();
  return new Map(rows.map((row) => [row.position, row.id]));
}

export async function findSeriesTitle(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('series').select('title').where('id', '=', id).executeTakeFirst();
  return row?.title;
}

/** Where an old address leads, with the current name of a creator (a claimed name may have been renamed). */
export async function resolveLegacyTarget(
  db: Db,
  link: LegacyLink,
): Promise<{
  kind: LegacyLink['target_kind'];
  id: number | null;
  name: string | null;
  position: number | null;
} | null> {
  if (link.target_kind === 'creator') {
    const creator = await db
      .selectFrom('creators')
      .select('name')
      .where('id', '=', link.target_id ?? -1)
      .executeTakeFirst();
    return creator ? { kind: 'creator', id: link.target_id, name: creator.name, position: null } : null;
  }
  if (link.target_kind === 'work' || link.target_kind === 'chapter') {
    const work = await db
      .selectFrom('works')
      .select('id')
      .where('id', '=', link.target_id ?? -1)
      .executeTakeFirst();
    if (!work) return null;
  }
  return { kind: link.target_kind, id: link.target_id, name: link.target_name, position: link.position };
}

/** Tags wrangled in the archive (`quire tags map`, the wrangling page): original string -> canonical tag. */
export async function findWrangledTags(
  db: Db,
  originals: readonly string[],
): Promise<Map<string, { kind: TagKind; name: string }>> {
  const found = new Map<string, { kind: TagKind; name: string }>();
  for (const names of chunk([...new Set(originals)], 500)) {
    const rows = await db
      .selectFrom('tags as t')
      .innerJoin('tags as c', 'c.id', 't.synonym_of')
      .select(['t.name as original', 'c.kind', 'c.name'])
      .where('t.name', 'in', names)
      .where('t.canonical', '=', 0)
      .execute();
    for (const row of rows)
      if (!found.has(row.original)) found.set(row.original, { kind: row.kind, name: row.name });
  }
  return found;
}
