import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database, Db } from '../db/database.ts';
import type { Audience } from '../domain/audience.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { canonicalTagIdsByName } from '../repositories/tag.repository.ts';
import type { SearchProvider } from './search-provider.ts';
import {
  DATE_SORTS,
  emptyFacets,
  emptyResult,
  type Facets,
  HIT_COLUMNS,
  type SearchResult,
  SORT_COLUMNS,
  toHit,
} from './search-result.ts';
import { planText } from './text-plan.ts';
import { type WorkQuery, withPersonalExclusions } from './work-query.ts';

type WorkSelect = SelectQueryBuilder<Database & { w: Database['works'] }, 'w', object>;

/** Run a WorkQuery entirely in SQL: the reference the filter index must agree with, and its fallback. */
export async function searchWorksSql(
  db: Db,
  provider: SearchProvider,
  asked: WorkQuery,
  audience: Audience = 'public',
): Promise<SearchResult> {
  const query = withPersonalExclusions(asked);
  const filtered = await buildFilter(db, provider, query, audience);
  const empty = emptyResult(query);
  if (!filtered) return empty;

  const countRow = await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const pages = Math.ceil(total / query.perPage);

  let pageQuery = filtered.select([...HIT_COLUMNS]);
  const direction = query.order === 'asc' ? sql`ASC` : sql`DESC`;
  const fullText = planText(query).fullText;
  const match = fullText ? provider.matchText(fullText) : null;
  if (query.sort === 'best' && match) {
    // Join the ranked matches once rather than ranking row by row.
    pageQuery = pageQuery
      .innerJoin(sql<{ id: number; rank: number }>`(${match.ranked})`.as('m'), (join) =>
        join.onRef(sql.ref('m.id') as never, '=', 'w.id' as never),
      )
      .orderBy(sql`m.rank ${query.order === 'asc' ? sql`ASC` : sql`DESC`}`)
      .orderBy('w.id', 'desc') as typeof pageQuery;
  } else {
    const sort = query.sort === 'best' ? 'updated' : query.sort;
    const column = SORT_COLUMNS[sort];
    // Works without the sort's date go last, either way.
    if (DATE_SORTS.has(sort))
      pageQuery = pageQuery.orderBy(sort === 'published' ? 'w.date_unknown' : 'w.updated_unknown', 'asc');
    pageQuery = pageQuery
      .orderBy(sql`${sql.ref(`w.${column}`)} ${direction}`)
      .orderBy(sql`w.id ${direction}`);
  }
  const rows = await pageQuery
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage)
    .execute();

  const facets =
    query.facets > 0 && total > 0 ? await countFacets(db, filtered, query.facets) : emptyFacets();
  return {
    total,
    page: query.page,
    perPage: query.perPage,
    pages,
    works: rows.map(toHit),
    facets,
  };
}

/**
 * The filtered works as a query over `works w`, or null when a required tag does not exist (nothing can
 * match). Every filter is a condition on `w` so count, page and facets share it.
 */
async function buildFilter(
  db: Db,
  provider: SearchProvider,
  query: WorkQuery,
  audience: Audience,
): Promise<WorkSelect | null> {
  const include = [
    ...(await canonicalTagIdsByName(db, query.includeTags)),
    ...(await canonicalTagIdsByName(db, query.includeWarnings, 'warning')),
    ...(await canonicalTagIdsByName(db, query.categories, 'category')),
  ];
  if (include.some((id) => id === null)) return null;
  const exclude = [
    ...(await canonicalTagIdsByName(db, query.excludeTags)),
    ...(await canonicalTagIdsByName(db, query.excludeWarnings, 'warning')),
    ...(await canonicalTagIdsByName(db, query.excludeCategories, 'category')),
  ].filter((id): id is number => id !== null);
  let main: number | null = null;
  if (query.mainRelationship) {
    const [id] = await canonicalTagIdsByName(db, [query.mainRelationship], 'relationship');
    if (id === null || id === undefined) return null;
    main = id;
  }
  const plan = planText(query);
  if (plan.unsearchable) return null;
  let match = null;
  if (plan.fullText) {
    match = provider.matchText(plan.fullText);
    if (!match) return null;
  }

  let select = (db as unknown as Kysely<Database & { w: Database['works'] }>).selectFrom(
    'works as w',
  ) as unknown as WorkSelect;
  const conditions: ((
    eb: ExpressionBuilder<Database & { w: Database['works'] }, 'w'>,
  ) => Expression<SqlBool>)[] = [(eb) => eb('w.status', '=', 'posted')];
  if (audience === 'public') conditions.push((eb) => eb('w.restricted', '=', 0));
  for (const id of include as number[]) {
    conditions.push(() => sql<SqlBool>`w.id IN (SELECT work_id FROM work_filter_tags WHERE tag_id = ${id})`);
  }
  if (exclude.length > 0) {
    conditions.push(
      () =>
        sql<SqlBool>`w.id NOT IN (SELECT work_id FROM work_filter_tags WHERE tag_id IN (${sql.join(exclude)}))`,
    );
  }
  if (main !== null) {
    conditions.push(
      () => sql<SqlBool>`w.id IN (SELECT work_id FROM work_filter_tags WHERE tag_id = ${main} AND main = 1)`,
    );
  }
  if (match) {
    const { ids } = match;
    conditions.push(() => sql<SqlBool>`w.id IN (${ids})`);
  }
  for (const excluded of plan.excludedTexts) {
    const away = provider.matchText(excluded);
    if (away) conditions.push(() => sql<SqlBool>`w.id NOT IN (${away.ids})`);
  }
  for (const { ids, negated } of plan.nameMatches)
    conditions.push(() => (negated ? sql<SqlBool>`w.id NOT IN (${ids})` : sql<SqlBool>`w.id IN (${ids})`));
  if (query.ratings.length > 0) conditions.push((eb) => eb('w.rating', 'in', query.ratings));
  if (query.excludeRatings.length > 0)
    conditions.push((eb) => eb('w.rating', 'not in', query.excludeRatings));
  if (query.complete !== 'any')
    conditions.push((eb) => eb('w.complete', '=', query.complete === 'complete' ? 1 : 0));
  if (query.wordsMin !== null) conditions.push((eb) => eb('w.words', '>=', query.wordsMin as number));
  if (query.wordsMax !== null) conditions.push((eb) => eb('w.words', '<=', query.wordsMax as number));
  // A work whose file stated no date is in no date range (its stored dates are the import day's), nor in an
  // update range until a new chapter dates its update.
  if (query.publishedFrom || query.publishedTo) conditions.push((eb) => eb('w.date_unknown', '=', 0));
  if (query.updatedFrom || query.updatedTo) conditions.push((eb) => eb('w.updated_unknown', '=', 0));
  if (query.publishedFrom) conditions.push((eb) => eb('w.published_at', '>=', query.publishedFrom as string));
  if (query.publishedTo) conditions.push((eb) => eb('w.published_at', '<=', query.publishedTo as string));
  if (query.updatedFrom) conditions.push((eb) => eb('w.updated_at', '>=', query.updatedFrom as string));
  if (query.updatedTo) conditions.push((eb) => eb('w.updated_at', '<=', query.updatedTo as string));
  if (query.language) conditions.push((eb) => eb('w.language', '=', query.language as string));
  if (query.crossovers === 'exclude') conditions.push((eb) => eb('w.fandom_count', '<=', 1));
  if (query.crossovers === 'only') conditions.push((eb) => eb('w.fandom_count', '>=', 2));
  if (query.fandomsMin !== null)
    conditions.push((eb) => eb('w.fandom_count', '>=', query.fandomsMin as number));
  if (query.fandomsMax !== null)
    conditions.push((eb) => eb('w.fandom_count', '<=', query.fandomsMax as number));
  for (const condition of conditions) select = select.where(condition);
  return select;
}

async function countFacets(db: Db, filtered: WorkSelect, perKind: number): Promise<Facets> {
  const ids = filtered.select('w.id');
  const rows = await db
    .selectFrom('work_filter_tags as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .where('ft.work_id', 'in', ids as never)
    .groupBy(['t.id', 't.name', 't.kind'])
    .select(['t.id', 't.name', 't.kind', sql<number>`count(*)`.as('n')])
    .execute();
  const facets = emptyFacets();
  for (const row of rows)
    facets[row.kind as TagKind]?.push({ id: row.id, name: row.name, count: Number(row.n) });
  for (const kind of Object.keys(facets) as TagKind[]) {
    facets[kind] = facets[kind]
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, perKind);
  }
  return facets;
}
