import { Type } from '@sinclair/typebox';
import {
  SUBSCRIPTION_KINDS,
  subscribe,
  subscriptionsOf,
  unsubscribe,
} from '../../services/community/subscription.service.ts';
import {
  chooseDigest,
  DIGEST_FREQUENCIES,
  digestOf,
} from '../../services/community/subscription-mail.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { localPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { SubscriptionsPage } from '../views/subscriptions.page.tsx';
import { memberOrLogin, NoticeQuery, noticeOf } from './member-form.ts';

const TargetParams = Type.Object({
  kind: Type.Union(SUBSCRIPTION_KINDS.map((kind) => Type.Literal(kind))),
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
const TargetBody = Type.Object(
  { _csrf: Type.Optional(Type.String()), return_to: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: true },
);
const DigestBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String()),
    frequency: Type.Union(DIGEST_FREQUENCIES.map((frequency) => Type.Literal(frequency))),
  },
  { additionalProperties: true },
);
const LIST = '/account/subscriptions';

/** Subscribe and unsubscribe (buttons on works, creators, series and tags), and a member's list. */
export const subscriptionRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const form = { preHandler: app.csrfProtection, schema: { params: TargetParams, body: TargetBody } };

  for (const remove of [false, true])
    app.post(`/subscriptions/:kind/:id${remove ? '/delete' : ''}`, form, async (request, reply) => {
      // Back to the page the button was on, when it is this site's.
      const back = localPath(request.body.return_to) ?? LIST;
      const member = await memberOrLogin(db, request, reply, back);
      if (!member) return reply;
      const { kind, id } = request.params;
      if (remove) await unsubscribe(db, member, kind, id);
      else await subscribe(db, member, kind, id);
      return reply.redirect(back, 303);
    });

  app.get(LIST, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    return sendPage(
      reply,
      <SubscriptionsPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        subscriptions={await subscriptionsOf(db, member)}
        digest={await digestOf(db, member)}
        notice={noticeOf(request.query.notice)}
      />,
    );
  });

  app.post(
    `${LIST}/digest`,
    { preHandler: app.csrfProtection, schema: { body: DigestBody } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, LIST);
      if (!member) return reply;
      await chooseDigest(db, member, request.body.frequency);
      return reply.redirect(`${LIST}?notice=saved`, 303);
    },
  );
};
