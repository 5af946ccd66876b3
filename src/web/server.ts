import { rm } from 'node:fs/promises';
import type { CacheBudget } from '../cache-budget.ts';
import type { Store } from '../db/connect.ts';
import { type ConverterChoice, findConverters } from '../export/converters.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { mailerFromEnv } from '../services/accounts/mailer.ts';
import { hiddenRatingsOf } from '../services/catalog.service.ts';
import { primaryBuildThreads } from '../services/downloads/build-threads.ts';
import { DownloadService } from '../services/downloads/download.service.ts';
import { prepareCacheFolder } from '../services/downloads/download-cache.ts';
import { StoryReader } from '../services/posting/story-reader.ts';
import { buildApp } from './app.tsx';
import type { App } from './app-deps.ts';
import { serverLogger } from './logger.ts';
import { watchLoop } from './loop-watch.ts';
import { PageCache } from './page-cache.ts';
import { startScheduledWork } from './scheduled-work.ts';
import type { SiteConfig } from './site-config.ts';
import { KeptBlurbs } from './views/kept-blurbs.tsx';

export interface ServeOptions {
  store: Store;
  search: SearchProvider;
  port: number;
  host: string;
  site?: Partial<SiteConfig>;
  logLevel?: string;
  /**
   * The bound on what this process keeps in its rendered pages and kept blurbs (see cache-budget.ts), which
   * the search's text matches share when the caller counts them in it; 0 keeps none and renders every
   * request. Default: each cache's own bound.
   */
  cacheBudget?: CacheBudget;
  /** The reverse proxies to believe (see AppOptions.trustProxy). */
  trustProxy?: string | false;
  /** Shared by the processes of one server (see AppOptions.etagSeed). */
  etagSeed?: string;
  /** The converters (looked for when not named) and where converted downloads are kept. */
  downloads?: {
    converters?: ConverterChoice;
    /** Default: a folder of this process under the system's temporary folder. */
    cacheFolder?: string;
    cacheMb?: number;
    /** In a cluster's worker: long works are written on the primary's build thread, not one of this process. */
    buildInPrimary?: boolean;
  };
}

/**
 * The download formats this machine can make: the converters are looked for (and run once) now, not per
 * request. `report` says what was found and what is not offered, for the person starting the server.
 */
export async function prepareDownloads(
  options: ServeOptions['downloads'] = {},
): Promise<{ downloads: DownloadService; report: string[]; temporaryFolder: string | null }> {
  const { converters, report } = await findConverters(options.converters);
  const place = await prepareCacheFolder(options.cacheFolder);
  if (place.problem) report.push(place.problem);
  const downloads = new DownloadService({
    converters,
    cacheFolder: place.folder,
    // An EPUB of a long work takes a core for a while: written beside the thread that answers requests.
    buildThreads: 1,
    ...(options.buildInPrimary ? { sharedBuildThreads: primaryBuildThreads() } : {}),
    ...(options.cacheMb === undefined ? {} : { cacheBytes: options.cacheMb * 1024 * 1024 }),
  });
  return { downloads, report, temporaryFolder: place.temporary ? place.folder : null };
}

/** Build the app and listen; the returned app's `close()` stops the server. */
export async function startServer(
  options: ServeOptions,
): Promise<{ app: App; url: string; downloads: DownloadService; downloadReport: string[] }> {
  const { downloads, report, temporaryFolder } = await prepareDownloads(options.downloads);
  const budget = options.cacheBudget;
  const stories = new StoryReader({ threads: 1 });
  const app = await buildApp({
    downloads,
    stories,
    hits: { writeEveryMs: 200 },
    store: options.store,
    search: options.search,
    site: options.site,
    logger: serverLogger(options.logLevel ?? 'info'),
    trustProxy: options.trustProxy ?? false,
    ...(options.etagSeed === undefined ? {} : { etagSeed: options.etagSeed }),
    pageCache: budget?.maxBytes === 0 ? false : new PageCache(budget ? { budget } : {}),
    ...(budget ? { keptBlurbs: new KeptBlurbs({ budget }) } : {}),
  });
  watchLoop(app);
  app.addHook('onClose', async () => {
    await Promise.all([downloads.close(), stories.close()]);
    if (temporaryFolder) await rm(temporaryFolder, { recursive: true, force: true });
  });
  // A read-only archive has nothing to post and no session to forget.
  let listening = 'http://localhost';
  if (!options.store.readOnly)
    startScheduledWork(app, options.store, options.search, {
      mailer: mailerFromEnv(),
      siteUrl: () => options.site?.baseUrl?.replace(/\/+$/, '') ?? listening,
      hiddenRatings: hiddenRatingsOf({ hideExplicit: Boolean(options.site?.hideExplicit) }),
    });
  // A worker takes connections only once its filter index is loaded and the listing's code has run: else
  // every worker of a cluster loaded its index while its first readers waited (its SQL alone took 250 ms
  // at 10,000 works).
  const warm = await app.inject({ method: 'GET', url: '/works' });
  if (warm.statusCode !== 200)
    app.log.warn({ status: warm.statusCode }, 'the works index did not load at start');
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  listening = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  app.log.info({ formats: downloads.formats(), converters: report }, 'download formats');
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    downloads,
    downloadReport: report,
  };
}
