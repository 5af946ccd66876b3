import { Type } from '@sinclair/typebox';
import {
  chooseCommentMail,
  INBOX_PAGE_SIZE,
  inboxOf,
  markInboxRead,
} from '../../services/community/notification.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { sendPage } from '../render.ts';
import { InboxPage } from '../views/inbox.page.tsx';
import { memberOrLogin, noticeOf } from './member-form.ts';

const InboxQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  notice: Type.Optional(Type.String({ maxLength: 40 })),
});
const FormBody = Type.Record(Type.String(), Type.String());

/** A member's inbox (`notifications`): read it, mark it read, choose mail. */
export const inboxRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const protect = { preHandler: app.csrfProtection, schema: { body: FormBody } };

  app.get('/inbox', { schema: { querystring: InboxQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const page = request.query.page ?? 1;
    const inbox = await inboxOf(db, member, page, deps.catalog.hiddenRatings());
    return sendPage(
      reply,
      <InboxPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        inbox={inbox}
        page={page}
        pages={Math.max(1, Math.ceil(inbox.total / INBOX_PAGE_SIZE))}
        notice={noticeOf(request.query.notice)}
      />,
    );
  });

  app.post('/inbox/read', protect, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/inbox');
    if (!member) return reply;
    await markInboxRead(db, member);
    return reply.redirect('/inbox', 303);
  });

  app.post('/inbox/mail', protect, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/inbox');
    if (!member) return reply;
    await chooseCommentMail(db, member, (request.body as Record<string, string>).comment_mail === 'on');
    return reply.redirect('/inbox?notice=saved', 303);
  });
};
