import type { TaggedWork } from '../analysis/tag-work.ts';
import type { Rating } from '../domain/required-tags.ts';
import type { ReadResult } from '../ingest/read-story.ts';
import type { Evidence } from '../ingest/story.ts';

/** The record `quire inspect --json` prints for one file; its shape is a public contract. */
export type InspectRecord =
  | {
      source: string;
      ok: true;
      work: {
        title: string | null;
        creators: string[];
        fandoms: string[];
        rating: Rating;
        warnings: string[];
        categories: string[];
        relationships: string[];
        characters: string[];
        freeforms: string[];
        summary: string | null;
        notes: string | null;
        language: string;
        complete: boolean;
        words: number;
        chapters: { title: string | null; words: number }[];
      };
      evidence: Record<string, Evidence[] | string | string[] | object>;
    }
  | { source: string; ok: false; error: string };

/** The public record of one file. With a tagged work, the tags are the analysis's final ones. */
export function toInspectRecord(result: ReadResult, tagged?: TaggedWork): InspectRecord {
  if (!result.ok) return { source: result.source, ok: false, error: result.error };
  const draft = result.draft;
  const evidence: Record<string, Evidence[] | string | string[] | object> = {
    ...(tagged?.evidence ?? draft.evidence),
  };
  if (draft.rating.original !== null) {
    evidence.ratingOriginal = draft.rating.original;
    if (draft.rating.candidates) evidence.ratingCandidates = draft.rating.candidates;
  }
  evidence.completeReason = draft.completeReason;
  if (draft.partOf) evidence.partOf = draft.partOf;
  if (draft.notices.length > 0) evidence.notices = draft.notices;
  evidence.format = result.format;
  if (tagged) {
    evidence.inferred = tagged.inferred;
    evidence.mainRelationship = tagged.mainRelationship ?? '';
    if (tagged.review.length > 0) evidence.review = tagged.review;
    // Below the confidence threshold: not tags, shown so a person can see what was held back.
    if (tagged.possible.length > 0)
      evidence.possible = tagged.possible.map(({ field, value, confidence }) => ({
        field,
        value,
        confidence,
      }));
  }
  return {
    source: result.source,
    ok: true,
    work: {
      title: draft.title,
      creators: draft.creators,
      fandoms: tagged?.fandoms ?? draft.fandoms,
      rating: tagged?.rating ?? draft.rating.value,
      warnings: tagged?.warnings ?? draft.warnings,
      categories: tagged?.categories ?? draft.categories,
      relationships: tagged?.relationships ?? draft.relationships,
      characters: tagged?.characters ?? draft.characters,
      freeforms: tagged?.freeforms ?? draft.freeforms,
      summary: draft.summary,
      notes: draft.notes,
      language: draft.language,
      complete: draft.complete,
      words: draft.words,
      chapters: draft.chapters.map((chapter) => ({ title: chapter.title, words: chapter.words })),
    },
    evidence,
  };
}
