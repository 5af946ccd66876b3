import { Type } from '@sinclair/typebox';
import type { RoutePlugin } from '../app-deps.ts';
import { seriesPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { ErrorPage } from '../views/pages.tsx';
import { SeriesIndexPage, SeriesPage } from '../views/series.page.tsx';
import type { SubscribeBox } from '../views/subscribe-button.tsx';

/** The series index and a series' page, at `/series/<id>` (legacy links elsewhere redirect there). */
export const seriesRoutes: RoutePlugin = async (app, deps) => {
  const cached = { pageCache: true };

  app.get('/series', { config: cached }, async (request, reply) =>
    sendPage(
      reply,
      <SeriesIndexPage
        ctx={deps.context(request)}
        series={await deps.catalog.seriesList(await deps.viewer(request))}
      />,
    ),
  );

  app.get(
    '/series/:id',
    {
      schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }) },
      config: cached,
    },
    async (request, reply) => {
      const viewer = await deps.viewer(request);
      const series = await deps.catalog.series(request.params.id, viewer);
      const ctx = deps.context(request);
      if (!series)
        return sendPage(
          reply,
          <ErrorPage
            ctx={ctx}
            status={404}
            title="Series not found"
            message={`There is no series ${request.params.id} in this archive.`}
          />,
          404,
        );
      // Members' pages are never cached (page-cache.ts): a guest's log-in prompt is the only answer kept.
      const subscription: SubscribeBox = {
        kind: 'series',
        targetId: series.id,
        label: 'this series',
        subscribed: (await deps.catalog.subscribed('series', series.id, viewer)) === true,
        csrf: viewer ? reply.generateCsrf() : null,
        returnTo: seriesPath(series.id),
      };
      return sendPage(reply, <SeriesPage ctx={ctx} series={series} subscription={subscription} />);
    },
  );
};
