import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { parseWorkQuery, type QueryInput, type WorkQuery } from '../../search/work-query.ts';
import type { AppDeps } from '../app-deps.ts';
import { queryPairs } from '../paths.ts';
import type { WorksListing } from '../views/works-index.page.tsx';

/**
 * One listing of works from a request's query string, the way every listing page and feed runs it: the
 * shared WorkQuery, plus what the page fixes (a tag page's tag); the catalog adds what visitors may not see.
 */
export async function runListing(
  deps: AppDeps,
  request: FastifyRequest,
  options: { heading: string; basePath: string; fixedTags?: string[]; defaults?: Partial<WorkQuery> },
): Promise<WorksListing> {
  const raw = (request.query ?? {}) as QueryInput;
  const pairs = queryPairs(raw);
  // No prototype: a key named `__proto__` is one more unknown search option, not the object's prototype.
  const input: QueryInput = Object.create(null);
  for (const [key, value] of pairs) {
    const existing = input[key];
    input[key] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const parsed = parseWorkQuery(input);
  const { query, result, blurbs } = await deps.catalog.findWorks(
    {
      ...parsed,
      ...(input.sort === undefined && options.defaults?.sort ? { sort: options.defaults.sort } : {}),
      perPage: input.per_page === undefined ? deps.site.perPage : parsed.perPage,
      includeTags: [...(options.fixedTags ?? []), ...parsed.includeTags],
    },
    await deps.viewer(request),
  );
  if (result.total > 0 && query.page > result.pages)
    throw new AppError(
      'INVALID_QUERY',
      `page ${query.page} is past the end: these filters give ${result.pages} page${result.pages === 1 ? '' : 's'}`,
    );
  // The page shows the reader's own filters; the fixed tag is in the heading, not a removable chip.
  return {
    heading: options.heading,
    basePath: options.basePath,
    query: { ...query, includeTags: parsed.includeTags },
    pairs,
    result,
    blurbs,
  };
}
