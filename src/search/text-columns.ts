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
import type {
  CompiledSql,
  PackedColumns,
  SearchProvider,
  TextColumns,
  TextMatch,
  TextRead,
} from './search-provider.ts';

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

/**
 * A packed match's columns (`TextMatch.packed`), its rows read in turn: none when nothing matched; ranks
 * `'alike'` when they were asked for and too many matched to rank, null when they were not asked for.
 */
export function unpackColumns(rows: readonly PackedColumns[], ranked: boolean): TextColumns {
  const ids = new Float64Array(rows.reduce((sum, row) => sum + listLength(row.ids), 0));
  let at = 0;
  for (const row of rows) at = readIds(row.ids, ids, at);
  if (!ranked) return { ids, ranks: null };
  if (rows.some((row) => !row.ranks)) return { ids, ranks: ids.length === 0 ? new Float64Array(0) : 'alike' };
  const ranks = Float64Array.from(
    rows.flatMap((row) => (row.ranks as string).split(',')),
    (rank) => Number(rank),
  );
  if (ranks.length !== ids.length || ranks.some(Number.isNaN))
    throw new Error('a text match sent ranks that are not one number for each work');
  return { ids, ranks };
}

/** How many numbers a list of them joined by commas holds. */
function listLength(list: string | null): number {
  if (!list) return 0;
  let count = 1;
  for (let i = list.indexOf(','); i !== -1; i = list.indexOf(',', i + 1)) count++;
  return count;
}

// Digit by digit rather than split and Number: a common word's 100,000 ids made as many strings.
function readIds(list: string | null, into: Float64Array, start: number): number {
  if (!list) return start;
  let at = start;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= list.length; i++) {
    const code = i < list.length ? list.charCodeAt(i) : COMMA;
    if (code === COMMA) {
      if (digits === 0) throw new Error('a text match sent an empty id');
      into[at++] = value;
      value = 0;
      digits = 0;
    } else if (code >= ZERO && code <= ZERO + 9 && digits < 10) {
      value = value * 10 + code - ZERO;
      digits++;
    } else throw new Error('a text match sent an id that is not a whole number');
  }
  return at;
}

const COMMA = 44;
const ZERO = 48;

/** The works a match finds, with their ranks when `ranked` and there are at most `limit` of them. */
export function readTextMatch(
  db: Db,
  provider: SearchProvider,
  match: TextMatch,
  ranked: boolean,
  limit = RANK_ALL_LIMIT,
): Promise<TextColumns> {
  const { packed } = match;
  if (packed && !provider.readText) {
    const read = () =>
      packed(ranked ? limit : null)
        .execute(db)
        .then((result) => unpackColumns(result.rows, ranked));
    return provider.queueText ? provider.queueText(read, match.slow ?? false) : read();
  }
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
