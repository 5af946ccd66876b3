import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Audience, PersonalExclusions } from '../domain/audience.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { notExcluded } from './community/member-filter.repository.ts';
import { canonicalTagId, findTagById } from './tag.repository.ts';

export interface TagCount {
  id: number;
  name: string;
  count: number;
}

/** What the listings below leave out: unlisted works, and Explicit ones when the site hides them. */
export interface ListingOptions {
  audience: Audience;
  hideExplicit: boolean;
  /** What the member reading never sees (muted members, their exclusion list). */
  personal?: PersonalExclusions | null;
}

/**
 * Canonical tags of these kinds with their counts of listed works (posted; members-only ones for members),
 * most works first; at most `limit` of them.
 */
export async function listTags(
  db: Db,
  options: ListingOptions & { kinds: TagKind[]; limit?: number },
): Promise<TagCount[]> {
  let query = db
    .selectFrom('work_filter_tags as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .innerJoin('works as w', 'w.id', 'ft.work_id')
    .where('w.status', '=', 'posted')
    .where('t.kind', 'in', options.kinds)
    .groupBy(['t.id', 't.name'])
    .select(['t.id', 't.name', sql<number>`count(*)`.as('n')])
    .orderBy('n', 'desc')
    .orderBy('t.name');
  if (options.audience === 'public') query = query.where('w.restricted', '=', 0);
  if (options.hideExplicit) query = query.where('w.rating', '<>', 'Explicit');
  if (options.personal) query = query.where(notExcluded(options.personal));
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, name: row.name, count: Number(row.n) }));
}

/**
 * A creator's listed works, newest update first, one page at a time; null when no creator has that name.
 */
export async function findCreatorWorkIds(
  db: Db,
  name: string,
  options: ListingOptions & { page: number; perPage: number },
): Promise<{ ids: number[]; total: number } | null> {
  const creator = await db.selectFrom('creators').select('id').where('name', '=', name).executeTakeFirst();
  if (!creator) return null;
  let base = db
    .selectFrom('work_creators as wc')
    .innerJoin('works as w', 'w.id', 'wc.work_id')
    .where('wc.creator_id', '=', creator.id)
    .where('w.status', '=', 'posted');
  if (options.audience === 'public') base = base.where('w.restricted', '=', 0);
  if (options.hideExplicit) base = base.where('w.rating', '<>', 'Explicit');
  if (options.personal) base = base.where(notExcluded(options.personal));
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select('w.id')
    // Works whose update date is unknown last, as the update sort puts them.
    .orderBy('w.updated_unknown', 'asc')
    .orderBy('w.updated_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage)
    .execute();
  return { ids: rows.map((row) => row.id), total: Number(total.n) };
}

/** A tag by name in any kind, with the canonical tag it leads to (itself when canonical). */
export async function findTagForPage(
  db: Db,
  name: string,
): Promise<{ id: number; name: string; kind: string; canonical: { id: number; name: string } } | null> {
  const tag = await db
    .selectFrom('tags')
    .select(['id', 'name', 'kind', 'synonym_of'])
    .where('name', '=', name)
    .orderBy('synonym_of', 'desc')
    .executeTakeFirst();
  if (!tag) return null;
  // The chain from the synonym the row names: reading the tag's own row again was a statement per tag page.
  const canonicalId = tag.synonym_of === null ? tag.id : await canonicalTagId(db, tag.synonym_of, 9);
  const found = canonicalId === tag.id ? tag : ((await findTagById(db, canonicalId)) ?? tag);
  const canonical = { id: found.id, name: found.name };
  return { id: tag.id, name: tag.name, kind: tag.kind, canonical };
}

export interface CreatorCount {
  name: string;
  count: number;
}

/** Creators with the number of their listed works, by name; creators with none listed are left out. */
export async function listCreators(db: Db, options: ListingOptions): Promise<CreatorCount[]> {
  let query = db
    .selectFrom('creators as c')
    .innerJoin('work_creators as wc', 'wc.creator_id', 'c.id')
    .innerJoin('works as w', 'w.id', 'wc.work_id')
    .where('w.status', '=', 'posted')
    .groupBy(['c.id', 'c.name'])
    .select(['c.name', sql<number>`count(*)`.as('n')]);
  if (options.audience === 'public') query = query.where('w.restricted', '=', 0);
  if (options.hideExplicit) query = query.where('w.rating', '<>', 'Explicit');
  if (options.personal) query = query.where(notExcluded(options.personal));
  const rows = await query.execute();
  return rows
    .map((row) => ({ name: row.name, count: Number(row.n) }))
    .sort(
      (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.name.localeCompare(b.name),
    );
}

/** Whether a creator of exactly this name exists. */
export async function creatorExists(db: Db, name: string): Promise<boolean> {
  return (
    (await db.selectFrom('creators').select('id').where('name', '=', name).executeTakeFirst()) !== undefined
  );
}

/** The languages listed works are written in (codes as stored), with how many works each; most first. */
export async function listLanguages(
  db: Db,
  options: ListingOptions,
): Promise<{ code: string; count: number }[]> {
  let query = db
    .selectFrom('works as w')
    .where('w.status', '=', 'posted')
    .groupBy('w.language')
    .select(['w.language', sql<number>`count(*)`.as('n')])
    .orderBy('n', 'desc')
    .orderBy('w.language');
  if (options.audience === 'public') query = query.where('w.restricted', '=', 0);
  if (options.hideExplicit) query = query.where('w.rating', '<>', 'Explicit');
  if (options.personal) query = query.where(notExcluded(options.personal));
  const rows = await query.execute();
  return rows.map((row) => ({ code: row.language, count: Number(row.n) }));
}
