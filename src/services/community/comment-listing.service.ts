/**
 * Comments as readers see them: threads newest first, a page at a time, each with its replies nested; held
 * comments only to their writer and the work's creators; and what this reader may do to each.
 */
import type { CommentPermission, Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import {
  type CommentCounts,
  type CommentPlace,
  type CommentRow,
  type CommentSettings,
  countComments,
  type HeldShown,
  listHeldComments,
  listThreads,
} from '../../repositories/community/comment.repository.ts';
import { listMutedIds } from '../../repositories/community/member-filter.repository.ts';
import type { Actor } from '../accounts/actor.ts';
import { authorize, type CommentableResource, can, type WorkResource } from '../accounts/policy.ts';
import { blockersOf, commentResource, loadComment, loadCommentable } from './comment.service.ts';

export const THREADS_PER_PAGE = 20;

/** One comment for a page: who wrote it, its stored (sanitized) HTML, and what the reader may do. */
export interface CommentView {
  id: number;
  workId: number;
  /** The writer's pseud, a guest's name, or null for an account deleted since. */
  name: string | null;
  /** The writer's account name, when it differs from the pseud (AO3 shows "pseud (account)"). */
  account: string | null;
  guest: boolean;
  html: string;
  createdAt: string;
  editedAt: string | null;
  /** The chapter's position, for a comment on one chapter. */
  chapter: number | null;
  held: boolean;
  frozen: boolean;
  deleted: boolean;
  /** Its writer blocked the reader, who may not answer it. */
  writerBlocks: boolean;
  can: { reply: boolean; edit: boolean; delete: boolean; moderate: boolean };
  replies: CommentView[];
}

export interface CommentSection {
  workId: number;
  /** The chapter the page shows, or null for the whole work. */
  chapter: number | null;
  threads: CommentView[];
  /** The comments readers see here (replies included), as the heading counts them. */
  count: number;
  /** Threads in all, and the page shown of them. */
  total: number;
  page: number;
  pages: number;
  permission: CommentPermission;
  moderated: boolean;
  /** This reader may post a new comment here. */
  canComment: boolean;
  /** A creator of the work blocked this reader. */
  blocked: boolean;
  /** This reader may approve comments and freeze threads. */
  canModerate: boolean;
}

interface Context {
  actor: Actor;
  on: CommentableResource & { moderated: boolean };
  positions: Map<number, number>;
  /** The members who block the reader (they may not answer these members' comments). */
  blockers: ReadonlySet<number>;
  /** The members the reader muted: their comments are not shown to them, nor counted. */
  muted: number[];
}

function toView(row: CommentRow, context: Context): CommentView {
  const resource = commentResource(context.on, row, context.blockers);
  const { actor, on } = context;
  return {
    id: row.id,
    workId: row.workId,
    name: row.pseudName ?? row.guestName ?? row.userName,
    account: row.pseudName && row.userName && row.pseudName !== row.userName ? row.userName : null,
    guest: row.userId === null && row.guestName !== null,
    html: row.body,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    chapter: row.chapterId === null ? null : (context.positions.get(row.chapterId) ?? null),
    held: resource.held,
    frozen: resource.frozen,
    deleted: resource.deleted,
    writerBlocks: Boolean(resource.writerBlocks),
    can: {
      reply: can(actor, 'comment.reply', resource),
      edit: can(actor, 'comment.edit', resource),
      delete: can(actor, 'comment.delete', resource),
      moderate: can(actor, 'work.moderate', on.work) && !resource.deleted,
    },
    replies: [],
  };
}

/** Rows (roots and their replies) as nested threads, in the rows' order at each level. */
function nest(rows: readonly CommentRow[], context: Context): CommentView[] {
  const views = new Map(rows.map((row) => [row.id, toView(row, context)]));
  const roots: CommentView[] = [];
  for (const row of rows) {
    const view = views.get(row.id) as CommentView;
    const parent = row.parentId === null ? undefined : views.get(row.parentId);
    // A reply to a comment the reader muted is shown under the thread's first comment.
    const home = parent ?? (row.parentId === null ? undefined : views.get(row.threadId));
    if (home && home !== view) home.replies.push(view);
    else if (row.parentId === null) roots.push(view);
  }
  return roots;
}

/** What a work's page has read of the work already, for this reader: not read again for its comments. */
export interface KnownWork {
  access: WorkResource;
  comments: CommentSettings;
  chapters: readonly { id: number; position: number }[];
  /**
   * A guest's counts of the place the page asks for, when read with the work (PostgreSQL's work page, in the
   * same statement): used for a reader who sees no held comments and mutes no one.
   */
  guestCounts?: CommentCounts;
}

async function contextOf(db: Db, actor: Actor, workId: number, known?: KnownWork): Promise<Context> {
  const blockers = await blockersOf(db, actor);
  const on = await loadCommentable(db, workId, blockers, known);
  const muted = actor ? await listMutedIds(db, actor.userId) : [];
  const chapters =
    known?.chapters ??
    (await db.selectFrom('chapters').select(['id', 'position']).where('work_id', '=', workId).execute());
  return { actor, on, positions: new Map(chapters.map((row) => [row.id, row.position])), blockers, muted };
}

function heldShown(context: Context): HeldShown {
  if (context.actor && can(context.actor, 'work.moderate', context.on.work)) return 'all';
  return context.actor ? { userId: context.actor.userId } : 'none';
}

/**
 * The comments a work's page shows: a chapter's (and, on the first chapter, those on the whole work), or
 * every comment for the entire work; one page of threads. Nothing for a work this reader may not see.
 */
export async function commentsFor(
  db: Db,
  actor: Actor,
  workId: number,
  chapter: number | 'full',
  page = 1,
  known?: KnownWork,
): Promise<CommentSection | null> {
  const context = await contextOf(db, actor, workId, known).catch(() => null);
  if (!context || !can(actor, 'work.read', context.on.work)) return null;
  let place: CommentPlace = { workId };
  if (chapter !== 'full') {
    const id = [...context.positions].find(([, position]) => position === chapter)?.[0];
    if (id === undefined) return null;
    place = { workId, chapter: { id, withWorkComments: chapter === 1 } };
  }
  const held = heldShown(context);
  const { threads, visible } =
    known?.guestCounts && held === 'none' && context.muted.length === 0
      ? known.guestCounts
      : await countComments(db, place, held, context.muted);
  const offset = (page - 1) * THREADS_PER_PAGE;
  // Most pages have no comments: the page of them would be empty.
  const comments =
    threads > offset
      ? await listThreads(db, place, held, { offset, limit: THREADS_PER_PAGE, hiddenWriters: context.muted })
      : [];
  return {
    workId,
    chapter: chapter === 'full' ? null : chapter,
    threads: nest(comments, context),
    count: visible,
    total: threads,
    page,
    pages: Math.max(1, Math.ceil(threads / THREADS_PER_PAGE)),
    permission: context.on.permission,
    moderated: context.on.moderated,
    canComment: can(actor, 'comment.create', context.on),
    blocked: Boolean(context.on.blocked),
    canModerate: can(actor, 'work.moderate', context.on.work),
  };
}

/** One comment with the thread it is in, for its own page (/comments/ID). */
export async function commentThread(
  db: Db,
  actor: Actor,
  id: number,
): Promise<{ comment: CommentView; thread: CommentView[] }> {
  const { row } = await loadComment(db, actor, id);
  const context = await contextOf(db, actor, row.workId);
  const comments = await listThreads(db, { workId: row.workId }, heldShown(context), {
    offset: 0,
    limit: 1,
    rootId: row.threadId,
  });
  const thread = nest(comments, context);
  const find = (views: CommentView[]): CommentView | undefined => {
    for (const view of views) {
      if (view.id === id) return view;
      const found = find(view.replies);
      if (found) return found;
    }
    return undefined;
  };
  const comment = find(thread) ?? toView(row, context);
  return { comment, thread };
}

/** A work's comments waiting for approval: its creators' queue. */
export async function heldCommentsFor(db: Db, actor: Actor, workId: number): Promise<CommentView[]> {
  const context = await contextOf(db, actor, workId);
  authorize(actor, 'work.moderate', context.on.work, `work ${workId}`);
  return (await listHeldComments(db, workId)).map((row) => toView(row, context));
}

/** A comment as it was typed back into its edit form: its stored HTML, for its writer. */
export async function commentForEdit(db: Db, actor: Actor, id: number): Promise<CommentView> {
  const { row, resource } = await loadComment(db, actor, id);
  if (resource.frozen)
    throw new AppError('FORBIDDEN', 'This thread is frozen: its comments cannot be edited.');
  authorize(actor, 'comment.edit', resource, `comment ${id}`);
  return toView(row, await contextOf(db, actor, row.workId));
}
