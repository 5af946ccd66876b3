/** What posting and editing read and write beyond an import's insert: access, tags as typed, totals, index. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { TagKind } from '../../domain/tag-kinds.ts';
import { AppError } from '../../errors.ts';
import type { DraftChapter } from '../../ingest/story.ts';
import { findTag, findTagById, rebuildFilterTags } from '../../repositories/tag.repository.ts';
import {
  attachTags,
  seriesIdFor,
  startWorkBatch,
  type TagAssignment,
} from '../../repositories/work.repository.ts';
import { hashStoryText } from '../../repositories/work-text.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import type { WorkResource } from '../accounts/policy.ts';
import type { WorkFields } from './work-form.schema.ts';

/** The work as the policy sees it, or undefined when there is no such work. */
export async function loadWorkAccess(
  db: Db,
  workId: number,
  // A guest is no one's creator: whether a guest may read a work needs only its status.
  { creators: withCreators = true } = {},
): Promise<WorkResource | undefined> {
  const work = await db
    .selectFrom('works')
    .select(['status', 'restricted'])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work) return undefined;
  if (!withCreators)
    return { kind: 'work', status: work.status, restricted: Boolean(work.restricted), creatorUserIds: [] };
  const creators = await db
    .selectFrom('work_creators')
    .innerJoin('creators', 'creators.id', 'work_creators.creator_id')
    .innerJoin('pseuds', 'pseuds.id', 'creators.pseud_id')
    .select('pseuds.user_id')
    .where('work_creators.work_id', '=', workId)
    .execute();
  return {
    kind: 'work',
    status: work.status,
    restricted: Boolean(work.restricted),
    creatorUserIds: [...new Set(creators.map((row) => row.user_id))],
  };
}

/**
 * The tags a member typed, as the work will carry them: a synonym is kept as typed and leads to its
 * canonical tag (as an import's tags do); a name no one has used yet is a new, unwrangled tag.
 */
export async function resolveTags(db: Db, fields: WorkFields): Promise<TagAssignment[]> {
  const tags: TagAssignment[] = [];
  const add = async (kind: TagKind, name: string, known = false) => {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (tags.some((tag) => tag.kind === kind && (tag.original ?? tag.name) === clean)) return;
    const found = await findTag(db, kind, clean);
    const base = { kind, source: 'author' as const, main: false, evidence: [] };
    if (found?.synonym_of != null) {
      const canonical = await findTagById(db, found.synonym_of);
      if (canonical) {
        tags.push({ ...base, name: canonical.name, canonical: true, original: clean });
        return;
      }
    }
    tags.push({ ...base, name: found?.name ?? clean, canonical: known || Boolean(found?.canonical) });
  };
  await add('rating', fields.rating, true);
  for (const warning of fields.warnings) await add('warning', warning, true);
  for (const category of fields.categories) await add('category', category, true);
  for (const fandom of fields.fandoms) await add('fandom', fandom);
  for (const relationship of fields.relationships) await add('relationship', relationship);
  for (const character of fields.characters) await add('character', character);
  for (const freeform of fields.freeforms) await add('freeform', freeform);
  return tags;
}

/** Replace a work's tags with these, and rebuild what search filters on. */
export async function replaceWorkTags(db: Db, workId: number, tags: TagAssignment[]): Promise<void> {
  await db.deleteFrom('work_tags').where('work_id', '=', workId).execute();
  await attachTags(db, workId, tags, startWorkBatch());
  await rebuildFilterTags(db, [workId]);
  await db
    .updateTable('works')
    .set({ fandom_count: tags.filter((tag) => tag.kind === 'fandom').length })
    .where('id', '=', workId)
    .execute();
}

/** Put a work in one series (or none), at a position. */
export async function replaceWorkSeries(db: Db, workId: number, series: WorkFields['series']): Promise<void> {
  // The series the work is in already stays its series while the title is the same, even when the work is
  // its only one (whose bookmarks and followers would otherwise lose it).
  const current = series
    ? await db
        .selectFrom('series_works as sw')
        .innerJoin('series as s', 's.id', 'sw.series_id')
        .select('s.id')
        .where('sw.work_id', '=', workId)
        .where('s.title', '=', series.title)
        .executeTakeFirst()
    : undefined;
  await db.deleteFrom('series_works').where('work_id', '=', workId).execute();
  if (!series) return;
  const seriesId = current?.id ?? (await seriesIdFor(db, series.title, workId));
  await db
    .insertInto('series_works')
    .values({ series_id: seriesId, work_id: workId, position: series.position ?? null })
    .execute();
}

/** A draft's text hash: unique, so two drafts (or a draft and its posted twin) never collide. */
export function draftTextHash(): string {
  return `draft:${randomUUID()}`;
}

/** The hash of a posted work's text; another work with the same text is named and the post refused. */
export async function postedTextHash(
  db: Db,
  chapters: readonly DraftChapter[],
  workId?: number,
): Promise<string> {
  const hash = hashStoryText(chapters);
  let query = db.selectFrom('works').select(['id', 'title']).where('text_hash', '=', hash);
  if (workId !== undefined) query = query.where('id', '!=', workId);
  const twin = await query.executeTakeFirst();
  if (twin) {
    throw new AppError(
      'DUPLICATE_WORK',
      `This story's text is already in the archive as "${twin.title ?? 'Untitled'}" (work ${twin.id}).`,
    );
  }
  return hash;
}

/** Chapters as stored, as the hash and the analysis read them. */
async function storedChapterTexts(db: Db, workId: number): Promise<{ text: string; words: number }[]> {
  return db
    .selectFrom('chapters')
    .select(['text', 'words'])
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
}

/**
 * After chapters change: the work's words, chapter count and text hash from its chapters, and its search
 * entry. `chapterPosted`, the time a new chapter of a posted work went up, dates the work's update: AO3's
 * "Updated" is its latest chapter's day, which mending a chapter, reordering or deleting one leaves alone.
 */
export async function refreshWork(
  db: Db,
  search: SearchProvider,
  workId: number,
  chapterPosted: Date | null,
): Promise<void> {
  const work = await db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirstOrThrow();
  const chapters = await storedChapterTexts(db, workId);
  // The hash keeps letters and digits only, so each chapter's text as one paragraph hashes as its blocks do.
  const asDraft = chapters.map((chapter) => ({
    title: null,
    notes: null,
    endNotes: null,
    words: chapter.words,
    blocks: [{ type: 'paragraph' as const, text: chapter.text, html: '' }],
  }));
  const textHash = work.status === 'draft' ? work.text_hash : await postedTextHash(db, asDraft, workId);
  await db
    .updateTable('works')
    .set({
      words: chapters.reduce((sum, chapter) => sum + chapter.words, 0),
      chapter_count: chapters.length,
      text_hash: textHash,
      // An imported work whose file stated no date has a known update from here, its publishing date still
      // unknown (its `published_at` is the import day, not a day it was posted).
      ...(work.status === 'draft' || chapterPosted === null
        ? {}
        : { updated_at: chapterPosted.toISOString().slice(0, 10), updated_unknown: 0 }),
    })
    .where('id', '=', workId)
    .execute();
  await reindexWork(db, search, workId);
}

/** Write a work's search entry again from what is stored. */
export async function reindexWork(db: Db, search: SearchProvider, workId: number): Promise<void> {
  const work = await db
    .selectFrom('works')
    .select(['title', 'summary'])
    .where('id', '=', workId)
    .executeTakeFirstOrThrow();
  const tags = await db
    .selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select('tags.name')
    .where('work_tags.work_id', '=', workId)
    .execute();
  const chapters = await storedChapterTexts(db, workId);
  await search.indexWork(db, workId, {
    title: work.title ?? '',
    summary: work.summary ?? '',
    tags: tags.map((tag) => tag.name).join(' \n '),
    body: chapters.map((chapter) => chapter.text).join('\n\n'),
  });
}

/**
 * A work's fields as an edit form shows them: the tags as they were typed or imported. `authorOnly` leaves
 * out the tags an import's analysis inferred, which the author has not confirmed.
 */
export async function loadWorkFields(
  db: Db,
  workId: number,
  options: { authorOnly?: boolean } = {},
): Promise<WorkFields | undefined> {
  const work = await db.selectFrom('works').selectAll().where('id', '=', workId).executeTakeFirst();
  if (!work) return undefined;
  let query = db
    .selectFrom('work_tags')
    .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
    .select(['tags.kind', 'tags.name'])
    .where('work_tags.work_id', '=', workId);
  if (options.authorOnly) query = query.where('work_tags.source', '=', 'author');
  const tags = await query.orderBy('tags.id').execute();
  const named = (kind: TagKind) => [
    ...new Set(tags.filter((tag) => tag.kind === kind).map((tag) => tag.name)),
  ];
  const series = await db
    .selectFrom('series_works')
    .innerJoin('series', 'series.id', 'series_works.series_id')
    .select(['series.title', 'series_works.position'])
    .where('series_works.work_id', '=', workId)
    .executeTakeFirst();
  return {
    title: work.title ?? '',
    ...(work.summary ? { summary: work.summary } : {}),
    ...(work.notes ? { notes: work.notes } : {}),
    ...(work.end_notes ? { endNotes: work.end_notes } : {}),
    format: 'text',
    fandoms: named('fandom'),
    rating: work.rating as WorkFields['rating'],
    warnings: named('warning') as WorkFields['warnings'],
    categories: named('category') as WorkFields['categories'],
    relationships: named('relationship'),
    characters: named('character'),
    freeforms: named('freeform'),
    language: work.language,
    ...(series
      ? { series: { title: series.title, ...(series.position ? { position: series.position } : {}) } }
      : {}),
    complete: Boolean(work.complete),
    ...(work.chapters_planned ? { chaptersPlanned: work.chapters_planned } : {}),
    restricted: Boolean(work.restricted),
  };
}

/**
 * Take off a tag an import's analysis inferred and the author turned down: the work is no longer shown as
 * suggested to need it (a dashed tag on its page, a match in filters).
 */
export async function dropInferredTag(db: Db, workId: number, kind: TagKind, name: string): Promise<void> {
  const result = await db
    .deleteFrom('work_tags')
    .where('work_id', '=', workId)
    .where('source', '=', 'inferred')
    .where('tag_id', 'in', (query) =>
      query.selectFrom('tags').select('id').where('kind', '=', kind).where('name', '=', name),
    )
    .executeTakeFirst();
  if (Number(result.numDeletedRows) > 0) await rebuildFilterTags(db, [workId]);
}
