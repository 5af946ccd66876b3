import type { Command } from 'commander';
import { openStore, type Store, type StoreOptions } from '../db/connect.ts';
import { searchProviderFor } from '../search/providers.ts';
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

/** Open the archive the options name, with the search provider for its dialect. */
export async function openArchive(options: {
  data?: string;
}): Promise<{ store: Store; search: SearchProvider }> {
  const store = await openStore(storeOptions(options));
  return { store, search: searchProviderFor(store.dialect) };
}
