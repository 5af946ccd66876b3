import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyEtag from '@fastify/etag';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Store } from '../db/connect.ts';
import { HTTP_STATUS, isAppError } from '../errors.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { CatalogService } from '../services/catalog.service.ts';
import { findPathTarget } from '../services/rescue/legacy-link.service.ts';
import type { App, AppDeps } from './app-deps.ts';
import { legacyTargetPath } from './legacy-paths.ts';
import { PageCache, registerPageCache } from './page-cache.ts';
import { readSettings, SETTINGS_COOKIE } from './reader-settings.ts';
import { sendPage } from './render.ts';
import { accountRoutes } from './routes/account.routes.tsx';
import { accountSettingsRoutes } from './routes/account-settings.routes.tsx';
import { atomRoutes } from './routes/atom.routes.ts';
import { browseRoutes } from './routes/browse.routes.tsx';
import { creatorRoutes } from './routes/creator.routes.tsx';
import { legacyRoutes } from './routes/legacy.routes.ts';
import { opdsRoutes } from './routes/opds.routes.ts';
import { settingsRoutes } from './routes/settings.routes.tsx';
import { workRoutes } from './routes/work.routes.tsx';
import { DEFAULT_SITE, type SiteConfig } from './site-config.ts';
import { ErrorPage } from './views/pages.tsx';

export interface AppOptions {
  store: Store;
  search: SearchProvider;
  site?: Partial<SiteConfig>;
  /** The server's log (see logger.ts); none in tests. */
  logger?: FastifyBaseLogger;
  /** Rendered pages kept between requests (see page-cache.ts); `false` renders every request. */
  pageCache?: PageCache | false;
}

const TITLE_OF: Record<number, string> = {
  400: 'That request cannot be answered',
  404: 'Page not found',
  413: 'That request is too large',
  403: 'That is not allowed',
  415: 'That request is in a form Quire does not read',
  429: 'Too many requests',
  503: 'The archive is unavailable',
};

/** The site as a Fastify app, without listening: tests drive it with `inject`. */
export async function buildApp(options: AppOptions): Promise<App> {
  const site: SiteConfig = { ...DEFAULT_SITE, ...options.site };
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // Query strings are parsed by URLSearchParams semantics: repeated keys become lists.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Downloads and feeds are opened by e-reader apps from other origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(fastifyRateLimit, {
    max: site.rateLimit,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => {
      const error = new Error(
        `You have made more than ${context.max} requests in a minute. Wait ${context.after} and try again.`,
      ) as Error & { statusCode: number };
      error.statusCode = 429;
      return error;
    },
  });
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(fastifyEtag);
  await app.register(fastifyCookie);
  // Account forms carry a token tied to a cookie secret (double submit); routes opt in with csrfProtection.
  await app.register(fastifyCsrf, { cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax' } });
  const catalog = new CatalogService(options.store, options.search, { hideExplicit: site.hideExplicit });
  // After the limiter, helmet, ETag and cookies, so a cached page passes through all four.
  if (options.pageCache !== false)
    registerPageCache(app, options.pageCache ?? new PageCache(), () => catalog.version());
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./public', import.meta.url)),
    prefix: '/assets/',
    maxAge: '1d',
  });

  const deps: AppDeps = {
    catalog,
    site,
    context: (request) => ({
      site,
      settings: readSettings(request.cookies[SETTINGS_COOKIE]),
      url: request.url,
    }),
  };

  app.setErrorHandler((error, request, reply) => {
    const failure = error as Error & { statusCode?: number; validation?: unknown; code?: string };
    let status = 500;
    let message = 'Something went wrong on our side. It has been logged; please try again later.';
    if (failure.validation) {
      status = 400;
      message = `This address has a value Quire cannot use: ${failure.message}.`;
    } else if (isAppError(error)) {
      status = HTTP_STATUS[error.code];
      if (status < 500 || status === 503) message = error.message;
    } else if (failure.statusCode && failure.statusCode >= 400 && failure.statusCode < 500) {
      status = failure.statusCode;
      message = failure.message;
    }
    // A visitor never sees a stack trace; the log keeps it.
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, reason: message }, 'request refused');
    if (status === 429) reply.header('retry-after', '60');
    return sendPage(
      reply,
      <ErrorPage
        ctx={deps.context(request)}
        status={status}
        title={TITLE_OF[status] ?? 'Something went wrong'}
        message={message}
      />,
      status,
    );
  });
  app.setNotFoundHandler(async (request, reply) => {
    // A rescued Automated Archive's story paths (`/archive/jane/story1.html`) lead to their works.
    if (request.method === 'GET' || request.method === 'HEAD') {
      const target = await findPathTarget(options.store.db, request.url);
      const path = target ? legacyTargetPath(target) : null;
      if (path) return reply.redirect(path, 301);
    }
    return sendPage(
      reply,
      <ErrorPage
        ctx={deps.context(request)}
        status={404}
        title="Page not found"
        message="There is no page at this address. The work may have been removed, or the link may be mistyped."
      />,
      404,
    );
  });

  await app.register(browseRoutes, deps);
  await app.register(creatorRoutes, deps);
  await app.register(workRoutes, deps);
  await app.register(atomRoutes, deps);
  await app.register(opdsRoutes, deps);
  await app.register(settingsRoutes, deps);
  // Accounts write to the archive: they get the store and search provider beside what every route gets.
  const accountDeps = { ...deps, store: options.store, search: options.search };
  await app.register(accountRoutes, accountDeps);
  await app.register(accountSettingsRoutes, accountDeps);
  await app.register(legacyRoutes, accountDeps);
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
