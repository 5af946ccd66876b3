import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database, Db, WorkRow } from '../db/database.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { tagFamilyIds } from '../repositories/tag.repository.ts';
import { currentFilterIndex, type FilterIndex, type TextPositions } from './filter-index.ts';
import type { SearchProvider, TextMatch } from './search-provider.ts';
import type { Sort, WorkQuery } from './work-query.ts';

export interface WorkHit {
  id: number;
  title: string | null;
  rating: string;
  words: number;
  chapterCount: number;
  chaptersPlanned: number | null;
  complete: boolean;
  language: string;
  summary: string | null;
  publishedAt: string;
  updatedAt: string;
  kudos: number;
  hits: number;
  bookmarks: number;
  comments: number;
}

export interface Facet {
  id: number;
  name: string;
  count: number;
}

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  pages: number;
  works: WorkHit[];
  facets: Record<TagKind, Facet[]>;
}

type WorkSelect = SelectQueryBuilder<Database & { w: Database['works'] }, 'w', object>;

const SORT_COLUMNS: Record<Exclude<Sort, 'best'>, string> = {
  updated: 'updated_at',
  published: 'published_at',
  words: 'words',
  kudos: 'kudos_count',
  hits: 'hits_count',
  bookmarks: 'bookmarks_count',
  comments: 'comments_count',
  title: 'title_sort',
  author: 'creator_sort',
};

const EMPTY_FACETS = (): Record<TagKind, Facet[]> => ({
  fandom: [],
  rating: [],
  warning: [],
  category: [],
  relationship: [],
  character: [],
  freeform: [],
});

const emptyResult = (query: WorkQuery): SearchResult => ({
  total: 0,
  page: query.page,
  perPage: query.perPage,
  pages: 0,
  works: [],
  facets: EMPTY_FACETS(),
});

const HIT_COLUMNS = [
  'w.id',
  'w.title',
  'w.rating',
  'w.words',
  'w.chapter_count',
  'w.chapters_planned',
  'w.complete',
  'w.language',
  'w.summary',
  'w.published_at',
  'w.updated_at',
  'w.kudos_count',
  'w.hits_count',
  'w.bookmarks_count',
  'w.comments_count',
] as const;

type HitRow = Pick<
  WorkRow,
  | 'id'
  | 'title'
  | 'rating'
  | 'words'
  | 'chapter_count'
  | 'chapters_planned'
  | 'complete'
  | 'language'
  | 'summary'
  | 'published_at'
  | 'updated_at'
  | 'kudos_count'
  | 'hits_count'
  | 'bookmarks_count'
  | 'comments_count'
>;

function toHit(row: HitRow): WorkHit {
  return {
    id: row.id,
    title: row.title,
    rating: row.rating,
    words: row.words,
    chapterCount: row.chapter_count,
    chaptersPlanned: row.chapters_planned,
    complete: Boolean(row.complete),
    language: row.language,
    summary: row.summary,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    kudos: row.kudos_count,
    hits: row.hits_count,
    bookmarks: row.bookmarks_count,
    comments: row.comments_count,
  };
}

/**
 * Run a WorkQuery: the matching works for one page, the total, and facet counts (the top tags of each kind
 * in the whole result set). Tag filters work on canonical tags, so a synonym finds every synonym. Answered
 * from the in-memory filter index when it is current (it is reloaded when the archive has changed), else
 * in SQL; both give the same result.
 */
export async function searchWorks(db: Db, provider: SearchProvider, query: WorkQuery): Promise<SearchResult> {
  const index = await currentFilterIndex(db, provider.dialect);
  return index ? searchWorksWithIndex(db, provider, query, index) : searchWorksSql(db, provider, query);
}

/**
 * Run a WorkQuery over a filter index: filters, counts, facets and page order in memory; the full text from
 * the provider (its matches cached per archive version); only the page's rows read from the database.
 */
export async function searchWorksWithIndex(
  db: Db,
  provider: SearchProvider,
  query: WorkQuery,
  index: FilterIndex,
): Promise<SearchResult> {
  const resolve = (names: string[], kind?: TagKind) => names.map((name) => index.resolveTag(name, kind));
  const include = [
    ...resolve(query.includeTags),
    ...resolve(query.includeWarnings, 'warning'),
    ...resolve(query.categories, 'category'),
  ];
  if (include.includes(-1)) return emptyResult(query);
  const exclude = [
    ...resolve(query.excludeTags),
    ...resolve(query.excludeWarnings, 'warning'),
    ...resolve(query.excludeCategories, 'category'),
  ].filter((tag) => tag !== -1);
  let main: number | null = null;
  if (query.mainRelationship) {
    main = index.resolveTag(query.mainRelationship, 'relationship');
    if (main === -1) return emptyResult(query);
  }
  const best = query.sort === 'best' && query.text !== null;
  let text: TextPositions | null = null;
  if (query.text) {
    text = await matchTextPositions(db, provider, index, query.text, best);
    if (!text) return emptyResult(query);
  }

  const matches = index.match({
    include,
    exclude,
    main,
    text: text?.positions ?? null,
    ratings: query.ratings,
    excludeRatings: query.excludeRatings,
    complete: query.complete,
    wordsMin: query.wordsMin,
    wordsMax: query.wordsMax,
    publishedFrom: query.publishedFrom,
    publishedTo: query.publishedTo,
    updatedFrom: query.updatedFrom,
    updatedTo: query.updatedTo,
    language: query.language,
    fandomsMin: query.crossovers === 'only' ? Math.max(2, query.fandomsMin ?? 2) : query.fandomsMin,
    fandomsMax: query.crossovers === 'exclude' ? Math.min(1, query.fandomsMax ?? 1) : query.fandomsMax,
  });
  const total = matches.length;
  if (total === 0) return emptyResult(query);
  const offset = (query.page - 1) * query.perPage;
  const pageIds =
    best && text
      ? index.pageByRank(matches, text, query.order, offset, query.perPage)
      : index.pageByColumn(
          matches,
          query.sort === 'best' ? 'updated' : query.sort,
          query.order,
          offset,
          query.perPage,
        );
  let works: WorkHit[] = [];
  if (pageIds.length > 0) {
    const rows = await (db as unknown as Kysely<Database & { w: Database['works'] }>)
      .selectFrom('works as w')
      .select([...HIT_COLUMNS])
      .where('w.id', 'in', pageIds)
      .execute();
    const byId = new Map<number, HitRow>(rows.map((row) => [row.id, row]));
    // A work deleted since the index was loaded has no row; the version check makes that a rare race.
    works = pageIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toHit(row)] : [];
    });
  }
  return {
    total,
    page: query.page,
    perPage: query.perPage,
    pages: Math.ceil(total / query.perPage),
    works,
    facets: index.countFacets(matches, query.facets),
  };
}

/**
 * The works a text query matches, as index positions, with ranks when sorting by best match. Matches are
 * kept per archive version on the index, per term when the provider's rank adds up over terms (queries
 * share common words), else per query: asking the text engine about common words is the slow part.
 */
async function matchTextPositions(
  db: Db,
  provider: SearchProvider,
  index: FilterIndex,
  text: string,
  ranked: boolean,
): Promise<TextPositions | null> {
  const terms = provider.matchTerms?.(text);
  if (terms === undefined) {
    const match = provider.matchText(text);
    return match ? fetchTextMatch(db, index, match, ranked) : null;
  }
  if (!terms) return null;
  const positive: TextPositions[] = [];
  for (const term of terms.positive) positive.push(await fetchTextMatch(db, index, term, ranked));
  const negative: TextPositions[] = [];
  for (const term of terms.negative) negative.push(await fetchTextMatch(db, index, term, false));
  return index.combineTerms(positive, negative, ranked);
}

async function fetchTextMatch(
  db: Db,
  index: FilterIndex,
  match: TextMatch,
  ranked: boolean,
): Promise<TextPositions> {
  const key = (query: TextMatch['ids'] | TextMatch['ranked']) => {
    const compiled = query.compile(db);
    return `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  };
  const rankedKey = key(match.ranked);
  const cached = index.cachedText(rankedKey) ?? (ranked ? undefined : index.cachedText(key(match.ids)));
  if (cached) return cached;
  let result: TextPositions;
  if (ranked) {
    const { rows } = await match.ranked.execute(db);
    const ids = new Float64Array(rows.length);
    const ranks = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as { id: number; rank: number };
      ids[i] = Number(row.id);
      ranks[i] = Number(row.rank);
    }
    result = index.positionsOf(ids, ranks);
  } else {
    const { rows } = await match.ids.execute(db);
    result = index.positionsOf(
      rows.map((row) => Number(row.id)),
      null,
    );
  }
  index.cacheText(ranked ? rankedKey : key(match.ids), result);
  return result;
}

/** Run a WorkQuery entirely in SQL: the reference the filter index must agree with, and its fallback. */
export async function searchWorksSql(
  db: Db,
  provider: SearchProvider,
  query: WorkQuery,
): Promise<SearchResult> {
  const filtered = await buildFilter(db, provider, query);
  const empty = emptyResult(query);
  if (!filtered) return empty;

  const countRow = await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const pages = Math.ceil(total / query.perPage);

  let pageQuery = filtered.select([...HIT_COLUMNS]);
  const direction = query.order === 'asc' ? sql`ASC` : sql`DESC`;
  const match = query.text ? provider.matchText(query.text) : null;
  if (query.sort === 'best' && match) {
    // Join the ranked matches once rather than ranking row by row.
    pageQuery = pageQuery
      .innerJoin(sql<{ id: number; rank: number }>`(${match.ranked})`.as('m'), (join) =>
        join.onRef(sql.ref('m.id') as never, '=', 'w.id' as never),
      )
      .orderBy(sql`m.rank ${query.order === 'asc' ? sql`ASC` : sql`DESC`}`)
      .orderBy('w.id', 'desc') as typeof pageQuery;
  } else {
    const column = SORT_COLUMNS[query.sort === 'best' ? 'updated' : query.sort];
    pageQuery = pageQuery
      .orderBy(sql`${sql.ref(`w.${column}`)} ${direction}`)
      .orderBy(sql`w.id ${direction}`);
  }
  const rows = await pageQuery
    .limit(query.perPage)
    .offset((query.page - 1) * query.perPage)
    .execute();

  const facets =
    query.facets > 0 && total > 0 ? await countFacets(db, filtered, query.facets) : EMPTY_FACETS();
  return {
    total,
    page: query.page,
    perPage: query.perPage,
    pages,
    works: rows.map(toHit),
    facets,
  };
}

/** Resolve tag names to the canonical ids works are filtered by; unknown names resolve to nothing. */
async function resolveTagIds(db: Db, names: string[], kind?: TagKind): Promise<(number | null)[]> {
  const result: (number | null)[] = [];
  for (const name of names) {
    // The lowest id when several kinds share a name, as the filter index chooses.
    let select = db.selectFrom('tags').select(['id']).where('name', '=', name).orderBy('id');
    if (kind) select = select.where('kind', '=', kind);
    const rows = await select.execute();
    if (rows.length === 0) {
      result.push(null);
      continue;
    }
    // Filter tags are canonical: follow the synonym chain of the first match.
    const family = await tagFamilyIds(db, (rows[0] as { id: number }).id);
    result.push(family[0] ?? null);
  }
  return result;
}

/**
 * The filtered works as a query over `works w`, or null when a required tag does not exist (nothing can
 * match). Every filter is a condition on `w` so count, page and facets share it.
 */
async function buildFilter(db: Db, provider: SearchProvider, query: WorkQuery): Promise<WorkSelect | null> {
  const include = [
    ...(await resolveTagIds(db, query.includeTags)),
    ...(await resolveTagIds(db, query.includeWarnings, 'warning')),
    ...(await resolveTagIds(db, query.categories, 'category')),
  ];
  if (include.some((id) => id === null)) return null;
  const exclude = [
    ...(await resolveTagIds(db, query.excludeTags)),
    ...(await resolveTagIds(db, query.excludeWarnings, 'warning')),
    ...(await resolveTagIds(db, query.excludeCategories, 'category')),
  ].filter((id): id is number => id !== null);
  let main: number | null = null;
  if (query.mainRelationship) {
    const [id] = await resolveTagIds(db, [query.mainRelationship], 'relationship');
    if (id === null || id === undefined) return null;
    main = id;
  }
  let match = null;
  if (query.text) {
    match = provider.matchText(query.text);
    if (!match) return null;
  }

  let select = (db as unknown as import('kysely').Kysely<Database & { w: Database['works'] }>).selectFrom(
    'works as w',
  ) as unknown as WorkSelect;
  const conditions: ((
    eb: ExpressionBuilder<Database & { w: Database['works'] }, 'w'>,
  ) => Expression<SqlBool>)[] = [];
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
    const { where, ids } = match;
    conditions.push(() => where ?? sql<SqlBool>`w.id IN (${ids})`);
  }
  if (query.ratings.length > 0) conditions.push((eb) => eb('w.rating', 'in', query.ratings));
  if (query.excludeRatings.length > 0)
    conditions.push((eb) => eb('w.rating', 'not in', query.excludeRatings));
  if (query.complete !== 'any')
    conditions.push((eb) => eb('w.complete', '=', query.complete === 'complete' ? 1 : 0));
  if (query.wordsMin !== null) conditions.push((eb) => eb('w.words', '>=', query.wordsMin as number));
  if (query.wordsMax !== null) conditions.push((eb) => eb('w.words', '<=', query.wordsMax as number));
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

async function countFacets(db: Db, filtered: WorkSelect, perKind: number): Promise<Record<TagKind, Facet[]>> {
  const ids = filtered.select('w.id');
  const rows = await db
    .selectFrom('work_filter_tags as ft')
    .innerJoin('tags as t', 't.id', 'ft.tag_id')
    .where('ft.work_id', 'in', ids as never)
    .groupBy(['t.id', 't.name', 't.kind'])
    .select(['t.id', 't.name', 't.kind', sql<number>`count(*)`.as('n')])
    .execute();
  const facets = EMPTY_FACETS();
  for (const row of rows)
    facets[row.kind as TagKind]?.push({ id: row.id, name: row.name, count: Number(row.n) });
  for (const kind of Object.keys(facets) as TagKind[]) {
    facets[kind] = facets[kind]
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
      .slice(0, perKind);
  }
  return facets;
}
