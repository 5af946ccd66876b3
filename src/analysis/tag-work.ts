import type { Evidence, WorkDraft } from '../ingest/story.ts';
import { analyzeWork } from './analyze.ts';
import { isTag } from './confidence.ts';
import type { Knowledge } from './knowledge.ts';
import { type ChapterText, chapterTexts } from './passages.ts';
import type { Analysis, ReviewNote, Suggestion } from './suggestion.ts';

export interface PossibleTag {
  field: 'fandoms' | 'characters' | 'relationships' | 'categories' | 'freeforms' | 'warnings';
  value: string;
  confidence: number;
  evidence: Evidence[];
}

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
  /** Suggestions below the confidence threshold: not tags, kept for a wrangler to add or dismiss. */
  possible: PossibleTag[];
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
  const possible: PossibleTag[] = [];
  const take = <T extends string>(field: PossibleTag['field'], suggestions: Suggestion<T>[]): T[] => {
    const tags = suggestions.filter(isTag);
    for (const suggestion of suggestions) {
      if (!tags.includes(suggestion)) {
        possible.push({
          field,
          value: suggestion.value,
          confidence: suggestion.confidence ?? 0,
          evidence: suggestion.evidence,
        });
        continue;
      }
      const key = `${field}:${suggestion.value}`;
      if (suggestion.source === 'inferred') inferred.push(key);
      if (suggestion.evidence.length > 0) evidence[key] = suggestion.evidence;
    }
    return tags.map((suggestion) => suggestion.value);
  };
  const relationships = [...analysis.relationships]
    .filter(isTag)
    .sort((a, b) => Number(b.main) - Number(a.main));
  const tagged: TaggedWork = {
    draft,
    analysis,
    fandoms: take('fandoms', analysis.fandoms),
    rating: analysis.rating.value,
    warnings: take('warnings', analysis.warnings),
    categories: take('categories', analysis.categories),
    relationships: take('relationships', [
      ...relationships,
      ...analysis.relationships.filter((relationship) => !isTag(relationship)),
    ]),
    mainRelationship: relationships.find((relationship) => relationship.main)?.value ?? null,
    characters: take('characters', analysis.characters),
    freeforms: take('freeforms', analysis.freeforms),
    inferred,
    possible,
    evidence,
    review: analysis.review,
  };
  if (analysis.rating.source === 'inferred') inferred.push('rating');
  evidence.rating = analysis.rating.evidence;
  return tagged;
}
