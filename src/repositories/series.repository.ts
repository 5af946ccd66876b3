import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ListingOptions } from './browse.repository.ts';
import { notExcluded } from './community/member-filter.repository.ts';

export interface SeriesSummary {
  id: number;
  title: string;
  /** Works in the series a visitor may see. */
  works: number;
  /** The names on those works, by name; none for a series of anonymous works. */
  creators: string[];
}

export interface SeriesEntry {
  workId: number;
  /** The part the work is, as its file said; null when it did not say. */
  position: number | null;
}

/**
 * Series with how many listed works each holds and who wrote them (titles repeat across writers, so the
 * index tells two "Missing Scenes" apart by them), by title; series with none listed are left out.
 */
export async function listSeries(db: Db, options: ListingOptions): Promise<SeriesSummary[]> {
  let listed = db
    .selectFrom('series as s')
    .innerJoin('series_works as sw', 'sw.series_id', 's.id')
    .innerJoin('works as w', 'w.id', 'sw.work_id')
    .where('w.status', '=', 'posted');
  if (options.audience === 'public') listed = listed.where('w.restricted', '=', 0);
  if (options.hideExplicit) listed = listed.where('w.rating', '<>', 'Explicit');
  if (options.personal) listed = listed.where(notExcluded(options.personal));
  const rows = await listed
    .groupBy(['s.id', 's.title'])
    .select(['s.id', 's.title', sql<number>`count(*)`.as('n')])
    .execute();
  const names = await listed
    .innerJoin('work_creators as wc', 'wc.work_id', 'w.id')
    .innerJoin('creators as c', 'c.id', 'wc.creator_id')
    .select(['s.id', 'c.name'])
    .distinct()
    .execute();
  const creators = new Map<number, string[]>();
  for (const { id, name } of names) {
    const list = creators.get(id);
    if (list) list.push(name);
    else creators.set(id, [name]);
  }
  return rows
    .map((row) => ({
      id: row.id,
      title: row.title,
      works: Number(row.n),
      creators: (creators.get(row.id) ?? []).sort((a, b) =>
        a.localeCompare(b, 'en', { sensitivity: 'base' }),
      ),
    }))
    .sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) || a.id - b.id);
}

/**
 * A series and its listed works in reading order: by the part each work states, works without one after
 * those with one, then by date posted and id; null when there is no such series.
 */
export async function findSeries(
  db: Db,
  id: number,
  options: ListingOptions,
): Promise<{ id: number; title: string; entries: SeriesEntry[] } | null> {
  const series = await db
    .selectFrom('series')
    .select(['id', 'title'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!series) return null;
  let query = db
    .selectFrom('series_works as sw')
    .innerJoin('works as w', 'w.id', 'sw.work_id')
    .select(['sw.work_id', 'sw.position', 'w.published_at'])
    .where('sw.series_id', '=', id)
    .where('w.status', '=', 'posted');
  if (options.audience === 'public') query = query.where('w.restricted', '=', 0);
  if (options.hideExplicit) query = query.where('w.rating', '<>', 'Explicit');
  if (options.personal) query = query.where(notExcluded(options.personal));
  const rows = await query.execute();
  rows.sort(
    (a, b) =>
      (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
      a.published_at.localeCompare(b.published_at) ||
      a.work_id - b.work_id,
  );
  return {
    id: series.id,
    title: series.title,
    entries: rows.map((row) => ({ workId: row.work_id, position: row.position })),
  };
}
