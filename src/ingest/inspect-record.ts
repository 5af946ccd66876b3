import type { ReadResult } from './read-story.ts';
import type { Evidence, Rating } from './story.ts';

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

export function toInspectRecord(result: ReadResult): InspectRecord {
  if (!result.ok) return { source: result.source, ok: false, error: result.error };
  const draft = result.draft;
  const evidence: Record<string, Evidence[] | string | string[] | object> = { ...draft.evidence };
  if (draft.rating.original !== null) {
    evidence.ratingOriginal = draft.rating.original;
    if (draft.rating.candidates) evidence.ratingCandidates = draft.rating.candidates;
  }
  evidence.completeReason = draft.completeReason;
  if (draft.partOf) evidence.partOf = draft.partOf;
  if (draft.notices.length > 0) evidence.notices = draft.notices;
  evidence.format = result.format;
  return {
    source: result.source,
    ok: true,
    work: {
      title: draft.title,
      creators: draft.creators,
      fandoms: draft.fandoms,
      rating: draft.rating.value,
      warnings: draft.warnings,
      categories: draft.categories,
      relationships: draft.relationships,
      characters: draft.characters,
      freeforms: draft.freeforms,
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
