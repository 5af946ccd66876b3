import type { WorkQuery } from '../../../search/work-query.ts';
import { OFFERED_SORTS, SORT_LABELS } from '../counters.ts';

/** Sort by and order. */
export function SortFields({ query }: { query: WorkQuery }) {
  // A sort chosen through the address but not offered stays chosen, so submitting the form keeps it.
  const sorts = OFFERED_SORTS.includes(query.sort) ? OFFERED_SORTS : [...OFFERED_SORTS, query.sort];
  return (
    <div class="field">
      <label for="f-sort">Sort by</label>
      <select id="f-sort" name="sort">
        {sorts.map((value) => (
          <option key={value} value={value} selected={query.sort === value}>
            {SORT_LABELS[value]}
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
