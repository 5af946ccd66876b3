import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../../../domain/required-tags.ts';
import type { SearchResult } from '../../../search/search-result.ts';
import type { WorkQuery } from '../../../search/work-query.ts';
import { CheckList, countOf, IncludeExclude } from './checks.tsx';
import { MoreFilters } from './more-filters.tsx';
import { SortFields } from './sort-fields.tsx';
import { TAG_GROUPS, TagFacets } from './tag-facets.tsx';

/** The works index's filter form: sort, the fixed vocabularies, the tag facets and the other filters. */
export function FilterSidebar({
  basePath,
  query,
  result,
  languages,
}: {
  basePath: string;
  query: WorkQuery;
  result: SearchResult;
  languages: string[];
}) {
  // Chosen tags the sidebar has no checkbox for (not among the top counts) ride along as hidden fields.
  const shown = new Set(TAG_GROUPS.flatMap(([kind]) => result.facets[kind].map((facet) => facet.name)));
  const carried = [
    ...query.includeTags.filter((name) => !shown.has(name)).map((name) => ['tags', name] as const),
    ...query.excludeTags.filter((name) => !shown.has(name)).map((name) => ['exclude_tags', name] as const),
  ];
  return (
    <aside class="filters" id="filters" tabindex={-1} aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filters</h2>
      <a class="back-to-results" href="#results-heading">
        Back to the results
      </a>
      <form action={basePath} method="get" class="filter-form">
        <SortFields query={query} />
        <CheckList
          legend="Ratings"
          name="rating"
          options={RATINGS}
          chosen={query.ratings}
          counts={(rating) => countOf(result, 'rating', rating)}
        />
        <IncludeExclude
          summary="Archive Warnings"
          name="warning"
          options={ARCHIVE_WARNINGS}
          included={query.includeWarnings}
          excluded={query.excludeWarnings}
          counts={(warning) => countOf(result, 'warning', warning)}
        />
        <IncludeExclude
          summary="Categories"
          name="category"
          options={CATEGORIES}
          included={query.categories}
          excluded={query.excludeCategories}
          counts={(category) => countOf(result, 'category', category)}
        />
        <TagFacets query={query} result={result} />
        <MoreFilters query={query} result={result} languages={languages} />
        {/* Filters this form has no field for are carried along so submitting keeps them. */}
        {carried.map(([key, name]) => (
          <input key={`${key}-${name}`} type="hidden" name={key} value={name} />
        ))}
        {query.excludeRatings.map((rating) => (
          <input key={rating} type="hidden" name="exclude_rating" value={rating} />
        ))}
        <button type="submit" class="primary">
          Sort and Filter
        </button>
        <a href={basePath} class="clear">
          Clear Filters
        </a>
      </form>
    </aside>
  );
}
