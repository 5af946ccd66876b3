import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database.ts';
import type { Audience } from '../domain/audience.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { currentFilterIndex } from './index/current-index.ts';
import type { FilterIndex } from './index/filter-index.ts';
import { COUNT_SORTS } from './index/load.ts';
import type { TextPositions } from './index/text-positions.ts';
import type { SearchProvider, TextMatch } from './search-provider.ts';
import {
  emptyResult,
  HIT_COLUMNS,
  type HitRow,
  type SearchResult,
  toHit,
  type WorkHit,
} from './search-result.ts';
import { readTextMatch } from './text-columns.ts';
import { planText } from './text-plan.ts';
import { type WorkQuery, withPersonalExclusions } from './work-query.ts';
import { searchWorksSql } from './work-search-sql.ts';

/**
 * Run a WorkQuery: the matching works for one page, the total, and facet counts (the top tags of each kind
 * in the whole result set). Tag filters work on canonical tags, so a synonym finds every synonym. Answered
 * from the in-memory filter index when it is current (it is reloaded when the archive has changed), else
 * in SQL; both give the same result. Only works listed for `audience` are found: posted ones, and those
 * restricted to members for members (the default is the narrower, so a caller that forgets shows less).
 */
export function searchWorks(
  db: Db,
  provider: SearchProvider,
  query: WorkQuery,
  audience: Audience = 'public',
): Promise<SearchResult> {
  return searchWorksReading(db, provider, query, audience, readHits);
}

/** How a search reads its page's works: in the order of `ids`, leaving out any that has no row. */
export type PageReader<Work extends WorkHit> = (db: Db, ids: readonly number[]) => Promise<Work[]>;

/**
 * `searchWorks` with the page's works read by `readPage`: a listing reads its blurbs there, so the page's
 * rows are read once, not as hits and then again as blurbs.
 */
export async function searchWorksReading<Work extends WorkHit>(
  db: Db,
  provider: SearchProvider,
  query: WorkQuery,
  audience: Audience,
  readPage: PageReader<Work>,
): Promise<SearchResult<Work>> {
  const index = await currentFilterIndex(db, provider.dialect, {
    sortsByCount: (COUNT_SORTS as readonly string[]).includes(query.sort),
    ...(provider.readNumbers ? { readNumbers: provider.readNumbers } : {}),
  });
  if (index) return searchIndexReading(db, provider, query, index, audience, readPage);
  // SQL is the fallback (inside a transaction, during an import): its own page read is kept simple.
  const result = await searchWorksSql(db, provider, query, audience);
  return {
    ...result,
    works: await readPage(
      db,
      result.works.map((work) => work.id),
    ),
  };
}

/** A page's works as hits, the search's own columns. */
async function readHits(db: Db, ids: readonly number[]): Promise<WorkHit[]> {
  if (ids.length === 0) return [];
  const rows = await (db as unknown as Kysely<Database & { w: Database['works'] }>)
    .selectFrom('works as w')
    .select([...HIT_COLUMNS])
    .where('w.id', 'in', ids)
    .execute();
  const byId = new Map<number, HitRow>(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toHit(row)] : [];
  });
}

/**
 * Run a WorkQuery over a filter index: filters, counts, facets and page order in memory; the full text from
 * the provider (its matches cached per archive version); only the page's rows read from the database.
 */
export function searchWorksWithIndex(
  db: Db,
  provider: SearchProvider,
  query: WorkQuery,
  index: FilterIndex,
  audience: Audience = 'public',
): Promise<SearchResult> {
  return searchIndexReading(db, provider, query, index, audience, readHits);
}

async function searchIndexReading<Work extends WorkHit>(
  db: Db,
  provider: SearchProvider,
  asked: WorkQuery,
  index: FilterIndex,
  audience: Audience,
  readPage: PageReader<Work>,
): Promise<SearchResult<Work>> {
  const query = withPersonalExclusions(asked);
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
  const plan = planText(query);
  if (plan.unsearchable) return emptyResult(query);
  const best = query.sort === 'best' && plan.fullText !== null;
  let text: TextPositions | null = null;
  if (plan.fullText) {
    text = await matchTextPositions(db, provider, index, plan.fullText, best);
    if (!text) return emptyResult(query);
  }
  const kept: TextPositions[] = [];
  const takenAway: TextPositions[] = [];
  for (const excluded of plan.excludedTexts) {
    const match = provider.matchText(excluded);
    if (match) takenAway.push(await fetchTextMatch(db, provider, index, match, false));
  }
  for (const { ids, negated } of plan.nameMatches) {
    const { rows } = await ids.execute(db);
    (negated ? takenAway : kept).push(
      index.positionsOf(
        rows.map((row) => Number(row.id)),
        null,
      ),
    );
  }
  if (kept.length > 0 || takenAway.length > 0) {
    // Name matches carry no rank, so the sum of ranks is the text's own.
    const base = text ? [text] : kept.length > 0 ? [] : [index.positionsOf(index.ids, null)];
    text = index.combineTerms([...base, ...kept], takenAway, best);
  }

  const matches = index.match({
    include,
    exclude,
    main,
    text: text?.positions ?? null,
    audience,
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
  // A work deleted since the index was loaded has no row; the version check makes that a rare race.
  const works = pageIds.length > 0 ? await readPage(db, pageIds) : [];
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
    return match ? fetchTextMatch(db, provider, index, match, ranked) : null;
  }
  if (!terms) return null;
  const positive: TextPositions[] = [];
  for (const term of terms.positive) positive.push(await fetchTextMatch(db, provider, index, term, ranked));
  const negative: TextPositions[] = [];
  for (const term of terms.negative) negative.push(await fetchTextMatch(db, provider, index, term, false));
  return index.combineTerms(positive, negative, ranked);
}

async function fetchTextMatch(
  db: Db,
  provider: SearchProvider,
  index: FilterIndex,
  match: TextMatch,
  ranked: boolean,
): Promise<TextPositions> {
  const key = (query: TextMatch['ids'] | TextMatch['ranked']) => {
    const compiled = query.compile(db);
    return `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
  };
  const rankedKey = key(match.ranked);
  const cached = index.keptText(rankedKey) ?? (ranked ? undefined : index.keptText(key(match.ids)));
  if (cached) return cached;
  const { ids, ranks } = await readTextMatch(db, provider, match, ranked);
  const result = index.positionsOf(ids, ranks);
  index.keepText(ranked ? rankedKey : key(match.ids), result);
  return result;
}
