import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * PostgreSQL ranks full-text matches on a small `search_head` vector (title weight A, tags and summary B)
 * rather than on `search_vector`, whose story body is large and TOASTed. Existing works get their head from
 * their full vector: its A and B positions are exactly the title, tags and summary, which come first in it.
 * SQLite is unchanged.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists.
export async function addSearchHead(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`ALTER TABLE works ADD COLUMN search_head tsvector`.execute(db);
  await sql`UPDATE works SET search_head = ts_filter(search_vector, '{a,b}') WHERE search_vector IS NOT NULL`.execute(
    db,
  );
}
