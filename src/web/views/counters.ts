import type { Sort } from '../../search/query-parameters.ts';

/**
 * Bookmarks: nothing on the site can give them yet (kudos, hits and comments can, issue #20), so every
 * count is 0. Pages leave them out, and the sort by them, rather than show numbers that cannot move; the
 * query parameters still accept the sort, so links made for later keep working.
 */
export const UNCOUNTED_SORTS: ReadonlySet<Sort> = new Set(['bookmarks']);

/** AO3's names for the sorts, for menus: the sort parameter's raw values are not for readers. */
export const SORT_LABELS: Record<Sort, string> = {
  best: 'Best Match',
  updated: 'Date Updated',
  published: 'Date Posted',
  words: 'Word Count',
  kudos: 'Kudos',
  hits: 'Hits',
  bookmarks: 'Bookmarks',
  comments: 'Comments',
  title: 'Title',
  author: 'Creator',
};

/** The sorts a menu offers: those whose values can differ between works. */
export const OFFERED_SORTS = (Object.keys(SORT_LABELS) as Sort[]).filter(
  (sort) => !UNCOUNTED_SORTS.has(sort),
);
