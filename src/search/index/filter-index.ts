import type { Db, Dialect } from '../../db/database.ts';
import { TAG_KINDS, type TagKind } from '../../domain/tag-kinds.ts';
import { readArchiveVersions } from '../../repositories/archive-version.ts';
import type { SearchProvider } from '../search-provider.ts';
import { type ColumnSort, DATE_SORTS, type Facets } from '../search-result.ts';
import { columnTest, type IndexFilters, type WorkColumns } from './columns.ts';
import { type IndexData, loadCountOrders, loadIndexData } from './load.ts';
import { intersect, mainPostingList, type Postings, postingList } from './postings.ts';
import { resolveTag, type TagTable } from './tags.ts';
import { TextCache } from './text-cache.ts';
import { combineTerms, positionsOf, type TextPositions } from './text-positions.ts';
import { topK } from './top-k.ts';

export type { IndexFilters } from './columns.ts';

/**
 * Everything search filters, counts and sorts by, held in memory: the works' filter columns, a sorted posting
 * list per canonical tag (and one of the works where it is a main tag), each work's filter tags for facet
 * counts, and each sort's order. It answers for the archive as it was at `version`; `archive_version` says
 * when that is no longer so (current-index.ts reloads it then).
 */
export class FilterIndex {
  readonly version: number;
  /** The counts version (`archive_version` row 2) the kudos, hits, bookmarks and comments orders reflect. */
  readonly countsVersion: number;
  private readonly columns: WorkColumns;
  private readonly orders: Record<ColumnSort, Uint32Array>;
  private readonly tags: TagTable;
  private readonly postings: Postings;
  /** Every work's tags counted once, for `tagCounts`; made on first use. */
  private allTagCounts: Uint32Array | null = null;
  /** Each sort's places by position (the inverse of its order), for `pageByColumn`; made on first use. */
  private readonly places = new Map<ColumnSort, Uint32Array>();

  constructor(
    data: IndexData,
    /** How long the load took, in milliseconds. */
    readonly buildMs: number,
    /** Text-match results, kept for this version of the archive (counts do not change them). */
    private readonly textCache = new TextCache(),
  ) {
    this.version = data.version;
    this.countsVersion = data.countsVersion;
    this.columns = data.columns;
    this.orders = data.orders;
    this.tags = data.tags;
    this.postings = data.postings;
  }

  /**
   * Load the index from one consistent snapshot of the database (a read transaction; repeatable read on
   * PostgreSQL), with the archive version it reflects.
   */
  static async load(db: Db, dialect: Dialect, textCache?: TextCache): Promise<FilterIndex> {
    const started = performance.now();
    let data: IndexData;
    if (db.isTransaction) data = await loadIndexData(db);
    else {
      let transaction = db.transaction();
      if (dialect === 'postgres') transaction = transaction.setIsolationLevel('repeatable read');
      data = await transaction.execute((trx) => loadIndexData(trx));
    }
    return new FilterIndex(data, performance.now() - started, textCache);
  }

  /** A text match kept for this version of the archive under `key`. */
  keptText(key: string): TextPositions | undefined {
    return this.textCache.get(this.version, key);
  }

  /** Drop the kept text matches (a benchmark measuring uncached searches). */
  forgetText(): void {
    this.textCache.clear();
  }

  /** Keep a text match for this version of the archive. */
  keepText(key: string, match: TextPositions): void {
    this.textCache.set(this.version, key, match);
  }

  /**
   * This index with the count sorts reordered from the counts as they are now, sharing everything else: when
   * only kudos, hits, bookmarks or comments changed, which happens as often as readers read.
   */
  async withCurrentCounts(db: Db, readNumbers?: SearchProvider['readNumbers']): Promise<FilterIndex> {
    const { counts: countsVersion } = await readArchiveVersions(db);
    const countOrders = await loadCountOrders(db, this.columns, readNumbers);
    const data: IndexData = {
      version: this.version,
      countsVersion,
      columns: this.columns,
      orders: { ...this.orders, ...countOrders },
      tags: this.tags,
      postings: this.postings,
    };
    return new FilterIndex(data, this.buildMs, this.textCache);
  }

  get size(): number {
    return this.columns.ids.length;
  }

  /** Work id at each position, ascending. */
  get ids(): Uint32Array {
    return this.columns.ids;
  }

  /** See `resolveTag` (tags.ts). */
  resolveTag(name: string, kind?: TagKind): number {
    return resolveTag(this.tags, name, kind);
  }

  /** Map work ids (from a text provider) to ascending positions, keeping each one's rank beside it. */
  positionsOf(ids: ArrayLike<number>, ranks: ArrayLike<number> | 'alike' | null): TextPositions {
    return positionsOf(this.columns.positionOfId, this.size, ids, ranks);
  }

  /** See `combineTerms` (text-positions.ts). */
  combineTerms(positive: TextPositions[], negative: TextPositions[], ranked: boolean): TextPositions {
    return combineTerms(this.size, positive, negative, ranked);
  }

  /** The positions of the works that pass every filter, ascending. */
  match(filters: IndexFilters): Uint32Array {
    const lists: Uint32Array[] = filters.include.map((tag) => postingList(this.postings, tag));
    if (filters.main !== null) lists.push(mainPostingList(this.postings, filters.main));
    if (filters.text) lists.push(filters.text);
    // Shortest first: each intersection is at most as long as the shorter list.
    lists.sort((a, b) => a.length - b.length);
    let candidates: Uint32Array | null = null;
    for (const list of lists) {
      candidates = candidates ? intersect(candidates, list) : list;
      if (candidates.length === 0) return candidates;
    }
    let excluded: Uint8Array | null = null;
    if (filters.exclude.length > 0) {
      excluded = new Uint8Array(this.size);
      for (const tag of filters.exclude)
        for (const position of postingList(this.postings, tag)) excluded[position] = 1;
    }
    const test = columnTest(this.columns, filters);
    if (candidates && !excluded && !test) return candidates;
    const kept = new Uint32Array(candidates?.length ?? this.size);
    let count = 0;
    const consider = (position: number) => {
      if (excluded?.[position] || (test && !test(position))) return;
      kept[count++] = position;
    };
    if (candidates) for (const position of candidates) consider(position);
    else for (let position = 0; position < this.size; position++) consider(position);
    return kept.subarray(0, count);
  }

  /**
   * One page of the matches in a column's order (ties by id in the same direction). Date sorts put the works
   * whose file stated no date after all the others, in either direction, as the SQL orders them.
   */
  pageByColumn(
    matches: Uint32Array,
    sort: ColumnSort,
    order: 'asc' | 'desc',
    offset: number,
    limit: number,
  ): number[] {
    if (offset >= matches.length) return [];
    // Walking the order finds a page of a large match at once, but a small one (a tag of a few works among
    // 100,000) only after most of the order: then sorting the few by their place in it is cheaper.
    const walked = Math.min(this.size, ((offset + limit) * this.size) / matches.length);
    if (matches.length * Math.log2(matches.length + 1) * 4 < walked)
      return this.pageBySortingMatches(matches, sort, order, offset, limit);
    const sorted = this.orders[sort];
    const page: number[] = [];
    let member: Uint8Array | null = null;
    if (matches.length < this.size) {
      member = new Uint8Array(this.size);
      for (const position of matches) member[position] = 1;
    }
    const undated = this.undatedIn(sort);
    // Two passes over the order when some dates are unknown: the dated works, then the others.
    const passes = undated ? [0, 1] : [-1];
    let skip = offset;
    const step = order === 'asc' ? 1 : -1;
    for (const unknown of passes) {
      for (let i = order === 'asc' ? 0 : sorted.length - 1; i >= 0 && i < sorted.length; i += step) {
        const position = sorted[i] as number;
        if (member && !member[position]) continue;
        if (undated && undated[position] !== unknown) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        page.push(this.columns.ids[position] as number);
        if (page.length === limit) return page;
      }
    }
    return page;
  }

  /** `pageByColumn` for a few matches: each one's place in the order (undated works last), sorted. */
  private pageBySortingMatches(
    matches: Uint32Array,
    sort: ColumnSort,
    order: 'asc' | 'desc',
    offset: number,
    limit: number,
  ): number[] {
    const sorted = this.orders[sort];
    const places = this.placesIn(sort);
    const size = this.size;
    const undated = this.undatedIn(sort);
    // A key per match, unique and below 2 * size: the undated after the dated, each in the page's direction.
    const keys = new Uint32Array(matches.length);
    for (let i = 0; i < matches.length; i++) {
      const position = matches[i] as number;
      const place = places[position] as number;
      keys[i] = (undated?.[position] === 1 ? size : 0) + (order === 'asc' ? place : size - 1 - place);
    }
    keys.sort();
    const page: number[] = [];
    for (let i = offset; i < keys.length && page.length < limit; i++) {
      const key = (keys[i] as number) % size;
      const place = order === 'asc' ? key : size - 1 - key;
      page.push(this.columns.ids[sorted[place] as number] as number);
    }
    return page;
  }

  /**
   * For a date sort where some works lack that date, 1 at each such work (they go last either way); null for
   * the other sorts, or when every work is dated.
   */
  private undatedIn(sort: ColumnSort): Uint8Array | null {
    if (!this.columns.anyDateUnknown || !DATE_SORTS.has(sort)) return null;
    return sort === 'published' ? this.columns.dateUnknown : this.columns.updatedUnknown;
  }

  /** Each position's place in a sort's order, made on first use. */
  private placesIn(sort: ColumnSort): Uint32Array {
    let places = this.places.get(sort);
    if (!places) {
      const sorted = this.orders[sort];
      places = new Uint32Array(sorted.length);
      for (let i = 0; i < sorted.length; i++) places[sorted[i] as number] = i;
      this.places.set(sort, places);
    }
    return places;
  }

  /**
   * One page of the matches by text rank (`text.ranks` aligned with `text.positions`), ties by descending id
   * whatever the direction, as the SQL orders them.
   */
  pageByRank(
    matches: Uint32Array,
    text: TextPositions,
    order: 'asc' | 'desc',
    offset: number,
    limit: number,
  ): number[] {
    const ranks = text.ranks;
    if (!ranks || offset >= matches.length) return [];
    // A match too large to rank (text-columns.ts) ranks its works alike: the order is then by position alone,
    // the last matches first, which a heap over 100,000 matches took several milliseconds to find.
    if (ranks === 'alike' || allEqual(ranks)) {
      const page: number[] = [];
      for (let i = matches.length - 1 - offset; i >= 0 && page.length < limit; i--)
        page.push(this.columns.ids[matches[i] as number] as number);
      return page;
    }
    // Both lists ascend: walk them together for each match's rank.
    const matchRanks = new Float64Array(matches.length);
    for (let i = 0, j = 0; i < matches.length; i++) {
      const position = matches[i] as number;
      while ((text.positions[j] as number) < position) j++;
      matchRanks[i] = ranks[j] as number;
    }
    const direction = order === 'asc' ? 1 : -1;
    const compare = (a: number, b: number) =>
      direction * ((matchRanks[a] as number) - (matchRanks[b] as number)) ||
      (matches[b] as number) - (matches[a] as number);
    const top = topK(matches.length, Math.min(matches.length, offset + limit), compare);
    return top.slice(offset).map((i) => this.columns.ids[matches[i] as number] as number);
  }

  /** The top tags of each kind over the matches: most works first, then by name. */
  countFacets(matches: Uint32Array, perKind: number): Facets {
    const facets = Object.fromEntries(TAG_KINDS.map((kind) => [kind, []])) as unknown as Facets;
    if (perKind <= 0 || matches.length === 0) return facets;
    const { ids, names, kinds, nameRanks } = this.tags;
    const counts = this.tagCounts(matches);
    const byKind: number[][] = TAG_KINDS.map(() => []);
    for (let tag = 0; tag < counts.length; tag++)
      if (counts[tag] !== 0) byKind[kinds[tag] as number]?.push(tag);
    const compare = (a: number, b: number) =>
      (counts[b] as number) - (counts[a] as number) ||
      (nameRanks[a] as number) - (nameRanks[b] as number) ||
      (ids[a] as number) - (ids[b] as number);
    for (const [k, kind] of TAG_KINDS.entries()) {
      const tags = byKind[k] as number[];
      facets[kind] = topK(tags.length, perKind, (a, b) => compare(tags[a] as number, tags[b] as number)).map(
        (i) => {
          const tag = tags[i] as number;
          return { id: ids[tag] as number, name: names[tag] as string, count: counts[tag] as number };
        },
      );
    }
    return facets;
  }

  /**
   * How many of the matches carry each tag. A common word matches nearly every work: then the works it does
   * not match are counted and taken from the whole archive's counts (kept per index), which is the same sum.
   */
  private tagCounts(matches: Uint32Array): Uint32Array {
    const { workTagOffsets: offsets, workTags } = this.postings;
    const add = (counts: Uint32Array, position: number, step: 1 | -1) => {
      const end = offsets[position + 1] as number;
      for (let i = offsets[position] as number; i < end; i++)
        counts[workTags[i] as number] = (counts[workTags[i] as number] as number) + step;
    };
    if (matches.length * 2 <= this.size) {
      const counts = new Uint32Array(this.tags.ids.length);
      for (const position of matches) add(counts, position, 1);
      return counts;
    }
    if (!this.allTagCounts) {
      this.allTagCounts = new Uint32Array(this.tags.ids.length);
      for (let position = 0; position < this.size; position++) add(this.allTagCounts, position, 1);
    }
    const counts = this.allTagCounts.slice();
    // Both ascend: every position the matches skip is a work left out.
    for (let position = 0, i = 0; position < this.size; position++) {
      if (i < matches.length && matches[i] === position) i++;
      else add(counts, position, -1);
    }
    return counts;
  }

  /** Bytes held by the index's arrays, maps and cached text matches (an estimate for the maps and strings). */
  byteSize(): number {
    let bytes = this.textCache.bytes;
    for (const part of [this.columns, this.orders, this.tags, this.postings, Object.fromEntries(this.places)])
      for (const value of Object.values(part)) if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    const { publishedValues, updatedValues } = this.columns;
    for (const values of [publishedValues, updatedValues, this.tags.names])
      for (const value of values) bytes += 16 + 2 * value.length;
    return bytes + this.tags.byName.size * 64;
  }
}

function allEqual(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false;
  return true;
}
