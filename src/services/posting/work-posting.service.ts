import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { DraftChapter } from '../../ingest/story.ts';
import { recordAudit } from '../../repositories/moderation/audit.repository.ts';
import { deleteWork, insertWork, sortableTitle } from '../../repositories/work.repository.ts';
import { chapterHtml } from '../../repositories/work-text.ts';
import type { SearchProvider } from '../../search/search-provider.ts';
import { parseInput } from '../../validate.ts';
import type { Member } from '../accounts/actor.ts';
import { authorize, can, SITE } from '../accounts/policy.ts';
import { listPseuds } from '../accounts/pseud.service.ts';
import { notifySubscribers } from '../community/subscription-notices.ts';
import { textToPlain, toDraftChapter } from './body-input.ts';
import { inviteCocreators } from './cocreator.service.ts';
import { WorkFields, WorkForm } from './work-form.schema.ts';
import {
  draftTextHash,
  loadWorkAccess,
  postedTextHash,
  refreshWork,
  reindexWork,
  replaceWorkSeries,
  replaceWorkTags,
  resolveTags,
} from './work-store.repository.ts';

/** The day part of a time, as works store their dates. */
const day = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Post a new work (or keep it as a draft) under the member's pseuds, inviting co-creators. Chapters with a
 * `publishAt` after the first are scheduled; the first is posted with the work.
 */
export async function createWork(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  input: unknown,
  now = new Date(),
): Promise<number> {
  authorize(actor, 'work.create', SITE, 'work');
  const member = actor as Member;
  const form = parseInput(WorkForm, input);
  const drafts = form.chapters.map((chapter, index) => toDraftChapter(chapter, `chapters.${index}`));
  const pseuds = await listPseuds(db, member.userId);
  const chosen =
    form.pseuds.length === 0
      ? pseuds.filter((pseud) => pseud.isDefault)
      : form.pseuds.map((name) => {
          const pseud = pseuds.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
          if (!pseud) throw new AppError('INVALID_INPUT', `pseuds: "${name}" is not one of your pseuds`);
          return pseud;
        });
  if (chosen.length === 0) throw new AppError('INVALID_INPUT', 'pseuds: you have no pseud to post as');
  const firstScheduled = form.chapters.findIndex(
    (chapter, index) => index > 0 && chapter.publishAt && Date.parse(chapter.publishAt) > now.getTime(),
  );
  const postedNow = firstScheduled === -1 ? drafts : drafts.slice(0, firstScheduled);
  const scheduled = firstScheduled === -1 ? [] : form.chapters.slice(firstScheduled);
  return inTransaction(db, async (trx) => {
    const tags = await resolveTags(trx, form);
    const textHash = form.draft ? draftTextHash() : await postedTextHash(trx, postedNow);
    const workId = await insertWork(
      trx,
      search,
      {
        title: form.title.trim(),
        creators: chosen.map((pseud) => pseud.name),
        summary: textToPlain(form.summary, form.format, 'summary'),
        notes: textToPlain(form.notes, form.format, 'notes'),
        endNotes: textToPlain(form.endNotes, form.format, 'endNotes'),
        rating: form.rating,
        language: form.language,
        complete: form.complete,
        chaptersPlanned: form.chaptersPlanned ?? (form.complete ? form.chapters.length : null),
        publishedAt: day(now),
        updatedAt: day(now),
        sourceUrl: null,
        series: form.series ? [{ title: form.series.title, index: form.series.position ?? null }] : [],
        chapters: postedNow,
        tags,
        review: [],
        textHash,
      },
      now.toISOString(),
    );
    await trx
      .updateTable('works')
      .set({ status: form.draft ? 'draft' : 'posted', restricted: form.restricted ? 1 : 0 })
      .where('id', '=', workId)
      .execute();
    for (const [index, chapter] of scheduled.entries()) {
      const draft = drafts[firstScheduled + index] as DraftChapter;
      await scheduleChapterRow(trx, workId, draft, chapter.publishAt ?? now.toISOString(), now);
    }
    if (form.coCreators.length > 0) await inviteCocreators(trx, member, workId, form.coCreators, now);
    if (!form.draft) await notifySubscribers(trx, { kind: 'new_work', workId }, now);
    return workId;
  });
}

export async function scheduleChapterRow(
  db: Db,
  workId: number,
  chapter: DraftChapter,
  publishAt: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('scheduled_chapters')
    .values({
      work_id: workId,
      title: chapter.title,
      notes: chapter.notes,
      end_notes: chapter.endNotes,
      html: chapterHtml(chapter),
      publish_at: new Date(publishAt).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
}

/** The work, after checking that `actor` may do `action` to it; not found when they may not see it. */
export async function requireWork(
  db: Db,
  actor: Member | null,
  action: 'work.edit' | 'work.delete' | 'work.hide' | 'work.invite' | 'work.suggestions' | 'work.read',
  workId: number,
) {
  const work = await loadWorkAccess(db, workId);
  if (!work) throw new AppError('NOT_FOUND', `There is no work ${workId}.`);
  authorize(actor, action, work, `work ${workId}`);
  return work;
}

/** Change a work's fields (everything but its chapters and creators). */
export async function editWork(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  input: unknown,
): Promise<void> {
  const fields = parseInput(WorkFields, input);
  await inTransaction(db, async (trx) => {
    await requireWork(trx, actor, 'work.edit', workId);
    await trx
      .updateTable('works')
      .set({
        title: fields.title.trim(),
        title_sort: sortableTitle(fields.title.trim()),
        summary: textToPlain(fields.summary, fields.format, 'summary'),
        notes: textToPlain(fields.notes, fields.format, 'notes'),
        end_notes: textToPlain(fields.endNotes, fields.format, 'endNotes'),
        rating: fields.rating,
        language: fields.language,
        complete: fields.complete ? 1 : 0,
        chapters_planned: fields.chaptersPlanned ?? null,
        restricted: fields.restricted ? 1 : 0,
      })
      .where('id', '=', workId)
      .execute();
    await replaceWorkTags(trx, workId, await resolveTags(trx, fields));
    await replaceWorkSeries(trx, workId, fields.series);
    await reindexWork(trx, search, workId);
  });
}

/** Post a draft: it reaches listings, search and feeds, dated today. */
export async function postDraft(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const work = await requireWork(trx, actor, 'work.edit', workId);
    if (work.status !== 'draft') throw new AppError('INVALID_INPUT', `Work ${workId} is not a draft.`);
    await trx
      .updateTable('works')
      .set({
        status: 'posted',
        published_at: day(now),
        updated_at: day(now),
        date_unknown: 0,
        updated_unknown: 0,
      })
      .where('id', '=', workId)
      .execute();
    await refreshWork(trx, search, workId, null);
    await notifySubscribers(trx, { kind: 'new_work', workId }, now);
  });
}

/** Delete a work for good: by its creators, or by an admin. */
export async function deleteWorkAs(
  db: Db,
  search: SearchProvider,
  actor: Member | null,
  workId: number,
  note = '',
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const work = await requireWork(trx, actor, 'work.delete', workId);
    // A creator deleting their own work is no moderation; an admin deleting someone's is, and is audited.
    if (actor && !work.creatorUserIds.includes(actor.userId))
      await recordAudit(trx, actor, { ...(await workTarget(trx, workId)), action: 'work.delete', note });
    await deleteWork(trx, search, workId);
  });
}

/** A work as the audit log names it. */
async function workTarget(db: Db, workId: number) {
  const row = await db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirst();
  return { targetKind: 'work', targetId: workId, targetLabel: row?.title ?? `work ${workId}` };
}

/** Hide a work from everyone but admins (out of listings, counts, feeds, OPDS and downloads), or show it again. */
export async function setWorkHidden(
  db: Db,
  actor: Member | null,
  workId: number,
  hidden: boolean,
  note = '',
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const work = await requireWork(trx, actor, 'work.hide', workId);
    if ((work.status === 'hidden') === hidden || !actor) return;
    await trx
      .updateTable('works')
      .set({ status: hidden ? 'hidden' : 'posted' })
      .where('id', '=', workId)
      .execute();
    const action = hidden ? 'work.hide' : 'work.unhide';
    await recordAudit(trx, actor, { ...(await workTarget(trx, workId)), action, note }, now);
  });
}

/** Whether a member may see a work (for pages that show a link only when it leads somewhere). */
export async function canReadWork(db: Db, actor: Member | null, workId: number): Promise<boolean> {
  const work = await loadWorkAccess(db, workId);
  return work !== undefined && can(actor, 'work.read', work);
}
