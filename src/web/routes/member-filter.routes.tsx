import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Member } from '../../services/accounts/actor.ts';
import {
  feedTokenMadeAt,
  makeFeedToken,
  revokeFeedToken,
} from '../../services/community/feed-token.service.ts';
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
import { siteAddress } from '../site-config.ts';
import { FILTERS_PATH, MemberFiltersPage, SaveFilterPage } from '../views/member-filters.page.tsx';
import { PRIVATE_FEED_PATH, type PrivateFeedState } from '../views/private-feed.tsx';
import { withFeedKey } from './feed-sources.ts';
import { formProblem, memberOrLogin } from './member-form.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FormBody = Type.Record(Type.String(), Type.String());
const ReturnQuery = Type.Object({ return_to: Type.Optional(Type.String({ maxLength: 2000 })) });
const NewQuery = Type.Object({ query: Type.Optional(Type.String({ maxLength: 4000 })) });
const NoticeQuery = Type.Object({
  notice: Type.Optional(Type.String({ maxLength: 40 })),
  feed: Type.Optional(Type.String({ maxLength: 2000 })),
});
const NOTICES = {
  mute: 'Muted: their works and comments are left out of what you read.',
  unmute: 'Unmuted.',
  block: 'Blocked: they can no longer comment on your works or reply to your comments.',
  unblock: 'Unblocked.',
  saved: 'The search is saved.',
  'saved-deleted': 'The saved search is deleted.',
  excluded: 'Left out of every listing you read.',
  included: 'No longer left out.',
  'feed-revoked': 'Your private feed address is revoked: feed readers using it are refused.',
} as const;
type NoticeKey = keyof typeof NOTICES;
/** A feed of this site a page linked to (an Atom feed or the OPDS catalog), or null. */
function feedOf(value: string | undefined): string | null {
  const path = localPath(value);
  return path && /^\/(?:opds(?:\/|$)|(?:tags|creators)\/[^?#]+\/feed\.atom$)/.test(path) ? path : null;
}

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
    made?: { secret: string; feed: string | null },
  ) {
    const query = request.query as { notice?: string; feed?: string } | undefined;
    const notice = query?.notice;
    const feed = made ? made.feed : feedOf(query?.feed);
    const privateFeed: PrivateFeedState = { madeAt: await feedTokenMadeAt(db, member), feed };
    if (made) {
      const base = siteAddress(deps.site, request);
      privateFeed.made = [
        { label: 'Catalog (OPDS)', href: `${base}${withFeedKey('/opds', made.secret)}` },
        ...(feed ? [{ label: 'This feed', href: `${base}${withFeedKey(feed, made.secret)}` }] : []),
      ];
    }
    return sendPage(
      reply,
      <MemberFiltersPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        filters={await memberFiltersOf(db, member, member.userId)}
        notice={notice && notice in NOTICES ? NOTICES[notice as NoticeKey] : undefined}
        problems={failed?.problems}
        privateFeed={privateFeed}
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

  app.post(PRIVATE_FEED_PATH, { ...form, schema: { body: FormBody } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, FILTERS_PATH);
    if (!member) return reply;
    const secret = await makeFeedToken(db, member);
    // The secret is shown on this answer alone: never cached, never a redirect that would put it in a log.
    reply.header('cache-control', 'no-store');
    return show(request, reply, member, undefined, { secret, feed: feedOf(request.body.feed) });
  });
  app.post(`${PRIVATE_FEED_PATH}/delete`, { ...form, schema: { body: FormBody } }, (request, reply) =>
    change(request, reply, 'feed-revoked', (member) => revokeFeedToken(db, member)),
  );

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
