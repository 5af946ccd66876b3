import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';

/** The sample stories shipped in the repository: `samples/` and its `demo/` archive. */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples', import.meta.url));
const DEFAULT_DEMO_DATA = '.quire/demo';

const port = (value: string): number => {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535)
    throw new InvalidArgumentError(`--port must be a whole number from 0 to 65535, not "${value}"`);
  return number;
};

/**
 * `quire demo` (the README's first command, `npm run demo`): import the sample stories into a demo archive
 * and serve it. Importing again changes nothing, so a second run starts at once.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .summary('build the demo archive from the sample stories and serve it')
    .option('--data <dir>', 'folder for the demo archive', DEFAULT_DEMO_DATA)
    .option('--port <n>', 'port to serve on (0 picks a free one)', port, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--no-serve', 'build the archive and stop')
    .action(async (options: { data: string; port: number; host: string; serve: boolean }) => {
      const [{ importStories }, { CatalogService }, { openStore }, { searchProviderFor }] = await Promise.all(
        [
          import('../services/import.service.ts'),
          import('../services/catalog.service.ts'),
          import('../db/connect.ts'),
          import('../search/providers.ts'),
        ],
      );
      const store = await openStore({ dataDir: options.data });
      const search = searchProviderFor(store.dialect);
      process.stdout.write(`Building the demo archive in ${store.location} from ${SAMPLES_DIR} ...\n`);
      const summary = await importStories(store, search, { paths: [SAMPLES_DIR] });
      const { imported, updated, unchanged, duplicate, failed } = summary.counts;
      process.stdout.write(
        `${await new CatalogService(store, search, { hideExplicit: false }).countWorks(null)} works in the demo archive (imported ${imported}, updated ${updated}, unchanged ${unchanged}, duplicates ${duplicate}, failed ${failed}).\n`,
      );
      for (const failure of summary.failures)
        process.stdout.write(`  failed: ${failure.source}: ${failure.error}\n`);
      if (!options.serve) {
        await store.close();
        return;
      }
      const { startServer } = await import('../web/server.ts');
      let served: Awaited<ReturnType<typeof startServer>>;
      try {
        served = await startServer({
          store,
          search,
          port: options.port,
          host: options.host,
          logLevel: 'warn',
          site: { name: 'Quire demo' },
        });
      } catch (error) {
        if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
        process.stdout.write(`Port ${options.port} is taken; picking a free one.\n`);
        served = await startServer({
          store,
          search,
          port: 0,
          host: options.host,
          logLevel: 'warn',
          site: { name: 'Quire demo' },
        });
      }
      process.stdout.write(`\nThe demo archive is open at ${served.url}\n(Ctrl-C stops it.)\n`);
      const stop = async () => {
        await served.app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
