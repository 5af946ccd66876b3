/**
 * Subscriptions (issue #20, part 4): a member follows a work (its new chapters), a creator (a member's new
 * works and chapters under any of their pseuds), a series (its new works and chapters) or a tag (new works
 * carrying it or one of its synonyms). What they bring is in subscription-notices.ts; the mail of it in
 * subscription-mail.service.ts.
 */
import type { Db } from '../../db/database.ts';
import { SUBSCRIPTION_KINDS, type SubscriptionKind } from '../../db/subscriptions.tables.ts';
import { AppError } from '../../errors.ts';
import {
  deleteSubscription,
  hasSubscription,
  insertSubscription,
  listSubscriptions,
  type SubscriptionEntry,
} from '../../repositories/community/subscription.repository.ts';
import { canonicalTagId } from '../../repositories/tag.repository.ts';
import type { Actor, Member } from '../accounts/actor.ts';
import { authorize, SITE } from '../accounts/policy.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';

export type { SubscriptionEntry, SubscriptionKind };
export { SUBSCRIPTION_KINDS };

const own = (member: Member) => ({ kind: 'account' as const, userId: member.userId });

/** Check that the target exists and the member may follow it; the id to keep (a tag's canonical tag). */
async function requireTarget(db: Db, member: Member, kind: SubscriptionKind, id: number): Promise<number> {
  switch (kind) {
    case 'work': {
      const work = await loadWorkAccess(db, id);
      if (!work) throw new AppError('NOT_FOUND', `There is no work ${id}.`);
      authorize(member, 'work.subscribe', work, `work ${id}`);
      return id;
    }
    case 'creator': {
      const user = await db
        .selectFrom('pseuds')
        .select('user_id')
        .where('user_id', '=', id)
        .executeTakeFirst();
      if (!user) throw new AppError('NOT_FOUND', `There is no creator ${id}.`);
      break;
    }
    case 'series': {
      const series = await db.selectFrom('series').select('id').where('id', '=', id).executeTakeFirst();
      if (!series) throw new AppError('NOT_FOUND', `There is no series ${id}.`);
      break;
    }
    case 'tag': {
      const tag = await db.selectFrom('tags').select('id').where('id', '=', id).executeTakeFirst();
      if (!tag) throw new AppError('NOT_FOUND', `There is no tag ${id}.`);
      authorize(member, 'subscription.create', SITE, `tag ${id}`);
      // A synonym's works are its canonical tag's: following either follows both.
      return canonicalTagId(db, id);
    }
  }
  authorize(member, 'subscription.create', SITE, `${kind} ${id}`);
  return id;
}

/** Subscribe a member; subscribing again changes nothing. Returns the id followed (a tag's canonical tag). */
export async function subscribe(
  db: Db,
  actor: Actor,
  kind: SubscriptionKind,
  targetId: number,
  now = new Date(),
): Promise<number> {
  if (!actor) throw new AppError('NOT_LOGGED_IN', 'Log in to subscribe.');
  const id = await requireTarget(db, actor, kind, targetId);
  await insertSubscription(db, actor.userId, kind, id, now.toISOString());
  return id;
}

/** Unsubscribe; from something not followed (or gone) it is done already. */
export async function unsubscribe(
  db: Db,
  actor: Actor,
  kind: SubscriptionKind,
  targetId: number,
): Promise<void> {
  if (!actor) throw new AppError('NOT_LOGGED_IN', 'Log in to change your subscriptions.');
  authorize(actor, 'subscription.manage', own(actor), 'your subscriptions');
  await deleteSubscription(db, actor.userId, kind, targetId);
  // Whichever id the member's page showed, the tag followed is the canonical one.
  if (kind === 'tag') await deleteSubscription(db, actor.userId, kind, await canonicalTagId(db, targetId));
}

/** A member's subscriptions, newest first, with what each follows by name. */
export async function subscriptionsOf(db: Db, member: Member): Promise<SubscriptionEntry[]> {
  authorize(member, 'subscription.manage', own(member), 'your subscriptions');
  return listSubscriptions(db, member.userId);
}

/**
 * Whether the visitor follows this (a guest follows nothing), or null for a work that cannot be followed
 * (a draft, a hidden work): its page shows no button.
 */
export async function isSubscribed(
  db: Db,
  actor: Actor,
  kind: SubscriptionKind,
  targetId: number,
  // A work page has loaded the work's status already.
  knownStatus?: string,
): Promise<boolean | null> {
  // Only the status is asked: the work's creators are a second query, on every work page.
  if (
    kind === 'work' &&
    (knownStatus ?? (await loadWorkAccess(db, targetId, { creators: false }))?.status) !== 'posted'
  )
    return null;
  return actor !== null && hasSubscription(db, actor.userId, kind, targetId);
}

/** The member who writes as a creator name, for their page's button; null for a name no member owns. */
export async function creatorMemberId(db: Db, name: string): Promise<number | null> {
  const row = await db
    .selectFrom('creators')
    .innerJoin('pseuds', 'pseuds.id', 'creators.pseud_id')
    .select('pseuds.user_id')
    .where('creators.name', '=', name)
    .executeTakeFirst();
  return row?.user_id ?? null;
}
