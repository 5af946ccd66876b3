import type { SeriesSummary } from '../../repositories/series.repository.ts';
import type { SeriesWorks } from '../../services/catalog.service.ts';
import { seriesPath } from '../paths.ts';
import { CreatorLinks } from './blurb.tsx';
import { formatNumber } from './format.ts';
import { ListedBlurb } from './kept-blurbs.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { type SubscribeBox, SubscribeButton } from './subscribe-button.tsx';

/** Every series, by title, with who wrote it and how many works it holds. */
export function SeriesIndexPage({ ctx, series }: { ctx: PageContext; series: SeriesSummary[] }) {
  return (
    <Layout ctx={ctx} title="Series">
      <h1>Series</h1>
      {series.length === 0 ? <p>No series yet.</p> : null}
      <ul class="index-list">
        {series.map((entry) => (
          <li key={entry.id}>
            <a href={seriesPath(entry.id)}>{entry.title}</a>
            {entry.creators.length > 0 ? (
              <>
                {' by '}
                <CreatorLinks names={entry.creators} />
              </>
            ) : null}{' '}
            ({formatNumber(entry.works)} {entry.works === 1 ? 'work' : 'works'})
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** A series page as AO3 shows one: its creators, how many works, then the works in reading order. */
export function SeriesPage({
  ctx,
  series,
  subscription,
}: {
  ctx: PageContext;
  series: SeriesWorks;
  /** Subscribe to the series' new works and chapters (a log-in prompt for a guest). */
  subscription?: SubscribeBox;
}) {
  const creators = [...new Map(series.works.flatMap((work) => work.creators).map((c) => [c.id, c])).values()];
  const words = series.works.reduce((sum, work) => sum + work.words, 0);
  return (
    <Layout ctx={ctx} title={series.title}>
      <h1>{series.title}</h1>
      {/* The same link for everyone, as cached pages do not depend on who is logged in; guests log in first. */}
      <p>
        <a class="button" href={`/series/${series.id}/bookmarks/new`}>
          Bookmark Series
        </a>
      </p>
      {subscription ? <SubscribeButton box={subscription} /> : null}
      <dl class="series-meta">
        <div>
          <dt>Creators:</dt>
          <dd>
            <CreatorLinks names={creators.map((creator) => creator.name)} />
          </dd>
        </div>
        <div>
          <dt>Works:</dt>
          <dd>{formatNumber(series.works.length)}</dd>
        </div>
        <div>
          <dt>Words:</dt>
          <dd>{formatNumber(words)}</dd>
        </div>
      </dl>
      {series.works.length === 0 ? <p>No works in this series that you can see.</p> : null}
      <h2 class="sr-only">Works in this series</h2>
      <ol class="work-list series-works">
        {series.works.map((work) => (
          <ListedBlurb key={work.id} work={work} settings={ctx.settings} kept={ctx.keptBlurbs} />
        ))}
      </ol>
      <p>
        <a href="/series">All series</a>
      </p>
    </Layout>
  );
}
