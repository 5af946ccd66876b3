import type { SearchResult } from '../../../search/search-result.ts';
import type { WorkQuery } from '../../../search/work-query.ts';
import { languageName } from '../format.ts';

/** The filters without counts: other tags, main pairing, status, crossovers, ranges, text and language. */
export function MoreFilters({
  query,
  result,
  languages,
}: {
  query: WorkQuery;
  result: SearchResult;
  languages: string[];
}) {
  // A language asked for through the address stays offered even when no work has it.
  const codes =
    query.language && !languages.includes(query.language) ? [...languages, query.language] : languages;
  return (
    <details open>
      <summary>More options</summary>
      <div class="field">
        <label for="f-tags-other">Other tags to include</label>
        <input id="f-tags-other" name="tags" type="text" placeholder="comma, separated" />
      </div>
      <div class="field">
        <label for="f-exclude-other">Other tags to exclude</label>
        <input id="f-exclude-other" name="exclude_tags" type="text" placeholder="comma, separated" />
      </div>
      <div class="field">
        <label for="f-main">Main pairing</label>
        <input
          id="f-main"
          name="main_relationship"
          type="text"
          value={query.mainRelationship ?? ''}
          list="f-main-options"
        />
        <datalist id="f-main-options">
          {result.facets.relationship.map((facet) => (
            <option key={facet.id} value={facet.name} />
          ))}
        </datalist>
      </div>
      <div class="field">
        <label for="f-complete">Completion status</label>
        <select id="f-complete" name="complete">
          <option value="" selected={query.complete === 'any'}>
            All works
          </option>
          <option value="complete" selected={query.complete === 'complete'}>
            Complete works only
          </option>
          <option value="in-progress" selected={query.complete === 'in-progress'}>
            Works in progress only
          </option>
        </select>
      </div>
      <div class="field">
        <label for="f-crossovers">Crossovers</label>
        <select id="f-crossovers" name="crossovers">
          <option value="" selected={query.crossovers === 'include'}>
            Include crossovers
          </option>
          <option value="exclude" selected={query.crossovers === 'exclude'}>
            Exclude crossovers
          </option>
          <option value="only" selected={query.crossovers === 'only'}>
            Only crossovers
          </option>
        </select>
      </div>
      <Range
        legend="Words"
        name="words"
        ends={['min', 'max']}
        type="number"
        low={query.wordsMin}
        high={query.wordsMax}
      />
      <Range
        legend="Date updated"
        name="updated"
        ends={['from', 'to']}
        type="date"
        low={query.updatedFrom}
        high={query.updatedTo}
      />
      <Range
        legend="Date posted"
        name="published"
        ends={['from', 'to']}
        type="date"
        low={query.publishedFrom}
        high={query.publishedTo}
      />
      <Range
        legend="Number of fandoms"
        name="fandoms"
        ends={['min', 'max']}
        type="number"
        low={query.fandomsMin}
        high={query.fandomsMax}
      />
      <div class="field">
        <label for="f-q">Search within results</label>
        <input id="f-q" name="q" type="search" value={query.text ?? ''} />
      </div>
      <div class="field">
        <label for="f-title">Title</label>
        <input id="f-title" name="title" type="text" value={query.title ?? ''} />
      </div>
      <div class="field">
        <label for="f-creator">Creator</label>
        <input id="f-creator" name="creator" type="text" value={query.creator ?? ''} />
      </div>
      <div class="field">
        <label for="f-language">Language</label>
        <select id="f-language" name="language">
          <option value="" selected={query.language === null}>
            Any language
          </option>
          {codes
            .map((code) => [code, languageName(code)] as const)
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([code, name]) => (
              <option key={code} value={code} selected={query.language === code}>
                {name}
              </option>
            ))}
        </select>
      </div>
    </details>
  );
}

/** A From/To pair of inputs named `<name>_<end>`, as the query parameters spell them. */
function Range(props: {
  legend: string;
  name: string;
  ends: [string, string];
  type: 'number' | 'date';
  low: number | string | null;
  high: number | string | null;
}) {
  const { legend, name, ends, type } = props;
  const min = type === 'number' ? '0' : undefined;
  return (
    <fieldset class="range">
      <legend>{legend}</legend>
      <label for={`f-${name}-${ends[0]}`}>From</label>
      <input
        id={`f-${name}-${ends[0]}`}
        name={`${name}_${ends[0]}`}
        type={type}
        min={min}
        value={props.low ?? ''}
      />
      <label for={`f-${name}-${ends[1]}`}>To</label>
      <input
        id={`f-${name}-${ends[1]}`}
        name={`${name}_${ends[1]}`}
        type={type}
        min={min}
        value={props.high ?? ''}
      />
    </fieldset>
  );
}
