import { Type } from '@sinclair/typebox';
import {
  clearHistory,
  markForLater,
  pauseHistory,
  readings,
} from '../../services/community/reading.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { readingsPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { ReadingsPage } from '../views/readings.page.tsx';
import { memberOrLogin } from './member-form.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
const FormBody = Type.Record(Type.String(), Type.String());
const ReadingsQuery = Type.Object(
  {
    show: Type.Optional(Type.Literal('to-read')),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

/**
 * A member's history and Mark for Later list (AO3's /users/NAME/readings), and the Mark for Later buttons of
 * work pages. Every page here has a session, so none is ever taken from the page cache.
 */
export const readingRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;

  app.get(
    '/users/:name/readings',
    { schema: { params: NameParams, querystring: ReadingsQuery } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const found = await readings(db, member, request.params.name, {
        later: request.query.show === 'to-read',
        search: request.query.q ?? null,
        page: request.query.page ?? 1,
        perPage: deps.site.perPage,
      });
      return sendPage(
        reply,
        <ReadingsPage ctx={deps.context(request)} csrf={reply.generateCsrf()} readings={found} />,
      );
    },
  );

  const form = { preHandler: app.csrfProtection, schema: { params: NameParams, body: FormBody } };
  app.post('/users/:name/readings/clear', form, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/account');
    if (!member) return reply;
    await clearHistory(db, member, request.params.name);
    return reply.redirect(readingsPath(member.name), 303);
  });
  app.post('/users/:name/readings/pause', form, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/account');
    if (!member) return reply;
    await pauseHistory(db, member, request.params.name, request.body.paused !== '0');
    return reply.redirect(readingsPath(member.name), 303);
  });

  for (const later of [true, false]) {
    app.post(
      `/works/:id/${later ? 'mark-for-later' : 'mark-as-read'}`,
      { preHandler: app.csrfProtection, schema: { params: Type.Object({ id: Id }), body: FormBody } },
      async (request, reply) => {
        const member = await memberOrLogin(db, request, reply, `/works/${request.params.id}`);
        if (!member) return reply;
        await markForLater(db, member, request.params.id, later);
        return reply.redirect(`/works/${request.params.id}`, 303);
      },
    );
  }
};
