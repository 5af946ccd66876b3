import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { canonicalTagId, findTagById } from './tag.repository.ts';

export interface TagCount {
  id: number;
  name: string;
  count: number;
}

/** Canonical fandom tags with the number of works filed under each, most works first. */
export function listFandoms(db: Db, options: { hideExplicit: boolean }): Promise<TagCount[]> {
  return listTags(db, { ...options, kinds: ['fandom'] });
}

/** Canonical tags of these kinds with their work counts, most works first; at most `limit` of them. */
export async function listTags(
  db: Db,
  options: { hideExplicit: boolean; kinds: TagKind[]; limit?: number },
): Promise<TagCount[]> {
  let query = db
    .selectFrom('work_filter_tags as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .where('t.kind', 'in', options.kinds)
    .groupBy(['t.id', 't.name'])
    .select(['t.id', 't.name', sql<number>`count(*)`.as('n')])
    .orderBy('n', 'desc')
    .orderBy('t.name');
  if (options.hideExplicit)
    query = query.innerJoin('works as w', 'w.id', 'ft.work_id').where('w.rating', '<>', 'Explicit');
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, name: row.name, count: Number(row.n) }));
}

/** A creator's works, newest update first, one page at a time; null when no creator has that name. */
export async function findCreatorWorkIds(
  db: Db,
  name: string,
  options: { page: number; perPage: number; hideExplicit: boolean },
): Promise<{ ids: number[]; total: number } | null> {
  const creator = await db.selectFrom('creators').select('id').where('name', '=', name).executeTakeFirst();
  if (!creator) return null;
  let base = db
    .selectFrom('work_creators as wc')
    .innerJoin('works as w', 'w.id', 'wc.work_id')
    .where('wc.creator_id', '=', creator.id);
  if (options.hideExplicit) base = base.where('w.rating', '<>', 'Explicit');
  const total = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select('w.id')
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
  const canonicalId = await canonicalTagId(db, tag.id);
  const found = canonicalId === tag.id ? tag : ((await findTagById(db, canonicalId)) ?? tag);
  const canonical = { id: found.id, name: found.name };
  return { id: tag.id, name: tag.name, kind: tag.kind, canonical };
}

export interface CreatorCount {
  name: string;
  count: number;
}

/** Creators with the number of their works, by name; Explicit works left out of the counts when hidden. */
export async function listCreators(db: Db, options: { hideExplicit: boolean }): Promise<CreatorCount[]> {
  let query = db
    .selectFrom('creators as c')
    .innerJoin('work_creators as wc', 'wc.creator_id', 'c.id')
    .innerJoin('works as w', 'w.id', 'wc.work_id')
    .groupBy(['c.id', 'c.name'])
    .select(['c.name', sql<number>`count(*)`.as('n')]);
  if (options.hideExplicit) query = query.where('w.rating', '<>', 'Explicit');
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

/** The languages works are written in (codes as stored), with how many works each; most works first. */
export async function listLanguages(
  db: Db,
  options: { hideExplicit: boolean },
): Promise<{ code: string; count: number }[]> {
  let query = db
    .selectFrom('works as w')
    .groupBy('w.language')
    .select(['w.language', sql<number>`count(*)`.as('n')])
    .orderBy('n', 'desc')
    .orderBy('w.language');
  if (options.hideExplicit) query = query.where('w.rating', '<>', 'Explicit');
  const rows = await query.execute();
  return rows.map((row) => ({ code: row.language, count: Number(row.n) }));
}
