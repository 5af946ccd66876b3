import { Type } from '@sinclair/typebox';
import type { RoutePlugin } from '../app-deps.ts';
import { localPath } from '../paths.ts';
import { parseSettingsForm, SETTINGS_COOKIE, writeSettings } from '../reader-settings.ts';
import { sendPage } from '../render.ts';
import { SettingsPage } from '../views/pages.tsx';

const ONE_YEAR = 365 * 24 * 60 * 60;

/** The reader's settings form, kept in a cookie. */
export const settingsRoutes: RoutePlugin = async (app, deps) => {
  app.get(
    '/settings',
    { schema: { querystring: Type.Object({ return_to: Type.Optional(Type.String({ maxLength: 2000 })) }) } },
    async (request, reply) =>
      sendPage(
        reply,
        <SettingsPage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          returnTo={localPath(request.query.return_to) ?? '/'}
        />,
      ),
  );

  app.post(
    '/settings',
    {
      preHandler: app.csrfProtection,
      schema: { body: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])) },
    },
    async (request, reply) => {
      const body = request.body as Record<string, string>;
      const returnTo = localPath(typeof body.return_to === 'string' ? body.return_to : undefined) ?? '/';
      const parsed = parseSettingsForm(body);
      if ('problems' in parsed)
        return sendPage(
          reply,
          <SettingsPage
            ctx={deps.context(request)}
            csrf={reply.generateCsrf()}
            returnTo={returnTo}
            problems={parsed.problems}
          />,
          400,
        );
      reply.setCookie(SETTINGS_COOKIE, writeSettings(parsed), {
        path: '/',
        maxAge: ONE_YEAR,
        sameSite: 'lax',
        httpOnly: true,
      });
      return reply.redirect(returnTo, 303);
    },
  );
};
