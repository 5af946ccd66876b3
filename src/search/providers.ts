import type { Dialect } from '../db/database.ts';
import { postgresSearch } from './postgres-fts.ts';
import type { SearchProvider } from './search-provider.ts';
import { sqliteSearch } from './sqlite-fts.ts';

/** The full-text search provider for a database dialect. */
export function searchProviderFor(dialect: Dialect): SearchProvider {
  return dialect === 'postgres' ? postgresSearch : sqliteSearch;
}
