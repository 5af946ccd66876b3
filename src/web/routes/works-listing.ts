import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { parseWorkQuery, type QueryInput, queryInputOf, type WorkQuery } from '../../search/work-query.ts';
import type { Viewer, WorksFound } from '../../services/catalog.service.ts';
import type { AppDeps } from '../app-deps.ts';
import { queryPairs, queryString } from '../paths.ts';
import type { WorksListing } from '../views/works-index.page.tsx';

/** A listing's query string, every value kept as given: `parseWorkQuery` reads and checks it. */
export const ListingQuery = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Array(Type.String())]),
);

/**
 * One listing of works from a request's query string, the way every listing page and feed runs it: the
 * shared WorkQuery, plus what the page fixes (a tag page's tag, a creator); the catalog adds what visitors
 * may not see. A page past the end is an empty listing that says so, not an error: a bookmarked or shared
 * address outlives its results.
 */
export async function runListing(
  deps: AppDeps,
  request: FastifyRequest,
  options: {
    heading: string;
    basePath: string;
    fixedTags?: string[];
    /** A creator's page: only their works. */
    fixedCreator?: string;
    defaults?: Partial<WorkQuery>;
    /** Query keys the page reads itself (a bookmarks page's filters), kept out of the works query. */
    ownKeys?: readonly string[];
    /** How the page finds its works: the catalog's `findWorks` unless it lists something else (bookmarks). */
    find?: (query: WorkQuery, viewer: Viewer) => Promise<WorksFound>;
  },
): Promise<WorksListing> {
  const raw = (request.query ?? {}) as QueryInput;
  const pairs = queryPairs(raw);
  const input = queryInputOf(pairs.filter(([key]) => !options.ownKeys?.includes(key)));
  const parsed = parseWorkQuery(input);
  const viewer = await deps.viewer(request);
  const find = options.find ?? ((query: WorkQuery, who: Viewer) => deps.catalog.findWorks(query, who));
  const found = find(
    {
      ...parsed,
      creatorName: options.fixedCreator ?? null,
      ...(input.sort === undefined && options.defaults?.sort ? { sort: options.defaults.sort } : {}),
      perPage: input.per_page === undefined ? deps.site.perPage : parsed.perPage,
      includeTags: [...(options.fixedTags ?? []), ...parsed.includeTags],
    },
    viewer,
  );
  const [{ query, result, blurbs }, languages] = await Promise.all([found, deps.catalog.languages(viewer)]);
  // The page shows the reader's own filters; the fixed tag is in the heading, not a removable chip.
  return {
    // A works search (the index, a tag's page) can be saved as /works reads it, the fixed tag a filter of it.
    ...(options.find || options.fixedCreator !== undefined
      ? {}
      : {
          savableQuery: queryString([
            ...(options.fixedTags ?? []).map((tag): [string, string] => ['tags', tag]),
            ...pairs.filter(([key]) => key !== 'page'),
          ]).slice(1),
        }),
    heading: options.heading,
    basePath: options.basePath,
    query: { ...query, includeTags: parsed.includeTags },
    pairs,
    result,
    blurbs,
    languages: languages.map((language) => language.code),
  };
}
