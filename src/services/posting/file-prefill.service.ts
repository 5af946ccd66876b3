/**
 * A story started from a file: the file is read by the same readers `quire inspect` uses, and what the file
 * itself states fills the new work form. What the analysis would add is not filled in: it is offered to the
 * author as suggestions on preview, so nothing is tagged without them.
 */
import { RATINGS } from '../../domain/required-tags.ts';
import { readStoryBytes } from '../../ingest/read-story.ts';
import type { WorkDraft } from '../../ingest/story.ts';
import { chapterHtml } from '../../repositories/work-text.ts';
import type { ChapterForm, WorkForm } from './work-form.schema.ts';

/** The new work form as a file fills it: every field a form shows, not yet checked. */
export type PrefilledWork = Omit<WorkForm, 'chapters' | 'warnings' | 'rating'> & {
  rating: WorkForm['rating'] | '';
  warnings: string[];
  chapters: ChapterForm[];
  /** Who the file says wrote it, for the author to compare with their pseuds; never posted as such. */
  fileCreators: string[];
  /** What the reader noticed and worked around. */
  notices: string[];
};

/** Read an uploaded file; a file Quire cannot read is an AppError saying why. */
export async function prefillFromFile(bytes: Uint8Array, fileName: string): Promise<PrefilledWork> {
  const { draft } = await readStoryBytes(bytes, fileName);
  return prefillFromDraft(draft);
}

export function prefillFromDraft(draft: WorkDraft): PrefilledWork {
  const series = draft.series[0];
  return {
    title: draft.title ?? '',
    ...(draft.summary ? { summary: draft.summary } : {}),
    ...(draft.notes ? { notes: draft.notes } : {}),
    ...(draft.endNotes ? { endNotes: draft.endNotes } : {}),
    // Summaries and notes come out of the readers as plain text.
    format: 'text',
    fandoms: draft.fandoms,
    // A file that says nothing about its rating leaves the choice to the author.
    rating: draft.rating.original !== null && RATINGS.includes(draft.rating.value) ? draft.rating.value : '',
    warnings: draft.warnings,
    categories: draft.categories,
    relationships: draft.relationships,
    characters: draft.characters,
    freeforms: draft.freeforms,
    language: draft.language,
    ...(series
      ? { series: { title: series.title, ...(series.index ? { position: series.index } : {}) } }
      : {}),
    complete: draft.complete,
    restricted: false,
    pseuds: [],
    coCreators: [],
    draft: true,
    chapters: draft.chapters.map((chapter) => ({
      ...(chapter.title ? { title: chapter.title } : {}),
      ...(chapter.notes ? { notes: chapter.notes } : {}),
      ...(chapter.endNotes ? { endNotes: chapter.endNotes } : {}),
      body: chapterHtml(chapter),
      format: 'html' as const,
    })),
    fileCreators: draft.creators,
    notices: draft.notices,
  };
}
