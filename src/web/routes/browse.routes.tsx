import { Type } from '@sinclair/typebox';
import { findCreatorWorkIds, findTagForPage, listFandoms } from '../../repositories/browse.repository.ts';
import { countWorks } from '../../repositories/work.repository.ts';
import { loadBlurbs } from '../../repositories/work-view.ts';
import { DEFAULT_QUERY } from '../../search/work-query.ts';
import { searchWorks } from '../../search/work-search.ts';
import type { App, AppDeps } from '../app-deps.ts';
import { decodeTagName, queryPairs, queryString, tagFeedPath, tagPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { CreatorPage, ErrorPage, FandomsPage, HomePage, SearchPage } from '../views/pages.tsx';
import { WorksIndexPage } from '../views/works-index.page.tsx';
import { runListing } from './works-listing.ts';

const ListingQuery = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

export function registerBrowseRoutes(app: App, deps: AppDeps): void {
  app.get('/', async (request, reply) => {
    const recent = await searchWorks(deps.store.db, deps.search, {
      ...DEFAULT_QUERY,
      perPage: 10,
      facets: 0,
      excludeRatings: deps.site.hideExplicit ? ['Explicit'] : [],
    });
    const [blurbs, fandoms, total] = await Promise.all([
      loadBlurbs(
        deps.store.db,
        recent.works.map((work) => work.id),
      ),
      listFandoms(deps.store.db, { hideExplicit: deps.site.hideExplicit }),
      deps.site.hideExplicit ? Promise.resolve(recent.total) : countWorks(deps.store.db),
    ]);
    return sendPage(
      reply,
      <HomePage ctx={deps.context(request)} recent={blurbs} fandoms={fandoms} total={total} />,
    );
  });

  app.get('/works', { schema: { querystring: ListingQuery } }, async (request, reply) => {
    const listing = await runListing(deps, request, { heading: 'Works', basePath: '/works' });
    return sendPage(reply, <WorksIndexPage ctx={deps.context(request)} listing={listing} />);
  });

  app.get('/tags/:tag', { schema: { params: Type.Object({ tag: Type.String() }) } }, async (request, reply) =>
    reply.redirect(tagPath(decodeTagName(request.params.tag)), 301),
  );

  app.get(
    '/tags/:tag/works',
    { schema: { params: Type.Object({ tag: Type.String({ maxLength: 300 }) }), querystring: ListingQuery } },
    async (request, reply) => {
      const name = decodeTagName(request.params.tag);
      const tag = await findTagForPage(deps.store.db, name);
      const ctx = deps.context(request);
      if (!tag)
        return sendPage(
          reply,
          <ErrorPage
            ctx={ctx}
            status={404}
            title="Tag not found"
            message={`No work in this archive has the tag "${name}".`}
          />,
          404,
        );
      // A synonym leads to its canonical tag, as on AO3, keeping the reader's filters.
      if (tag.canonical.id !== tag.id)
        return reply.redirect(
          `${tagPath(tag.canonical.name)}${queryString(queryPairs(request.query as Record<string, string>))}`,
          301,
        );
      const basePath = tagPath(tag.name);
      const listing = await runListing(deps, request, {
        heading: `Works in ${tag.name}`,
        basePath,
        fixedTags: [tag.name],
      });
      listing.feeds = [{ title: `New works in ${tag.name}`, href: tagFeedPath(tag.name) }];
      listing.intro = (
        <p class="tag-intro">
          {tag.kind === 'fandom' ? 'Fandom' : 'Tag'}: {tag.name}. Works tagged with any synonym of it are
          included. <a href={tagFeedPath(tag.name)}>Atom feed of new works</a>
        </p>
      );
      return sendPage(reply, <WorksIndexPage ctx={ctx} listing={listing} />);
    },
  );

  app.get('/fandoms', async (request, reply) => {
    const fandoms = await listFandoms(deps.store.db, { hideExplicit: deps.site.hideExplicit });
    return sendPage(reply, <FandomsPage ctx={deps.context(request)} fandoms={fandoms} />);
  });

  app.get(
    '/creators/:name',
    {
      schema: {
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }),
      },
    },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const ctx = deps.context(request);
      const found = await findCreatorWorkIds(deps.store.db, request.params.name, {
        page,
        perPage: deps.site.perPage,
        hideExplicit: deps.site.hideExplicit,
      });
      if (!found)
        return sendPage(
          reply,
          <ErrorPage
            ctx={ctx}
            status={404}
            title="Creator not found"
            message={`No creator here is called "${request.params.name}".`}
          />,
          404,
        );
      const pages = Math.max(1, Math.ceil(found.total / deps.site.perPage));
      if (page > pages)
        return sendPage(
          reply,
          <ErrorPage
            ctx={ctx}
            status={400}
            title="That request cannot be answered"
            message={`page ${page} is past the end: there are ${pages} pages.`}
          />,
          400,
        );
      const works = await loadBlurbs(deps.store.db, found.ids);
      return sendPage(
        reply,
        <CreatorPage
          ctx={ctx}
          name={request.params.name}
          works={works}
          total={found.total}
          page={page}
          pages={pages}
        />,
      );
    },
  );

  app.get('/search', async (request, reply) => sendPage(reply, <SearchPage ctx={deps.context(request)} />));
}
