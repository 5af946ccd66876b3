import type { Command } from 'commander';
import type { Store, StoreOptions } from '../db/connect.ts';
import type { SearchProvider } from '../search/search-provider.ts';

/** The `--data DIR` option every command that opens the archive takes. */
export function addStoreOptions(command: Command): Command {
  return command.option(
    '--data <dir>',
    'folder of the SQLite archive (default: $QUIRE_DATA or ./data); $QUIRE_DATABASE_URL selects PostgreSQL instead',
  );
}

/** The store the command line's options name. */
export function storeOptions(options: { data?: string }): StoreOptions {
  return options.data ? { dataDir: options.data } : {};
}

/**
 * Open the archive the options name, with the search provider for its dialect. `readOnlyFallback` is for the
 * commands that only read (serve, search): a SQLite archive they may not write is opened for reading.
 */
export async function openArchive(
  options: { data?: string },
  access: Pick<StoreOptions, 'readOnlyFallback' | 'sqliteCacheKb' | 'walAutocheckpointPages'> = {},
): Promise<{ store: Store; search: SearchProvider }> {
  // Loaded here, not with the command line: `quire import` opens the archive in a thread of its own.
  const [{ openStore }, { searchProviderFor }] = await Promise.all([
    import('../db/connect.ts'),
    import('../search/providers.ts'),
  ]);
  const store = await openStore({ ...storeOptions(options), ...access });
  return { store, search: searchProviderFor(store.dialect) };
}
