import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, isAppError } from '../../errors.ts';
import { confirmEmailChange, requestEmailChange } from '../../services/accounts/account.service.ts';
import { deleteAccount } from '../../services/accounts/account-deletion.service.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/accounts/api-token.service.ts';
import { mailerFromEnv } from '../../services/accounts/mailer.ts';
import { createPseud, listPseuds } from '../../services/accounts/pseud.service.ts';
import { type AccountDeps, type AccountRoutePlugin, clearSessionCookie, requestActor } from '../auth.ts';
import { sendPage } from '../render.ts';
import { siteAddress } from '../site-config.ts';
import { type AccountDetails, AccountPage } from '../views/account.page.tsx';

const FormBody = Type.Record(Type.String(), Type.String());
type Form = Record<string, string>;
const FORM_ERRORS = new Set(['INVALID_INPUT', 'NAME_TAKEN', 'INVALID_TOKEN', 'NOT_FOUND']);

/** The account page, with what the member just did or what went wrong. */
export async function showAccount(
  deps: AccountDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  member: Member,
  extra: {
    notice?: string;
    problems?: string[];
    newToken?: AccountDetails['newToken'];
    status?: number;
  } = {},
): Promise<FastifyReply> {
  const details: AccountDetails = {
    pseuds: await listPseuds(deps.store.db, member.userId),
    tokens: await listApiTokens(deps.store.db, member.userId),
    ...(extra.newToken ? { newToken: extra.newToken } : {}),
  };
  return sendPage(
    reply,
    <AccountPage
      ctx={deps.context(request)}
      member={member}
      csrf={reply.generateCsrf()}
      details={details}
      notice={extra.notice}
      problems={extra.problems}
    />,
    extra.status ?? 200,
  );
}

/** The account page and its forms: pseuds, access tokens, email address, deleting the account. */
export const accountSettingsRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const mailer = mailerFromEnv();
  const protect = { preHandler: app.csrfProtection, schema: { body: FormBody } };

  /** Run an action for the logged-in member; a guest is sent to log in, a refused form shown its problem. */
  const asMember =
    (action: (member: Member, request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const member = await requestActor(db, request);
      if (!member) return reply.redirect('/login?return_to=/account', 303);
      try {
        return await action(member, request, reply);
      } catch (error) {
        if (!isAppError(error) || !FORM_ERRORS.has(error.code)) throw error;
        return showAccount(deps, request, reply, member, {
          problems: [error.message],
          status: HTTP_STATUS[error.code],
        });
      }
    };

  app.get(
    '/account',
    asMember((member, request, reply) => showAccount(deps, request, reply, member)),
  );

  app.post(
    '/account/pseuds',
    protect,
    asMember(async (member, request, reply) => {
      const pseud = await createPseud(db, member.userId, (request.body as Form).name ?? '');
      return showAccount(deps, request, reply, member, { notice: `You can now post as ${pseud.name}.` });
    }),
  );

  app.post(
    '/account/tokens',
    protect,
    asMember(async (member, request, reply) => {
      const { token, secret } = await createApiToken(db, member.userId, (request.body as Form).name ?? '');
      return showAccount(deps, request, reply, member, { newToken: { name: token.name, secret } });
    }),
  );

  app.post(
    '/account/tokens/:id/revoke',
    { ...protect, schema: { ...protect.schema, params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    asMember(async (member, request, reply) => {
      const { id } = request.params as { id: number };
      await revokeApiToken(db, member.userId, id);
      return showAccount(deps, request, reply, member, { notice: 'The token is revoked.' });
    }),
  );

  app.post(
    '/account/email',
    protect,
    asMember(async (member, request, reply) => {
      await requestEmailChange(db, mailer, member.userId, request.body, {
        baseUrl: siteAddress(deps.site, request),
      });
      return showAccount(deps, request, reply, member, {
        notice:
          'A confirmation link is on its way to the new address; your address changes when you open it.',
      });
    }),
  );

  app.get(
    '/account/email/confirm',
    { schema: { querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    asMember(async (member, request, reply) => {
      const email = await confirmEmailChange(db, (request.query as { token: string }).token);
      return showAccount(deps, request, reply, member, { notice: `Your email address is now ${email}.` });
    }),
  );

  app.post(
    '/account/delete',
    protect,
    asMember(async (member, request, reply) => {
      await deleteAccount(db, deps.search, member.userId, request.body);
      clearSessionCookie(reply);
      return reply.redirect('/', 303);
    }),
  );
};
