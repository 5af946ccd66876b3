import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Store } from '../db/connect.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import type { SiteConfig } from './site-config.ts';
import type { PageContext } from './views/page-context.ts';

/** What every route receives: the archive and the site's settings. */
export interface AppDeps {
  store: Store;
  search: SearchProvider;
  site: SiteConfig;
  context(request: FastifyRequest): PageContext;
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
