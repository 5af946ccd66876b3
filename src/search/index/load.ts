import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { readArchiveVersions } from '../../repositories/archive-version.ts';
import type { SearchProvider } from '../search-provider.ts';
import type { ColumnSort } from '../search-result.ts';
import { numberColumns, plainSql } from '../text-columns.ts';
import { LISTED_MEMBERS, LISTED_PUBLIC, UNLISTED, type WorkColumns } from './columns.ts';
import { loadPostings, type Postings } from './postings.ts';
import { loadTags, type TagTable } from './tags.ts';

/** Everything a filter index holds, as read from one snapshot of the archive. */
export interface IndexData {
  /** The archive version (`archive_version` row 1) the data reflects. */
  version: number;
  /** The counts version (row 2) the count orders reflect. */
  countsVersion: number;
  columns: WorkColumns;
  /** Positions in ascending order of each sort column, ties by ascending id. */
  orders: Record<ColumnSort, Uint32Array>;
  tags: TagTable;
  postings: Postings;
}

/** Sorts by what readers count: reordered alone when only counts change (`loadCountOrders`). */
export const COUNT_SORTS = ['kudos', 'hits', 'bookmarks', 'comments'] as const;
export type CountSort = (typeof COUNT_SORTS)[number];
/** Sorts by text (and dates stored as text): ordered by the database, in its collation. */
const TEXT_SORTS = {
  updated: 'updated_at',
  published: 'published_at',
  title: 'title_sort',
  author: 'creator_sort',
} as const;

/** Read the index's data from `db`, which should be one consistent snapshot (a read transaction). */
export async function loadIndexData(db: Db): Promise<IndexData> {
  const { archive: version, counts: countsVersion } = await readArchiveVersions(db);
  const columns = await loadColumns(db);
  const textOrders = {} as Record<keyof typeof TEXT_SORTS, Uint32Array>;
  for (const sort of Object.keys(TEXT_SORTS) as (keyof typeof TEXT_SORTS)[]) {
    const { order, values } = await orderByText(db, TEXT_SORTS[sort], columns.positionOfId);
    textOrders[sort] = order;
    if (sort === 'published') rankDates(order, values, columns.published, columns.publishedValues);
    if (sort === 'updated') rankDates(order, values, columns.updated, columns.updatedValues);
  }
  const orders = {
    ...(await loadCountOrders(db, columns)),
    words: orderByNumber(columns.words),
    ...textOrders,
  };
  const tags = await loadTags(db);
  const postings = await loadPostings(db, columns.positionOfId, tags, columns.ids.length);
  return { version, countsVersion, columns, orders, tags, postings };
}

/**
 * The count sorts' orders over the works at `positionOfId`'s positions. A work added since that map was made
 * is left out and one deleted since counts nothing: either changed the archive version too, which reloads
 * the whole index.
 */
export async function loadCountOrders(
  db: Db,
  { ids, positionOfId }: Pick<WorkColumns, 'ids' | 'positionOfId'>,
  readNumbers?: SearchProvider['readNumbers'],
): Promise<Record<CountSort, Uint32Array>> {
  // The columns in COUNT_SORTS' order.
  const query = db
    .selectFrom('works')
    .select(['id', 'kudos_count', 'hits_count', 'bookmarks_count', 'comments_count']);
  // Read off the request thread where the provider can: 100,000 rows held it for a few hundred milliseconds.
  const read = readNumbers
    ? await readNumbers(plainSql(query.compile()))
    : numberColumns(await query.execute());
  const [workIds = new Float64Array(0), ...columns] = read;
  // Each count sort's values by position; a work added since `positionOfId` was made is left out.
  const counts = COUNT_SORTS.map(() => new Float64Array(ids.length));
  for (let row = 0; row < workIds.length; row++) {
    const id = workIds[row] as number;
    const position = id < positionOfId.length ? (positionOfId[id] as number) : -1;
    if (position < 0) continue;
    for (const [c, values] of counts.entries()) values[position] = columns[c]?.[row] ?? 0;
  }
  return Object.fromEntries(
    COUNT_SORTS.map((sort, c) => [sort, orderByNumber(counts[c] as Float64Array)]),
  ) as Record<CountSort, Uint32Array>;
}

/** The works' filter columns, dates still to be ranked. */
async function loadColumns(db: Db): Promise<WorkColumns> {
  const rows = await db
    .selectFrom('works')
    .select([
      'id',
      'rating',
      'language',
      'complete',
      'words',
      'fandom_count',
      'status',
      'restricted',
      'date_unknown',
      'updated_unknown',
    ])
    .orderBy('id')
    .execute();
  const size = rows.length;
  const maxId = size > 0 ? (rows[size - 1] as { id: number }).id : 0;
  const columns: WorkColumns = {
    ids: new Uint32Array(size),
    positionOfId: new Int32Array(maxId + 1).fill(-1),
    rating: new Uint16Array(size),
    ratingCodes: new Map(),
    language: new Uint16Array(size),
    languageCodes: new Map(),
    complete: new Uint8Array(size),
    words: new Float64Array(size),
    fandomCount: new Float64Array(size),
    published: new Uint32Array(size),
    publishedValues: [],
    updated: new Uint32Array(size),
    updatedValues: [],
    dateUnknown: new Uint8Array(size),
    updatedUnknown: new Uint8Array(size),
    anyDateUnknown: false,
    listed: new Uint8Array(size),
    allPublic: true,
  };
  const code = (codes: Map<string, number>, value: string) => {
    let found = codes.get(value);
    if (found === undefined) {
      found = codes.size;
      codes.set(value, found);
    }
    return found;
  };
  for (let position = 0; position < size; position++) {
    const row = rows[position] as (typeof rows)[number];
    columns.ids[position] = row.id;
    columns.positionOfId[row.id] = position;
    columns.rating[position] = code(columns.ratingCodes, row.rating);
    columns.language[position] = code(columns.languageCodes, row.language);
    columns.complete[position] = row.complete === true || Number(row.complete) === 1 ? 1 : 0;
    columns.words[position] = Number(row.words);
    columns.fandomCount[position] = Number(row.fandom_count);
    const listed =
      row.status !== 'posted' ? UNLISTED : Number(row.restricted) === 1 ? LISTED_MEMBERS : LISTED_PUBLIC;
    columns.listed[position] = listed;
    if (Number(row.date_unknown) === 1) {
      columns.dateUnknown[position] = 1;
      columns.anyDateUnknown = true;
    }
    if (Number(row.updated_unknown) === 1) {
      columns.updatedUnknown[position] = 1;
      columns.anyDateUnknown = true;
    }
    if (listed !== LISTED_PUBLIC) columns.allPublic = false;
  }
  return columns;
}

/**
 * Positions ordered by a numeric column, ties by position (that is, by id). Counts and word counts are
 * small whole numbers, so a counting sort places them in two passes; anything else takes a comparator sort.
 */
function orderByNumber(values: Float64Array): Uint32Array {
  let max = 0;
  let whole = true;
  for (const value of values) {
    if (!Number.isInteger(value) || value < 0) whole = false;
    else if (value > max) max = value;
  }
  // Buckets bounded by the number of works, so memory stays proportional to the index.
  if (!whole || max > 4 * values.length + 65_536) {
    const order = Uint32Array.from(values, (_, position) => position);
    return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  }
  const starts = new Uint32Array(max + 2);
  for (const value of values) starts[value + 1] = (starts[value + 1] as number) + 1;
  for (let value = 1; value < starts.length; value++)
    starts[value] = (starts[value] as number) + (starts[value - 1] as number);
  const order = new Uint32Array(values.length);
  // Positions in ascending order, each to the next free place of its value: ties stay by position.
  for (let position = 0; position < values.length; position++) {
    const value = values[position] as number;
    order[starts[value] as number] = position;
    starts[value] = (starts[value] as number) + 1;
  }
  return order;
}

/** Positions ordered by a text column as the database orders it (its collation), ties by id. */
async function orderByText(
  db: Db,
  column: string,
  positionOfId: Int32Array,
): Promise<{ order: Uint32Array; values: string[] }> {
  const { rows } = await sql<{
    id: number;
    value: string;
  }>`SELECT id, ${sql.ref(column)} AS value FROM works ORDER BY ${sql.ref(column)}, id`.execute(db);
  const order = new Uint32Array(rows.length);
  const values: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as { id: number; value: string };
    order[i] = positionOfId[row.id] as number;
    values[i] = row.value;
  }
  return { order, values };
}

/** Each position's dense rank among the distinct values of a date column, from that column's order. */
function rankDates(order: Uint32Array, ordered: string[], ranks: Uint32Array, distinct: string[]): void {
  for (let i = 0; i < ordered.length; i++) {
    const value = ordered[i] as string;
    if (distinct.length === 0 || distinct[distinct.length - 1] !== value) distinct.push(value);
    ranks[order[i] as number] = distinct.length - 1;
  }
}
