/**
 * Who may do what: one function every route, service and command asks, so a rule lives in one place and one
 * matrix test (policy.test.ts) holds every actor against every action.
 */
import type { WorkStatus } from '../../db/accounts.tables.ts';
import type { CommentPermission } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { Actor, Member } from './actor.ts';

/** A work as the policy sees it: its state and the members who write it (accepted co-creators included). */
export interface WorkResource {
  kind: 'work';
  status: WorkStatus;
  restricted: boolean;
  creatorUserIds: readonly number[];
}
/** A creator name: its owner, when a member writes as it. */
export interface CreatorResource {
  kind: 'creator';
  ownerUserId: number | null;
  name: string;
}
/** An invitation to co-create a work, addressed to a member. */
export interface InvitationResource {
  kind: 'invitation';
  inviteeUserId: number;
}
export interface AccountResource {
  kind: 'account';
  userId: number;
}
/** Another member, as someone to mute or block. */
export interface MemberResource {
  kind: 'member';
  userId: number;
}
/**
 * A work as a place to comment: the work, who its creators let comment (AO3's three choices), and whether a
 * creator blocked the member it was loaded for.
 */
export interface CommentableResource {
  kind: 'commentable';
  work: WorkResource;
  permission: CommentPermission;
  blocked?: boolean;
}
/** A comment on a work: who wrote it (null for a guest), whether it waits for approval, its thread frozen. */
export interface CommentResource {
  kind: 'comment';
  on: CommentableResource;
  writerUserId: number | null;
  held: boolean;
  frozen: boolean;
  deleted: boolean;
  /** Its writer blocked the member it was loaded for. */
  writerBlocks?: boolean;
}
/** A member's bookmark, or one of their bookmark collections: whose it is, and whether others may see it. */
export interface BookmarkResource {
  kind: 'bookmark';
  ownerUserId: number;
  private: boolean;
}
/** The archive itself, for actions on nothing in particular. */
export interface SiteResource {
  kind: 'site';
}
export const SITE: SiteResource = { kind: 'site' };

/** Every action, with the kind of thing it is done to. */
export interface Actions {
  /** See a work anywhere: its page, listings, counts, feeds, OPDS, downloads, the API. */
  'work.read': WorkResource;
  'work.create': SiteResource;
  /** Edit a work and its chapters (add, edit, reorder, delete, schedule). */
  'work.edit': WorkResource;
  'work.delete': WorkResource;
  'work.hide': WorkResource;
  'work.invite': WorkResource;
  /** See the analysis's suggestions for a work and add or dismiss them. */
  'work.suggestions': WorkResource;
  /** Leave kudos: any reader of a posted work, guests too, except its creators. */
  'work.kudos': WorkResource;
  /** Comment on a posted work: members, and guests where the work takes guests' comments. */
  'comment.create': CommentableResource;
  /** Answer a comment: who may comment, on a thread neither frozen nor waiting for approval. */
  'comment.reply': CommentResource;
  /** See a comment: any reader of the work, but a held one only its writer and the work's creators. */
  'comment.read': CommentResource;
  'comment.edit': CommentResource;
  /** Its writer, the work's creators, and admins. */
  'comment.delete': CommentResource;
  /** The creators' moderation: approve held comments, freeze and unfreeze threads, the settings. */
  'work.moderate': WorkResource;
  /** Bookmark a work (members who may read it, its creators too, as on AO3). */
  'work.bookmark': WorkResource;
  /** Bookmark a series. */
  'series.bookmark': SiteResource;
  /** See a bookmark: anyone when public (and its work readable), its owner alone when private. */
  'bookmark.read': BookmarkResource;
  /** Edit or delete a bookmark, or a bookmark collection (create, rename, delete, fill). */
  'bookmark.edit': BookmarkResource;
  /** A member's history, read marks and Mark for Later: theirs alone, never an admin's to read. */
  'history.manage': AccountResource;
  /** Subscribe to a work's new chapters: members who may read it, once it is posted. */
  'work.subscribe': WorkResource;
  /** Subscribe to a creator, a series or a tag. */
  'subscription.create': SiteResource;
  /** A member's subscriptions: list them, unsubscribe, choose their mail. Theirs alone. */
  'subscription.manage': AccountResource;
  'invitation.answer': InvitationResource;
  'claim.request': CreatorResource;
  'claim.decide': SiteResource;
  'tag.wrangle': SiteResource;
  /** Settings, pseuds, access tokens, password, email, deleting the account. */
  'account.manage': AccountResource;
  /** Roles and suspensions of other members. */
  'member.manage': SiteResource;
  'mail.read': SiteResource;
  /** Report a work, a comment or a member to the admins: guests too, suspended members not. */
  'report.file': SiteResource;
  /** See the report queue and resolve reports. */
  'report.resolve': SiteResource;
  /** Read the audit log of moderation and wrangling actions. */
  'audit.read': SiteResource;
  /** Mute or unmute another member: their works and comments leave what this member reads. */
  'member.mute': MemberResource;
  /** Block or unblock another member: they may not comment on this member's works or answer them. */
  'member.block': MemberResource;
  /** A member's own saved searches and exclusion list. */
  'filters.manage': AccountResource;
}
export type Action = keyof Actions;
export const ACTIONS = [
  'work.read',
  'work.create',
  'work.edit',
  'work.delete',
  'work.hide',
  'work.invite',
  'work.suggestions',
  'work.kudos',
  'comment.create',
  'comment.reply',
  'comment.read',
  'comment.edit',
  'comment.delete',
  'work.moderate',
  'work.bookmark',
  'series.bookmark',
  'bookmark.read',
  'bookmark.edit',
  'history.manage',
  'work.subscribe',
  'subscription.create',
  'subscription.manage',
  'invitation.answer',
  'claim.request',
  'claim.decide',
  'tag.wrangle',
  'account.manage',
  'member.manage',
  'mail.read',
  'report.file',
  'report.resolve',
  'audit.read',
  'member.mute',
  'member.block',
  'filters.manage',
] as const satisfies readonly Action[];

/** The name every orphaned work is moved to: it belongs to no one and cannot be claimed. */
export const ORPHAN_NAME = 'orphan_account';

const isCreator = (actor: Member, work: WorkResource) => work.creatorUserIds.includes(actor.userId);

/** Whether `actor` may do `action` to `resource`. A suspended member may read and manage their account only. */
export function can<A extends Action>(actor: Actor, action: A, resource: Actions[A]): boolean {
  if (action === 'work.read') return canRead(actor, resource as WorkResource);
  if (action === 'work.kudos') {
    const work = resource as WorkResource;
    if (work.status !== 'posted' || !canRead(actor, work)) return false;
    return !actor || (!actor.suspended && !isCreator(actor, work));
  }
  if (action.startsWith('comment.'))
    return canComment(actor, action, resource as CommentableResource | CommentResource);
  if (action === 'bookmark.read') {
    const bookmark = resource as BookmarkResource;
    return !bookmark.private || actor?.userId === bookmark.ownerUserId;
  }
  if (action === 'report.file') return !actor?.suspended;
  if (!actor) return false;
  // Their history is the suspended member's own reading, as their account is.
  if (action === 'history.manage') return (resource as AccountResource).userId === actor.userId;
  // Keeping others out of one's own listings and threads protects a suspended member as much as any.
  if (action === 'member.mute' || action === 'member.block')
    return (resource as MemberResource).userId !== actor.userId;
  if (action === 'filters.manage') return (resource as AccountResource).userId === actor.userId;
  // A suspended member may still stop what reaches their inbox, as they may manage their account.
  if (action === 'subscription.manage') return (resource as AccountResource).userId === actor.userId;
  if (actor.suspended && action !== 'account.manage') return false;
  const admin = actor.role === 'admin';
  switch (action) {
    case 'work.create':
      return true;
    case 'work.edit':
    case 'work.delete': {
      const work = resource as WorkResource;
      if (work.status === 'draft') return isCreator(actor, work);
      if (work.status === 'hidden') return admin;
      return admin || isCreator(actor, work);
    }
    case 'work.hide':
      return admin && (resource as WorkResource).status !== 'draft';
    case 'work.invite':
    case 'work.suggestions':
    case 'work.moderate': {
      const work = resource as WorkResource;
      return work.status !== 'hidden' && isCreator(actor, work);
    }
    case 'work.subscribe':
    case 'work.bookmark': {
      const work = resource as WorkResource;
      return work.status === 'posted' && canRead(actor, work);
    }
    case 'series.bookmark':
    case 'subscription.create':
      return true;
    case 'bookmark.edit':
      return (resource as BookmarkResource).ownerUserId === actor.userId;
    case 'invitation.answer':
      return (resource as InvitationResource).inviteeUserId === actor.userId;
    case 'claim.request': {
      const creator = resource as CreatorResource;
      return creator.ownerUserId === null && creator.name !== ORPHAN_NAME;
    }
    case 'tag.wrangle':
      return admin || actor.role === 'wrangler';
    case 'account.manage':
      return (resource as AccountResource).userId === actor.userId;
    case 'claim.decide':
    case 'member.manage':
    case 'mail.read':
    case 'report.resolve':
    case 'audit.read':
      return admin;
  }
  return false;
}

function canComment(actor: Actor, action: Action, resource: CommentableResource | CommentResource): boolean {
  const on = resource.kind === 'comment' ? resource.on : resource;
  const { work } = on;
  if (!canRead(actor, work)) return false;
  const creator = actor !== null && isCreator(actor, work);
  const active = actor !== null && !actor.suspended;
  if (resource.kind === 'commentable')
    return (
      work.status === 'posted' &&
      on.permission !== 'none' &&
      !on.blocked &&
      (active || (actor === null && on.permission === 'guests'))
    );
  const own = actor !== null && resource.writerUserId === actor.userId;
  switch (action) {
    case 'comment.read':
      return !resource.held || own || creator;
    case 'comment.reply':
      return (
        !resource.held &&
        !resource.frozen &&
        !resource.deleted &&
        !resource.writerBlocks &&
        canComment(actor, 'comment.create', on)
      );
    case 'comment.edit':
      return active && own && !resource.frozen && !resource.deleted && work.status === 'posted';
    case 'comment.delete':
      return active && !resource.deleted && (own || creator || actor.role === 'admin');
  }
  return false;
}

function canRead(actor: Actor, work: WorkResource): boolean {
  switch (work.status) {
    case 'posted':
      return !work.restricted || actor !== null;
    case 'draft':
      return actor !== null && isCreator(actor, work);
    case 'hidden':
      return actor?.role === 'admin';
  }
}

/**
 * Throw unless `actor` may do `action`: a guest is asked to log in; a member is told no, except for a work
 * they may not even see, which is not found (a draft's existence is not told).
 */
export function authorize<A extends Action>(
  actor: Actor,
  action: A,
  resource: Actions[A],
  what: string,
): void {
  if (can(actor, action, resource)) return;
  if (resource.kind === 'work' && !canRead(actor, resource as WorkResource))
    throw new AppError('NOT_FOUND', `There is no ${what}.`);
  const commentedWork =
    resource.kind === 'comment'
      ? (resource as CommentResource).on.work
      : resource.kind === 'commentable'
        ? (resource as CommentableResource).work
        : null;
  if (commentedWork && !canRead(actor, commentedWork))
    throw new AppError('NOT_FOUND', `There is no ${what}.`);
  if (resource.kind === 'comment' && !can(actor, 'comment.read', resource as CommentResource))
    throw new AppError('NOT_FOUND', `There is no ${what}.`);
  if (!actor) throw new AppError('NOT_LOGGED_IN', `Log in to ${describe(action)}.`);
  if (actor.suspended)
    throw new AppError(
      'SUSPENDED',
      `Your account is suspended until ${suspensionEnd(actor)}: you cannot ${describe(action)} until then.`,
    );
  throw new AppError('FORBIDDEN', `You are not allowed to ${describe(action)} (${what}).`);
}

const DESCRIPTIONS: Record<Action, string> = {
  'work.read': 'read this work',
  'work.create': 'post a work',
  'work.edit': 'edit this work',
  'work.delete': 'delete this work',
  'work.hide': 'hide or unhide this work',
  'work.invite': 'invite co-creators to this work',
  'work.suggestions': "see and answer this work's suggestions",
  'work.kudos': 'leave kudos on this work',
  'comment.create': 'comment on this work',
  'comment.reply': 'reply to this comment',
  'comment.read': 'see this comment',
  'comment.edit': 'edit this comment',
  'comment.delete': 'delete this comment',
  'work.moderate': "moderate this work's comments",
  'work.bookmark': 'bookmark this work',
  'series.bookmark': 'bookmark this series',
  'bookmark.read': 'see this bookmark',
  'bookmark.edit': 'change this bookmark',
  'history.manage': 'see or change this reading history',
  'work.subscribe': 'subscribe to this work',
  'subscription.create': 'subscribe',
  'subscription.manage': 'change these subscriptions',
  'invitation.answer': 'answer this invitation',
  'claim.request': 'claim this name',
  'claim.decide': 'approve or reject claims',
  'tag.wrangle': 'wrangle tags',
  'account.manage': 'change this account',
  'member.manage': "change members' roles or suspensions",
  'mail.read': 'read the mail outbox',
  'report.file': 'report this',
  'report.resolve': 'see and resolve reports',
  'audit.read': 'read the audit log',
  'member.mute': 'mute or unmute this member',
  'member.block': 'block or unblock this member',
  'filters.manage': 'change these saved filters or exclusions',
};

/** When a suspension ends, as a person reads it (UTC). */
export function suspensionEnd(member: Member): string {
  if (!member.suspendedUntil) return 'further notice';
  return `${member.suspendedUntil.slice(0, 16).replace('T', ' ')} UTC`;
}

function describe(action: Action): string {
  return DESCRIPTIONS[action];
}
