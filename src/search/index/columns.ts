import type { Audience } from '../../domain/audience.ts';
import type { WorkQuery } from '../work-query.ts';

/**
 * The works' filter columns as typed arrays over a dense position space: positions follow work ids, so a
 * work's values sit at the same position in every column.
 */
export interface WorkColumns {
  /** Work id at each position, ascending. */
  ids: Uint32Array;
  /** Position of each work id, or -1. */
  positionOfId: Int32Array;
  /** A code per distinct rating and language (see the maps). */
  rating: Uint16Array;
  ratingCodes: Map<string, number>;
  language: Uint16Array;
  languageCodes: Map<string, number>;
  complete: Uint8Array;
  words: Float64Array;
  fandomCount: Float64Array;
  /** Dense ranks into the sorted distinct values, so date ranges compare numbers. */
  published: Uint32Array;
  publishedValues: string[];
  updated: Uint32Array;
  updatedValues: string[];
  /** 1 where the work's file stated no date: in no publishing range, and last when sorted by it. */
  dateUnknown: Uint8Array;
  /** 1 where the update date is unknown as well (no chapter posted since): the same for the update date. */
  updatedUnknown: Uint8Array;
  /** Whether any work has no date (no test or second pass needed otherwise). */
  anyDateUnknown: boolean;
  /** Who may find each work in a listing: 0 no one (a draft or hidden work), 1 everyone, 2 members only. */
  listed: Uint8Array;
  /** Whether every work is listed for everyone (no test needed then: the common case of an imported archive). */
  allPublic: boolean;
}

export const UNLISTED = 0;
export const LISTED_PUBLIC = 1;
export const LISTED_MEMBERS = 2;

/**
 * What a search asks of the index: the WorkQuery's column conditions as they are, with tag names already
 * resolved to tag positions and the text query to the positions it matches.
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
  /** Who the listing is for: unlisted works never match, members-only works match for members. */
  audience: Audience;
}

type Test = (position: number) => boolean;

/** One test of a position against every column filter, or null when there are none. */
export function columnTest(columns: WorkColumns, filters: IndexFilters): Test | null {
  const tests: Test[] = [];
  const codeSet = (codes: Map<string, number>, values: string[]) => {
    const set = new Uint8Array(codes.size + 1);
    for (const value of values) {
      const found = codes.get(value);
      if (found !== undefined) set[found] = 1;
    }
    return set;
  };
  const { rating, language, complete, words, fandomCount, published, updated, listed } = columns;
  if (!columns.allPublic) {
    if (filters.audience === 'members') tests.push((p) => listed[p] !== UNLISTED);
    else tests.push((p) => listed[p] === LISTED_PUBLIC);
  }
  if (filters.ratings.length > 0) {
    const allowed = codeSet(columns.ratingCodes, filters.ratings);
    tests.push((p) => allowed[rating[p] as number] === 1);
  }
  if (filters.excludeRatings.length > 0) {
    const refused = codeSet(columns.ratingCodes, filters.excludeRatings);
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
  const { dateUnknown, updatedUnknown } = columns;
  if (columns.anyDateUnknown && (filters.publishedFrom !== null || filters.publishedTo !== null))
    tests.push((p) => dateUnknown[p] === 0);
  if (columns.anyDateUnknown && (filters.updatedFrom !== null || filters.updatedTo !== null))
    tests.push((p) => updatedUnknown[p] === 0);
  dates(published, columns.publishedValues, filters.publishedFrom, filters.publishedTo);
  dates(updated, columns.updatedValues, filters.updatedFrom, filters.updatedTo);
  if (filters.language !== null) {
    const wanted = columns.languageCodes.get(filters.language) ?? -1;
    tests.push((p) => language[p] === wanted);
  }
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0] as Test;
  return (p) => {
    for (const test of tests) if (!test(p)) return false;
    return true;
  };
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
