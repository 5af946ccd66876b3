import { randomUUID } from 'node:crypto';
import { availableParallelism, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CacheBudget, DEFAULT_PROCESS_CACHE_MB, processCacheBytes } from '../cache-budget.ts';
import { translateDatabaseError } from '../db/errors.ts';
import { isAppError } from '../errors.ts';
import { addStoreOptions, openArchive } from './store-options.ts';

function whole(name: string, min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max)
      throw new InvalidArgumentError(
        `--${name} must be a whole number from ${min} to ${max}, not "${value}"`,
      );
    return number;
  };
}

/**
 * At a terminal the person who started the server reads one line with its address, and then what goes wrong;
 * elsewhere (a service manager, a log file) every request is logged, as JSON.
 */
function defaultLogLevel(): string {
  return process.stderr.isTTY ? 'warn' : 'info';
}

/** Whether only this machine can reach an address, so the socket's own address is the one readers use. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function registerServe(program: Command): void {
  addStoreOptions(
    program
      .command('serve')
      .summary('serve the archive as a website')
      .description(
        'Serve the reading site over the archive: works, tags, fandoms, downloads, Atom and OPDS feeds.',
      )
      .option('--port <n>', 'port to listen on (0 picks a free one)', whole('port', 0, 65535), 8080)
      .option('--host <address>', 'address to listen on; 0.0.0.0 for every interface', '127.0.0.1')
      .option('--name <name>', "the archive's name", 'Quire')
      .option(
        '--base-url <url>',
        'the address readers use (https://fic.example), for feeds, downloads and mailed links; needed unless on loopback without a proxy',
      )
      .option(
        '--trust-proxy [addresses]',
        "believe X-Forwarded-For and X-Forwarded-Proto from these reverse proxies (addresses or CIDR ranges, comma-separated; alone: loopback), so rate limits count each reader's own address",
      )
      .option('--hide-explicit', 'keep Explicit works out of listings, counts, feeds and subscription news')
      .option(
        '--rate-limit <n>',
        'requests per minute per address (counted by each worker process)',
        whole('rate-limit', 1, 10_000_000),
        600,
      )
      .option(
        '--workers <n>',
        `server processes sharing the port, one per core by default (here ${availableParallelism()})`,
        whole('workers', 1, 256),
      )
      .option(
        '--cache-mb <n>',
        `megabytes of memory all the server processes together keep for rendered pages, blurbs and search matches, each process a share (default: ${DEFAULT_PROCESS_CACHE_MB} per process, less on a machine with little memory); 0 keeps none and renders every request`,
        whole('cache-mb', 0, 1_000_000),
      )
      .option(
        '--chromium <path>',
        "the Chromium that prints PDF downloads (default: $QUIRE_CHROMIUM, else found on PATH); 'none' offers no PDF",
      )
      .option(
        '--ebook-convert <path>',
        "calibre's ebook-convert, which makes AZW3 and MOBI downloads (default: $QUIRE_EBOOK_CONVERT, else found on PATH); 'none' offers neither",
      )
      .option(
        '--download-cache-mb <n>',
        'megabytes of converted downloads (PDF, AZW3, MOBI) kept in the data folder, under downloads/',
        whole('download-cache-mb', 1, 1_000_000),
        512,
      )
      .addOption(
        new Option(
          '--log-level <level>',
          'what the server logs on stderr (default: warn on a terminal, where the address is printed; else info); debug adds a line as each request comes and goes',
        ).choices(['fatal', 'error', 'warn', 'info', 'debug', 'silent']),
      ),
  ).action(async (options: Record<string, string | number | boolean | undefined>) => {
    if (options.baseUrl !== undefined && !/^https?:\/\/[^\s/]+(?:\/\S*)?$/.test(String(options.baseUrl))) {
      process.stderr.write(`quire serve: --base-url must be an http(s) address, not "${options.baseUrl}"\n`);
      process.exitCode = 2;
      return;
    }
    const trustProxy =
      options.trustProxy === undefined
        ? false
        : options.trustProxy === true
          ? 'loopback'
          : String(options.trustProxy);
    const host = String(options.host);
    if (options.baseUrl === undefined && (!isLoopback(host) || trustProxy)) {
      process.stderr.write(
        `quire serve: --base-url is needed ${trustProxy ? 'behind a reverse proxy' : `when serving on ${host}`}: feeds, downloads and mailed links must name the address readers use (--base-url https://fic.example), never one a visitor's Host header chose.\n`,
      );
      process.exitCode = 2;
      return;
    }
    const { inClusterWorker } = await import('../web/cluster.ts');
    const workers = (options.workers as number | undefined) ?? availableParallelism();
    const worker = inClusterWorker();
    let archive: Awaited<ReturnType<typeof openArchive>>;
    try {
      // Loaded here, not with the command line: `quire import` opens the archive in a thread of its own.
      const { SERVING_SQLITE_CACHE_KB, SERVING_AUTOCHECKPOINT_PAGES } = await import('../db/connect.ts');
      archive = await openArchive(options as { data?: string }, {
        readOnlyFallback: true,
        sqliteCacheKb: SERVING_SQLITE_CACHE_KB,
        // A thread copies the log (below, in the primary or this process alone): a commit does not.
        walAutocheckpointPages: SERVING_AUTOCHECKPOINT_PAGES,
      });
    } catch (caught) {
      const error = translateDatabaseError(caught, String(options.data ?? 'the archive'));
      if (!isAppError(error)) throw error;
      process.stderr.write(`quire serve: ${error.message}\n`);
      process.exitCode = 1;
      // A worker's channel to its primary would keep it running.
      if (worker) process.exit();
      return;
    }
    const readOnlyNotice = () => {
      if (archive.store.readOnly)
        process.stderr.write(
          `quire serve: ${archive.store.location} is read-only here, so it is served for reading: signing up, logging in and posting answer "unavailable".\n`,
        );
    };
    if (workers > 1 && !worker) {
      // The primary opened the archive only to say once, before any worker starts, what is wrong with it.
      const { location } = archive.store;
      readOnlyNotice();
      await archive.store.close();
      (await import('../services/serving-checkpoints.ts')).startServingCheckpoints(archive.store);
      const { runPrimary } = await import('../web/cluster.ts');
      const { primaryTextThreads } = await import('../search/providers.ts');
      const answerTextReads = primaryTextThreads(archive.store, workers);
      runPrimary({
        workers,
        ...(answerTextReads ? { forEachWorker: answerTextReads } : {}),
        env: { QUIRE_ETAG_SEED: randomUUID() },
        onListening: (url, notes) =>
          process.stdout.write(
            `Quire is serving ${location} at ${url}\n(${workers} worker processes; Ctrl-C stops them.)\n${notes.map((note) => `${note}\n`).join('')}`,
          ),
        onNotice: (message) => process.stderr.write(`quire serve: ${message}\n`),
      });
      return;
    }
    try {
      // The web stack loads only for this command, so the others (an import above all) start lighter.
      const { startServer } = await import('../web/server.ts');
      const { servingSearchProvider } = await import('../search/providers.ts');
      // One bound for the process's caches: its pages, blurbs and the search's text matches.
      const cacheBudget = new CacheBudget(
        processCacheBytes(options.cacheMb as number | undefined, workers, totalmem()),
      );
      const search = servingSearchProvider(archive.store, cacheBudget, { textInPrimary: worker });
      const { app, url, downloads, downloadReport } = await startServer({
        store: archive.store,
        search,
        port: options.port as number,
        host,
        logLevel: options.logLevel === undefined ? defaultLogLevel() : String(options.logLevel),
        cacheBudget,
        trustProxy,
        ...(process.env.QUIRE_ETAG_SEED && worker ? { etagSeed: process.env.QUIRE_ETAG_SEED } : {}),
        downloads: {
          converters: {
            ...(options.chromium === undefined ? {} : { chromium: String(options.chromium) }),
            ...(options.ebookConvert === undefined ? {} : { ebookConvert: String(options.ebookConvert) }),
          },
          cacheFolder: resolve(String(options.data ?? process.env.QUIRE_DATA ?? 'data'), 'downloads'),
          cacheMb: options.downloadCacheMb as number,
          buildInPrimary: worker,
        },
        site: {
          name: String(options.name),
          baseUrl: options.baseUrl === undefined ? null : String(options.baseUrl),
          hideExplicit: Boolean(options.hideExplicit),
          rateLimit: options.rateLimit as number,
        },
      });
      // A server of one process copies its archive's log itself; a cluster's primary does it for its workers.
      const checkpoints = worker
        ? null
        : (await import('../services/serving-checkpoints.ts')).startServingCheckpoints(archive.store);
      let stopping: Promise<void> | null = null;
      const stop = () => {
        // Ctrl-C reaches a cluster's workers and their primary, which then asks them again.
        stopping ??= (async () => {
          await app.close();
          await checkpoints?.stop();
          await search.close();
          await archive.store.close();
          process.exit(0);
        })();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const notes = [
        `Downloads: ${downloads.formats().join(', ')}`,
        ...downloadReport.map((line) => `  ${line}`),
      ];
      if (worker) {
        const { announceWorker } = await import('../web/cluster.ts');
        announceWorker(url, notes);
        return;
      }
      process.stdout.write(`Quire is serving ${archive.store.location} at ${url}\n(Ctrl-C stops it.)\n`);
      process.stdout.write(`${notes.join('\n')}\n`);
      readOnlyNotice();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        process.stderr.write(
          `quire serve: cannot listen on ${options.host}:${options.port} (${code}): ${(error as Error).message}\n`,
        );
        process.exitCode = 1;
        await archive.store.close();
        if (worker) process.exit();
        return;
      }
      throw error;
    }
  });
}
