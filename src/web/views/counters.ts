import type { Sort } from '../../search/query-parameters.ts';

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

/** The sorts a menu offers: every one, now that comments, kudos, bookmarks and hits are all counted. */
export const OFFERED_SORTS = Object.keys(SORT_LABELS) as Sort[];
