import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, isAppError } from '../../errors.ts';
import {
  changePassword,
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
} from '../../services/accounts/account.service.ts';
import { mailerFromEnv } from '../../services/accounts/mailer.ts';
import { endSession, startSession } from '../../services/accounts/session.service.ts';
import {
  type AccountRoutePlugin,
  clearSessionCookie,
  requestActor,
  SESSION_COOKIE,
  setSessionCookie,
} from '../auth.ts';
import type { AuthDelay } from '../auth-delay.ts';
import { localPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { siteAddress } from '../site-config.ts';
import {
  ChangePasswordPage,
  ForgotPasswordPage,
  LogInPage,
  ResetPasswordPage,
  SignUpPage,
} from '../views/account.page.tsx';
import { showAccount } from './account-settings.routes.tsx';

/** Log in, sign up and reset: few tries a minute from one address, against guessing and floods. */
export const AUTH_RATE_LIMIT = { max: 10, timeWindow: '1 minute' };
/** The failures a form shows back to the person, with the status they answer with. */
const FORM_ERRORS = new Set([
  'INVALID_INPUT',
  'LOGIN_FAILED',
  'NAME_TAKEN',
  'INVALID_TOKEN',
  'FORBIDDEN',
  'SUSPENDED',
]);

const FormBody = Type.Record(Type.String(), Type.String());
type Form = Record<string, string>;

/** Run a form's action; an expected failure shows the form again with the problem, keeping what was typed. */
async function handleForm(
  reply: FastifyReply,
  action: () => Promise<FastifyReply>,
  showAgain: (problems: string[]) => preact.VNode,
  delay?: { throttle: AuthDelay; keys: string[] },
): Promise<FastifyReply> {
  // Each failure makes the next try from this address, or at this account, wait longer.
  if (delay) await delay.throttle.wait(delay.keys);
  try {
    const answer = await action();
    delay?.throttle.succeed(delay.keys);
    return answer;
  } catch (error) {
    if (!isAppError(error) || !FORM_ERRORS.has(error.code)) throw error;
    delay?.throttle.fail(delay.keys);
    return sendPage(reply, showAgain([error.message]), HTTP_STATUS[error.code]);
  }
}

/** What growing delays count failures by: the address, and the account name tried. */
const delayKeys = (request: FastifyRequest, name: string | undefined) => [
  `address:${request.ip}`,
  ...(name ? [`name:${name.trim().toLowerCase()}`] : []),
];

/** What a form puts back in its fields: everything typed but passwords and tokens. */
function kept(body: Form): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (!/password|token|_csrf/i.test(key) && typeof value === 'string') values[key] = value.slice(0, 300);
  return values;
}

export const accountRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const mailer = mailerFromEnv();
  const baseUrl = (request: FastifyRequest) => siteAddress(deps.site, request);
  const protect = { preHandler: app.csrfProtection };
  const limited = { config: { rateLimit: AUTH_RATE_LIMIT } };

  app.get('/signup', async (request, reply) =>
    sendPage(reply, <SignUpPage ctx={deps.context(request)} state={{ csrf: reply.generateCsrf() }} />),
  );
  app.post('/signup', { ...protect, ...limited, schema: { body: FormBody } }, async (request, reply) => {
    const body = request.body as Form;
    return handleForm(
      reply,
      async () => {
        const member = await signUp(db, body);
        const session = await startSession(db, member.userId, {
          replacing: request.cookies[SESSION_COOKIE] ?? null,
        });
        setSessionCookie(request, reply, session, deps.site.baseUrl);
        return reply.redirect('/account', 303);
      },
      (problems) => (
        <SignUpPage
          ctx={deps.context(request)}
          state={{ csrf: reply.generateCsrf(), problems, values: kept(body) }}
        />
      ),
      { throttle: deps.authDelay, keys: delayKeys(request, body.username) },
    );
  });

  app.get(
    '/login',
    { schema: { querystring: Type.Object({ return_to: Type.Optional(Type.String({ maxLength: 2000 })) }) } },
    async (request, reply) =>
      sendPage(
        reply,
        <LogInPage
          ctx={deps.context(request)}
          state={{
            csrf: reply.generateCsrf(),
            values: { return_to: localPath(request.query.return_to) ?? '/' },
          }}
        />,
      ),
  );
  app.post('/login', { ...protect, ...limited, schema: { body: FormBody } }, async (request, reply) => {
    const body = request.body as Form;
    return handleForm(
      reply,
      async () => {
        const { session } = await logIn(db, body, { replacing: request.cookies[SESSION_COOKIE] ?? null });
        setSessionCookie(request, reply, session, deps.site.baseUrl);
        return reply.redirect(localPath(body.return_to) ?? '/account', 303);
      },
      (problems) => (
        <LogInPage
          ctx={deps.context(request)}
          state={{ csrf: reply.generateCsrf(), problems, values: kept(body) }}
        />
      ),
      { throttle: deps.authDelay, keys: delayKeys(request, body.login) },
    );
  });

  app.post('/logout', { ...protect, schema: { body: FormBody } }, async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    if (secret) await endSession(db, secret);
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });

  app.get('/account/password', async (request, reply) => {
    if (!(await requestActor(db, request))) return reply.redirect('/login?return_to=/account/password', 303);
    return sendPage(
      reply,
      <ChangePasswordPage ctx={deps.context(request)} state={{ csrf: reply.generateCsrf() }} />,
    );
  });
  app.post(
    '/account/password',
    { ...protect, ...limited, schema: { body: FormBody } },
    async (request, reply) => {
      const member = await requestActor(db, request);
      if (!member) return reply.redirect('/login?return_to=/account/password', 303);
      return handleForm(
        reply,
        async () => {
          await changePassword(db, member.userId, request.body, {
            currentSession: request.cookies[SESSION_COOKIE] ?? null,
          });
          return showAccount(deps, request, reply, member, {
            notice: 'Your password is changed; every other browser is logged out.',
          });
        },
        (problems) => (
          <ChangePasswordPage ctx={deps.context(request)} state={{ csrf: reply.generateCsrf(), problems }} />
        ),
      );
    },
  );

  app.get('/account/forgot', async (request, reply) =>
    sendPage(
      reply,
      <ForgotPasswordPage ctx={deps.context(request)} state={{ csrf: reply.generateCsrf() }} />,
    ),
  );
  app.post(
    '/account/forgot',
    { ...protect, ...limited, schema: { body: FormBody } },
    async (request, reply) => {
      const body = request.body as Form;
      // Every request counts: a reset mails someone, so asking again and again slows down too.
      const keys = delayKeys(request, body.login);
      await deps.authDelay.wait(keys);
      deps.authDelay.fail(keys);
      // The same answer whether or not an account matches.
      await requestPasswordReset(db, mailer, body.login ?? '', { baseUrl: baseUrl(request) });
      return sendPage(
        reply,
        <ForgotPasswordPage ctx={deps.context(request)} state={{ csrf: reply.generateCsrf() }} sent />,
      );
    },
  );

  app.get(
    '/account/reset',
    { schema: { querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    async (request, reply) =>
      sendPage(
        reply,
        <ResetPasswordPage
          ctx={deps.context(request)}
          state={{ csrf: reply.generateCsrf() }}
          token={request.query.token}
        />,
      ),
  );
  app.post(
    '/account/reset',
    { ...protect, ...limited, schema: { body: FormBody } },
    async (request, reply) => {
      const body = request.body as Form;
      return handleForm(
        reply,
        async () => {
          const member = await resetPassword(db, body);
          const session = await startSession(db, member.userId, {
            replacing: request.cookies[SESSION_COOKIE] ?? null,
          });
          setSessionCookie(request, reply, session, deps.site.baseUrl);
          return reply.redirect('/account', 303);
        },
        (problems) => (
          <ResetPasswordPage
            ctx={deps.context(request)}
            state={{ csrf: reply.generateCsrf(), problems }}
            token={body.token ?? ''}
          />
        ),
        { throttle: deps.authDelay, keys: delayKeys(request, undefined) },
      );
    },
  );
};
