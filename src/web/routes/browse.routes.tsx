import { Type } from '@sinclair/typebox';
import type { RoutePlugin } from '../app-deps.ts';
import { decodeTagName, queryPairs, queryString, tagFeedPath, tagPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { ErrorPage, FandomsPage, HomePage, SearchPage } from '../views/pages.tsx';
import { PrivateFeedLink } from '../views/private-feed.tsx';
import { SubscribeButton } from '../views/subscribe-button.tsx';
import { WorksIndexPage } from '../views/works-index.page.tsx';
import { ListingQuery, runListing } from './works-listing.ts';

/** The home page, the works index, tag pages, fandoms and the search form. */
export const browseRoutes: RoutePlugin = async (app, deps) => {
  const cached = { pageCache: true };

  app.get('/', { config: cached }, async (request, reply) => {
    const viewer = await deps.viewer(request);
    const [recent, fandoms] = await Promise.all([
      deps.catalog.recentWorks(10, viewer),
      deps.catalog.tags(['fandom'], viewer),
    ]);
    return sendPage(
      reply,
      <HomePage ctx={deps.context(request)} recent={recent.blurbs} fandoms={fandoms} total={recent.total} />,
    );
  });

  app.get('/works', { schema: { querystring: ListingQuery }, config: cached }, async (request, reply) => {
    const listing = await runListing(deps, request, { heading: 'Works', basePath: '/works' });
    return sendPage(reply, <WorksIndexPage ctx={deps.context(request)} listing={listing} />);
  });

  app.get('/tags/:tag', { schema: { params: Type.Object({ tag: Type.String() }) } }, async (request, reply) =>
    reply.redirect(tagPath(decodeTagName(request.params.tag)), 301),
  );

  app.get(
    '/tags/:tag/works',
    {
      schema: { params: Type.Object({ tag: Type.String({ maxLength: 300 }) }), querystring: ListingQuery },
      config: cached,
    },
    async (request, reply) => {
      const name = decodeTagName(request.params.tag);
      const tag = await deps.catalog.tag(name);
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
      const viewer = await deps.viewer(request);
      listing.intro = (
        <>
          <p class="tag-intro">
            {tag.kind === 'fandom' ? 'Fandom' : 'Tag'}: {tag.name}. Works tagged with any synonym of it are
            included. <a href={tagFeedPath(tag.name)}>Atom feed of new works</a>
            {viewer ? (
              <>
                {' '}
                <PrivateFeedLink feed={tagFeedPath(tag.name)} />
              </>
            ) : null}
          </p>
          <SubscribeButton
            box={{
              kind: 'tag',
              targetId: tag.id,
              label: tag.name,
              subscribed: (await deps.catalog.subscribed('tag', tag.id, viewer)) === true,
              csrf: viewer ? reply.generateCsrf() : null,
              returnTo: basePath,
            }}
          />
        </>
      );
      return sendPage(reply, <WorksIndexPage ctx={ctx} listing={listing} />);
    },
  );

  app.get('/fandoms', { config: cached }, async (request, reply) => {
    const fandoms = await deps.catalog.tags(['fandom'], await deps.viewer(request));
    return sendPage(reply, <FandomsPage ctx={deps.context(request)} fandoms={fandoms} />);
  });

  app.get('/search', { config: cached }, async (request, reply) => {
    const languages = (await deps.catalog.languages(await deps.viewer(request))).map(
      (language) => language.code,
    );
    return sendPage(reply, <SearchPage ctx={deps.context(request)} languages={languages} />);
  });
};
