import type { TagKind } from '../../domain/tag-kinds.ts';
import { ARCHIVE_WARNINGS, CATEGORIES, RATINGS } from '../../ingest/story.ts';
import type { WorkBlurb } from '../../repositories/work-view.ts';
import type { SearchResult } from '../../search/search-result.ts';
import type { WorkQuery } from '../../search/work-query.ts';
import { queryString } from '../paths.ts';
import { Blurb } from './blurb.tsx';
import { formatNumber } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

export interface WorksListing {
  heading: string;
  /** Where the filter form submits: `/works` or a tag's page. */
  basePath: string;
  query: WorkQuery;
  /** The query string as given, for chips, pagination and sort links. */
  pairs: [string, string][];
  result: SearchResult;
  blurbs: WorkBlurb[];
  feeds?: { title: string; href: string }[];
  /** Shown above the list: a tag page's note about synonyms, say. */
  intro?: preact.ComponentChildren;
}

const SORT_LABELS: Record<WorkQuery['sort'], string> = {
  best: 'Best Match',
  updated: 'Date Updated',
  published: 'Date Posted',
  words: 'Word Count',
  kudos: 'Kudos',
  hits: 'Hits',
  bookmarks: 'Bookmarks',
  comments: 'Comments',
  title: 'Title',
  author: 'Creator',
};

const TAG_GROUPS: [TagKind, string][] = [
  ['fandom', 'Fandoms'],
  ['relationship', 'Relationships'],
  ['character', 'Characters'],
  ['freeform', 'Additional Tags'],
];

const CHIP_LABELS: Record<string, string> = {
  q: 'Search',
  tags: 'Including',
  exclude_tags: 'Excluding',
  rating: 'Rating',
  exclude_rating: 'Not rated',
  warning: 'Warning',
  exclude_warning: 'Excluding warning',
  category: 'Category',
  exclude_category: 'Excluding category',
  complete: 'Status',
  words_min: 'At least words',
  words_max: 'At most words',
  published_from: 'Posted from',
  published_to: 'Posted until',
  updated_from: 'Updated from',
  updated_to: 'Updated until',
  language: 'Language',
  crossovers: 'Crossovers',
  fandoms_min: 'At least fandoms',
  fandoms_max: 'At most fandoms',
  main_relationship: 'Main pairing',
};

const without = (pairs: [string, string][], drop: [string, string]) =>
  pairs.filter(([key, value]) => !(key === drop[0] && value === drop[1]) && key !== 'page');
const withPage = (pairs: [string, string][], page: number) => [
  ...pairs.filter(([key]) => key !== 'page'),
  ...(page > 1 ? ([['page', String(page)]] as [string, string][]) : []),
];

export function WorksIndexPage({ ctx, listing }: { ctx: PageContext; listing: WorksListing }) {
  const { result, query, pairs, basePath } = listing;
  const first = (result.page - 1) * result.perPage + 1;
  const last = first + result.works.length - 1;
  const chips = pairs.filter(([key]) => key in CHIP_LABELS);
  return (
    <Layout ctx={ctx} title={listing.heading} feeds={listing.feeds} noindex={pairs.length > 0}>
      <div class="works-index">
        <section class="results" aria-labelledby="results-heading">
          <h1 id="results-heading">{listing.heading}</h1>
          {listing.intro}
          <p class="result-count" aria-live="polite">
            {result.total === 0
              ? 'No works found.'
              : `${formatNumber(first)} – ${formatNumber(last)} of ${formatNumber(result.total)} Works`}
          </p>
          {chips.length > 0 ? (
            <ul class="chips" aria-label="Current filters">
              {chips.map((pair) => (
                <li key={`${pair[0]}=${pair[1]}`}>
                  <a
                    class="chip"
                    href={`${basePath}${queryString(without(pairs, pair))}`}
                    aria-label={`Remove filter ${CHIP_LABELS[pair[0]]}: ${pair[1]}`}
                  >
                    {CHIP_LABELS[pair[0]]}: {pair[1]} <span aria-hidden="true">×</span>
                  </a>
                </li>
              ))}
              <li>
                <a class="chip chip-clear" href={basePath}>
                  Clear filters
                </a>
              </li>
            </ul>
          ) : null}
          <ol class="work-list">
            {listing.blurbs.map((work) => (
              <Blurb key={work.id} work={work} settings={ctx.settings} />
            ))}
          </ol>
          <Pagination basePath={basePath} pairs={pairs} page={result.page} pages={result.pages} />
        </section>
        <FilterSidebar basePath={basePath} query={query} result={result} />
      </div>
    </Layout>
  );
}

function Pagination({
  basePath,
  pairs,
  page,
  pages,
}: {
  basePath: string;
  pairs: [string, string][];
  page: number;
  pages: number;
}) {
  if (pages <= 1) return null;
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  const href = (n: number) => `${basePath}${queryString(withPage(pairs, n))}`;
  return (
    <nav class="pagination" aria-label="Pages">
      <ol>
        <li>
          {page > 1 ? (
            <a href={href(page - 1)} rel="prev">
              ← Previous
            </a>
          ) : (
            <span>← Previous</span>
          )}
        </li>
        {numbers.map((n, index) => (
          <li key={n}>
            {index > 0 && n - (numbers[index - 1] ?? n) > 1 ? <span aria-hidden="true">… </span> : null}
            {n === page ? <span aria-current="page">{n}</span> : <a href={href(n)}>{n}</a>}
          </li>
        ))}
        <li>
          {page < pages ? (
            <a href={href(page + 1)} rel="next">
              Next →
            </a>
          ) : (
            <span>Next →</span>
          )}
        </li>
      </ol>
    </nav>
  );
}

function countOf(result: SearchResult, kind: TagKind, name: string): number | null {
  const facet = result.facets[kind].find((entry) => entry.name === name);
  return facet ? facet.count : null;
}

function Check({
  name,
  value,
  checked,
  label,
  count,
}: {
  name: string;
  value: string;
  checked: boolean;
  label: string;
  count: number | null;
}) {
  const id = `f-${name}-${value}`.replace(/[^A-Za-z0-9_-]+/g, '-');
  return (
    <li>
      <input type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label for={id}>
        {label}
        {count !== null ? <span class="count"> ({formatNumber(count)})</span> : null}
      </label>
    </li>
  );
}

/**
 * A fixed vocabulary to include and to exclude (`name` and `exclude_name`), folded away unless something in
 * it is chosen.
 */
function IncludeExclude<T extends string>({
  summary,
  name,
  options,
  included,
  excluded,
  counts,
}: {
  summary: string;
  name: string;
  options: readonly T[];
  included: readonly T[];
  excluded: readonly T[];
  counts: (option: T) => number | null;
}) {
  return (
    <details open={included.length + excluded.length > 0 || undefined}>
      <summary>{summary}</summary>
      <CheckList legend="Include" name={name} options={options} chosen={included} counts={counts} />
      <CheckList
        legend="Exclude"
        name={`exclude_${name}`}
        options={options}
        chosen={excluded}
        counts={counts}
      />
    </details>
  );
}

/** One fixed vocabulary (ratings, warnings, categories) as checkboxes with their counts in these results. */
function CheckList<T extends string>({
  legend,
  name,
  options,
  chosen,
  counts,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  chosen: readonly T[];
  counts: (option: T) => number | null;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ul>
        {options.map((option) => (
          <Check
            key={option}
            name={name}
            value={option}
            checked={chosen.includes(option)}
            label={option}
            count={counts(option)}
          />
        ))}
      </ul>
    </fieldset>
  );
}

function FilterSidebar({
  basePath,
  query,
  result,
}: {
  basePath: string;
  query: WorkQuery;
  result: SearchResult;
}) {
  // Chosen tags the sidebar has no checkbox for (not among the top counts) ride along as hidden fields.
  const shown = new Set(TAG_GROUPS.flatMap(([kind]) => result.facets[kind].map((facet) => facet.name)));
  const carried = [
    ...query.includeTags.filter((name) => !shown.has(name)).map((name) => ['tags', name] as const),
    ...query.excludeTags.filter((name) => !shown.has(name)).map((name) => ['exclude_tags', name] as const),
  ];
  return (
    <aside class="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filters</h2>
      <form action={basePath} method="get" class="filter-form">
        <div class="field">
          <label for="f-sort">Sort by</label>
          <select id="f-sort" name="sort">
            {Object.entries(SORT_LABELS).map(([value, label]) => (
              <option key={value} value={value} selected={query.sort === value}>
                {label}
              </option>
            ))}
          </select>
          <label for="f-order">Order</label>
          <select id="f-order" name="order">
            <option value="desc" selected={query.order === 'desc'}>
              Descending
            </option>
            <option value="asc" selected={query.order === 'asc'}>
              Ascending
            </option>
          </select>
        </div>
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
        {TAG_GROUPS.map(([kind, label]) => {
          const facets = result.facets[kind];
          return (
            <details key={kind} open={kind === 'fandom' || undefined}>
              <summary>{label}</summary>
              {facets.length === 0 ? (
                <p class="empty">None in these results.</p>
              ) : (
                <table class="facet-table">
                  <caption class="sr-only">{label}: include or exclude</caption>
                  <thead>
                    <tr>
                      <th scope="col">Include</th>
                      <th scope="col">Exclude</th>
                      <th scope="col">Tag (works)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {facets.map((facet) => {
                      const id = `f-${kind}-${facet.id}`;
                      return (
                        <tr key={facet.id}>
                          <td>
                            <input
                              type="checkbox"
                              id={`${id}-in`}
                              name="tags"
                              value={facet.name}
                              checked={query.includeTags.includes(facet.name)}
                              aria-label={`Include ${facet.name}`}
                            />
                          </td>
                          <td>
                            <input
                              type="checkbox"
                              id={`${id}-out`}
                              name="exclude_tags"
                              value={facet.name}
                              checked={query.excludeTags.includes(facet.name)}
                              aria-label={`Exclude ${facet.name}`}
                            />
                          </td>
                          <td>
                            {facet.name} <span class="count">({formatNumber(facet.count)})</span>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </details>
          );
        })}
        <details open>
          <summary>More options</summary>
          <div class="field">
            <label for="f-tags-other">Other tags to include</label>
            <input id="f-tags-other" name="tags" type="text" placeholder="comma, separated" />
          </div>
          <div class="field">
            <label for="f-exclude-other">Other tags to exclude</label>
            <input id="f-exclude-other" name="exclude_tags" type="text" placeholder="comma, separated" />
          </div>
          <div class="field">
            <label for="f-main">Main pairing</label>
            <input
              id="f-main"
              name="main_relationship"
              type="text"
              value={query.mainRelationship ?? ''}
              list="f-main-options"
            />
            <datalist id="f-main-options">
              {result.facets.relationship.map((facet) => (
                <option key={facet.id} value={facet.name} />
              ))}
            </datalist>
          </div>
          <div class="field">
            <label for="f-complete">Completion status</label>
            <select id="f-complete" name="complete">
              <option value="" selected={query.complete === 'any'}>
                All works
              </option>
              <option value="complete" selected={query.complete === 'complete'}>
                Complete works only
              </option>
              <option value="in-progress" selected={query.complete === 'in-progress'}>
                Works in progress only
              </option>
            </select>
          </div>
          <div class="field">
            <label for="f-crossovers">Crossovers</label>
            <select id="f-crossovers" name="crossovers">
              <option value="" selected={query.crossovers === 'include'}>
                Include crossovers
              </option>
              <option value="exclude" selected={query.crossovers === 'exclude'}>
                Exclude crossovers
              </option>
              <option value="only" selected={query.crossovers === 'only'}>
                Only crossovers
              </option>
            </select>
          </div>
          <fieldset class="range">
            <legend>Words</legend>
            <label for="f-words-min">From</label>
            <input id="f-words-min" name="words_min" type="number" min="0" value={query.wordsMin ?? ''} />
            <label for="f-words-max">To</label>
            <input id="f-words-max" name="words_max" type="number" min="0" value={query.wordsMax ?? ''} />
          </fieldset>
          <fieldset class="range">
            <legend>Date updated</legend>
            <label for="f-updated-from">From</label>
            <input id="f-updated-from" name="updated_from" type="date" value={query.updatedFrom ?? ''} />
            <label for="f-updated-to">To</label>
            <input id="f-updated-to" name="updated_to" type="date" value={query.updatedTo ?? ''} />
          </fieldset>
          <fieldset class="range">
            <legend>Date posted</legend>
            <label for="f-published-from">From</label>
            <input
              id="f-published-from"
              name="published_from"
              type="date"
              value={query.publishedFrom ?? ''}
            />
            <label for="f-published-to">To</label>
            <input id="f-published-to" name="published_to" type="date" value={query.publishedTo ?? ''} />
          </fieldset>
          <fieldset class="range">
            <legend>Number of fandoms</legend>
            <label for="f-fandoms-min">From</label>
            <input
              id="f-fandoms-min"
              name="fandoms_min"
              type="number"
              min="0"
              value={query.fandomsMin ?? ''}
            />
            <label for="f-fandoms-max">To</label>
            <input
              id="f-fandoms-max"
              name="fandoms_max"
              type="number"
              min="0"
              value={query.fandomsMax ?? ''}
            />
          </fieldset>
          <div class="field">
            <label for="f-q">Search within results</label>
            <input id="f-q" name="q" type="search" value={query.text ?? ''} />
          </div>
          <div class="field">
            <label for="f-language">Language code</label>
            <input
              id="f-language"
              name="language"
              type="text"
              value={query.language ?? ''}
              placeholder="en"
            />
          </div>
        </details>
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
