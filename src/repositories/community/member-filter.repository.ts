import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ExclusionKind } from '../../db/member-filters.tables.ts';
import { excludesAnything, type PersonalExclusions } from '../../domain/audience.ts';
import { RATINGS, type Rating } from '../../domain/required-tags.ts';
import { canonicalTagIdsByName } from '../tag.repository.ts';

/** Another member as a mute or block list shows them. */
export interface MemberRef {
  userId: number;
  name: string;
  since: string;
}

type Relation = { table: 'mutes'; other: 'muted_user_id' } | { table: 'blocks'; other: 'blocked_user_id' };
export const MUTES: Relation = { table: 'mutes', other: 'muted_user_id' };
export const BLOCKS: Relation = { table: 'blocks', other: 'blocked_user_id' };

/** Record that `userId` mutes or blocks `otherId`; doing it twice changes nothing. */
export async function addRelation(
  db: Db,
  relation: Relation,
  userId: number,
  otherId: number,
  now: string,
): Promise<void> {
  await db
    .insertInto(relation.table)
    .values({ user_id: userId, [relation.other]: otherId, created_at: now } as never)
    .onConflict((conflict) => conflict.columns(['user_id', relation.other] as never).doNothing())
    .execute();
}

export async function removeRelation(
  db: Db,
  relation: Relation,
  userId: number,
  otherId: number,
): Promise<void> {
  await db
    .deleteFrom(relation.table)
    .where('user_id', '=', userId)
    .where(relation.other as never, '=', otherId as never)
    .execute();
}

/** The members `userId` mutes or blocks, by name. */
export async function listRelation(db: Db, relation: Relation, userId: number): Promise<MemberRef[]> {
  const rows = await db
    .selectFrom(`${relation.table} as r` as 'mutes as r')
    .innerJoin('users as u', 'u.id', `r.${relation.other}` as 'r.muted_user_id')
    .where('r.user_id', '=', userId)
    .select(['u.id', 'u.name', 'r.created_at'])
    .orderBy('u.name')
    .execute();
  return rows.map((row) => ({ userId: row.id, name: row.name, since: row.created_at }));
}

/** Whether `userId` mutes or blocks `otherId`. */
export async function hasRelation(
  db: Db,
  relation: Relation,
  userId: number,
  otherId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom(relation.table)
    .select('user_id')
    .where('user_id', '=', userId)
    .where(relation.other as never, '=', otherId as never)
    .executeTakeFirst();
  return row !== undefined;
}

/** The members `userId` mutes, by id. */
export async function listMutedIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('mutes').select('muted_user_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.muted_user_id);
}

/** The members who block `userId`. */
export async function listBlockersOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('blocks')
    .select('user_id')
    .where('blocked_user_id', '=', userId)
    .execute();
  return rows.map((row) => row.user_id);
}

/** Which of `userIds` block `otherId`. */
export async function blockersAmong(db: Db, userIds: readonly number[], otherId: number): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('blocks')
    .select('user_id')
    .where('user_id', 'in', [...userIds])
    .where('blocked_user_id', '=', otherId)
    .execute();
  return rows.map((row) => row.user_id);
}

/** One entry of an exclusion list. */
export interface ExclusionRow {
  kind: ExclusionKind;
  value: string;
}

export async function addExclusion(db: Db, userId: number, entry: ExclusionRow, now: string): Promise<void> {
  await db
    .insertInto('exclusions')
    .values({ user_id: userId, kind: entry.kind, value: entry.value, created_at: now })
    .onConflict((conflict) => conflict.columns(['user_id', 'kind', 'value']).doNothing())
    .execute();
}

export async function removeExclusion(db: Db, userId: number, entry: ExclusionRow): Promise<void> {
  await db
    .deleteFrom('exclusions')
    .where('user_id', '=', userId)
    .where('kind', '=', entry.kind)
    .where('value', '=', entry.value)
    .execute();
}

export async function listExclusions(db: Db, userId: number): Promise<ExclusionRow[]> {
  return db
    .selectFrom('exclusions')
    .select(['kind', 'value'])
    .where('user_id', '=', userId)
    .orderBy('kind')
    .orderBy('value')
    .execute();
}

/** What a member never sees, in one read of their mutes and exclusion list; null when nothing. */
export async function findPersonalExclusions(db: Db, userId: number): Promise<PersonalExclusions | null> {
  const [muted, entries] = await Promise.all([listMutedIds(db, userId), listExclusions(db, userId)]);
  const of = (kind: ExclusionKind) =>
    entries.filter((entry) => entry.kind === kind).map((entry) => entry.value);
  const tags = of('tag');
  const personal: PersonalExclusions = {
    mutedUserIds: muted.sort((a, b) => a - b),
    creators: of('creator'),
    tags,
    // Resolved as the works search resolves names, so the side lists leave out the same works.
    tagIds: (await canonicalTagIdsByName(db, tags)).filter((id): id is number => id !== null),
    ratings: of('rating').filter((value): value is Rating => (RATINGS as readonly string[]).includes(value)),
  };
  return excludesAnything(personal) ? personal : null;
}

/** Works written (under any pseud) by a muted member or under an excluded creator name; null when none are. */
export function worksByHiddenCreators(personal: PersonalExclusions): RawBuilder<{ id: number }> | null {
  const conditions: RawBuilder<unknown>[] = [];
  if (personal.mutedUserIds.length > 0)
    conditions.push(
      sql`c.pseud_id IN (SELECT id FROM pseuds WHERE user_id IN (${sql.join(personal.mutedUserIds)}))`,
    );
  if (personal.creators.length > 0) conditions.push(sql`c.name IN (${sql.join(personal.creators)})`);
  if (conditions.length === 0) return null;
  return sql<{
    id: number;
  }>`SELECT wc.work_id AS id FROM work_creators wc JOIN creators c ON c.id = wc.creator_id WHERE ${sql.join(conditions, sql` OR `)}`;
}

/**
 * A condition on `works w` that keeps out what a member's exclusions leave out, for the listings that count
 * in SQL of their own (tag, creator, language and series lists); the works search applies the same
 * exclusions inside its query (search/work-query.ts).
 */
export function notExcluded(personal: PersonalExclusions): RawBuilder<SqlBool> {
  const conditions: RawBuilder<unknown>[] = [];
  const byCreators = worksByHiddenCreators(personal);
  if (byCreators) conditions.push(sql`w.id NOT IN (${byCreators})`);
  if (personal.ratings.length > 0) conditions.push(sql`w.rating NOT IN (${sql.join(personal.ratings)})`);
  if (personal.tagIds.length > 0)
    conditions.push(
      sql`w.id NOT IN (SELECT work_id FROM work_filter_tags WHERE tag_id IN (${sql.join(personal.tagIds)}))`,
    );
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`(${sql.join(conditions, sql` AND `)})`;
}

/** Whether a member's exclusions leave this work out (what the subscription notices ask of each reader). */
export async function leavesOutWork(db: Db, personal: PersonalExclusions, workId: number): Promise<boolean> {
  const row = await db
    .selectFrom('works as w')
    .select('w.id')
    .where('w.id', '=', workId)
    .where(notExcluded(personal))
    .executeTakeFirst();
  return row === undefined;
}

/** A member's saved works search. */
export interface SavedFilterRow {
  id: number;
  name: string;
  query: string;
  createdAt: string;
}

export async function insertSavedFilter(
  db: Db,
  userId: number,
  filter: { name: string; query: string },
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('saved_filters')
    .values({ user_id: userId, name: filter.name, query: filter.query, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSavedFilters(db: Db, userId: number): Promise<SavedFilterRow[]> {
  const rows = await db
    .selectFrom('saved_filters')
    .select(['id', 'name', 'query', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, query: row.query, createdAt: row.created_at }));
}

/** The owner of a saved filter, or undefined when there is none. */
export async function savedFilterOwner(db: Db, id: number): Promise<number | undefined> {
  const row = await db.selectFrom('saved_filters').select('user_id').where('id', '=', id).executeTakeFirst();
  return row?.user_id;
}

export async function deleteSavedFilter(db: Db, id: number): Promise<void> {
  await db.deleteFrom('saved_filters').where('id', '=', id).execute();
}
