import { isTag } from '../analysis/confidence.ts';
import type { Knowledge } from '../analysis/knowledge.ts';
import type { Suggestion } from '../analysis/suggestion.ts';
import type { TaggedWork } from '../analysis/tag-work.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import type { TagAssignment, WorkInput } from './work.repository.ts';
import { hashStoryText } from './work-text.ts';

/** What a tagged work becomes in the archive: every tag with its kind, source, canonical form and evidence. */
export function toWorkInput(work: TaggedWork, knowledge: Knowledge, now: string): WorkInput {
  const { draft, analysis } = work;
  const tags: TagAssignment[] = [];
  const possibleTags: NonNullable<WorkInput['possibleTags']> = [];
  const parentOf = (name: string) => knowledge.characterByName.get(name)?.fandoms[0] ?? null;
  // The same split as tagWork's: a suggestion below the threshold is kept as possible, not made a tag.
  const add = (kind: TagKind, suggestion: Suggestion, extra: Partial<TagAssignment> = {}) => {
    const assignment = {
      kind,
      name: suggestion.value,
      canonical: suggestion.known ?? false,
      ...(suggestion.original ? { original: suggestion.original } : {}),
      source: suggestion.source,
      confidence: suggestion.confidence ?? 1,
      main: false,
      evidence: suggestion.evidence,
      ...extra,
    };
    if (isTag(suggestion)) tags.push(assignment);
    else possibleTags.push({ ...assignment, main: false });
  };
  tags.push({
    kind: 'rating',
    name: analysis.rating.value,
    canonical: true,
    ...(draft.rating.original && draft.rating.original !== analysis.rating.value
      ? { original: draft.rating.original }
      : {}),
    source: analysis.rating.source,
    confidence: analysis.rating.confidence ?? 1,
    main: false,
    evidence: analysis.rating.evidence,
  });
  for (const warning of analysis.warnings) add('warning', { ...warning, known: true });
  for (const category of analysis.categories) add('category', { ...category, known: true });
  for (const fandom of analysis.fandoms) add('fandom', fandom);
  for (const relationship of analysis.relationships) {
    add('relationship', relationship, {
      main: relationship.main,
      parentFandom: relationship.members[0] ? parentOf(relationship.members[0]) : null,
    });
  }
  for (const character of analysis.characters)
    add('character', character, { main: character.main, parentFandom: parentOf(character.value) });
  for (const freeform of analysis.freeforms) add('freeform', freeform);

  const today = now.slice(0, 10);
  // `Chapters: 3/5` on its own line, or inside AO3's stats line (`Words: 1,234 Chapters: 3/5`).
  const chaptersCount =
    draft.fields.find((field) => /^chapters$/i.test(field.label))?.value ??
    /Chapters:\s*(\S+)/i.exec(draft.fields.find((field) => /^stats$/i.test(field.label))?.value ?? '')?.[1] ??
    '';
  const planned = /\/\s*(\d+)/.exec(chaptersCount);
  return {
    title: draft.title,
    creators: draft.creators,
    summary: draft.summary,
    notes: draft.notes,
    endNotes: draft.endNotes,
    rating: analysis.rating.value,
    language: draft.language,
    complete: draft.complete,
    chaptersPlanned: planned ? Number(planned[1]) : draft.complete ? draft.chapters.length : null,
    publishedAt: draft.published ?? draft.updated ?? today,
    updatedAt: draft.updated ?? draft.published ?? today,
    dateUnknown: draft.published === null && draft.updated === null,
    sourceUrl: draft.sourceUrl,
    series: draft.series,
    chapters: draft.chapters,
    tags,
    possibleTags,
    review: work.review,
    textHash: hashStoryText(draft.chapters),
  };
}
