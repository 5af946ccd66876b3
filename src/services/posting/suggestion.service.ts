/**
 * Quire's suggestions as advice to the author: the analysis runs over a work as its author wrote it, and
 * what it would add (warnings, a more severe rating, fandoms, characters, relationships, categories, tags)
 * is offered with its passages, each to add or dismiss. Nothing is added without the author; a dismissed
 * suggestion is not offered again while the text stays the same.
 */
import { Type } from '@sinclair/typebox';
import { isTag } from '../../analysis/confidence.ts';
import type { Db } from '../../db/database.ts';
import { RATINGS, type Rating } from '../../domain/required-tags.ts';
import { AppError } from '../../errors.ts';
import { htmlToBlocks } from '../../ingest/html-blocks.ts';
import type { Evidence, WorkDraft } from '../../ingest/story.ts';
import { hashStoryText } from '../../repositories/work-text.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import { parseInput } from '../../validate.ts';
import type { Member } from '../accounts/actor.ts';
import type { StoryReader } from './story-reader.ts';
import type { WorkFields } from './work-form.schema.ts';
import { editWork, requireWork } from './work-posting.service.ts';
import { dropInferredTag, loadWorkFields } from './work-store.repository.ts';

export const SUGGESTION_KINDS = [
  'rating',
  'warning',
  'category',
  'fandom',
  'relationship',
  'character',
  'freeform',
] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export interface TagSuggestion {
  kind: SuggestionKind;
  value: string;
  /** Why, in a sentence ("this chapter may need Rape/Non-Con"). */
  message: string;
  /** The passages or rules behind it. */
  evidence: Evidence[];
}

export const SuggestionChoice = Type.Object({
  kind: Type.Union(
    SUGGESTION_KINDS.map((kind) => Type.Literal(kind)),
    { errorMessage: `the kind is one of ${SUGGESTION_KINDS.join(', ')}` },
  ),
  value: Type.String({ minLength: 1, maxLength: 150, errorMessage: 'the suggestion has no value' }),
});

/** The field of the work form that holds each kind. */
const FIELD: Record<Exclude<SuggestionKind, 'rating'>, keyof WorkFields> = {
  warning: 'warnings',
  category: 'categories',
  fandom: 'fandoms',
  relationship: 'relationships',
  character: 'characters',
  freeform: 'freeforms',
};

const rank = (rating: Rating) => (rating === 'Not Rated' ? -1 : RATINGS.indexOf(rating));

/** A stored work as the analysis reads a file: its fields as the author set them, its chapters' blocks. */
async function loadDraft(db: Db, workId: number): Promise<{ draft: WorkDraft; fields: WorkFields }> {
  // What the author confirmed: tags an import inferred are offered to them like any other suggestion.
  const fields = await loadWorkFields(db, workId, { authorOnly: true });
  if (!fields) throw new AppError('NOT_FOUND', `There is no work ${workId}.`);
  const chapters = await db
    .selectFrom('chapters')
    .select(['title', 'notes', 'end_notes', 'html', 'words'])
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
  const draft: WorkDraft = {
    title: fields.title,
    creators: [],
    fandoms: fields.fandoms,
    rating: { value: fields.rating, original: fields.rating },
    warnings: fields.warnings,
    categories: fields.categories,
    relationships: fields.relationships,
    characters: fields.characters,
    freeforms: fields.freeforms,
    summary: fields.summary ?? null,
    notes: fields.notes ?? null,
    endNotes: fields.endNotes ?? null,
    disclaimer: null,
    language: fields.language,
    complete: fields.complete,
    completeReason: 'the author says so',
    words: chapters.reduce((sum, chapter) => sum + chapter.words, 0),
    published: null,
    updated: null,
    series: [],
    sourceUrl: null,
    partOf: null,
    chapters: chapters.map((chapter) => ({
      title: chapter.title,
      notes: chapter.notes,
      endNotes: chapter.end_notes,
      blocks: htmlToBlocks(chapter.html),
      words: chapter.words,
    })),
    fields: [],
    evidence: {},
    notices: [],
  };
  return { draft, fields };
}

/** What the analysis suggests for a work that its author has neither added nor dismissed for this text. */
export async function suggestForWork(
  db: Db,
  reader: StoryReader,
  actor: Member | null,
  workId: number,
): Promise<TagSuggestion[]> {
  await requireWork(db, actor, 'work.suggestions', workId);
  const { draft, fields } = await loadDraft(db, workId);
  const analysis = await reader.analyze(draft);
  const suggestions: TagSuggestion[] = [];
  const has = (kind: SuggestionKind, value: string) => {
    if (kind === 'rating') return fields.rating === value;
    const list = fields[FIELD[kind]] as readonly string[];
    return list.some((item) => item.toLowerCase() === value.toLowerCase());
  };
  if (rank(analysis.rating.inferred) > rank(fields.rating)) {
    suggestions.push({
      kind: 'rating',
      value: analysis.rating.inferred,
      message: `The text reads as ${analysis.rating.inferred}; you rated it ${fields.rating}.`,
      evidence: analysis.review.find((note) => note.field === 'rating')?.evidence ?? analysis.rating.evidence,
    });
  }
  const choseNotToWarn = fields.warnings.includes('Creator Chose Not To Use Archive Warnings');
  for (const warning of choseNotToWarn ? [] : analysis.inferredWarnings) {
    if (warning === 'No Archive Warnings Apply' || has('warning', warning)) continue;
    const note = analysis.review.find(
      (item) => item.field === 'warnings' && item.message.includes(`"${warning}"`),
    );
    suggestions.push({
      kind: 'warning',
      value: warning,
      message: `This work may need the warning ${warning}.`,
      evidence: note?.evidence ?? [],
    });
  }
  const lists = [
    ['category', analysis.categories, 'a category'],
    ['fandom', analysis.fandoms, 'a fandom'],
    ['relationship', analysis.relationships, 'a relationship'],
    ['character', analysis.characters, 'a character'],
    ['freeform', analysis.freeforms, 'a tag'],
  ] as const;
  for (const [kind, found, what] of lists) {
    for (const suggestion of found) {
      // An author is offered what the analysis is sure enough of to tag an import with, no less.
      if (suggestion.source !== 'inferred' || !isTag(suggestion) || has(kind, suggestion.value)) continue;
      suggestions.push({
        kind,
        value: suggestion.value,
        message: `${what[0]?.toUpperCase()}${what.slice(1)} you have not tagged: ${suggestion.value}.`,
        evidence: suggestion.evidence,
      });
    }
  }
  const dismissed = await db
    .selectFrom('dismissed_suggestions')
    .select(['kind', 'value'])
    .where('work_id', '=', workId)
    .where('text_hash', '=', hashStoryText(draft.chapters))
    .execute();
  return suggestions.filter(
    (suggestion) => !dismissed.some((row) => row.kind === suggestion.kind && row.value === suggestion.value),
  );
}

/** Turn a suggestion down for the work's text as it is now. */
export async function dismissSuggestion(
  db: Db,
  actor: Member | null,
  workId: number,
  input: unknown,
  now = new Date(),
): Promise<void> {
  const { kind, value } = parseInput(SuggestionChoice, input);
  await requireWork(db, actor, 'work.suggestions', workId);
  await dismissForCurrentText(db, workId, kind, value, now);
}

/**
 * Record a suggestion as turned down for the work's text as it is, so the analysis does not offer it again,
 * and take it off the work if an import had inferred it (the author's dismissal, or a wrangler's rejection).
 */
export async function dismissForCurrentText(
  db: Db,
  workId: number,
  kind: SuggestionKind,
  value: string,
  now = new Date(),
): Promise<void> {
  const { draft } = await loadDraft(db, workId);
  await db
    .insertInto('dismissed_suggestions')
    .values({
      work_id: workId,
      kind,
      value,
      text_hash: hashStoryText(draft.chapters),
      created_at: now.toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['work_id', 'kind', 'value', 'text_hash']).doNothing())
    .execute();
  // A dismissed warning (or tag) an import had inferred no longer marks the work as needing it.
  if (kind !== 'rating') await dropInferredTag(db, workId, kind, value);
}

/** Add a suggestion to the work, as if the author had typed it (a rating replaces the rating). */
export async function addSuggestion(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  input: unknown,
): Promise<void> {
  const { kind, value } = parseInput(SuggestionChoice, input);
  await requireWork(db, actor, 'work.suggestions', workId);
  const fields = await loadWorkFields(db, workId);
  if (!fields) throw new AppError('NOT_FOUND', `There is no work ${workId}.`);
  const changed: Record<string, unknown> = { ...fields };
  if (kind === 'rating') changed.rating = value;
  else {
    const list = (fields[FIELD[kind]] as string[]).filter(
      // Choosing a real warning drops "No Archive Warnings Apply", which would contradict it.
      (item) => !(kind === 'warning' && item === 'No Archive Warnings Apply'),
    );
    changed[FIELD[kind]] = [...list, value];
  }
  await editWork(db, search, actor, workId, changed);
}
