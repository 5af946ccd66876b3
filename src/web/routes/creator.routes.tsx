import { Type } from '@sinclair/typebox';
import type { RoutePlugin } from '../app-deps.ts';
import { creatorFeedPath, creatorPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { CreatorsPage } from '../views/creators.page.tsx';
import { ErrorPage } from '../views/pages.tsx';
import { WorksIndexPage } from '../views/works-index.page.tsx';
import { ListingQuery, runListing } from './works-listing.ts';

/** The creator index, and a creator's page: their works with the works index's filters and sorts. */
export const creatorRoutes: RoutePlugin = async (app, deps) => {
  const cached = { pageCache: true };

  app.get('/creators', { config: cached }, async (request, reply) =>
    sendPage(
      reply,
      <CreatorsPage
        ctx={deps.context(request)}
        creators={await deps.catalog.creators(await deps.viewer(request))}
      />,
    ),
  );

  app.get(
    '/creators/:name',
    {
      schema: {
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: ListingQuery,
      },
      config: cached,
    },
    async (request, reply) => {
      const { name } = request.params;
      const ctx = deps.context(request);
      if (!(await deps.catalog.creatorExists(name)))
        return sendPage(
          reply,
          <ErrorPage
            ctx={ctx}
            status={404}
            title="Creator not found"
            message={`No creator here is called "${name}". The creator index lists everyone with works here.`}
          />,
          404,
        );
      const listing = await runListing(deps, request, {
        heading: `Works by ${name}`,
        basePath: creatorPath(name),
        fixedCreator: name,
      });
      listing.feeds = [{ title: `New works by ${name}`, href: creatorFeedPath(name) }];
      listing.intro = (
        <>
          <p class="tag-intro">
            <a href={creatorFeedPath(name)}>Atom feed of new works by {name}</a>
          </p>
          <p class="claim-link">
            {/* The same link for everyone, as the page is cached; the claim page says if the name is taken. */}
            <a href={`${creatorPath(name)}/claim`}>Are these your works? Claim the name {name}</a>
          </p>
        </>
      );
      return sendPage(reply, <WorksIndexPage ctx={ctx} listing={listing} />);
    },
  );
};
