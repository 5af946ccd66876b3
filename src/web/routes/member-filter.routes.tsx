import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Member } from '../../services/accounts/actor.ts';
import {
  excludeFromListings,
  includeInListings,
  memberFiltersOf,
  removeSavedFilter,
  saveFilter,
  setMemberRelation,
} from '../../services/community/member-filter.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { localPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { FILTERS_PATH, MemberFiltersPage, SaveFilterPage } from '../views/member-filters.page.tsx';
import { formProblem, memberOrLogin } from './member-form.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FormBody = Type.Record(Type.String(), Type.String());
const ReturnQuery = Type.Object({ return_to: Type.Optional(Type.String({ maxLength: 2000 })) });
const NewQuery = Type.Object({ query: Type.Optional(Type.String({ maxLength: 4000 })) });
const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) });
const NOTICES = {
  mute: 'Muted: their works and comments are left out of what you read.',
  unmute: 'Unmuted.',
  block: 'Blocked: they can no longer comment on your works or reply to your comments.',
  unblock: 'Unblocked.',
  saved: 'The search is saved.',
  'saved-deleted': 'The saved search is deleted.',
  excluded: 'Left out of every listing you read.',
  included: 'No longer left out.',
} as const;
type NoticeKey = keyof typeof NOTICES;
const RELATION_ACTIONS = [
  ['mute', 'mute', true],
  ['unmute', 'mute', false],
  ['block', 'block', true],
  ['unblock', 'block', false],
] as const;

/**
 * Muting and blocking members (from their creator pages and the settings page), saved works searches and the
 * exclusion list, all under /account/filters.
 */
export const memberFilterRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const form = { preHandler: app.csrfProtection };

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    member: Member,
    failed?: { problems: string[]; status: number },
  ) {
    const notice = (request.query as { notice?: string } | undefined)?.notice;
    return sendPage(
      reply,
      <MemberFiltersPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        filters={await memberFiltersOf(db, member, member.userId)}
        notice={notice && notice in NOTICES ? NOTICES[notice as NoticeKey] : undefined}
        problems={failed?.problems}
      />,
      failed?.status ?? 200,
    );
  }

  app.get(FILTERS_PATH, { schema: { querystring: NoticeQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    return member ? show(request, reply, member) : reply;
  });

  /** Run a change to the member's lists, then show the settings page with its notice or its problem. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    notice: NoticeKey,
    run: (member: Member) => Promise<unknown>,
  ) {
    const member = await memberOrLogin(db, request, reply, FILTERS_PATH);
    if (!member) return reply;
    try {
      await run(member);
    } catch (error) {
      return show(request, reply, member, formProblem(error));
    }
    return reply.redirect(`${FILTERS_PATH}?notice=${notice}`, 303);
  }

  for (const [action, kind, on] of RELATION_ACTIONS)
    app.post(
      `/members/:id/${action}`,
      { ...form, schema: { params: IdParams, querystring: ReturnQuery, body: FormBody } },
      async (request, reply) => {
        const back = localPath(request.query.return_to) ?? FILTERS_PATH;
        const member = await memberOrLogin(db, request, reply, back);
        if (!member) return reply;
        // Not a form's problem: muting oneself is a 400 page, an unknown member a 404 page.
        await setMemberRelation(db, member, kind, request.params.id, on);
        // Back to the member's page as it was (its query is a works search, which takes no notice).
        return reply.redirect(back === FILTERS_PATH ? `${back}?notice=${action}` : back, 303);
      },
    );

  app.get(`${FILTERS_PATH}/new`, { schema: { querystring: NewQuery } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    return sendPage(
      reply,
      <SaveFilterPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        query={request.query.query ?? ''}
      />,
    );
  });

  app.post(`${FILTERS_PATH}/saved`, { ...form, schema: { body: FormBody } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, FILTERS_PATH);
    if (!member) return reply;
    const { name = '', query = '' } = request.body;
    try {
      await saveFilter(db, member, { name, query });
    } catch (error) {
      const { problems, status } = formProblem(error);
      return sendPage(
        reply,
        <SaveFilterPage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          query={query}
          name={name}
          problems={problems}
        />,
        status,
      );
    }
    return reply.redirect(`${FILTERS_PATH}?notice=saved`, 303);
  });

  app.post(
    `${FILTERS_PATH}/saved/:id/delete`,
    { ...form, schema: { params: IdParams, body: FormBody } },
    (request, reply) =>
      change(request, reply, 'saved-deleted', (member) => removeSavedFilter(db, member, request.params.id)),
  );
  app.post(`${FILTERS_PATH}/exclusions`, { ...form, schema: { body: FormBody } }, (request, reply) =>
    change(request, reply, 'excluded', (member) =>
      excludeFromListings(db, member, request.body.kind ?? '', request.body.value ?? ''),
    ),
  );
  app.post(`${FILTERS_PATH}/exclusions/delete`, { ...form, schema: { body: FormBody } }, (request, reply) =>
    change(request, reply, 'included', (member) =>
      includeInListings(db, member, request.body.kind ?? '', request.body.value ?? ''),
    ),
  );
};
