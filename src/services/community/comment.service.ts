/**
 * Comments on works and chapters: post (members as a pseud, guests by name where the work allows), reply,
 * edit and delete one's own; the work's creators delete any, freeze threads and approve held comments;
 * admins delete any. Every rule is the policy's (accounts/policy.ts); floods are refused here, per member
 * or guest, whatever server they reach.
 */
import type { CommentPermission, Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import {
  approveComment,
  type Commenter,
  type CommentRow,
  type CommentSettings,
  countCommentsSince,
  deleteComment,
  findComment,
  findCommentSettings,
  hasSameComment,
  insertComment,
  recountComments,
  setThreadFrozen,
  updateCommentBody,
  updateCommentSettings,
} from '../../repositories/community/comment.repository.ts';
import { listBlockersOf } from '../../repositories/community/member-filter.repository.ts';
import type { Actor } from '../accounts/actor.ts';
import type { Mailer } from '../accounts/mailer.ts';
import {
  authorize,
  type CommentableResource,
  type CommentResource,
  can,
  type WorkResource,
} from '../accounts/policy.ts';
import { listPseuds } from '../accounts/pseud.service.ts';
import { hashSecret } from '../accounts/secrets.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';
import { commentHtml } from './comment-body.ts';
import { notifyComment } from './notification.service.ts';

/** At most this many comments from one member or guest in this many minutes, anywhere in the archive. */
export const COMMENT_PACE = { comments: 5, minutes: 5 };

export interface CommentInput {
  comment: string;
  /** The chapter's position, for a comment on one chapter; none for a comment on the whole work. */
  chapter?: number;
  /** The comment answered. */
  parentId?: number;
  /** A member's pseud; their default one when not given. */
  pseudId?: number;
  /** A guest's name and (never shown) email. */
  guestName?: string;
  guestEmail?: string;
}

export interface PostOptions {
  /** A guest's cookie secret: their comments are counted against their pace by its hash. */
  guestSecret?: string;
  /** Where notices by mail go; none sends no mail (the inbox still has them). */
  mailer?: Mailer;
  /** The site's address, for links in mail. */
  siteUrl?: string;
  now?: Date;
}

const NO_ONE: ReadonlySet<number> = new Set();

/** The members who block `actor`: none for a guest. */
export async function blockersOf(db: Db, actor: Actor): Promise<ReadonlySet<number>> {
  return actor ? new Set(await listBlockersOf(db, actor.userId)) : NO_ONE;
}

/**
 * The work as a place to comment (and whether its comments wait for approval), or not found; `blockers` are
 * the members who block the one asking. `known` is the work's access and comment settings as loaded for the
 * same member already.
 */
export async function loadCommentable(
  db: Db,
  workId: number,
  blockers: ReadonlySet<number> = NO_ONE,
  known?: { access: WorkResource; comments: CommentSettings },
): Promise<CommentableResource & { moderated: boolean }> {
  const work = known?.access ?? (await loadWorkAccess(db, workId));
  const settings = known?.comments ?? (await findCommentSettings(db, workId));
  if (!work || !settings) throw new AppError('NOT_FOUND', `There is no work ${workId} in this archive.`);
  const blocked = work.creatorUserIds.some((id) => blockers.has(id));
  return {
    kind: 'commentable',
    work,
    permission: settings.permission,
    blocked,
    moderated: settings.moderated,
  };
}

export function commentResource(
  on: CommentableResource,
  row: CommentRow,
  blockers: ReadonlySet<number> = NO_ONE,
): CommentResource {
  return {
    kind: 'comment',
    on,
    writerUserId: row.userId,
    held: row.status === 'held',
    frozen: row.frozen,
    deleted: row.deletedAt !== null,
    writerBlocks: row.userId !== null && blockers.has(row.userId),
  };
}

/** Say so when a block is why the actor may not comment here or answer this comment. */
export function refuseBlocked(on: { blocked?: boolean }, parent?: { writerBlocks?: boolean }): void {
  if (on.blocked)
    throw new AppError('BLOCKED', "This work's creator has blocked you: you cannot comment on their works.");
  if (parent?.writerBlocks)
    throw new AppError(
      'BLOCKED',
      "This comment's writer has blocked you: you cannot reply to their comments.",
    );
}

/** A comment with the policy's view of it; not found when there is none or the actor may not see it. */
export async function loadComment(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ row: CommentRow; resource: CommentResource }> {
  const row = await findComment(db, id);
  if (!row) throw new AppError('NOT_FOUND', `There is no comment ${id}.`);
  const resource = commentResource(await loadCommentable(db, row.workId), row);
  authorize(actor, 'comment.read', resource, `comment ${id}`);
  return { row, resource };
}

function refuseClosed(on: CommentableResource, actor: Actor): void {
  if (on.work.status === 'posted' && on.permission === 'none')
    throw new AppError('FORBIDDEN', "This work's creator has turned comments off.");
  if (!actor && on.permission === 'members' && can(null, 'work.read', on.work))
    throw new AppError(
      'NOT_LOGGED_IN',
      'Only logged-in members can comment on this work: log in to comment.',
    );
}

/** Throw unless the actor may start a thread on this work, saying why not (comments off, members only, blocked). */
export async function assertCanComment(db: Db, actor: Actor, workId: number): Promise<CommentableResource> {
  const on = await loadCommentable(db, workId, await blockersOf(db, actor));
  refuseClosed(on, actor);
  refuseBlocked(on);
  authorize(actor, 'comment.create', on, `work ${workId}`);
  return on;
}

async function commenterOf(
  db: Db,
  actor: Actor,
  input: CommentInput,
  guestSecret?: string,
): Promise<Commenter> {
  if (actor) {
    const pseuds = await listPseuds(db, actor.userId);
    const pseud = input.pseudId === undefined ? pseuds[0] : pseuds.find((p) => p.id === input.pseudId);
    if (!pseud) throw new AppError('INVALID_INPUT', 'pseud: comment as one of your own pseuds');
    return { userId: actor.userId, pseudId: pseud.id };
  }
  const name = input.guestName?.trim() ?? '';
  if (name === '' || [...name].length > 100)
    throw new AppError('INVALID_INPUT', 'name: a guest gives a name of 1 to 100 characters');
  const email = input.guestEmail?.trim() || null;
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    throw new AppError(
      'INVALID_INPUT',
      'email: the email address looks like name@example.org (or leave it empty)',
    );
  if (!guestSecret)
    throw new AppError(
      'INVALID_INPUT',
      'Your browser did not keep the guest cookie comments need: allow cookies and try again.',
    );
  return { guestKey: hashSecret(guestSecret), name, email };
}

async function refuseFlood(db: Db, commenter: Commenter, workId: number, body: string, now: Date) {
  const since = new Date(now.getTime() - COMMENT_PACE.minutes * 60_000).toISOString();
  if ((await countCommentsSince(db, commenter, since)) >= COMMENT_PACE.comments)
    throw new AppError(
      'RATE_LIMITED',
      `You have posted ${COMMENT_PACE.comments} comments in the last ${COMMENT_PACE.minutes} minutes: wait a few minutes before posting another.`,
    );
  if (await hasSameComment(db, workId, commenter, body))
    throw new AppError('DUPLICATE_COMMENT', 'You have already left this comment here.');
}

async function chapterIdOf(db: Db, workId: number, position: number | undefined): Promise<number | null> {
  if (position === undefined) return null;
  const chapter = await db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', workId)
    .where('position', '=', position)
    .executeTakeFirst();
  if (!chapter) throw new AppError('NOT_FOUND', `Work ${workId} has no chapter ${position}.`);
  return chapter.id;
}

/**
 * Post a comment on a work, a chapter or (with `parentId`) in answer to another. It is held for approval
 * when the work's comments are moderated, unless a creator wrote it. The creators, and a member answered,
 * are notified. Returns the comment's id and whether it is held.
 */
export async function postComment(
  db: Db,
  actor: Actor,
  workId: number,
  input: CommentInput,
  options: PostOptions = {},
): Promise<{ id: number; held: boolean }> {
  const now = options.now ?? new Date();
  const posted = await inTransaction(db, async (trx) => {
    const blockers = await blockersOf(trx, actor);
    const on =
      input.parentId === undefined
        ? await assertCanComment(trx, actor, workId)
        : await loadCommentable(trx, workId, blockers);
    let parent: CommentRow | undefined;
    if (input.parentId !== undefined) {
      parent = await findComment(trx, input.parentId);
      if (!parent || parent.workId !== workId)
        throw new AppError('NOT_FOUND', `There is no comment ${input.parentId} on work ${workId}.`);
      const resource = commentResource(on, parent, blockers);
      authorize(actor, 'comment.read', resource, `comment ${parent.id}`);
      if (parent.frozen) throw new AppError('FORBIDDEN', 'This thread is frozen: it takes no new replies.');
      if (parent.status === 'held')
        throw new AppError('FORBIDDEN', 'This comment waits for approval: it cannot be answered yet.');
      refuseClosed(on, actor);
      refuseBlocked(on, resource);
      authorize(actor, 'comment.reply', resource, `comment ${parent.id}`);
    }
    const body = commentHtml(input.comment);
    const commenter = await commenterOf(trx, actor, input, options.guestSecret);
    await refuseFlood(trx, commenter, workId, body, now);
    const settings = await findCommentSettings(trx, workId);
    const byCreator = actor !== null && on.work.creatorUserIds.includes(actor.userId);
    const held = Boolean(settings?.moderated) && !byCreator;
    const id = await insertComment(trx, {
      workId,
      chapterId: parent ? parent.chapterId : await chapterIdOf(trx, workId, input.chapter),
      parentId: parent?.id ?? null,
      threadId: parent?.threadId ?? null,
      commenter,
      body,
      status: held ? 'held' : 'posted',
      now: now.toISOString(),
    });
    if (!held) await recountComments(trx, workId);
    return { id, held, creators: on.work.creatorUserIds, parentWriter: parent?.userId ?? null };
  });
  await notifyComment(db, {
    commentId: posted.id,
    workId,
    held: posted.held,
    writerUserId: actor?.userId ?? null,
    creatorUserIds: posted.creators,
    parentWriterUserId: posted.parentWriter,
    mailer: options.mailer,
    siteUrl: options.siteUrl,
    now,
  });
  return { id: posted.id, held: posted.held };
}

/** Change one's own comment (not in a frozen thread). */
export async function editComment(
  db: Db,
  actor: Actor,
  id: number,
  typed: string,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { resource } = await loadComment(trx, actor, id);
    if (resource.frozen)
      throw new AppError('FORBIDDEN', 'This thread is frozen: its comments cannot be edited.');
    authorize(actor, 'comment.edit', resource, `comment ${id}`);
    await updateCommentBody(trx, id, commentHtml(typed), now.toISOString());
  });
}

/** Delete a comment: its writer, the work's creators or an admin. Returns the work's id. */
export async function deleteCommentAs(db: Db, actor: Actor, id: number, now = new Date()): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { row, resource } = await loadComment(trx, actor, id);
    authorize(actor, 'comment.delete', resource, `comment ${id}`);
    await deleteComment(trx, id, now.toISOString());
    await recountComments(trx, row.workId);
    return row.workId;
  });
}

/** Freeze (or unfreeze) a comment and the replies below it: a creator's moderation. */
export async function freezeThread(db: Db, actor: Actor, id: number, frozen: boolean): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { row, resource } = await loadComment(trx, actor, id);
    authorize(actor, 'work.moderate', resource.on.work, `work ${row.workId}`);
    await setThreadFrozen(trx, id, row.threadId, frozen);
    return row.workId;
  });
}

/** Approve a held comment: it shows to every reader and counts. */
export async function approveCommentAs(db: Db, actor: Actor, id: number): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { row, resource } = await loadComment(trx, actor, id);
    authorize(actor, 'work.moderate', resource.on.work, `work ${row.workId}`);
    if (row.status !== 'held') return row.workId;
    await approveComment(trx, id);
    await recountComments(trx, row.workId);
    return row.workId;
  });
}

/** A work's comment settings, for its creators' manage page. */
export async function commentSettingsOf(db: Db, actor: Actor, workId: number): Promise<CommentSettings> {
  const on = await loadCommentable(db, workId);
  authorize(actor, 'work.read', on.work, `work ${workId}`);
  return (await findCommentSettings(db, workId)) ?? { permission: 'guests', moderated: false };
}

/** Who may comment on a work, and whether comments wait for approval: the creators choose. */
export async function setCommentSettings(
  db: Db,
  actor: Actor,
  workId: number,
  settings: { permission: CommentPermission; moderated: boolean },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const on = await loadCommentable(trx, workId);
    authorize(actor, 'work.moderate', on.work, `work ${workId}`);
    await updateCommentSettings(trx, workId, settings);
  });
}
