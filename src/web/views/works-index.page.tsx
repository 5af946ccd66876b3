import type { WorkBlurb } from '../../repositories/work-view.ts';
import { chipLabel } from '../../search/query-parameters.ts';
import type { SearchResult } from '../../search/search-result.ts';
import type { WorkQuery } from '../../search/work-query.ts';
import { queryString } from '../paths.ts';
import { Blurb } from './blurb.tsx';
import { FilterSidebar } from './filters/filter-sidebar.tsx';
import { formatNumber } from './format.ts';
import { ListedBlurb } from './kept-blurbs.tsx';
import { Layout } from './layout.tsx';
import { ListingPersonalNote } from './member-filters.page.tsx';
import type { PageContext } from './page-context.ts';
import { Pagination } from './pagination.tsx';

export interface WorksListing {
  heading: string;
  /** Where the filter form submits: `/works` or a tag's page. */
  basePath: string;
  query: WorkQuery;
  /** The query string as given, for chips, pagination and sort links. */
  pairs: [string, string][];
  result: SearchResult;
  blurbs: WorkBlurb[];
  /** The language codes of the archive's works, for the language filter. */
  languages: string[];
  feeds?: { title: string; href: string }[];
  /** Shown above the list: a tag page's note about synonyms, say. */
  intro?: preact.ComponentChildren;
  /** Shown under each work: a bookmarks page's bookmarks of it. */
  underWork?: (work: WorkBlurb) => preact.ComponentChildren;
  /** The query string a saved search keeps (as /works reads it), where the listing can be saved. */
  savableQuery?: string;
  /** What the list counts, `Works` unless it says otherwise. */
  noun?: string;
}

const without = (pairs: [string, string][], drop: [string, string]) =>
  pairs.filter(([key, value]) => !(key === drop[0] && value === drop[1]) && key !== 'page');

export function WorksIndexPage({ ctx, listing }: { ctx: PageContext; listing: WorksListing }) {
  const { result, query, pairs, basePath } = listing;
  const first = (result.page - 1) * result.perPage + 1;
  const last = first + result.works.length - 1;
  const chips = pairs.flatMap(([key, value]) => {
    const label = chipLabel(key);
    return label ? [{ key, value, label }] : [];
  });
  return (
    <Layout
      ctx={ctx}
      title={listing.heading}
      feeds={listing.feeds}
      noindex={pairs.length > 0}
      skipLinks={[{ href: '#filters', label: 'Skip to filters' }]}
    >
      <div class="works-index">
        <section class="results" aria-labelledby="results-heading">
          <div class="results-heading">
            <h1 id="results-heading">{listing.heading}</h1>
            {/* On a phone the filters follow the results: one tap reaches them, as AO3's Filters button does. */}
            <a class="filters-jump button" href="#filters">
              Filters
            </a>
          </div>
          {listing.intro}
          <p class="result-count" aria-live="polite">
            {result.total === 0
              ? `No ${(listing.noun ?? 'Works').toLowerCase()} found.`
              : `${formatNumber(first)} – ${formatNumber(last)} of ${formatNumber(result.total)} ${listing.noun ?? 'Works'}`}
          </p>
          {query.personal || listing.savableQuery !== undefined ? (
            <ListingPersonalNote personal={query.personal !== null} query={listing.savableQuery ?? null} />
          ) : null}
          {chips.length > 0 ? (
            <ul class="chips" aria-label="Current filters">
              {chips.map(({ key, value, label }) => (
                <li key={`${key}=${value}`}>
                  <a
                    class="chip"
                    href={`${basePath}${queryString(without(pairs, [key, value]))}`}
                    aria-label={`Remove filter ${label}: ${value}`}
                  >
                    {label}: {value} <span aria-hidden="true">×</span>
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
          {result.total > 0 && result.works.length === 0 ? (
            <PastTheEnd basePath={basePath} pairs={pairs} page={result.page} pages={result.pages} />
          ) : null}
          <ol class="work-list">
            {listing.blurbs.map((work) =>
              listing.underWork ? (
                <Blurb key={work.id} work={work} settings={ctx.settings}>
                  {listing.underWork(work)}
                </Blurb>
              ) : (
                <ListedBlurb key={work.id} work={work} settings={ctx.settings} kept={ctx.keptBlurbs} />
              ),
            )}
          </ol>
          <Pagination basePath={basePath} pairs={pairs} page={result.page} pages={result.pages} />
        </section>
        <FilterSidebar basePath={basePath} query={query} result={result} languages={listing.languages} />
      </div>
    </Layout>
  );
}

/** A page number past the results (an old bookmark, say): say so, and offer the last page and the first. */
function PastTheEnd({
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
  const kept = pairs.filter(([key]) => key !== 'page');
  const last = pages > 1 ? [...kept, ['page', String(pages)] as [string, string]] : kept;
  return (
    <div class="past-end" role="status">
      <p>
        There is no page {formatNumber(page)} of these works any more: they fill {formatNumber(pages)}{' '}
        {pages === 1 ? 'page' : 'pages'}.
      </p>
      <p>
        <a href={`${basePath}${queryString(last)}`}>Go to the last page</a> or{' '}
        <a href={`${basePath}${queryString(kept)}`}>start from the first</a>.
      </p>
    </div>
  );
}
