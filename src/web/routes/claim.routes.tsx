import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';
import {
  acceptClaimInvitation,
  creatorNameStatus,
  decideClaim,
  inviteClaim,
  listPendingClaims,
  requestClaim,
} from '../../services/accounts/claim.service.ts';
import { mailerFromEnv } from '../../services/accounts/mailer.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { creatorPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { siteAddress } from '../site-config.ts';
import { AdminPage, ClaimAcceptPage, ClaimRequestPage } from '../views/claim.page.tsx';
import { formProblem, memberOrLogin, NoticeQuery, noticeOf } from './member-form.ts';

const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
const Body = Type.Record(Type.String(), Type.String());

/** Claims of imported creator names: asked from the creator page, decided on the admin page, or mailed. */
export const claimRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const mailer = mailerFromEnv();
  const protect = app.csrfProtection;

  app.get('/creators/:name/claim', { schema: { params: NameParams } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, `${creatorPath(request.params.name)}/claim`);
    if (!member) return reply;
    const status = await creatorNameStatus(db, request.params.name);
    return sendPage(
      reply,
      <ClaimRequestPage ctx={deps.context(request)} csrf={reply.generateCsrf()} {...status} />,
    );
  });
  app.post(
    '/creators/:name/claim',
    { preHandler: protect, schema: { params: NameParams, body: Body } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, `${creatorPath(request.params.name)}/claim`);
      if (!member) return reply;
      const status = await creatorNameStatus(db, request.params.name);
      try {
        await requestClaim(db, member, status.name, request.body.message ?? '');
        return sendPage(
          reply,
          <ClaimRequestPage ctx={deps.context(request)} csrf={reply.generateCsrf()} {...status} sent />,
        );
      } catch (error) {
        const { problems, status: code } = formProblem(error);
        return sendPage(
          reply,
          <ClaimRequestPage
            ctx={deps.context(request)}
            csrf={reply.generateCsrf()}
            {...status}
            problems={problems}
          />,
          code,
        );
      }
    },
  );

  app.get('/admin', { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    return sendPage(
      reply,
      <AdminPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        claims={await listPendingClaims(db, member)}
        notice={noticeOf(request.query.notice)}
      />,
    );
  });
  app.get(
    '/admin/work',
    { schema: { querystring: Type.Object({ work: Type.String({ maxLength: 2000 }) }) } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, '/admin');
      if (!member) return reply;
      const id = /^\s*(?:.*\/works\/)?(\d{1,9})(?:[/?#].*)?\s*$/.exec(request.query.work)?.[1];
      if (!id) throw new AppError('INVALID_INPUT', 'work: give a work number, or a work page address');
      return reply.redirect(`/works/${Number(id)}/manage`, 303);
    },
  );
  for (const approve of [true, false]) {
    app.post(
      `/admin/claims/:id/${approve ? 'approve' : 'reject'}`,
      {
        preHandler: protect,
        schema: {
          params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
          body: Body,
        },
      },
      async (request, reply) => {
        const member = await memberOrLogin(db, request, reply, '/admin');
        if (!member) return reply;
        await decideClaim(db, member, request.params.id, approve);
        return reply.redirect(`/admin?notice=${approve ? 'approved' : 'rejected'}`, 303);
      },
    );
  }
  app.post(
    '/admin/claims/invite',
    { preHandler: protect, schema: { body: Body } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, '/admin');
      if (!member) return reply;
      await inviteClaim(db, mailer, member, request.body.creator ?? '', request.body.email ?? '', {
        baseUrl: siteAddress(deps.site, request),
      });
      return reply.redirect('/admin?notice=claim-invited', 303);
    },
  );

  app.get(
    '/claims/accept',
    { schema: { querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      return sendPage(
        reply,
        <ClaimAcceptPage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          token={request.query.token}
        />,
      );
    },
  );
  app.post('/claims/accept', { preHandler: protect, schema: { body: Body } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/account/works');
    if (!member) return reply;
    await acceptClaimInvitation(db, member, request.body.token ?? '');
    return reply.redirect('/account/works?notice=claimed', 303);
  });
};
