import type { Command } from 'commander';
import { openStore, type Store } from '../db/connect.ts';
import { postgresSearch } from '../search/postgres-fts.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { sqliteSearch } from '../search/sqlite-fts.ts';

/** The `--data DIR` option every command that opens the archive takes. */
export function addStoreOptions(command: Command): Command {
  return command.option(
    '--data <dir>',
    'folder of the SQLite archive (default: $QUIRE_DATA or ./data); $QUIRE_DATABASE_URL selects PostgreSQL instead',
  );
}

/** Open the archive the options name, with the search provider for its dialect. */
export async function openArchive(options: {
  data?: string;
}): Promise<{ store: Store; search: SearchProvider }> {
  const store = await openStore(options.data ? { dataDir: options.data } : {});
  return { store, search: store.dialect === 'postgres' ? postgresSearch : sqliteSearch };
}
