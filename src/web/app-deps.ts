import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { CatalogService, Viewer } from '../services/catalog.service.ts';
import type { HitCounter } from '../services/community/hit-counter.ts';
import type { DownloadService } from '../services/downloads/download.service.ts';
import type { SiteConfig } from './site-config.ts';
import type { PageContext } from './views/page-context.ts';

/** What every route plugin is registered with: the archive as visitors may see it, and the site's settings. */
export interface AppDeps {
  catalog: CatalogService;
  /** Visits to work pages, counted once per visitor, work and day. */
  hits: HitCounter;
  /** The download formats this server can make, and making them. */
  downloads: DownloadService;
  site: SiteConfig;
  context(request: FastifyRequest): PageContext;
  /** Who the request comes from (its session or access token), for what the catalog lets them see. */
  viewer(request: FastifyRequest): Promise<Viewer>;
}

/** A group of routes: a Fastify plugin registered with the app's dependencies. */
export type RoutePlugin = FastifyPluginAsyncTypebox<AppDeps>;

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Keep this GET route's answers in the page cache (page-cache.ts): for pages and downloads that depend
     * only on the archive, the address and the reader's cookies.
     */
    pageCache?: boolean;
    /** A work's page: answering it counts a hit (services/community/hit-counter.ts). */
    countsHit?: boolean;
  }
}
