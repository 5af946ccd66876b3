import type { Store } from '../db/connect.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { type App, buildApp } from './app.tsx';
import type { SiteConfig } from './site-config.ts';

export interface ServeOptions {
  store: Store;
  search: SearchProvider;
  port: number;
  host: string;
  site?: Partial<SiteConfig>;
  logLevel?: string;
}

/** Build the app and listen; the returned app's `close()` stops the server. */
export async function startServer(options: ServeOptions): Promise<{ app: App; url: string }> {
  const app = await buildApp({
    store: options.store,
    search: options.search,
    site: options.site,
    logger: { level: options.logLevel ?? 'info' },
  });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/` };
}
