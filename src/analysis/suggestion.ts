import type { ArchiveWarning, Category, Rating } from '../domain/required-tags.ts';
import type { Evidence } from '../ingest/story.ts';

/* The analysis's answer: each suggested tag with where it came from and the passages behind it. */

export type TagSource = 'author' | 'inferred';

export interface Suggestion<T extends string = string> {
  /** The tag: canonical when `known`, else the value as the file wrote it. */
  value: T;
  source: TagSource;
  evidence: Evidence[];
  /** True when the value is a canonical tag (from AO3's vocabulary or a knowledge pack). */
  known?: boolean;
  /** What the file wrote, when it differs from `value` (`S/W` for `Spike/Willow Rosenberg`). */
  original?: string;
  /**
   * How sure the analysis is, 0 to 1 (the author's own tags are 1). `analyzeWork` sets it on every
   * suggestion it returns (confidence.ts); a suggester that knows better may set it first.
   */
  confidence?: number;
}

export interface CharacterSuggestion extends Suggestion {
  mentions: number;
  perChapter: number[];
  main: boolean;
}

export interface RelationshipSuggestion extends Suggestion {
  kind: 'romantic' | 'platonic';
  /** Central to the story, not merely present: what "main pairing" filters use. */
  main: boolean;
  members: string[];
}

export interface ReviewNote {
  field: string;
  message: string;
  evidence: Evidence[];
}

/** Everything the analysis concluded about one work, each value with its source and evidence. */
export interface Analysis {
  fandoms: Suggestion[];
  characters: CharacterSuggestion[];
  relationships: RelationshipSuggestion[];
  categories: Suggestion<Category>[];
  /** The rating, and the one the text shows with what decided it (the same when the author gave none). */
  rating: Suggestion<Rating> & { inferred: Rating; inferredEvidence: Evidence[] };
  warnings: Suggestion<ArchiveWarning>[];
  /** The warnings the text suggests on its own, before the author's are taken into account. */
  inferredWarnings: ArchiveWarning[];
  freeforms: Suggestion[];
  review: ReviewNote[];
}
