/**
 * Reading a text match's works into columns, and bounding what ranking costs. The engine's rank (FTS5's
 * bm25, PostgreSQL's ts_rank) walks the positions of every matching row, and a common word matches most of
 * the archive (most of a second at 100,000 works on SQLite), though a reader sees twenty. A match of more
 * than `RANK_ALL_LIMIT` works is not ranked: its works rank alike, so "best match" shows them in the filter
 * index's order, the newest first, and a rarer word searched with it decides the order (ranks add up).
 * Ranking on the title, tags and summary alone (an FTS5 column filter) cost about twice the unranked match.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CompiledSql, SearchProvider, TextColumns, TextMatch, TextRead } from './search-provider.ts';

export const RANK_ALL_LIMIT = 2000;

type Row = { id: unknown; rank?: unknown };

/** Rows of `id` (and `rank`) as columns. */
export function rowsToColumns(rows: readonly Row[], ranked: boolean): TextColumns {
  const ids = new Float64Array(rows.length);
  const ranks = ranked ? new Float64Array(rows.length) : null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    ids[i] = Number(row.id);
    if (ranks) ranks[i] = Number(row.rank);
  }
  return { ids, ranks };
}

/** A compiled query's text and parameters alone, for a thread: its syntax tree need not cross. */
export function plainSql(query: CompiledQuery): CompiledSql {
  return { sql: query.sql, parameters: query.parameters };
}

/** Rows of numbers (as a database driver gives them) as one column each, in the rows' key order. */
export function numberColumns(rows: readonly Record<string, unknown>[]): Float64Array[] {
  const names = Object.keys(rows[0] ?? {});
  return names.map((name) => Float64Array.from(rows, (row) => Number(row[name])));
}

/**
 * Run a read with `run` (a database's own way to run a query and give its rows as columns, ranks when
 * `ranked`): the ids, then ranks when few enough match.
 */
export async function runTextRead(
  read: TextRead,
  run: (query: CompiledSql, ranked: boolean) => Promise<TextColumns> | TextColumns,
): Promise<TextColumns> {
  const all = await run(read.ids, false);
  if (!read.ranked) return all;
  if (all.ids.length > read.limit) return { ids: all.ids, ranks: 'alike' };
  return run(read.ranked, true);
}

/** The works a match finds, with their ranks when `ranked` and there are at most `limit` of them. */
export function readTextMatch(
  db: Db,
  provider: SearchProvider,
  match: TextMatch,
  ranked: boolean,
  limit = RANK_ALL_LIMIT,
): Promise<TextColumns> {
  if (ranked && match.matched && !provider.readText)
    return match
      .matched(limit)
      .execute(db)
      .then((result) => rowsToColumns(result.rows, true));
  const read: TextRead = {
    ids: plainSql(match.ids.compile(db)),
    ranked: ranked ? plainSql(match.ranked.compile(db)) : null,
    limit,
  };
  if (provider.readText) return provider.readText(read);
  return runTextRead(read, async (query, ranked) =>
    rowsToColumns(
      (await db.executeQuery<Row>(CompiledQuery.raw(query.sql, [...query.parameters]))).rows,
      ranked,
    ),
  );
}
