import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { CommentPermission, CommentStatus, Database, Db } from '../../db/database.ts';
import { fixedQueries } from '../../db/fixed-query.ts';

type CommentsFrom = Database & { c: Database['comments'] };
/** A work's or chapter's id in a statement: a value, or a column of the statement around it. */
type Key = number | Expression<number>;

/** Who writes a comment: a member as one of their pseuds, or a guest by name (their email is never shown). */
export type Commenter =
  | { userId: number; pseudId: number }
  | { guestKey: string; name: string; email: string | null };

/** A comment as pages show it: the writer's pseud (and account name) or the guest's name. */
export interface CommentRow {
  id: number;
  workId: number;
  chapterId: number | null;
  parentId: number | null;
  /** The first comment of the thread (itself for a comment that starts one). */
  threadId: number;
  userId: number | null;
  pseudName: string | null;
  userName: string | null;
  guestName: string | null;
  guestKey: string | null;
  body: string;
  status: CommentStatus;
  frozen: boolean;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

/** A work's comment settings, chosen by its creators. */
export interface CommentSettings {
  permission: CommentPermission;
  moderated: boolean;
}

/** Which held comments a listing includes: all (the work's creators), a member's own, or none. */
export type HeldShown = 'all' | { userId: number } | 'none';

function selectComments(db: Db) {
  return db
    .selectFrom('comments as c')
    .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.work_id',
      'c.chapter_id',
      'c.parent_id',
      'c.thread_id',
      'c.user_id',
      'p.name as pseud_name',
      'u.name as user_name',
      'c.guest_name',
      'c.guest_key',
      'c.body',
      'c.status',
      'c.frozen',
      'c.created_at',
      'c.edited_at',
      'c.deleted_at',
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectComments>['execute']>>[number];

function toComment(row: Selected): CommentRow {
  return {
    id: row.id,
    workId: row.work_id,
    chapterId: row.chapter_id,
    parentId: row.parent_id,
    threadId: row.thread_id ?? row.id,
    userId: row.user_id,
    pseudName: row.pseud_name,
    userName: row.user_name,
    guestName: row.guest_name,
    guestKey: row.guest_key,
    body: row.body,
    status: row.status,
    frozen: Boolean(row.frozen),
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
  };
}

export async function findComment(db: Db, id: number): Promise<CommentRow | undefined> {
  const row = await selectComments(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toComment(row) : undefined;
}

export async function findCommentSettings(db: Db, workId: number): Promise<CommentSettings | undefined> {
  const row = await db
    .selectFrom('works')
    .select(['comment_permission', 'comments_moderated'])
    .where('id', '=', workId)
    .executeTakeFirst();
  return row && { permission: row.comment_permission, moderated: Boolean(row.comments_moderated) };
}

export async function updateCommentSettings(
  db: Db,
  workId: number,
  settings: CommentSettings,
): Promise<void> {
  await db
    .updateTable('works')
    .set({ comment_permission: settings.permission, comments_moderated: settings.moderated ? 1 : 0 })
    .where('id', '=', workId)
    .execute();
}

export interface NewComment {
  workId: number;
  chapterId: number | null;
  parentId: number | null;
  threadId: number | null;
  commenter: Commenter;
  body: string;
  status: CommentStatus;
  now: string;
}

export async function insertComment(db: Db, comment: NewComment): Promise<number> {
  const { commenter } = comment;
  const member = 'userId' in commenter ? commenter : null;
  const guest = 'guestKey' in commenter ? commenter : null;
  const row = await db
    .insertInto('comments')
    .values({
      work_id: comment.workId,
      chapter_id: comment.chapterId,
      parent_id: comment.parentId,
      thread_id: comment.threadId,
      user_id: member?.userId ?? null,
      pseud_id: member?.pseudId ?? null,
      guest_key: guest?.guestKey ?? null,
      guest_name: guest?.name ?? null,
      guest_email: guest?.email ?? null,
      body: comment.body,
      status: comment.status,
      created_at: comment.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCommentBody(db: Db, id: number, body: string, now: string): Promise<void> {
  await db.updateTable('comments').set({ body, edited_at: now }).where('id', '=', id).execute();
}

export async function approveComment(db: Db, id: number): Promise<void> {
  await db.updateTable('comments').set({ status: 'posted' }).where('id', '=', id).execute();
}

/**
 * Delete a comment. One with replies stays as "deleted" without its text, so the replies keep their place
 * in the thread (as AO3 does); one without goes, and a deleted parent left with no replies goes with it.
 */
export async function deleteComment(db: Db, id: number, now: string): Promise<void> {
  const reply = await db.selectFrom('comments').select('id').where('parent_id', '=', id).executeTakeFirst();
  if (reply) {
    await db.updateTable('comments').set({ body: '', deleted_at: now }).where('id', '=', id).execute();
    return;
  }
  const row = await db.selectFrom('comments').select('parent_id').where('id', '=', id).executeTakeFirst();
  await db.deleteFrom('comments').where('id', '=', id).execute();
  if (row?.parent_id == null) return;
  const parent = await db
    .selectFrom('comments')
    .select('deleted_at')
    .where('id', '=', row.parent_id)
    .executeTakeFirst();
  if (parent?.deleted_at) await deleteComment(db, row.parent_id, now);
}

/** Freeze or unfreeze a comment and every reply below it. */
export async function setThreadFrozen(db: Db, id: number, threadId: number, frozen: boolean): Promise<void> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id'])
    .where((eb) => eb.or([eb('thread_id', '=', threadId), eb('id', '=', threadId)]))
    .execute();
  const below = new Set([id]);
  // Replies come after their parents (ids grow), so one pass in id order finds every descendant.
  for (const row of rows.sort((a, b) => a.id - b.id))
    if (row.parent_id !== null && below.has(row.parent_id)) below.add(row.id);
  await db
    .updateTable('comments')
    .set({ frozen: frozen ? 1 : 0 })
    .where('id', 'in', [...below])
    .execute();
}

/** Set the work's comment count to its visible comments: posted, not deleted. */
export async function recountComments(db: Db, workId: number): Promise<void> {
  await db
    .updateTable('works')
    .set({
      comments_count: sql<number>`(SELECT count(*) FROM comments WHERE comments.work_id = works.id
        AND comments.status = 'posted' AND comments.deleted_at IS NULL)`,
    })
    .where('id', '=', workId)
    .execute();
}

const byCommenter = (commenter: Commenter) =>
  'userId' in commenter
    ? (['user_id', commenter.userId] as const)
    : (['guest_key', commenter.guestKey] as const);

/** How many comments this commenter has posted since `since`, anywhere. */
export async function countCommentsSince(db: Db, commenter: Commenter, since: string): Promise<number> {
  const [column, value] = byCommenter(commenter);
  const row = await db
    .selectFrom('comments')
    .select(sql<number>`count(*)`.as('n'))
    .where(column, '=', value)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether this commenter has left this very text on this work already. */
export async function hasSameComment(
  db: Db,
  workId: number,
  commenter: Commenter,
  body: string,
): Promise<boolean> {
  const [column, value] = byCommenter(commenter);
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('work_id', '=', workId)
    .where(column, '=', value)
    .where('body', '=', body)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which comments a work's page shows: the entire work's, the first chapter's (with the work's own), another's. */
export type PagePlace = 'work' | 'first chapter' | 'chapter';

/** Where a listing looks: a work's comments, or one chapter's (with the work's own on its first). */
export interface CommentPlace<Key = number> {
  workId: Key;
  /** The chapter's id, and whether comments on the whole work show with it; undefined for every comment. */
  chapter?: { id: Key; withWorkComments: boolean };
}

function inPlace(eb: ExpressionBuilder<CommentsFrom, 'c'>, place: CommentPlace<Key>) {
  const { chapter } = place;
  if (!chapter) return eb.and([]);
  return chapter.withWorkComments
    ? eb.or([eb('c.chapter_id', '=', chapter.id), eb('c.chapter_id', 'is', null)])
    : eb('c.chapter_id', '=', chapter.id);
}

/** A place's counts: the threads a listing pages through, and the comments readers see (its heading). */
export interface CommentCounts {
  /** Threads shown to this reader (their own held ones too, all held ones to the work's creators). */
  threads: number;
  /** Comments readers see: posted, not deleted, replies included. */
  visible: number;
}

/**
 * Both counts in one statement (`count(*) FILTER`, SQLite 3.30 and PostgreSQL): a chapter page took them in
 * two. `hiddenWriters` are a muter's muted members: their comments, and for the visible count the threads
 * they began, are not counted.
 */
export async function countComments(
  db: Db,
  place: CommentPlace,
  held: HeldShown,
  hiddenWriters: readonly number[] = [],
): Promise<CommentCounts> {
  const [row] =
    hiddenWriters.length > 0
      ? await commentCountsQuery(db, place, held, hiddenWriters).execute()
      : await fixedCommentCounts(
          db,
          `${!place.chapter ? 'work' : place.chapter.withWorkComments ? 'first chapter' : 'chapter'}/${
            typeof held === 'string' ? held : 'own'
          }`,
          place.workId,
          place.chapter?.id ?? null,
          typeof held === 'string' ? null : held.userId,
        );
  return { threads: Number(row?.threads ?? 0), visible: Number(row?.visible ?? 0) };
}

// Every first visit to a chapter counts its comments: compiled once per place and held-comment shape.
const fixedCommentCounts = fixedQueries(
  (
    db: Db,
    shape: `${'work' | 'first chapter' | 'chapter'}/${'none' | 'all' | 'own'}`,
    workId: number,
    chapterId: number | null,
    userId: number | null,
  ) => {
    const [where, shown] = shape.split('/');
    const chapter =
      where === 'work' ? undefined : { id: chapterId as number, withWorkComments: where === 'first chapter' };
    const held: HeldShown = shown === 'own' ? { userId: userId as number } : (shown as 'none' | 'all');
    return commentCountsQuery(db, { workId, ...(chapter ? { chapter } : {}) }, held, []);
  },
);

/**
 * A guest's counts (no held comments, no one muted) of a work page's place, as a subquery of a statement
 * over `works as w` and the chapter it read as `b`: PostgreSQL's work page reads them with the work
 * (work-view.ts).
 */
export function guestCountsOfPage(db: Db, where: PagePlace) {
  const chapter = { id: sql.ref<number>('b.id'), withWorkComments: where === 'first chapter' };
  return commentCountsQuery(
    db,
    { workId: sql.ref<number>('w.id'), ...(where === 'work' ? {} : { chapter }) },
    'none',
    [],
  );
}

function commentCountsQuery(
  db: Db,
  place: CommentPlace<Key>,
  held: HeldShown,
  hiddenWriters: readonly number[],
) {
  const hidden = hiddenWriters.length > 0;
  return db
    .selectFrom('comments as c')
    .select((eb) => [
      eb.fn
        .countAll<number>()
        .filterWhere((eb) =>
          eb.and([
            eb('c.parent_id', 'is', null),
            ...(held === 'all' ? [] : [shownHeld(eb, held)]),
            ...(hidden ? [notByHidden(eb, hiddenWriters)] : []),
          ]),
        )
        .as('threads'),
      eb.fn
        .countAll<number>()
        .filterWhere((eb) =>
          eb.and([
            eb('c.status', '=', 'posted'),
            eb('c.deleted_at', 'is', null),
            ...(hidden
              ? [
                  notByHidden(eb, hiddenWriters),
                  sql<SqlBool>`(c.thread_id IS NULL OR c.thread_id NOT IN (SELECT id FROM comments WHERE user_id IN (${sql.join([...hiddenWriters])})))`,
                ]
              : []),
          ]),
        )
        .as('visible'),
    ])
    .where('c.work_id', '=', place.workId)
    .where((eb) => inPlace(eb, place));
}

/** Comments not written by these members (a muter's muted members); guests' are kept. */
function notByHidden(eb: ExpressionBuilder<CommentsFrom, 'c'>, hiddenWriters: readonly number[]) {
  return eb.or([eb('c.user_id', 'is', null), eb('c.user_id', 'not in', [...hiddenWriters])]);
}

function shownHeld(eb: ExpressionBuilder<CommentsFrom, 'c'>, held: 'none' | { userId: number }) {
  return held === 'none'
    ? eb('c.status', '=', 'posted')
    : eb.or([eb('c.status', '=', 'posted'), eb('c.user_id', '=', held.userId)]);
}

/**
 * One page of threads, newest first, with all their replies (oldest first); `countComments` says how many
 * threads there are.
 */
export async function listThreads(
  db: Db,
  place: CommentPlace,
  held: HeldShown,
  page: { offset: number; limit: number; rootId?: number; hiddenWriters?: readonly number[] },
): Promise<CommentRow[]> {
  const hidden = page.hiddenWriters ?? [];
  let roots = selectComments(db)
    .where('c.work_id', '=', place.workId)
    .where('c.parent_id', 'is', null)
    .where((eb) => inPlace(eb, place));
  if (page.rootId !== undefined) roots = roots.where('c.id', '=', page.rootId);
  if (held !== 'all') roots = roots.where((eb) => shownHeld(eb, held));
  if (hidden.length > 0) roots = roots.where((eb) => notByHidden(eb, hidden));
  const rootRows = await roots.orderBy('c.id', 'desc').offset(page.offset).limit(page.limit).execute();
  if (rootRows.length === 0) return [];
  let replies = selectComments(db).where(
    'c.thread_id',
    'in',
    rootRows.map((row) => row.id),
  );
  if (held !== 'all') replies = replies.where((eb) => shownHeld(eb, held));
  if (hidden.length > 0) replies = replies.where((eb) => notByHidden(eb, hidden));
  const replyRows = await replies.orderBy('c.id').execute();
  return [...rootRows, ...replyRows].map(toComment);
}

/** A work's comments waiting for approval, oldest first. */
export async function listHeldComments(db: Db, workId: number): Promise<CommentRow[]> {
  const rows = await selectComments(db)
    .where('c.work_id', '=', workId)
    .where('c.status', '=', 'held')
    .orderBy('c.id')
    .execute();
  return rows.map(toComment);
}
