import { sql } from 'kysely';
import type { Db, Dialect } from '../db/database.ts';
import { TAG_KINDS, type TagKind } from '../domain/tag-kinds.ts';
import { readArchiveVersion } from '../repositories/archive-version.ts';
import type { Sort, WorkQuery } from './work-query.ts';

/** The sorts that order by a column (best match orders by the text provider's rank). */
export type ColumnSort = Exclude<Sort, 'best'>;

/**
 * What a search asks of the index: the WorkQuery's column conditions as they are, with tag names already
 * resolved to tag positions (see `resolveTag`) and the text query to the positions it matches.
 */
export interface IndexFilters
  extends Pick<
    WorkQuery,
    | 'ratings'
    | 'excludeRatings'
    | 'complete'
    | 'wordsMin'
    | 'wordsMax'
    | 'publishedFrom'
    | 'publishedTo'
    | 'updatedFrom'
    | 'updatedTo'
    | 'language'
    | 'fandomsMin'
    | 'fandomsMax'
  > {
  /** Tags (by index position) a work must all have. */
  include: number[];
  /** Tags a work must have none of. */
  exclude: number[];
  /** A tag that must be one of the work's main tags. */
  main: number | null;
  /** Works matched by the text query, as ascending positions; null for no text condition. */
  text: Uint32Array | null;
}

export interface FacetCount {
  id: number;
  name: string;
  count: number;
}

/** Works matched by a text query, as ascending positions, with the provider's rank for each when asked. */
export interface TextPositions {
  positions: Uint32Array;
  ranks: Float64Array | null;
}

interface Tags {
  ids: Int32Array;
  names: string[];
  /** Index into TAG_KINDS, or 255 for a kind search does not know. */
  kinds: Uint8Array;
  /** Where a tag's name falls in `localeCompare` order: facets with equal counts are listed by name. */
  nameRanks: Uint32Array;
  /** Tag position of the tag this one is a synonym of, or -1. */
  synonymOf: Int32Array;
  /** Tag positions by name, lowest id first (a name may be used by several kinds). */
  byName: Map<string, number[]>;
}

/** Sorts by a number: ordered here. */
const NUMERIC_SORTS = ['words', 'kudos', 'hits', 'bookmarks', 'comments'] as const;
/** Sorts by text (and dates stored as text): ordered by the database, in its collation. */
const TEXT_SORTS = {
  updated: 'updated_at',
  published: 'published_at',
  title: 'title_sort',
  author: 'creator_sort',
} as const;

/** Works read per query while loading the filter tags, so the rows never all sit in memory at once. */
const LOAD_CHUNK = 20_000;
const TEXT_CACHE_ENTRIES = 64;
/** While the archive keeps changing, reload at most once per this many load times. */
const RELOAD_SPACING = 4;
const TEXT_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Everything search filters, counts and sorts by, held in memory: the works' filter columns as typed arrays
 * over a dense position space (positions follow work ids), a sorted posting list per canonical tag (and one
 * of the works where it is a main tag), each work's filter tags for facet counts, and each sort's order.
 * It answers for the archive as it was at `version`; `archive_version` says when that is no longer so.
 */
export class FilterIndex {
  /** Text-match results for this version of the archive, most recently used last. */
  private readonly textCache = new Map<string, TextPositions>();
  private textCacheBytes = 0;

  private constructor(
    readonly version: number,
    /** Work id at each position, ascending. */
    readonly ids: Uint32Array,
    /** Position of each work id, or -1. */
    private readonly positionOfId: Int32Array,
    private readonly rating: Uint16Array,
    private readonly ratingCodes: Map<string, number>,
    private readonly language: Uint16Array,
    private readonly languageCodes: Map<string, number>,
    private readonly complete: Uint8Array,
    private readonly words: Float64Array,
    private readonly fandomCount: Float64Array,
    /** Dense ranks into the sorted distinct values, so date ranges compare numbers. */
    private readonly published: Uint32Array,
    private readonly publishedValues: string[],
    private readonly updated: Uint32Array,
    private readonly updatedValues: string[],
    /** Positions in ascending order of each sort column, ties by ascending id. */
    private readonly orders: Record<ColumnSort, Uint32Array>,
    private readonly tags: Tags,
    private readonly postingOffsets: Uint32Array,
    private readonly postings: Uint32Array,
    private readonly mainOffsets: Uint32Array,
    private readonly mainPostings: Uint32Array,
    private readonly workTagOffsets: Uint32Array,
    private readonly workTags: Uint32Array,
    /** How long the load took, in milliseconds. */
    readonly buildMs: number,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  /**
   * Load the index from one consistent snapshot of the database (a read transaction; repeatable read on
   * PostgreSQL), with the archive version it reflects.
   */
  static async load(db: Db, dialect: Dialect): Promise<FilterIndex> {
    const started = performance.now();
    if (db.isTransaction) return FilterIndex.loadFrom(db, started);
    let transaction = db.transaction();
    if (dialect === 'postgres') transaction = transaction.setIsolationLevel('repeatable read');
    return transaction.execute((trx) => FilterIndex.loadFrom(trx, started));
  }

  private static async loadFrom(db: Db, started: number): Promise<FilterIndex> {
    const version = await readArchiveVersion(db);
    const rows = await db
      .selectFrom('works')
      .select([
        'id',
        'rating',
        'language',
        'complete',
        'words',
        'fandom_count',
        'kudos_count',
        'hits_count',
        'bookmarks_count',
        'comments_count',
      ])
      .orderBy('id')
      .execute();
    const size = rows.length;
    const ids = new Uint32Array(size);
    const maxId = size > 0 ? (rows[size - 1] as { id: number }).id : 0;
    const positionOfId = new Int32Array(maxId + 1).fill(-1);
    const rating = new Uint16Array(size);
    const ratingCodes = new Map<string, number>();
    const language = new Uint16Array(size);
    const languageCodes = new Map<string, number>();
    const complete = new Uint8Array(size);
    const words = new Float64Array(size);
    const fandomCount = new Float64Array(size);
    const counts = {
      words,
      kudos: new Float64Array(size),
      hits: new Float64Array(size),
      bookmarks: new Float64Array(size),
      comments: new Float64Array(size),
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
      ids[position] = row.id;
      positionOfId[row.id] = position;
      rating[position] = code(ratingCodes, row.rating);
      language[position] = code(languageCodes, row.language);
      complete[position] = row.complete === true || Number(row.complete) === 1 ? 1 : 0;
      words[position] = Number(row.words);
      fandomCount[position] = Number(row.fandom_count);
      counts.kudos[position] = Number(row.kudos_count);
      counts.hits[position] = Number(row.hits_count);
      counts.bookmarks[position] = Number(row.bookmarks_count);
      counts.comments[position] = Number(row.comments_count);
    }
    rows.length = 0;

    const orders = {} as Record<ColumnSort, Uint32Array>;
    for (const sort of NUMERIC_SORTS) orders[sort] = orderByNumber(counts[sort]);
    // Text columns are ordered by the database itself, so the order follows its collation exactly.
    const textOrder = async (column: string) => {
      const ordered = await sql<{
        id: number;
        value: string;
      }>`SELECT id, ${sql.ref(column)} AS value FROM works ORDER BY ${sql.ref(column)}, id`.execute(db);
      const order = new Uint32Array(ordered.rows.length);
      for (let i = 0; i < ordered.rows.length; i++)
        order[i] = positionOfId[(ordered.rows[i] as { id: number }).id] as number;
      return { order, rows: ordered.rows };
    };
    const published = new Uint32Array(size);
    const updated = new Uint32Array(size);
    const publishedValues: string[] = [];
    const updatedValues: string[] = [];
    for (const sort of Object.keys(TEXT_SORTS) as (keyof typeof TEXT_SORTS)[]) {
      const { order, rows: ordered } = await textOrder(TEXT_SORTS[sort]);
      orders[sort] = order;
      if (sort === 'published' || sort === 'updated') {
        const ranks = sort === 'published' ? published : updated;
        const values = sort === 'published' ? publishedValues : updatedValues;
        for (let i = 0; i < ordered.length; i++) {
          const value = (ordered[i] as { value: string }).value;
          if (values.length === 0 || values[values.length - 1] !== value) values.push(value);
          ranks[order[i] as number] = values.length - 1;
        }
      }
    }

    const tags = await loadTags(db);
    const {
      offsets: workTagOffsets,
      tags: workTags,
      main: workMain,
    } = await loadWorkTags(db, positionOfId, tags, size);
    const tagCount = tags.ids.length;
    const postingOffsets = new Uint32Array(tagCount + 1);
    const mainOffsets = new Uint32Array(tagCount + 1);
    for (let i = 0; i < workTags.length; i++) {
      const tag = workTags[i] as number;
      (postingOffsets[tag + 1] as number)++;
      if (workMain[i]) (mainOffsets[tag + 1] as number)++;
    }
    for (let t = 0; t < tagCount; t++) {
      postingOffsets[t + 1] = (postingOffsets[t + 1] as number) + (postingOffsets[t] as number);
      mainOffsets[t + 1] = (mainOffsets[t + 1] as number) + (mainOffsets[t] as number);
    }
    const postings = new Uint32Array(workTags.length);
    const mainPostings = new Uint32Array(mainOffsets[tagCount] as number);
    const cursor = postingOffsets.slice(0, tagCount);
    const mainCursor = mainOffsets.slice(0, tagCount);
    // Walking positions in order fills every posting list already sorted.
    for (let position = 0; position < size; position++) {
      for (let i = workTagOffsets[position] as number; i < (workTagOffsets[position + 1] as number); i++) {
        const tag = workTags[i] as number;
        postings[(cursor[tag] as number)++] = position;
        if (workMain[i]) mainPostings[(mainCursor[tag] as number)++] = position;
      }
    }

    return new FilterIndex(
      version,
      ids,
      positionOfId,
      rating,
      ratingCodes,
      language,
      languageCodes,
      complete,
      words,
      fandomCount,
      published,
      publishedValues,
      updated,
      updatedValues,
      orders,
      tags,
      postingOffsets,
      postings,
      mainOffsets,
      mainPostings,
      workTagOffsets,
      workTags,
      performance.now() - started,
    );
  }

  /**
   * The canonical tag a name filters by, as a tag position: the name's tag (of this kind when given, the
   * lowest id when several kinds share the name), followed along its synonym chain; -1 when unknown.
   */
  resolveTag(name: string, kind?: TagKind): number {
    const candidates = this.tags.byName.get(name);
    if (!candidates) return -1;
    const wanted = kind === undefined ? -1 : TAG_KINDS.indexOf(kind);
    const found = candidates.find((tag) => wanted === -1 || this.tags.kinds[tag] === wanted);
    if (found === undefined) return -1;
    // The same walk as canonicalTagId: at most ten hops.
    let current = found;
    for (let hops = 0; hops < 10; hops++) {
      const next = this.tags.synonymOf[current] as number;
      if (next === -1) return current;
      current = next;
    }
    return current;
  }

  /** Map work ids (from a text provider) to ascending positions, keeping each one's rank beside it. */
  positionsOf(ids: ArrayLike<number>, ranks: ArrayLike<number> | null): TextPositions {
    // Mark, then sweep the position space: ascending order without a comparison sort.
    const found = new Uint8Array(this.size);
    const rankAt = ranks ? new Float64Array(this.size) : null;
    let count = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      const position = id >= 0 && id < this.positionOfId.length ? (this.positionOfId[id] as number) : -1;
      // A work added after this snapshot is not in it.
      if (position === -1 || found[position]) continue;
      found[position] = 1;
      count++;
      if (rankAt && ranks) rankAt[position] = ranks[i] as number;
    }
    const positions = new Uint32Array(count);
    const ranked = rankAt ? new Float64Array(count) : null;
    for (let position = 0, i = 0; i < count; position++) {
      if (!found[position]) continue;
      positions[i] = position;
      if (ranked && rankAt) ranked[i] = rankAt[position] as number;
      i++;
    }
    return { positions, ranks: ranked };
  }

  /**
   * Works matching every positive term and no negative one, ranked (when asked) by the sum of the positive
   * terms' ranks, added in term order from zero as the text engine adds them.
   */
  combineTerms(positive: TextPositions[], negative: TextPositions[], ranked: boolean): TextPositions {
    if (positive.length === 1 && negative.length === 0) return positive[0] as TextPositions;
    // How many positive terms each position has matched so far, in order (at most 16 terms).
    const matched = new Uint8Array(this.size);
    const score = ranked ? new Float64Array(this.size) : null;
    for (const [term, { positions, ranks }] of positive.entries()) {
      for (let i = 0; i < positions.length; i++) {
        const position = positions[i] as number;
        if (matched[position] !== term) continue;
        matched[position] = term + 1;
        if (score && ranks) score[position] = (score[position] as number) + (ranks[i] as number);
      }
    }
    for (const { positions } of negative) for (const position of positions) matched[position] = 0;
    let count = 0;
    for (let position = 0; position < this.size; position++)
      if (matched[position] === positive.length) count++;
    const positions = new Uint32Array(count);
    const ranks = score ? new Float64Array(count) : null;
    for (let position = 0, i = 0; i < count; position++) {
      if (matched[position] !== positive.length) continue;
      positions[i] = position;
      if (ranks && score) ranks[i] = score[position] as number;
      i++;
    }
    return { positions, ranks };
  }

  /** A cached text match for this version of the archive, if one is held. */
  cachedText(key: string): TextPositions | undefined {
    const found = this.textCache.get(key);
    if (found) {
      this.textCache.delete(key);
      this.textCache.set(key, found);
    }
    return found;
  }

  /** Forget the cached text matches (benchmarks measure text queries cold with it). */
  clearTextCache(): void {
    this.textCache.clear();
    this.textCacheBytes = 0;
  }

  cacheText(key: string, value: TextPositions): void {
    const bytes = value.positions.byteLength + (value.ranks?.byteLength ?? 0);
    if (bytes > TEXT_CACHE_BYTES / 4) return;
    this.textCache.set(key, value);
    this.textCacheBytes += bytes;
    for (const [oldest, entry] of this.textCache) {
      if (this.textCache.size <= TEXT_CACHE_ENTRIES && this.textCacheBytes <= TEXT_CACHE_BYTES) break;
      this.textCache.delete(oldest);
      this.textCacheBytes -= entry.positions.byteLength + (entry.ranks?.byteLength ?? 0);
    }
  }

  /** The positions of the works that pass every filter, ascending. */
  match(filters: IndexFilters): Uint32Array {
    const lists: Uint32Array[] = filters.include.map((tag) => this.posting(tag));
    if (filters.main !== null)
      lists.push(
        this.mainPostings.subarray(
          this.mainOffsets[filters.main] as number,
          this.mainOffsets[filters.main + 1] as number,
        ),
      );
    if (filters.text) lists.push(filters.text);
    lists.sort((a, b) => a.length - b.length);
    let candidates: Uint32Array | null = null;
    for (const list of lists) {
      candidates = candidates ? intersect(candidates, list) : list;
      if (candidates.length === 0) return candidates;
    }

    let excluded: Uint8Array | null = null;
    if (filters.exclude.length > 0) {
      excluded = new Uint8Array(this.size);
      for (const tag of filters.exclude) for (const position of this.posting(tag)) excluded[position] = 1;
    }
    const test = this.columnTest(filters);
    if (candidates) {
      if (!excluded && !test) return candidates;
      const kept = new Uint32Array(candidates.length);
      let count = 0;
      for (const position of candidates) {
        if (excluded?.[position]) continue;
        if (test && !test(position)) continue;
        kept[count++] = position;
      }
      return kept.subarray(0, count);
    }
    const kept = new Uint32Array(this.size);
    let count = 0;
    for (let position = 0; position < this.size; position++) {
      if (excluded?.[position]) continue;
      if (test && !test(position)) continue;
      kept[count++] = position;
    }
    return kept.subarray(0, count);
  }

  /** One page of the matches in a column's order (ties by id in the same direction). */
  pageByColumn(
    matches: Uint32Array,
    sort: ColumnSort,
    order: 'asc' | 'desc',
    offset: number,
    limit: number,
  ): number[] {
    const sorted = this.orders[sort];
    const page: number[] = [];
    if (offset >= matches.length) return page;
    let member: Uint8Array | null = null;
    if (matches.length < this.size) {
      member = new Uint8Array(this.size);
      for (const position of matches) member[position] = 1;
    }
    let skip = offset;
    const step = order === 'asc' ? 1 : -1;
    for (let i = order === 'asc' ? 0 : sorted.length - 1; i >= 0 && i < sorted.length; i += step) {
      const position = sorted[i] as number;
      if (member && !member[position]) continue;
      if (skip > 0) {
        skip--;
        continue;
      }
      page.push(this.ids[position] as number);
      if (page.length === limit) break;
    }
    return page;
  }

  /**
   * One page of the matches by text rank (`ranks` aligned with `text.positions`), ties by descending id
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
    // Both lists ascend: walk them together for each match's rank.
    const matchRanks = new Float64Array(matches.length);
    for (let i = 0, j = 0; i < matches.length; i++) {
      const position = matches[i] as number;
      while ((text.positions[j] as number) < position) j++;
      matchRanks[i] = ranks[j] as number;
    }
    const wanted = Math.min(matches.length, offset + limit);
    if (wanted <= 1000) {
      // One pass keeping the best `wanted` in order, best first: the usual page costs a compare per match.
      // Higher key is better; on equal keys the later match (higher id) is better.
      const sign = order === 'asc' ? -1 : 1;
      const keys = new Float64Array(wanted);
      const best = new Uint32Array(wanted);
      let held = 0;
      for (let i = 0; i < matchRanks.length; i++) {
        const key = sign * (matchRanks[i] as number);
        if (held === wanted && key < (keys[held - 1] as number)) continue;
        let slot = held < wanted ? held++ : wanted - 1;
        while (slot > 0 && (keys[slot - 1] as number) <= key) {
          keys[slot] = keys[slot - 1] as number;
          best[slot] = best[slot - 1] as number;
          slot--;
        }
        keys[slot] = key;
        best[slot] = i;
      }
      return Array.from(best.subarray(offset, held), (i) => this.ids[matches[i] as number] as number);
    }
    const direction = order === 'asc' ? 1 : -1;
    const compare = (a: number, b: number) =>
      direction * ((matchRanks[a] as number) - (matchRanks[b] as number)) ||
      (matches[b] as number) - (matches[a] as number);
    const top = selectTop(matches.length, wanted, compare);
    return top.slice(offset).map((i) => this.ids[matches[i] as number] as number);
  }

  /** The top tags of each kind over the matches: most works first, then by name. */
  countFacets(matches: Uint32Array, perKind: number): Record<TagKind, FacetCount[]> {
    const facets = Object.fromEntries(TAG_KINDS.map((kind) => [kind, []])) as unknown as Record<
      TagKind,
      FacetCount[]
    >;
    if (perKind <= 0 || matches.length === 0) return facets;
    const counts = new Uint32Array(this.tags.ids.length);
    const offsets = this.workTagOffsets;
    const workTags = this.workTags;
    for (const position of matches) {
      const end = offsets[position + 1] as number;
      for (let i = offsets[position] as number; i < end; i++) (counts[workTags[i] as number] as number)++;
    }
    const byKind: number[][] = TAG_KINDS.map(() => []);
    for (let tag = 0; tag < counts.length; tag++) {
      if (counts[tag] === 0) continue;
      byKind[this.tags.kinds[tag] as number]?.push(tag);
    }
    const nameRanks = this.tags.nameRanks;
    const compare = (a: number, b: number) =>
      (counts[b] as number) - (counts[a] as number) ||
      (nameRanks[a] as number) - (nameRanks[b] as number) ||
      (this.tags.ids[a] as number) - (this.tags.ids[b] as number);
    for (const [k, kind] of TAG_KINDS.entries()) {
      const tags = byKind[k] as number[];
      const top = selectTop(tags.length, perKind, (a, b) => compare(tags[a] as number, tags[b] as number));
      facets[kind] = top.map((i) => {
        const tag = tags[i] as number;
        return {
          id: this.tags.ids[tag] as number,
          name: this.tags.names[tag] as string,
          count: counts[tag] as number,
        };
      });
    }
    return facets;
  }

  /** Bytes held by the index's arrays and maps (an estimate for the maps and strings). */
  byteSize(): number {
    let bytes = 0;
    for (const value of Object.values(this)) {
      if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    }
    for (const order of Object.values(this.orders)) bytes += order.byteLength;
    for (const values of [this.publishedValues, this.updatedValues, this.tags.names])
      for (const value of values) bytes += 16 + 2 * value.length;
    bytes +=
      this.tags.ids.byteLength +
      this.tags.kinds.byteLength +
      this.tags.nameRanks.byteLength +
      this.tags.synonymOf.byteLength +
      this.tags.byName.size * 64 +
      this.textCacheBytes;
    return bytes;
  }

  private posting(tag: number): Uint32Array {
    return this.postings.subarray(this.postingOffsets[tag] as number, this.postingOffsets[tag + 1] as number);
  }

  /** One test for every column filter, or null when there are none. */
  private columnTest(filters: IndexFilters): ((position: number) => boolean) | null {
    const tests: ((position: number) => boolean)[] = [];
    const codeSet = (codes: Map<string, number>, values: string[]) => {
      const set = new Uint8Array(codes.size + 1);
      for (const value of values) {
        const found = codes.get(value);
        if (found !== undefined) set[found] = 1;
      }
      return set;
    };
    const { rating, language, complete, words, fandomCount, published, updated } = this;
    if (filters.ratings.length > 0) {
      const allowed = codeSet(this.ratingCodes, filters.ratings);
      tests.push((p) => allowed[rating[p] as number] === 1);
    }
    if (filters.excludeRatings.length > 0) {
      const refused = codeSet(this.ratingCodes, filters.excludeRatings);
      tests.push((p) => refused[rating[p] as number] !== 1);
    }
    if (filters.complete !== 'any') {
      const wanted = filters.complete === 'complete' ? 1 : 0;
      tests.push((p) => complete[p] === wanted);
    }
    const range = (values: Float64Array, min: number | null, max: number | null) => {
      if (min !== null) tests.push((p) => (values[p] as number) >= min);
      if (max !== null) tests.push((p) => (values[p] as number) <= max);
    };
    range(words, filters.wordsMin, filters.wordsMax);
    range(fandomCount, filters.fandomsMin, filters.fandomsMax);
    const dates = (ranks: Uint32Array, values: string[], from: string | null, to: string | null) => {
      // Ranks at or after the first value >= from, and before the first value > to.
      if (from !== null) {
        const first = lowerBound(values, (value) => value >= from);
        tests.push((p) => (ranks[p] as number) >= first);
      }
      if (to !== null) {
        const after = lowerBound(values, (value) => value > to);
        tests.push((p) => (ranks[p] as number) < after);
      }
    };
    dates(published, this.publishedValues, filters.publishedFrom, filters.publishedTo);
    dates(updated, this.updatedValues, filters.updatedFrom, filters.updatedTo);
    if (filters.language !== null) {
      const wanted = this.languageCodes.get(filters.language) ?? -1;
      tests.push((p) => language[p] === wanted);
    }
    if (tests.length === 0) return null;
    if (tests.length === 1) return tests[0] as (position: number) => boolean;
    return (p) => {
      for (const test of tests) if (!test(p)) return false;
      return true;
    };
  }
}

interface IndexState {
  index: FilterIndex | null;
  building: Promise<FilterIndex> | null;
  /** When the last load finished (performance.now()). */
  builtAt: number;
}

const states = new WeakMap<object, IndexState>();

/**
 * The filter index for this database, loaded or reloaded when the archive has changed since (in this
 * process or another), or null when search should use SQL this time: inside a transaction (which may hold
 * changes of its own), or while changes come faster than reloads are worth (an import running), when
 * reloading at most every few load times keeps search correct without spending every cycle on reloads.
 */
export async function currentFilterIndex(db: Db, dialect: Dialect): Promise<FilterIndex | null> {
  if (db.isTransaction) return null;
  let state = states.get(db);
  if (!state) {
    state = { index: null, building: null, builtAt: 0 };
    states.set(db, state);
  }
  const version = await readArchiveVersion(db);
  if (state.index && state.index.version === version) return state.index;
  if (!state.building) {
    if (state.index && performance.now() - state.builtAt < RELOAD_SPACING * state.index.buildMs) return null;
    const building = FilterIndex.load(db, dialect);
    state.building = building;
    const current = state;
    building.then(
      (index) => {
        current.index = index;
        current.building = null;
        current.builtAt = performance.now();
      },
      () => {
        current.building = null;
      },
    );
  }
  const index = await state.building;
  // The load read a snapshot taken after the version above: it holds every change made before this search.
  return index && index.version >= version ? index : null;
}

/** Forget the loaded index of a database (tests; a closed store). */
export function dropFilterIndex(db: Db): void {
  states.delete(db);
}

async function loadTags(db: Db): Promise<Tags> {
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'name', 'kind', 'synonym_of'])
    .orderBy('id')
    .execute();
  const count = rows.length;
  const ids = new Int32Array(count);
  const names: string[] = new Array(count);
  const kinds = new Uint8Array(count);
  const synonymOf = new Int32Array(count).fill(-1);
  const positionOf = new Map<number, number>();
  const byName = new Map<string, number[]>();
  for (let tag = 0; tag < count; tag++) {
    const row = rows[tag] as (typeof rows)[number];
    ids[tag] = row.id;
    names[tag] = row.name;
    const kind = TAG_KINDS.indexOf(row.kind);
    kinds[tag] = kind === -1 ? 255 : kind;
    positionOf.set(row.id, tag);
    const same = byName.get(row.name);
    if (same) same.push(tag);
    else byName.set(row.name, [tag]);
  }
  for (let tag = 0; tag < count; tag++) {
    const target = (rows[tag] as (typeof rows)[number]).synonym_of;
    if (target !== null) synonymOf[tag] = positionOf.get(target) ?? -1;
  }
  // The order facets list equal counts in: localeCompare, as the SQL path sorts.
  const collator = new Intl.Collator();
  const byCollation = Array.from({ length: count }, (_, tag) => tag).sort((a, b) =>
    collator.compare(names[a] as string, names[b] as string),
  );
  const nameRanks = new Uint32Array(count);
  for (let i = 0, rank = 0; i < count; i++) {
    const tag = byCollation[i] as number;
    if (i > 0 && collator.compare(names[byCollation[i - 1] as number] as string, names[tag] as string) !== 0)
      rank = i;
    nameRanks[tag] = rank;
  }
  return { ids, names, kinds, nameRanks, synonymOf, byName };
}

/** Each work's filter tags, as tag positions grouped by work position (offsets into one array). */
async function loadWorkTags(
  db: Db,
  positionOfId: Int32Array,
  tags: Tags,
  size: number,
): Promise<{ offsets: Uint32Array; tags: Uint32Array; main: Uint8Array }> {
  const tagPosition = new Map<number, number>();
  for (let tag = 0; tag < tags.ids.length; tag++) tagPosition.set(tags.ids[tag] as number, tag);
  let entryWork = new Uint32Array(1 << 16);
  let entryTag = new Uint32Array(1 << 16);
  let entryMain = new Uint8Array(1 << 16);
  let entries = 0;
  const maxId = positionOfId.length - 1;
  for (let from = 0; from <= maxId; from += LOAD_CHUNK) {
    const rows = await db
      .selectFrom('work_filter_tags')
      .select(['work_id', 'tag_id', 'main'])
      .where('work_id', '>=', from)
      .where('work_id', '<', from + LOAD_CHUNK)
      .execute();
    if (entries + rows.length > entryWork.length) {
      const capacity = Math.max(entryWork.length * 2, entries + rows.length);
      entryWork = grow(entryWork, capacity);
      entryTag = grow(entryTag, capacity);
      entryMain = grow(entryMain, capacity);
    }
    for (const row of rows) {
      const position = positionOfId[row.work_id] ?? -1;
      const tag = tagPosition.get(row.tag_id);
      if (position === -1 || tag === undefined) continue;
      entryWork[entries] = position;
      entryTag[entries] = tag;
      entryMain[entries] = row.main === true || Number(row.main) === 1 ? 1 : 0;
      entries++;
    }
  }
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < entries; i++) (offsets[(entryWork[i] as number) + 1] as number)++;
  for (let position = 0; position < size; position++)
    offsets[position + 1] = (offsets[position + 1] as number) + (offsets[position] as number);
  const cursor = offsets.slice(0, size);
  const workTags = new Uint32Array(entries);
  const main = new Uint8Array(entries);
  for (let i = 0; i < entries; i++) {
    const slot = (cursor[entryWork[i] as number] as number)++;
    workTags[slot] = entryTag[i] as number;
    main[slot] = entryMain[i] as number;
  }
  return { offsets, tags: workTags, main };
}

function grow<T extends Uint32Array | Uint8Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** Positions ordered by a numeric column, ties by position (that is, by id). */
function orderByNumber(values: Float64Array): Uint32Array {
  const size = values.length;
  let max = 0;
  let integral = true;
  for (const value of values) {
    if (!Number.isInteger(value) || value < 0) integral = false;
    else if (value > max) max = value;
  }
  const order = new Uint32Array(size);
  if (integral && (max + 1) * (size + 1) < Number.MAX_SAFE_INTEGER) {
    // Pack value and position into one exact number and let the engine's numeric sort do the work.
    const keys = new Float64Array(size);
    for (let position = 0; position < size; position++)
      keys[position] = (values[position] as number) * size + position;
    keys.sort();
    for (let i = 0; i < size; i++) order[i] = (keys[i] as number) % size;
    return order;
  }
  for (let i = 0; i < size; i++) order[i] = i;
  return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}

/** Sorted intersection of two ascending lists; gallops through the longer one when sizes differ a lot. */
function intersect(small: Uint32Array, large: Uint32Array): Uint32Array {
  const result = new Uint32Array(Math.min(small.length, large.length));
  let count = 0;
  if (large.length > small.length * 16) {
    let low = 0;
    for (const value of small) {
      let high = large.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((large[middle] as number) < value) low = middle + 1;
        else high = middle;
      }
      if (low < large.length && large[low] === value) result[count++] = value;
    }
    return result.subarray(0, count);
  }
  for (let i = 0, j = 0; i < small.length && j < large.length; ) {
    const a = small[i] as number;
    const b = large[j] as number;
    if (a === b) {
      result[count++] = a;
      i++;
      j++;
    } else if (a < b) i++;
    else j++;
  }
  return result.subarray(0, count);
}

/** The index of the first value for which `atOrAfter` holds, in a list where it holds from some point on. */
function lowerBound(values: string[], atOrAfter: (value: string) => boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (atOrAfter(values[middle] as string)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The first `wanted` of `0..count-1` in `compare` order: a bounded heap when few are wanted, else a sort. */
function selectTop(count: number, wanted: number, compare: (a: number, b: number) => number): number[] {
  if (wanted <= 0 || count === 0) return [];
  if (wanted * 8 >= count) {
    const all = Array.from({ length: count }, (_, i) => i);
    return all.sort(compare).slice(0, wanted);
  }
  // A max-heap (by compare) of the best `wanted` seen so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => compare(a, b) > 0;
  const up = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i] as number, heap[parent] as number)) break;
      [heap[i], heap[parent]] = [heap[parent] as number, heap[i] as number];
      i = parent;
    }
  };
  const down = () => {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && worse(heap[left] as number, heap[largest] as number)) largest = left;
      if (right < heap.length && worse(heap[right] as number, heap[largest] as number)) largest = right;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest] as number, heap[i] as number];
      i = largest;
    }
  };
  for (let i = 0; i < count; i++) {
    if (heap.length < wanted) {
      heap.push(i);
      up(heap.length - 1);
    } else if (compare(i, heap[0] as number) < 0) {
      heap[0] = i;
      down();
    }
  }
  return heap.sort(compare);
}
