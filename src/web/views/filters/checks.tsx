import type { TagKind } from '../../../domain/tag-kinds.ts';
import type { SearchResult } from '../../../search/search-result.ts';
import { formatNumber } from '../format.ts';

/** How many of the results have this tag, when it is among the counted ones. */
export function countOf(result: SearchResult, kind: TagKind, name: string): number | null {
  const facet = result.facets[kind].find((entry) => entry.name === name);
  return facet ? facet.count : null;
}

function Check({
  name,
  value,
  checked,
  label,
  count,
}: {
  name: string;
  value: string;
  checked: boolean;
  label: string;
  count: number | null;
}) {
  const id = `f-${name}-${value}`.replace(/[^A-Za-z0-9_-]+/g, '-');
  return (
    <li>
      <input type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label for={id}>
        {label}
        {count !== null ? <span class="count"> ({formatNumber(count)})</span> : null}
      </label>
    </li>
  );
}

/**
 * A fixed vocabulary to include and to exclude (`name` and `exclude_name`), folded away unless something in
 * it is chosen.
 */
export function IncludeExclude<T extends string>({
  summary,
  name,
  options,
  included,
  excluded,
  counts,
}: {
  summary: string;
  name: string;
  options: readonly T[];
  included: readonly T[];
  excluded: readonly T[];
  counts: (option: T) => number | null;
}) {
  return (
    <details open={included.length + excluded.length > 0 || undefined}>
      <summary>{summary}</summary>
      <CheckList legend="Include" name={name} options={options} chosen={included} counts={counts} />
      <CheckList
        legend="Exclude"
        name={`exclude_${name}`}
        options={options}
        chosen={excluded}
        counts={counts}
      />
    </details>
  );
}

/** One fixed vocabulary (ratings, warnings, categories) as checkboxes with their counts in these results. */
export function CheckList<T extends string>({
  legend,
  name,
  options,
  chosen,
  counts,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  chosen: readonly T[];
  counts: (option: T) => number | null;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ul>
        {options.map((option) => (
          <Check
            key={option}
            name={name}
            value={option}
            checked={chosen.includes(option)}
            label={option}
            count={counts(option)}
          />
        ))}
      </ul>
    </fieldset>
  );
}
