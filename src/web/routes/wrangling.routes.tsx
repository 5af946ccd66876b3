import { Type } from '@sinclair/typebox';
import { TAG_KINDS } from '../../domain/tag-kinds.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { decidePossibleTag, listPossibleTags } from '../../services/moderation/possible-tags.service.ts';
import {
  listSuggestedTags,
  REVIEWED_KINDS,
  reviewSuggestedTag,
} from '../../services/moderation/suggested-tags.service.ts';
import { wrangleTag, wranglingQueue } from '../../services/moderation/wrangling.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { sendPage } from '../render.ts';
import { PossibleTagsPage } from '../views/possible-tags.page.tsx';
import { SuggestedTagsPage, WranglingPage } from '../views/wrangling.page.tsx';
import { formProblem, memberOrLogin } from './member-form.ts';

const Body = Type.Record(Type.String(), Type.String());
const QueueQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal(''), ...TAG_KINDS.map((kind) => Type.Literal(kind))])),
  fandom: Type.Optional(Type.String({ maxLength: 200 })),
  done: Type.Optional(Type.Literal('1')),
});

/** Tag wrangling in the browser, for wranglers and admins: the same services as `quire tags`. */
export const wranglingRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const protect = app.csrfProtection;

  app.get('/tags/wrangle', { schema: { querystring: QueueQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const kind = request.query.kind || undefined;
    const fandom = request.query.fandom?.trim() || undefined;
    const tags = await wranglingQueue(db, member, { kind, fandom });
    return sendPage(
      reply,
      <WranglingPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        tags={tags}
        kind={kind}
        fandom={fandom}
        notice={request.query.done ? 'The change is applied to the tag and its works.' : undefined}
      />,
    );
  });
  app.post('/tags/wrangle', { preHandler: protect, schema: { body: Body } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/tags/wrangle');
    if (!member) return reply;
    const input = { ...request.body, kind: request.body.kind || undefined };
    try {
      await wrangleTag(db, member, input);
      return reply.redirect('/tags/wrangle?done=1', 303);
    } catch (error) {
      const { problems, status } = formProblem(error);
      const tags = await wranglingQueue(db, member, {});
      return sendPage(
        reply,
        <WranglingPage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          tags={tags}
          problems={problems}
        />,
        status,
      );
    }
  });

  app.get(
    '/tags/wrangle/suggested',
    {
      schema: {
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          kind: Type.Optional(Type.Union(REVIEWED_KINDS.map((kind) => Type.Literal(kind)))),
          notice: Type.Optional(Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')])),
        }),
      },
    },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const page = request.query.page ?? 1;
      const { tags, more } = await listSuggestedTags(db, member, { page, kind: request.query.kind });
      const notice = request.query.notice ? `The tag is ${request.query.notice}.` : undefined;
      return sendPage(
        reply,
        <SuggestedTagsPage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          tags={tags}
          page={page}
          more={more}
          notice={notice}
        />,
      );
    },
  );
  /** POST `${queue}/:work/${action}`: one decision on one tag of a work, then back to the queue. */
  const decisionRoute = <D extends string>(
    queue: string,
    action: string,
    decision: D,
    decide: (member: Member, workId: number, decision: D, input: unknown) => Promise<void>,
  ) =>
    app.post(
      `${queue}/:work/${action}`,
      {
        preHandler: protect,
        schema: {
          params: Type.Object({ work: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
          body: Body,
        },
      },
      async (request, reply) => {
        const member = await memberOrLogin(db, request, reply, queue);
        if (!member) return reply;
        await decide(member, request.params.work, decision, request.body);
        return reply.redirect(`${queue}?notice=${decision}`, 303);
      },
    );
  const review = (member: Member, workId: number, decision: 'confirmed' | 'rejected', input: unknown) =>
    reviewSuggestedTag(db, member, workId, decision, input);
  decisionRoute('/tags/wrangle/suggested', 'confirm', 'confirmed', review);
  decisionRoute('/tags/wrangle/suggested', 'reject', 'rejected', review);

  app.get(
    '/tags/wrangle/possible',
    {
      schema: {
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
          notice: Type.Optional(Type.Union([Type.Literal('added'), Type.Literal('dismissed')])),
        }),
      },
    },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const page = request.query.page ?? 1;
      const { tags, more } = await listPossibleTags(db, member, { page });
      const notice = request.query.notice ? `The tag is ${request.query.notice}.` : undefined;
      return sendPage(
        reply,
        <PossibleTagsPage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          tags={tags}
          page={page}
          more={more}
          notice={notice}
        />,
      );
    },
  );
  const decide = (member: Member, workId: number, decision: 'added' | 'dismissed', input: unknown) =>
    decidePossibleTag(db, member, workId, decision, input);
  decisionRoute('/tags/wrangle/possible', 'add', 'added', decide);
  decisionRoute('/tags/wrangle/possible', 'dismiss', 'dismissed', decide);
};
