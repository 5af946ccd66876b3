/**
 * One story of an old archive as a work: its chapters cleaned, its original tag strings mapped through the
 * sheet (each kept as the synonym of the tag it maps to, or as an additional tag), its rating through the
 * site's rating table, its reviews as guests' comments.
 */
import { createHash } from 'node:crypto';
import type { Knowledge } from '../../analysis/knowledge.ts';
import { htmlToBlocks } from '../../ingest/html-blocks.ts';
import { detectLanguage } from '../../ingest/language.ts';
import type { DraftChapter } from '../../ingest/story.ts';
import { blocksToPlainText, escapeHtml } from '../../ingest/text.ts';
import { mapRating } from '../../ingest/vocabulary.ts';
import type { TagAssignment, WorkInput } from '../../repositories/work.repository.ts';
import { hashStoryText } from '../../repositories/work-text.ts';
import { type EmailLog, legacyChapter, legacyPlainText, maskEmails } from '../../rescue/clean-text.ts';
import { mapTag, type Sheet, sheetKey } from '../../rescue/mapping-sheet.ts';
import type { RescueChapter, RescueStory } from '../../rescue/rescue-archive.ts';

export interface RescuedWork {
  work: WorkInput;
  /** Old chapter position -> new position, for the old chapter links. */
  positions: Map<number, number>;
  comments: { position: number | null; guestName: string; body: string; createdAt: string }[];
  /** What the record and the sheet made of it: unchanged on the next run means nothing to do. */
  hash: string;
}

/** The AO3 rating of an old rating string: the sheet's choice, else an unambiguous reading, else Not Rated. */
export function rescueRating(original: string | null, sheet: Sheet | null): string {
  if (!original) return 'Not Rated';
  const row = sheet?.rows.get(sheetKey({ source: 'rating', original }));
  if (row?.kind === 'rating' && row.tag) return row.tag;
  const mapped = mapRating(original);
  return mapped && !mapped.candidates ? mapped.rating : 'Not Rated';
}

function commentHtml(body: string, found: EmailLog): string {
  const blocks = htmlToBlocks(maskEmails(body.replace(/\r?\n/g, '<br>'), found));
  const html = blocks
    .map((block) =>
      block.type === 'paragraph'
        ? `<p>${block.html}</p>`
        : block.type === 'heading'
          ? `<p>${escapeHtml(block.text)}</p>`
          : '<hr>',
    )
    .join('\n');
  return html || `<p>${escapeHtml(body)}</p>`;
}

export function rescueWork(
  story: RescueStory,
  oldChapters: readonly RescueChapter[],
  context: {
    sheet: Sheet | null;
    knowledge: Knowledge;
    creatorNames: string[];
    series: ReadonlyMap<string, { id: number; title: string }>;
    today: string;
    found: EmailLog;
  },
): RescuedWork {
  const { sheet, knowledge, found } = context;
  const chapters: DraftChapter[] = [];
  const positions = new Map<number, number>();
  for (const old of oldChapters) {
    const chapter = legacyChapter(old, found);
    if (chapter.blocks.length === 0) continue;
    chapters.push(chapter);
    positions.set(old.oldPosition, chapters.length);
  }
  const tags: TagAssignment[] = [];
  const seen = new Set<string>();
  const rating = rescueRating(story.rating, sheet);
  tags.push({
    kind: 'rating',
    name: rating,
    canonical: true,
    ...(story.rating && story.rating !== rating ? { original: story.rating } : {}),
    source: 'author',
    main: false,
    evidence: [],
  });
  for (const ref of story.tags) {
    const mapped = mapTag(ref, sheet);
    const key = `${mapped.kind}\u0000${mapped.name}\u0000${mapped.original}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const parentFandom =
      mapped.kind === 'character' ? (knowledge.characterByName.get(mapped.name)?.fandoms[0] ?? null) : null;
    tags.push({
      kind: mapped.kind,
      name: mapped.name,
      canonical: mapped.canonical,
      ...(mapped.original !== mapped.name ? { original: mapped.original } : {}),
      source: 'author',
      main: false,
      ...(parentFandom ? { parentFandom } : {}),
      evidence: [],
    });
  }
  const published = story.published ?? story.updated ?? context.today;
  const sample = chapters
    .slice(0, 2)
    .map((chapter) => blocksToPlainText(chapter.blocks))
    .join('\n')
    .slice(0, 4000);
  const work: WorkInput = {
    title: story.title,
    creators: context.creatorNames,
    summary: legacyPlainText(story.summary, found),
    notes: legacyPlainText(story.notes, found),
    endNotes: legacyPlainText(story.endNotes, found),
    rating,
    language: detectLanguage(sample),
    complete: story.complete,
    chaptersPlanned: story.complete ? chapters.length : null,
    publishedAt: published,
    updatedAt: story.updated && story.updated >= published ? story.updated : published,
    dateUnknown: !story.published && !story.updated,
    sourceUrl: null,
    series: story.series.flatMap((entry) => {
      const series = context.series.get(entry.oldId);
      return series ? [{ id: series.id, title: series.title, index: entry.position }] : [];
    }),
    chapters,
    tags,
    review: [],
    textHash: hashStoryText(chapters),
  };
  const comments = story.reviews.map((review) => ({
    position: review.chapterPosition === null ? null : (positions.get(review.chapterPosition) ?? null),
    guestName: review.name.slice(0, 200),
    body: commentHtml(review.body, found),
    createdAt: review.date ?? published,
  }));
  // Dates the old record lacked are today's: left out of the hash, so a run on another day changes nothing.
  const hash = createHash('sha256')
    .update(
      JSON.stringify({
        work: { ...work, publishedAt: story.published, updatedAt: story.updated },
        comments: comments.map((comment, index) => ({
          ...comment,
          createdAt: story.reviews[index]?.date ?? null,
        })),
        positions: [...positions],
      }),
    )
    .digest('hex');
  return { work, positions, comments, hash };
}
