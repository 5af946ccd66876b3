import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyEtag from '@fastify/etag';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Store } from '../db/connect.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { CatalogService } from '../services/catalog.service.ts';
import { HitCounter, type HitCounterOptions } from '../services/community/hit-counter.ts';
import { DownloadService } from '../services/downloads/download.service.ts';
import { StoryReader } from '../services/posting/story-reader.ts';
import { findPathTarget } from '../services/rescue/legacy-link.service.ts';
import { handleApiError, handleApiNotFound } from './api/api-errors.ts';
import { chaptersApi } from './api/chapters.api.ts';
import { worksApi } from './api/works.api.ts';
import type { App, AppDeps } from './app-deps.ts';
import { requestActor } from './auth.ts';
import { AuthDelay, type Sleep } from './auth-delay.ts';
import { ClusterRateStore } from './cluster-rate-limit.ts';
import { handleClientError, handleError, handleFrameworkError, handleNotFound } from './error-pages.tsx';
import { legacyTargetPath } from './legacy-paths.ts';
import { PageCache, registerPageCache } from './page-cache.ts';
import { type FrontListener, registerEarlyHits, serveFront } from './page-cache-early.ts';
import { readSettings, SETTINGS_COOKIE } from './reader-settings.ts';
import { refuseLongUrl, refuseNonFinite, refuseNul } from './request-guards.ts';
import { accountRoutes } from './routes/account.routes.tsx';
import { accountSettingsRoutes } from './routes/account-settings.routes.tsx';
import { atomRoutes } from './routes/atom.routes.ts';
import { bookmarkRoutes } from './routes/bookmark.routes.tsx';
import { browseRoutes } from './routes/browse.routes.tsx';
import { chapterEditRoutes } from './routes/chapter-edit.routes.tsx';
import { claimRoutes } from './routes/claim.routes.tsx';
import { collectionRoutes } from './routes/collection.routes.tsx';
import { commentRoutes } from './routes/comment.routes.tsx';
import { commentModerationRoutes } from './routes/comment-moderation.routes.tsx';
import { creatorRoutes } from './routes/creator.routes.tsx';
import { inboxRoutes } from './routes/inbox.routes.tsx';
import { kudosRoutes } from './routes/kudos.routes.tsx';
import { legacyRoutes } from './routes/legacy.routes.ts';
import { memberFilterRoutes } from './routes/member-filter.routes.tsx';
import { memberWorksRoutes } from './routes/member-works.routes.tsx';
import { moderationRoutes } from './routes/moderation.routes.tsx';
import { opdsRoutes } from './routes/opds.routes.ts';
import { postingRoutes } from './routes/posting.routes.tsx';
import { readingRoutes } from './routes/reading.routes.tsx';
import { seriesRoutes } from './routes/series.routes.tsx';
import { settingsRoutes } from './routes/settings.routes.tsx';
import { subscriptionRoutes } from './routes/subscription.routes.tsx';
import { suggestionRoutes } from './routes/suggestion.routes.ts';
import { tagAutocompleteRoutes } from './routes/tag-autocomplete.routes.ts';
import { workRoutes } from './routes/work.routes.tsx';
import { wranglingRoutes } from './routes/wrangling.routes.tsx';
import { securityHeadersHook } from './security-headers.ts';
import { DEFAULT_SITE, type SiteConfig } from './site-config.ts';
import { KeptBlurbs } from './views/kept-blurbs.tsx';
import type { PageContext } from './views/page-context.ts';

export interface AppOptions {
  store: Store;
  search: SearchProvider;
  site?: Partial<SiteConfig>;
  /** The server's log (see logger.ts); none in tests. */
  logger?: FastifyBaseLogger;
  /** Rendered pages kept between requests (see page-cache.ts); `false` renders every request. */
  pageCache?: PageCache | false;
  /** Rendered blurbs kept between requests (views/kept-blurbs.tsx); a fresh set by default. */
  keptBlurbs?: KeptBlurbs;
  /** How hits are counted (see services/community/hit-counter.ts); tests count each visit at once. */
  hits?: Partial<HitCounterOptions>;
  /**
   * The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (Fastify's `trustProxy`: addresses,
   * CIDR ranges or `loopback`); none by default, as a visitor could otherwise choose their own address.
   */
  trustProxy?: string | false;
  /** How growing delays on log in, sign up and reset wait (auth-delay.ts); tests record them instead. */
  authSleep?: Sleep;
  /**
   * Part of every cached page's ETag (see page-cache.ts); each start draws one, and the processes of one
   * server share it so any of them can answer a revalidation.
   */
  etagSeed?: string;
  /**
   * The download formats offered and where converted ones are kept (services/downloads/); by default EPUB,
   * HTML and text only. `startServer` looks for the converters.
   */
  downloads?: DownloadService;
  /** Where members' uploads and works are read and analysed; by default in the thread that serves. */
  stories?: StoryReader;
}

/**
 * A form's CSRF token: a field of a posted form (in a multipart upload, a field object holding it), or the
 * header scripts send.
 */
function csrfToken(request: FastifyRequest): string {
  const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
  if (typeof field === 'string') return field;
  if (field && typeof field === 'object' && 'value' in field && typeof field.value === 'string')
    return field.value;
  const header = request.headers['csrf-token'] ?? request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : '';
}

/** The shared schemas' own annotations (CLI names, form messages) become OpenAPI `x-` extensions. */
const ANNOTATIONS = new Set(['cliValue', 'cliFlag', 'repeatable', 'errorMessage']);
function annotationsAsExtensions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(annotationsAsExtensions) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      ANNOTATIONS.has(key) ? `x-${key}` : key,
      annotationsAsExtensions(item),
    ]),
  ) as T;
}

/**
 * Fastify's two lines for each request ("incoming request", "request completed") at debug, not info; a request
 * that failed is still logged as an error. At info they cost a server 80 us of CPU a request (bench/README.md),
 * and a site's access log is its reverse proxy's.
 */
class RequestLinesAtDebug extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) super.requestCompleted(error, request, reply);
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** The site as a Fastify app, without listening: tests drive it with `inject`. */
export async function buildApp(options: AppOptions): Promise<App> {
  const site: SiteConfig = { ...DEFAULT_SITE, ...options.site };
  const keptBlurbs = options.keptBlurbs ?? new KeptBlurbs();
  const pageContext = (request: FastifyRequest): PageContext => ({
    site,
    settings: readSettings(request.cookies?.[SETTINGS_COOKIE]),
    url: request.url,
    keptBlurbs,
  });
  // Set once the plugins are registered: the listener answering a guest's cached page before Fastify.
  let front: FrontListener | null = null;
  const app = Fastify({
    serverFactory: serveFront(() => front),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    logController: new RequestLinesAtDebug(),
    // Query strings are parsed by URLSearchParams semantics: repeated keys become lists.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // A malformed escape or an over-long segment, which the router itself refuses, gets the site's page too.
    frameworkErrors: handleFrameworkError({ context: pageContext }),
    clientErrorHandler: handleClientError(site),
    // Behind a reverse proxy, the client's address (for rate limits) and protocol (for HSTS and secure
    // cookies) come from its X-Forwarded-* headers, believed only from the addresses named here.
    trustProxy: options.trustProxy ?? false,
    ajv: {
      customOptions: {
        coerceTypes: 'array',
        removeAdditional: false,
        allErrors: true,
        // The annotations the shared schemas carry for people and the CLI (query-parameters.ts, the forms).
        keywords: ['cliValue', 'cliFlag', 'repeatable', 'errorMessage'],
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Assigned once the plugins are registered; the early hits' hook reads it per request.
  let deps: AppDeps;
  const pageCache = options.pageCache === false ? null : (options.pageCache ?? new PageCache());
  // Before every other hook: a guest's cached page is answered there (page-cache-early.ts).
  if (pageCache) front = registerEarlyHits(app, pageCache, () => deps.hits, options.trustProxy);
  app.addHook('onRequest', securityHeadersHook());
  await app.register(fastifyRateLimit, {
    // Routes' own limits hold across a cluster's processes (cluster-rate-limit.ts).
    store: ClusterRateStore,
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
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // A page answered afresh is compressed for one reader, so at the fastest levels: the defaults (brotli 4)
    // cost several times the CPU for bodies a little smaller (bench/README.md). The page cache compresses
    // what it keeps, sent again and again, at the defaults (page-cache.ts).
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 1 },
  });
  await app.register(fastifyCookie);
  // Account forms carry a token tied to a cookie secret (double submit); routes opt in with csrfProtection.
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax' },
    getToken: csrfToken,
  });
  const catalog = new CatalogService(options.store, options.search, { hideExplicit: site.hideExplicit });
  // After the limiter, helmet and cookies, so a cached page passes through all three; before ETag, whose
  // hash of the body the cache's own ETag spares.
  if (pageCache) registerPageCache(app, pageCache, () => catalog.version(), options.etagSeed ?? randomUUID());
  await app.register(fastifyEtag, { weak: true });
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('./public', import.meta.url)),
    prefix: '/assets/',
    maxAge: '1d',
  });

  const hits = new HitCounter(options.store.db, options.hits);
  // Visits still waiting to be written are written as the server stops.
  app.addHook('onClose', () => hits.write());
  deps = {
    catalog,
    hits,
    downloads: options.downloads ?? new DownloadService(),
    site,
    context: pageContext,
    viewer: (request) => requestActor(options.store.db, request),
  };

  app.setErrorHandler(handleError(deps));
  const notFound = handleNotFound(deps);
  app.setNotFoundHandler(async (request, reply) => {
    // A rescued Automated Archive's story paths (`/archive/jane/story1.html`) lead to their works.
    if (request.method === 'GET' || request.method === 'HEAD') {
      const target = await findPathTarget(options.store.db, request.url);
      const path = target ? legacyTargetPath(target) : null;
      if (path) return reply.redirect(path, 301);
    }
    return notFound(request, reply);
  });
  app.addHook('onRequest', refuseLongUrl);
  app.addHook('preValidation', refuseNul);
  app.addHook('preHandler', refuseNonFinite);

  await app.register(browseRoutes, deps);
  await app.register(seriesRoutes, deps);
  await app.register(workRoutes, deps);
  await app.register(settingsRoutes, deps);
  // Routes that read or write members' records get the store and search provider beside what every route gets.
  const accountDeps = {
    ...deps,
    store: options.store,
    search: options.search,
    authDelay: new AuthDelay(options.authSleep),
    stories: options.stories ?? new StoryReader(),
  };
  await app.register(atomRoutes, accountDeps);
  await app.register(opdsRoutes, accountDeps);
  await app.register(creatorRoutes, accountDeps);
  await app.register(accountRoutes, accountDeps);
  await app.register(accountSettingsRoutes, accountDeps);
  await app.register(memberWorksRoutes, accountDeps);
  await app.register(postingRoutes, accountDeps);
  await app.register(chapterEditRoutes, accountDeps);
  await app.register(suggestionRoutes, accountDeps);
  await app.register(claimRoutes, accountDeps);
  await app.register(tagAutocompleteRoutes, accountDeps);
  await app.register(legacyRoutes, accountDeps);
  await app.register(kudosRoutes, accountDeps);
  await app.register(commentRoutes, accountDeps);
  await app.register(commentModerationRoutes, accountDeps);
  await app.register(inboxRoutes, accountDeps);
  await app.register(bookmarkRoutes, accountDeps);
  await app.register(collectionRoutes, accountDeps);
  await app.register(memberFilterRoutes, accountDeps);
  await app.register(readingRoutes, accountDeps);
  await app.register(subscriptionRoutes, accountDeps);
  await app.register(moderationRoutes, accountDeps);
  await app.register(wranglingRoutes, accountDeps);
  app.get('/healthz', async () => ({ ok: true }));
  // OpenAPI from the API routes' own schemas: registered after the site's routes, so it sees only the API's.
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: `${site.name} API`, version: '1' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transformObject: (documents) =>
      annotationsAsExtensions(
        'openapiObject' in documents ? documents.openapiObject : documents.swaggerObject,
      ),
  });
  await app.register(
    async (api) => {
      api.setErrorHandler(handleApiError);
      api.setNotFoundHandler(handleApiNotFound);
      await api.register(worksApi, accountDeps);
      await api.register(chaptersApi, accountDeps);
    },
    { prefix: '/api/v1' },
  );
  // The API's reference for people at /api/docs, the document itself at /api/docs/json. Swagger UI's bundled
  // assets are served from this server and load nothing inline, so the site's CSP holds for it unchanged;
  // the validator badge (an image from validator.swagger.io) is off, as nothing leaves the site, and so is
  // the top bar, which only loads other documents by address.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: true, layout: 'BaseLayout' },
    theme: { title: `${site.name} API` },
  });
  return app;
}
