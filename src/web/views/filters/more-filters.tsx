import type { SearchResult } from '../../../search/search-result.ts';
import type { WorkQuery } from '../../../search/work-query.ts';

/** The filters without counts: other tags, main pairing, status, crossovers, ranges, text and language. */
export function MoreFilters({ query, result }: { query: WorkQuery; result: SearchResult }) {
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
      <fieldset class="range">
        <legend>Words</legend>
        <label for="f-words-min">From</label>
        <input id="f-words-min" name="words_min" type="number" min="0" value={query.wordsMin ?? ''} />
        <label for="f-words-max">To</label>
        <input id="f-words-max" name="words_max" type="number" min="0" value={query.wordsMax ?? ''} />
      </fieldset>
      <fieldset class="range">
        <legend>Date updated</legend>
        <label for="f-updated-from">From</label>
        <input id="f-updated-from" name="updated_from" type="date" value={query.updatedFrom ?? ''} />
        <label for="f-updated-to">To</label>
        <input id="f-updated-to" name="updated_to" type="date" value={query.updatedTo ?? ''} />
      </fieldset>
      <fieldset class="range">
        <legend>Date posted</legend>
        <label for="f-published-from">From</label>
        <input id="f-published-from" name="published_from" type="date" value={query.publishedFrom ?? ''} />
        <label for="f-published-to">To</label>
        <input id="f-published-to" name="published_to" type="date" value={query.publishedTo ?? ''} />
      </fieldset>
      <fieldset class="range">
        <legend>Number of fandoms</legend>
        <label for="f-fandoms-min">From</label>
        <input id="f-fandoms-min" name="fandoms_min" type="number" min="0" value={query.fandomsMin ?? ''} />
        <label for="f-fandoms-max">To</label>
        <input id="f-fandoms-max" name="fandoms_max" type="number" min="0" value={query.fandomsMax ?? ''} />
      </fieldset>
      <div class="field">
        <label for="f-q">Search within results</label>
        <input id="f-q" name="q" type="search" value={query.text ?? ''} />
      </div>
      <div class="field">
        <label for="f-language">Language code</label>
        <input id="f-language" name="language" type="text" value={query.language ?? ''} placeholder="en" />
      </div>
    </details>
  );
}
