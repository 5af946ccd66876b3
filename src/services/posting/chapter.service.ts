import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { htmlToBlocks, SANITIZER_VERSION } from '../../ingest/html-blocks.ts';
import type { DraftChapter } from '../../ingest/story.ts';
import { blocksToPlainText, countWords } from '../../ingest/text.ts';
import { chapterHtml } from '../../repositories/work-text.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import { parseInput } from '../../validate.ts';
import type { Member } from '../accounts/actor.ts';
import { notifySubscribers } from '../community/subscription-notices.ts';
import { toDraftChapter } from './body-input.ts';
import { ChapterForm, ChapterOrder } from './work-form.schema.ts';
import { requireWork, scheduleChapterRow } from './work-posting.service.ts';
import { refreshWork } from './work-store.repository.ts';

async function chapterCount(db: Db, workId: number): Promise<number> {
  const row = await db
    .selectFrom('chapters')
    .select(sql<number>`count(*)`.as('n'))
    .where('work_id', '=', workId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Add a chapter at the end of a work; returns its id. */
async function appendChapter(db: Db, workId: number, chapter: DraftChapter | StoredChapter): Promise<number> {
  const html = 'blocks' in chapter ? chapterHtml(chapter) : chapter.html;
  const text = 'blocks' in chapter ? blocksToPlainText(chapter.blocks) : chapter.text;
  const row = await db
    .insertInto('chapters')
    .values({
      work_id: workId,
      position: (await chapterCount(db, workId)) + 1,
      title: chapter.title,
      notes: chapter.notes,
      end_notes: chapter.endNotes,
      html,
      text,
      words: 'blocks' in chapter ? chapter.words : countWords(text),
      sanitizer_version: SANITIZER_VERSION,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

interface StoredChapter {
  title: string | null;
  notes: string | null;
  endNotes: string | null;
  html: string;
  text: string;
}

/**
 * Add a chapter at the end of a work: posted now, or kept until its `publishAt` (a later chapter of a
 * posted work), when `publishDueChapters` posts it. Returns the new chapter's position, or null if scheduled.
 */
export async function addChapter(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  input: unknown,
  now = new Date(),
): Promise<number | null> {
  const form = parseInput(ChapterForm, input);
  const chapter = toDraftChapter(form, 'chapter');
  return inTransaction(db, async (trx) => {
    await requireWork(trx, actor, 'work.edit', workId);
    if (form.publishAt && Date.parse(form.publishAt) > now.getTime()) {
      await scheduleChapterRow(trx, workId, chapter, form.publishAt, now);
      return null;
    }
    const chapterId = await appendChapter(trx, workId, chapter);
    await refreshWork(trx, search, workId, now);
    await notifySubscribers(trx, { kind: 'new_chapter', workId, chapterId }, now);
    return chapterCount(trx, workId);
  });
}

/** Replace a chapter's title, notes and text. */
export async function editChapter(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  position: number,
  input: unknown,
): Promise<void> {
  const form = parseInput(ChapterForm, input);
  const chapter = toDraftChapter(form, 'chapter');
  await inTransaction(db, async (trx) => {
    await requireWork(trx, actor, 'work.edit', workId);
    const result = await trx
      .updateTable('chapters')
      .set({
        title: chapter.title,
        notes: chapter.notes,
        end_notes: chapter.endNotes,
        html: chapterHtml(chapter),
        text: blocksToPlainText(chapter.blocks),
        words: chapter.words,
        sanitizer_version: SANITIZER_VERSION,
      })
      .where('work_id', '=', workId)
      .where('position', '=', position)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new AppError('NOT_FOUND', `Work ${workId} has no chapter ${position}.`);
    await refreshWork(trx, search, workId, null);
  });
}

/** Put positions in a new order; positions move past the current ones first, as they are unique. */
async function renumber(db: Db, workId: number, ids: readonly number[]): Promise<void> {
  const offset = ids.length + 1000;
  for (const [index, id] of ids.entries())
    await db
      .updateTable('chapters')
      .set({ position: offset + index + 1 })
      .where('id', '=', id)
      .execute();
  for (const [index, id] of ids.entries())
    await db
      .updateTable('chapters')
      .set({ position: index + 1 })
      .where('id', '=', id)
      .execute();
  await db.updateTable('works').set({ chapter_count: ids.length }).where('id', '=', workId).execute();
}

async function chapterIds(db: Db, workId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .orderBy('position')
    .execute();
  return rows.map((row) => row.id);
}

/** Delete a chapter; a work's only chapter is not deleted (delete the work instead). */
export async function deleteChapter(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  position: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await requireWork(trx, actor, 'work.edit', workId);
    const ids = await chapterIds(trx, workId);
    const id = ids[position - 1];
    if (id === undefined) throw new AppError('NOT_FOUND', `Work ${workId} has no chapter ${position}.`);
    if (ids.length === 1)
      throw new AppError('INVALID_INPUT', 'This is the only chapter: delete the work instead.');
    await trx.deleteFrom('chapters').where('id', '=', id).execute();
    await renumber(
      trx,
      workId,
      ids.filter((other) => other !== id),
    );
    await refreshWork(trx, search, workId, null);
  });
}

/** Reorder chapters: `order` lists every current chapter number once, in the new order. */
export async function reorderChapters(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  input: unknown,
): Promise<void> {
  const order = parseInput(ChapterOrder, input);
  await inTransaction(db, async (trx) => {
    await requireWork(trx, actor, 'work.edit', workId);
    const ids = await chapterIds(trx, workId);
    const sorted = [...order].sort((a, b) => a - b);
    if (sorted.length !== ids.length || sorted.some((position, index) => position !== index + 1))
      throw new AppError('INVALID_INPUT', `order: list each of the chapters 1 to ${ids.length} once`);
    await renumber(
      trx,
      workId,
      order.map((position) => ids[position - 1] as number),
    );
    await refreshWork(trx, search, workId, null);
  });
}

/** Post every scheduled chapter whose time has come, at the end of its work, in time order. */
export async function publishDueChapters(db: Db, search: SearchProvider, now = new Date()): Promise<number> {
  const due = await db
    .selectFrom('scheduled_chapters')
    .selectAll()
    .where('publish_at', '<=', now.toISOString())
    .orderBy('publish_at')
    .orderBy('id')
    .execute();
  for (const scheduled of due) {
    await inTransaction(db, async (trx) => {
      // Another server may have posted it meanwhile: whoever deletes the row posts the chapter.
      const taken = await trx
        .deleteFrom('scheduled_chapters')
        .where('id', '=', scheduled.id)
        .executeTakeFirst();
      if (Number(taken.numDeletedRows) === 0) return;
      const chapterId = await appendChapter(trx, scheduled.work_id, {
        title: scheduled.title,
        notes: scheduled.notes,
        endNotes: scheduled.end_notes,
        html: scheduled.html,
        text: blocksToPlainText(htmlToBlocks(scheduled.html)),
      });
      await refreshWork(trx, search, scheduled.work_id, now);
      await notifySubscribers(trx, { kind: 'new_chapter', workId: scheduled.work_id, chapterId }, now);
    });
  }
  return due.length;
}
