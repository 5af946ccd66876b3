import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Member } from '../../services/accounts/actor.ts';
import {
  collectionsOf,
  createCollection,
  deleteOwnCollection,
  renameOwnCollection,
} from '../../services/community/bookmark.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { sendPage } from '../render.ts';
import { CollectionsPage } from '../views/bookmarks.tsx';
import { formProblem, memberOrLogin } from './member-form.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FormBody = Type.Record(Type.String(), Type.String());
const NOTICES = {
  made: 'The collection is made.',
  renamed: 'The collection is renamed.',
  deleted: 'The collection is deleted; its bookmarks stay.',
} as const;
const CollectionsQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) });

/** A member's bookmark collections: make, rename, delete. */
export const collectionRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    member: Member,
    failed?: { problems: string[]; status: number },
  ) {
    const notice = (request.query as { notice?: string }).notice;
    return sendPage(
      reply,
      <CollectionsPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        member={member.name}
        collections={await collectionsOf(db, member, member.userId)}
        notice={notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : undefined}
        problems={failed?.problems}
      />,
      failed?.status ?? 200,
    );
  }

  app.get('/account/collections', { schema: { querystring: CollectionsQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    return show(request, reply, member);
  });

  /** Run a change to the member's collections; a form problem shows the page again with it. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    notice: keyof typeof NOTICES,
    run: (member: Member) => Promise<unknown>,
  ) {
    const member = await memberOrLogin(db, request, reply, '/account/collections');
    if (!member) return reply;
    try {
      await run(member);
    } catch (error) {
      return show(request, reply, member, formProblem(error));
    }
    return reply.redirect(`/account/collections?notice=${notice}`, 303);
  }

  app.post(
    '/account/collections',
    { preHandler: app.csrfProtection, schema: { body: FormBody } },
    (request, reply) =>
      change(request, reply, 'made', (member) => createCollection(db, member, request.body.name)),
  );
  app.post(
    '/account/collections/:id/rename',
    { preHandler: app.csrfProtection, schema: { params: IdParams, body: FormBody } },
    (request, reply) =>
      change(request, reply, 'renamed', (member) =>
        renameOwnCollection(db, member, request.params.id, request.body.name),
      ),
  );
  app.post(
    '/account/collections/:id/delete',
    { preHandler: app.csrfProtection, schema: { params: IdParams, body: FormBody } },
    (request, reply) =>
      change(request, reply, 'deleted', (member) => deleteOwnCollection(db, member, request.params.id)),
  );
};
