import type { Store } from '../db/connect.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';
import { serverLogger } from './logger.ts';
import { PageCache } from './page-cache.ts';
import { startScheduledWork } from './scheduled-work.ts';
import type { SiteConfig } from './site-config.ts';

export interface ServeOptions {
  store: Store;
  search: SearchProvider;
  port: number;
  host: string;
  site?: Partial<SiteConfig>;
  logLevel?: string;
  /** Megabytes of rendered pages kept in memory (see page-cache.ts); 0 renders every request. */
  pageCacheMb?: number;
  /** The reverse proxies to believe (see AppOptions.trustProxy). */
  trustProxy?: string | false;
  /** Shared by the processes of one server (see AppOptions.etagSeed). */
  etagSeed?: string;
}

/** Build the app and listen; the returned app's `close()` stops the server. */
export async function startServer(options: ServeOptions): Promise<{ app: App; url: string }> {
  const app = await buildApp({
    store: options.store,
    search: options.search,
    site: options.site,
    logger: serverLogger(options.logLevel ?? 'info'),
    trustProxy: options.trustProxy ?? false,
    ...(options.etagSeed === undefined ? {} : { etagSeed: options.etagSeed }),
    pageCache:
      options.pageCacheMb === 0
        ? false
        : new PageCache(
            options.pageCacheMb === undefined ? {} : { maxBytes: options.pageCacheMb * 1024 * 1024 },
          ),
  });
  // A read-only archive has nothing to post and no session to forget.
  if (!options.store.readOnly) startScheduledWork(app, options.store, options.search);
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/` };
}
