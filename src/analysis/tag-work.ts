import type { Evidence, WorkDraft } from '../ingest/story.ts';
import { analyzeWork } from './analyze.ts';
import type { Knowledge } from './knowledge.ts';
import { type ChapterText, chapterTexts } from './passages.ts';
import type { Analysis, ReviewNote, Suggestion } from './suggestion.ts';

/** A work's final tags: what the author wrote, filled in and checked by the analysis. */
export interface TaggedWork {
  draft: WorkDraft;
  analysis: Analysis;
  fandoms: string[];
  rating: Analysis['rating']['value'];
  warnings: string[];
  categories: string[];
  relationships: string[];
  mainRelationship: string | null;
  characters: string[];
  freeforms: string[];
  /** `field:value` keys of the values the analysis inferred (the rest are the author's). */
  inferred: string[];
  evidence: Record<string, Evidence[]>;
  review: ReviewNote[];
}

/**
 * Analyse a draft and settle its final tags. `texts` are its chapters' plain text, when the caller has them
 * (the import stores them too).
 */
export function tagWork(
  draft: WorkDraft,
  knowledge: Knowledge,
  texts: readonly ChapterText[] = chapterTexts(draft.chapters),
): TaggedWork {
  const analysis = analyzeWork(draft, knowledge, texts);
  const evidence: Record<string, Evidence[]> = { ...draft.evidence };
  const inferred: string[] = [];
  const take = <T extends string>(field: string, suggestions: Suggestion<T>[]): T[] => {
    for (const suggestion of suggestions) {
      const key = `${field}:${suggestion.value}`;
      if (suggestion.source === 'inferred') inferred.push(key);
      if (suggestion.evidence.length > 0) evidence[key] = suggestion.evidence;
    }
    return suggestions.map((suggestion) => suggestion.value);
  };
  const relationships = [...analysis.relationships].sort((a, b) => Number(b.main) - Number(a.main));
  const tagged: TaggedWork = {
    draft,
    analysis,
    fandoms: take('fandoms', analysis.fandoms),
    rating: analysis.rating.value,
    warnings: take('warnings', analysis.warnings),
    categories: take('categories', analysis.categories),
    relationships: take('relationships', relationships),
    mainRelationship: relationships.find((relationship) => relationship.main)?.value ?? null,
    characters: take('characters', analysis.characters),
    freeforms: take('freeforms', analysis.freeforms),
    inferred,
    evidence,
    review: analysis.review,
  };
  if (analysis.rating.source === 'inferred') inferred.push('rating');
  evidence.rating = analysis.rating.evidence;
  return tagged;
}
