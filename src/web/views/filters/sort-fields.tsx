import type { WorkQuery } from '../../../search/work-query.ts';

const SORT_LABELS: Record<WorkQuery['sort'], string> = {
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

/** Sort by and order. */
export function SortFields({ query }: { query: WorkQuery }) {
  return (
    <div class="field">
      <label for="f-sort">Sort by</label>
      <select id="f-sort" name="sort">
        {Object.entries(SORT_LABELS).map(([value, label]) => (
          <option key={value} value={value} selected={query.sort === value}>
            {label}
          </option>
        ))}
      </select>
      <label for="f-order">Order</label>
      <select id="f-order" name="order">
        <option value="desc" selected={query.order === 'desc'}>
          Descending
        </option>
        <option value="asc" selected={query.order === 'asc'}>
          Ascending
        </option>
      </select>
    </div>
  );
}
