import type { ArchiveWarning, Rating } from '../domain/required-tags.ts';
import type { Evidence } from '../ingest/story.ts';
import { findCharacterDeath } from './character-death.ts';
import type { CharacterCounts } from './characters/resolve.ts';
import { depicted, statedOfNow } from './cue-context.ts';
import type { CueKind } from './cues/cue.ts';
import type { KnownCharacter } from './knowledge.ts';
import { cite, groupByParagraph, type Passage, strongestOf, weightOf } from './paragraphs.ts';
import type { ChapterText, CueHit } from './passages.ts';
import { rateContent, ratingRank } from './rating.ts';

export interface ContentFinding {
  rating: Rating;
  ratingEvidence: Evidence[];
  warnings: { warning: ArchiveWarning; evidence: Evidence[] }[];
  additionalTags: { tag: string; evidence: Evidence[] }[];
  /** Findings a person must look at whatever the tags say (sex involving a minor). */
  review: { field: string; message: string; evidence: Evidence[] }[];
}

/**
 * Score the passages of a story for rating, archive warnings and additional content warnings. Each decision
 * keeps the passages that made it.
 */
export function assessContent(
  texts: readonly ChapterText[],
  hits: readonly CueHit[],
  counts: Map<KnownCharacter, CharacterCounts>,
): ContentFinding {
  const passages = groupByParagraph(texts, hits);
  const total = (kind: CueKind) => passages.reduce((sum, passage) => sum + weightOf(passage, kind), 0);
  const strongest = (kind: CueKind, limit = 3) => strongestOf(texts, passages, kind, limit);

  const rated = rateContent(texts, hits, passages);
  let rating = rated.rating;
  let ratingEvidence = rated.evidence;
  // Archive warnings read the paragraphs their own way (depicted, not merely narrated).

  const warnings: ContentFinding['warnings'] = [];
  const review: ContentFinding['review'] = [];
  const raiseTo = (floor: Rating, evidence: Evidence[]) => {
    if (ratingRank(rating) < ratingRank(floor)) {
      rating = floor;
      ratingEvidence = evidence;
    }
  };

  // Graphic violence: gore described in more than one place, or at length in one, told as happening (not
  // `nothing compared to bones shattering`, not `the pain of broken bones` remembered).
  const goreOf = (passage: Passage) =>
    passage.hits
      .filter((hit) => hit.kind === 'violenceGraphic' && !NOT_GORE.test(hit.match) && depicted(texts, hit))
      .reduce((sum, hit) => sum + hit.weight, 0);
  const gory = passages.filter((passage) => goreOf(passage) >= 3);
  if (gory.reduce((sum, passage) => sum + goreOf(passage), 0) >= 6) {
    warnings.push({
      warning: 'Graphic Depictions Of Violence',
      evidence: gory.slice(0, 3).map((passage) => cite(texts, passage, 'violenceGraphic')),
    });
  }

  // Non-consent: sexual contact in a passage that also says it was forced or refused, told as happening
  // (narration, not negated, not a memory or a threat). A word for rape alone is a mention; force in a
  // consensual scene (`held him down`) is not non-consent without a refusal or a word that says so.
  // `He could fight her, if he wanted. But he didn't want to.`: the fight he could put up and does not is
  // consent, not a refusal.
  const refusalOf = (passage: Passage) =>
    passage.hits
      .filter((hit) => hit.kind === 'refusal' && !declinedResistance(texts[hit.chapter - 1]?.text ?? '', hit))
      .reduce((sum, hit) => sum + hit.weight, 0);
  const forced = passages.filter((passage, index) => {
    const force = passage.hits.filter((hit) => hit.kind === 'force' && depicted(texts, hit));
    if (force.length === 0) return false;
    if (force.some((hit) => NON_CONSENT.test(hit.match))) return true;
    // A refusal said in this paragraph or the one just before (`"No," John said.` and then what was done).
    const before = passages[index - 1];
    const adjoining =
      before && before.chapter === passage.chapter && passage.start - before.end <= 3 ? before : null;
    const refused = refusalOf(passage) + (adjoining ? refusalOf(adjoining) : 0);
    const sexual = weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied');
    return refused >= 2 || (sexual >= 2 && force.some((hit) => SEXUAL_FORCE.test(hit.match)));
  });
  if (forced.length >= 1) {
    warnings.push({
      warning: 'Rape/Non-Con',
      evidence: forced.slice(0, 3).map((passage) => cite(texts, passage, 'force')),
    });
  }

  // Sex involving a minor: an age under 18 stated in the sex scene itself, told of someone now (not `when
  // she was fifteen`, not `a fifteen-year-old sister`). An age anywhere else beside sex anywhere else is not.
  const minorPassages = passages.filter(
    (passage) =>
      weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied') >= 3 &&
      passage.hits.some((hit) => hit.kind === 'minorAge' && statedOfNow(texts, hit)),
  );
  if (minorPassages.length > 0) {
    const evidence = [
      ...minorPassages.slice(0, 2).map((passage) => cite(texts, passage, 'minorAge')),
      ...strongest('sexExplicit', 1),
    ];
    warnings.push({ warning: 'Underage Sex', evidence });
    review.push({
      field: 'warnings',
      message:
        'A character stated to be under 18 appears in a story with sexual content: a person must review this work.',
      evidence,
    });
  } else if (rated.signals.explicit + rated.signals.implied >= 5) {
    const sexualChapters = new Set(
      passages
        .filter((passage) => weightOf(passage, 'sexExplicit') + weightOf(passage, 'sexImplied') >= 3)
        .map((passage) => passage.chapter),
    );
    const schoolPassages = passages.filter(
      (passage) => weightOf(passage, 'school') > 0 && sexualChapters.has(passage.chapter),
    );
    const minors = [...counts.values()].filter((entry) => !entry.character.adult && entry.total >= 3);
    if (schoolPassages.length > 0 || minors.length > 0) {
      review.push({
        field: 'warnings',
        message: `Sexual content in a story ${minors.length > 0 ? `with characters who are minors in canon (${minors.map((entry) => entry.character.name).join(', ')})` : 'with school settings'}: check the characters' ages.`,
        evidence: [
          ...schoolPassages.slice(0, 2).map((passage) => cite(texts, passage, 'school')),
          ...strongest('sexExplicit', 1),
        ],
      });
    }
  }

  // Death of a named character: death cues close to a character's name.
  const death = findCharacterDeath(texts, hits, counts);
  if (death) warnings.push({ warning: 'Major Character Death', evidence: death });

  // Archive warnings set a floor: non-consent, sex with a minor and graphic violence are Mature content.
  for (const { warning, evidence } of warnings) {
    if (
      warning === 'Rape/Non-Con' ||
      warning === 'Underage Sex' ||
      warning === 'Graphic Depictions Of Violence'
    )
      raiseTo('Mature', evidence);
    if (warning === 'Major Character Death') raiseTo('Teen And Up Audiences', evidence);
  }

  const additionalTags: ContentFinding['additionalTags'] = [];
  const addTag = (tag: string, kind: CueKind, threshold: number) => {
    if (total(kind) >= threshold) additionalTags.push({ tag, evidence: strongest(kind) });
  };
  addTag('Domestic Violence', 'domesticAbuse', 6);
  addTag('Self-Harm', 'selfHarm', 3);
  addTag('Suicide', 'suicide', 6);
  addTag('Drug Use', 'drugs', 6);
  addTag('BDSM', 'bdsm', 8);
  addTag('Torture', 'torture', 6);
  if (warnings.length === 0) {
    warnings.push({
      warning: 'No Archive Warnings Apply',
      evidence: [{ source: 'rule', reason: 'no passage suggests an archive warning' }],
    });
  }
  return { rating, ratingEvidence, warnings, additionalTags, review };
}

/** `didn't want to.` with nothing after it, just after saying what the person could do to resist. */
function declinedResistance(text: string, hit: CueHit): boolean {
  if (!/^didn['’]?t want to$/i.test(hit.match) || !/^\s*[.!]/.test(text.slice(hit.end, hit.end + 2)))
    return false;
  const paragraph = text.slice(Math.max(0, text.lastIndexOf('\n\n', hit.start), hit.start - 300), hit.start);
  return RESISTANCE_POSSIBLE.test(paragraph);
}

const RESISTANCE_POSSIBLE =
  /\b(?:could|can)\s+(?:(?:\w+ly|still|easily)\s+)?(?:fight|stop|resist|push|pull|struggle|break|throw|shove|say no|get away|get free)\b/i;

// Violent words that rate a story but do not show violence by themselves: an injury afterwards (`four
// maybe-broken ribs`, `friends with broken bones, lying in hospital beds`), an act named by its noun
// (`endured mutilation by Angelus`).
const NOT_GORE =
  /^(?:broken (?:bones?|ribs|jaw|spine|skull)|(?:mutilation|decapitation|dismemberment|evisceration|disembowelment)s?)$/i;

// Force cues that say sex without consent by themselves, told as happening.
const NON_CONSENT =
  /^(?:rap(?:ed|ing)|forced (?:himself|herself) (?:on|onto|into)|took (?:her|him) anyway|violated|non-?consensual)/i;

// Force cues that name a sexual act, not just a fight.
const SEXUAL_FORCE =
  /^(?:rap|forced (?:himself|herself|her|him)|tore (?:her|his) clothes|non-?consensual|didn|without|took (?:her|him) anyway|violated)/i;
