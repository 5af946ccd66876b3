import { Type } from '@sinclair/typebox';
import type { RoutePlugin } from '../app-deps.ts';
import { sendPage } from '../render.ts';
import { CreatorPage, ErrorPage } from '../views/pages.tsx';

/** A creator's page: their works, newest update first, a page at a time. */
export const creatorRoutes: RoutePlugin = async (app, deps) => {
  const cached = { pageCache: true };

  app.get(
    '/creators/:name',
    {
      schema: {
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }),
      },
      config: cached,
    },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const ctx = deps.context(request);
      const found = await deps.catalog.creatorWorks(
        request.params.name,
        { page, perPage: deps.site.perPage },
        await deps.viewer(request),
      );
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
      return sendPage(
        reply,
        <CreatorPage
          ctx={ctx}
          name={request.params.name}
          works={found.blurbs}
          total={found.total}
          page={page}
          pages={pages}
        />,
      );
    },
  );
};
