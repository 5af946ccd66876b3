import { Type } from '@sinclair/typebox';
import { listMemberWorks } from '../../services/posting/author-view.service.ts';
import { answerInvitation, listInvitations } from '../../services/posting/cocreator.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { sendPage } from '../render.ts';
import { MemberWorksPage } from '../views/member-works.page.tsx';
import { memberOrLogin, NoticeQuery, noticeOf } from './member-form.ts';

/** A member's own works (drafts included) and their answers to co-creator invitations. */
export const memberWorksRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  app.get('/account/works', { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    return sendPage(
      reply,
      <MemberWorksPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        works={await listMemberWorks(db, member)}
        invitations={await listInvitations(db, member.userId)}
        notice={noticeOf(request.query.notice)}
      />,
    );
  });
  for (const accept of [true, false]) {
    app.post(
      `/account/invitations/:id/${accept ? 'accept' : 'decline'}`,
      {
        preHandler: app.csrfProtection,
        schema: {
          params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
          body: Type.Record(Type.String(), Type.String()),
        },
      },
      async (request, reply) => {
        const member = await memberOrLogin(db, request, reply, '/account/works');
        if (!member) return reply;
        await answerInvitation(db, member, request.params.id, accept);
        return reply.redirect(`/account/works?notice=${accept ? 'accepted' : 'declined'}`, 303);
      },
    );
  }
};
