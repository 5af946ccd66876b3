/**
 * Who may do what: one function every route, service and command asks, so a rule lives in one place and one
 * matrix test (policy.test.ts) holds every actor against every action.
 */
import type { WorkStatus } from '../../db/accounts.tables.ts';
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
  if (action === 'report.file') return !actor?.suspended;
  if (!actor) return false;
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
    case 'work.suggestions': {
      const work = resource as WorkResource;
      return work.status !== 'hidden' && isCreator(actor, work);
    }
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
};

/** When a suspension ends, as a person reads it (UTC). */
export function suspensionEnd(member: Member): string {
  if (!member.suspendedUntil) return 'further notice';
  return `${member.suspendedUntil.slice(0, 16).replace('T', ' ')} UTC`;
}

function describe(action: Action): string {
  return DESCRIPTIONS[action];
}
