import type { TagKind } from '../../../domain/tag-kinds.ts';
import type { SearchResult } from '../../../search/search-result.ts';
import type { WorkQuery } from '../../../search/work-query.ts';
import { formatNumber } from '../format.ts';

/** The tag kinds the sidebar offers to include and exclude, with their counts in the results. */
export const TAG_GROUPS: [TagKind, string][] = [
  ['fandom', 'Fandoms'],
  ['relationship', 'Relationships'],
  ['character', 'Characters'],
  ['freeform', 'Additional Tags'],
];

/** Each kind's top tags in the results, each with an include and an exclude box. */
export function TagFacets({ query, result }: { query: WorkQuery; result: SearchResult }) {
  return (
    <>
      {TAG_GROUPS.map(([kind, label]) => {
        const facets = result.facets[kind];
        return (
          <details key={kind} open={kind === 'fandom' || undefined}>
            <summary>{label}</summary>
            {facets.length === 0 ? (
              <p class="empty">None in these results.</p>
            ) : (
              <table class="facet-table">
                <caption class="sr-only">{label}: include or exclude</caption>
                <thead>
                  <tr>
                    <th scope="col">Include</th>
                    <th scope="col">Exclude</th>
                    <th scope="col">Tag (works)</th>
                  </tr>
                </thead>
                <tbody>
                  {facets.map((facet) => {
                    const id = `f-${kind}-${facet.id}`;
                    return (
                      <tr key={facet.id}>
                        <td>
                          <input
                            type="checkbox"
                            id={`${id}-in`}
                            name="tags"
                            value={facet.name}
                            checked={query.includeTags.includes(facet.name)}
                            aria-label={`Include ${facet.name}`}
                          />
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            id={`${id}-out`}
                            name="exclude_tags"
                            value={facet.name}
                            checked={query.excludeTags.includes(facet.name)}
                            aria-label={`Exclude ${facet.name}`}
                          />
                        </td>
                        <td>
                          {/* Tapping the name includes the tag, the commoner wish; exclude has its own box. */}
                          <label for={`${id}-in`}>
                            {facet.name} <span class="count">({formatNumber(facet.count)})</span>
                          </label>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </details>
        );
      })}
    </>
  );
}
