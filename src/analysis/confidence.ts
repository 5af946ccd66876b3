import type { Analysis, CharacterSuggestion, Suggestion } from './suggestion.ts';

/**
 * How sure the analysis is of each suggestion, and which become tags. The figures are estimates of how
 * often such a suggestion is right, read off the real development set (`npm run eval` prints precision by
 * confidence band beside them): a main character is nearly always right, a supporting character named far
 * less than the lead about half the time.
 */

/** Suggestions at or above this become tags; the rest are kept as "possible" for a wrangler. */
export const SUGGESTION_THRESHOLD = 0.5;

/** Whether a suggestion becomes one of the work's tags: the author's always, the analysis's when sure enough. */
export function isTag(suggestion: Suggestion): boolean {
  return suggestion.source === 'author' || (suggestion.confidence ?? 1) >= SUGGESTION_THRESHOLD;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round = (value: number) => Math.round(value * 100) / 100;
const passagesOf = (suggestion: Suggestion) =>
  suggestion.evidence.filter((evidence) => evidence.source === 'text').length;

/**
 * A character's share of the lead's mentions is what tells a tagged character from a name in the
 * background: named at least half as often as the lead, a character was tagged by its author 99 times in
 * 100; a fifth as often, about 60 in 100; under an eighth as often, one time in four.
 */
const SUPPORTING_SHARE = 0.12;
function characterConfidence(character: CharacterSuggestion, lead: number): number {
  const share = lead > 0 ? character.mentions / lead : 0;
  if (character.main) return clamp(0.9 + 0.1 * share, 0.9, 1);
  if (share < SUPPORTING_SHARE) return 0.25;
  return clamp(0.55 + 0.9 * (share - SUPPORTING_SHARE), 0.55, 0.85);
}

/**
 * Fill in every suggestion's confidence. The author's tags are 1; so are conventions that state no finding
 * ("Creator Chose Not To Use Archive Warnings" when the text shows none, a rating a person must set).
 */
export function rateConfidence(analysis: Analysis): Analysis {
  const set = <S extends Suggestion>(suggestion: S, inferred: (suggestion: S) => number): S => ({
    ...suggestion,
    confidence: suggestion.source === 'author' ? 1 : round(suggestion.confidence ?? inferred(suggestion)),
  });
  // Pairings are rated where they are found (suggest-relationships.ts, background-couples.ts), from whether
  // their kisses and sex are their own or shared with others in the room.
  const relationships = analysis.relationships.map((relationship) =>
    set(relationship, () => SUGGESTION_THRESHOLD),
  );
  const lead = Math.max(0, ...analysis.characters.map((character) => character.mentions));
  const characters = analysis.characters.map((character) =>
    set(character, (suggestion) => {
      // A character added as a member of a pairing is as sure as the pairing.
      // A member of a pairing is at least as sure as the pairing (AO3 tags every member as a character).
      const pairings = relationships.filter((relationship) =>
        relationship.members.includes(suggestion.value),
      );
      return Math.max(
        suggestion.mentions > 0 ? characterConfidence(suggestion, lead) : 0,
        ...pairings.map((pairing) => pairing.confidence ?? 0),
      );
    }),
  );
  const romantic = relationships.filter((relationship) => relationship.kind === 'romantic');
  // A category follows from the pairings: as sure as the least sure of them, or middling for Gen.
  const categoryConfidence = romantic.length > 0 ? Math.min(...romantic.map((r) => r.confidence ?? 1)) : 0.6;
  return {
    ...analysis,
    fandoms: analysis.fandoms.map((fandom) =>
      set(fandom, (suggestion) => clamp(0.5 + 0.1 * suggestion.evidence.length, 0.5, 0.95)),
    ),
    characters,
    relationships,
    categories: analysis.categories.map((category) => set(category, () => categoryConfidence)),
    rating: set(analysis.rating, (suggestion) =>
      // An abstained rating carries no passages: "Not Rated" is a convention, not a finding.
      suggestion.value === 'Not Rated' ? 1 : clamp(0.55 + 0.1 * passagesOf(suggestion), 0.55, 0.9),
    ),
    warnings: analysis.warnings.map((warning) =>
      set(warning, (suggestion) =>
        passagesOf(suggestion) === 0 ? 1 : clamp(0.75 + 0.05 * passagesOf(suggestion), 0.75, 0.95),
      ),
    ),
    freeforms: analysis.freeforms.map((freeform) =>
      set(freeform, (suggestion) =>
        passagesOf(suggestion) === 0 ? 0.9 : clamp(0.5 + 0.1 * passagesOf(suggestion), 0.5, 0.9),
      ),
    ),
  };
}
