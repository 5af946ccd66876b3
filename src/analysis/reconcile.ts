import type { ArchiveWarning, Rating } from '../domain/required-tags.ts';
import type { Evidence, WorkDraft } from '../ingest/story.ts';
import { ratingRank } from './rating.ts';
import type { Analysis, ReviewNote, Suggestion } from './suggestion.ts';

/* What the author wrote against what the text shows: the author's value is kept, a difference noted. */

export function reconcileRating(
  draft: WorkDraft,
  inferred: Rating,
  evidence: Evidence[],
  review: ReviewNote[],
): Analysis['rating'] {
  const stated = draft.rating;
  if (stated.original === null) {
    return { value: inferred, source: 'inferred', evidence, inferred, inferredEvidence: evidence };
  }
  if (stated.candidates && stated.candidates.length > 1) {
    // The header's value is ambiguous (`M`, `R/NC-17`): choose the candidate nearest to what the text shows.
    const choice = [...stated.candidates].sort(
      (a, b) =>
        Math.abs(ratingRank(a) - ratingRank(inferred)) - Math.abs(ratingRank(b) - ratingRank(inferred)) ||
        ratingRank(b) - ratingRank(a),
    )[0] as Rating;
    return {
      value: choice,
      source: 'inferred',
      evidence: [
        {
          source: 'rule',
          reason: `the header's "${stated.original}" could be ${stated.candidates.join(' or ')}; the text decides`,
        },
        ...evidence,
      ],
      inferred,
      inferredEvidence: evidence,
    };
  }
  if (stated.value !== 'Not Rated' && ratingRank(inferred) > ratingRank(stated.value)) {
    review.push({
      field: 'rating',
      message: `The author rated this ${stated.value} ("${stated.original}"), but the text reads as ${inferred}.`,
      evidence,
    });
  }
  return {
    value: stated.value,
    source: 'author',
    evidence: draft.evidence.rating ?? [],
    inferred,
    inferredEvidence: evidence,
  };
}

export function reconcileWarnings(
  draft: WorkDraft,
  inferred: { warning: ArchiveWarning; evidence: Evidence[] }[],
  review: ReviewNote[],
): Suggestion<ArchiveWarning>[] {
  if (draft.warnings.length === 0) {
    // Finding no reason to warn is not knowing there is none: a work whose author gave no warnings carries
    // "Creator Chose Not To Use Archive Warnings", the convention for imported works, never an inferred
    // "No Archive Warnings Apply"; the warnings the text does show are suggested beside it.
    const shown = inferred.filter((item) => item.warning !== 'No Archive Warnings Apply');
    if (shown.length > 0)
      return shown.map((item) => ({ value: item.warning, source: 'inferred', evidence: item.evidence }));
    return [
      {
        value: 'Creator Chose Not To Use Archive Warnings',
        source: 'inferred',
        evidence: [
          { source: 'rule', reason: 'the author gave no archive warnings, and the text shows none' },
        ],
      },
    ];
  }
  const stated: Suggestion<ArchiveWarning>[] = draft.warnings.map((value) => ({
    value,
    source: 'author',
    evidence: draft.evidence[`warnings:${value}`] ?? [],
  }));
  if (draft.warnings.includes('Creator Chose Not To Use Archive Warnings')) return stated;
  for (const item of inferred) {
    if (item.warning === 'No Archive Warnings Apply' || draft.warnings.includes(item.warning)) continue;
    review.push({
      field: 'warnings',
      message: `The text suggests "${item.warning}", which the author's warnings do not include.`,
      evidence: item.evidence,
    });
  }
  return stated;
}
