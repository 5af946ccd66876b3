import type { WorkRow } from '../db/database.ts';
import { TAG_KINDS, type TagKind } from '../domain/tag-kinds.ts';
import type { Sort } from './query-parameters.ts';
import type { WorkQuery } from './work-query.ts';

/** One work in a page of results: what a listing shows before its blurb is loaded. */
export interface WorkHit {
  id: number;
  title: string | null;
  rating: string;
  words: number;
  chapterCount: number;
  chaptersPlanned: number | null;
  complete: boolean;
  language: string;
  summary: string | null;
  publishedAt: string;
  updatedAt: string;
  /** The file stated no date: `publishedAt` is the import day's. */
  dateUnknown: boolean;
  /** `updatedAt` is the import day's too: no chapter posted since has dated the update. */
  updatedUnknown: boolean;
  kudos: number;
  hits: number;
  bookmarks: number;
  comments: number;
}

/** A tag with the number of results that have it. */
export interface Facet {
  id: number;
  name: string;
  count: number;
}

export type Facets = Record<TagKind, Facet[]>;

/** A page of results; `Work` is what the page's works were read as (a listing reads its blurbs). */
export interface SearchResult<Work extends WorkHit = WorkHit> {
  total: number;
  page: number;
  perPage: number;
  pages: number;
  works: Work[];
  facets: Facets;
}

/** The sorts that order by a column (best match orders by the text provider's rank). */
export type ColumnSort = Exclude<Sort, 'best'>;

/** The column of `works` each sort orders by. */
export const SORT_COLUMNS = {
  updated: 'updated_at',
  published: 'published_at',
  words: 'words',
  kudos: 'kudos_count',
  hits: 'hits_count',
  bookmarks: 'bookmarks_count',
  comments: 'comments_count',
  title: 'title_sort',
  author: 'creator_sort',
} as const satisfies Record<ColumnSort, keyof WorkRow>;

/** The sorts by a date, which put works whose file stated no date last in either direction. */
export const DATE_SORTS: ReadonlySet<Sort> = new Set<Sort>(['updated', 'published']);

export const emptyFacets = (): Facets =>
  Object.fromEntries(TAG_KINDS.map((kind) => [kind, []])) as unknown as Facets;

export const emptyResult = <Work extends WorkHit = WorkHit>(query: WorkQuery): SearchResult<Work> => ({
  total: 0,
  page: query.page,
  perPage: query.perPage,
  pages: 0,
  works: [],
  facets: emptyFacets(),
});

/** The columns of a page's rows. */
export const HIT_COLUMNS = [
  'w.id',
  'w.title',
  'w.rating',
  'w.words',
  'w.chapter_count',
  'w.chapters_planned',
  'w.complete',
  'w.language',
  'w.summary',
  'w.published_at',
  'w.updated_at',
  'w.date_unknown',
  'w.updated_unknown',
  'w.kudos_count',
  'w.hits_count',
  'w.bookmarks_count',
  'w.comments_count',
] as const;

export type HitRow = Pick<
  WorkRow,
  | 'id'
  | 'title'
  | 'rating'
  | 'words'
  | 'chapter_count'
  | 'chapters_planned'
  | 'complete'
  | 'language'
  | 'summary'
  | 'published_at'
  | 'updated_at'
  | 'date_unknown'
  | 'updated_unknown'
  | 'kudos_count'
  | 'hits_count'
  | 'bookmarks_count'
  | 'comments_count'
>;

export function toHit(row: HitRow): WorkHit {
  return {
    id: row.id,
    title: row.title,
    rating: row.rating,
    words: row.words,
    chapterCount: row.chapter_count,
    chaptersPlanned: row.chapters_planned,
    complete: Boolean(row.complete),
    language: row.language,
    summary: row.summary,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    dateUnknown: Number(row.date_unknown) === 1,
    updatedUnknown: Number(row.updated_unknown) === 1,
    kudos: row.kudos_count,
    hits: row.hits_count,
    bookmarks: row.bookmarks_count,
    comments: row.comments_count,
  };
}
