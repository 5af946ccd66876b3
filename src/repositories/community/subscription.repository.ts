import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DigestFrequency, SubscriptionKind } from '../../db/subscriptions.tables.ts';
import type { Rating } from '../../domain/required-tags.ts';
import {
  notFromHiddenMember,
  notOfHiddenRating,
  SUBSCRIPTION_NOTICE_KINDS,
} from './notification.repository.ts';

/** One of a member's subscriptions as their list shows it: what it follows, by name. */
export interface SubscriptionEntry {
  kind: SubscriptionKind;
  targetId: number;
  /** The work's or series' title, the member's default pseud, the tag's name. */
  label: string;
  createdAt: string;
}

/** Subscribe; a second subscription to the same thing is the first. */
export async function insertSubscription(
  db: Db,
  userId: number,
  kind: SubscriptionKind,
  targetId: number,
  now: string,
): Promise<void> {
  await db
    .insertInto('subscriptions')
    .values({ user_id: userId, kind, target_id: targetId, created_at: now })
    .onConflict((conflict) => conflict.columns(['user_id', 'kind', 'target_id']).doNothing())
    .execute();
}

export async function deleteSubscription(
  db: Db,
  userId: number,
  kind: SubscriptionKind,
  targetId: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('subscriptions')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function hasSubscription(
  db: Db,
  userId: number,
  kind: SubscriptionKind,
  targetId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A member's subscriptions, newest first, each with its target's name. A target deleted since (a work, a
 * series, a tag, a member) is left out; a work no longer posted too, as the member may not see it.
 */
export async function listSubscriptions(db: Db, userId: number): Promise<SubscriptionEntry[]> {
  const mine = db.selectFrom('subscriptions as s').where('s.user_id', '=', userId);
  const [works, creators, series, tags] = await Promise.all([
    mine
      .innerJoin('works as w', 'w.id', 's.target_id')
      .where('s.kind', '=', 'work')
      .where('w.status', '=', 'posted')
      .select(['s.kind', 's.target_id', 's.created_at', sql<string>`coalesce(w.title, '')`.as('label')])
      .execute(),
    mine
      .innerJoin('pseuds as p', 'p.user_id', 's.target_id')
      .where('s.kind', '=', 'creator')
      .where('p.is_default', '=', 1)
      .select(['s.kind', 's.target_id', 's.created_at', 'p.name as label'])
      .execute(),
    mine
      .innerJoin('series as r', 'r.id', 's.target_id')
      .where('s.kind', '=', 'series')
      .select(['s.kind', 's.target_id', 's.created_at', 'r.title as label'])
      .execute(),
    mine
      .innerJoin('tags as t', 't.id', 's.target_id')
      .where('s.kind', '=', 'tag')
      .select(['s.kind', 's.target_id', 's.created_at', 't.name as label'])
      .execute(),
  ]);
  return [...works, ...creators, ...series, ...tags]
    .map((row) => ({ kind: row.kind, targetId: row.target_id, label: row.label, createdAt: row.created_at }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.label.localeCompare(b.label));
}

/** What a posting event reaches: subscriptions to any of these targets. */
export interface SubscriptionTargets {
  work?: number;
  creators: readonly number[];
  series: readonly number[];
  tags: readonly number[];
}

/** The members subscribed to any of the targets, each once. */
export async function findSubscribers(db: Db, targets: SubscriptionTargets): Promise<number[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .select('user_id')
    .distinct()
    .where((eb) => {
      const any = [];
      if (targets.work !== undefined)
        any.push(eb.and([eb('kind', '=', 'work'), eb('target_id', '=', targets.work)]));
      for (const [kind, ids] of [
        ['creator', targets.creators],
        ['series', targets.series],
        ['tag', targets.tags],
      ] as const)
        if (ids.length > 0) any.push(eb.and([eb('kind', '=', kind), eb('target_id', 'in', [...ids])]));
      return any.length > 0 ? eb.or(any) : eb.val(false);
    })
    .execute();
  return rows.map((row) => row.user_id);
}

/** A member's choice of mail, and the mark of what was mailed last. */
export interface DigestState {
  userId: number;
  frequency: DigestFrequency;
  lastNotificationId: number;
  sentAt: string | null;
}

export async function findDigest(db: Db, userId: number): Promise<DigestState | undefined> {
  const row = await db
    .selectFrom('subscription_digests')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && toDigest(row);
}

const toDigest = (row: {
  user_id: number;
  frequency: DigestFrequency;
  last_notification_id: number;
  sent_at: string | null;
}): DigestState => ({
  userId: row.user_id,
  frequency: row.frequency,
  lastNotificationId: Number(row.last_notification_id),
  sentAt: row.sent_at,
});

export async function saveDigest(db: Db, state: DigestState): Promise<void> {
  const values = {
    frequency: state.frequency,
    last_notification_id: state.lastNotificationId,
    sent_at: state.sentAt,
  };
  await db
    .insertInto('subscription_digests')
    .values({ user_id: state.userId, ...values })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet(values))
    .execute();
}

/** The newest notification a member has, or 0: where their mail starts when they first ask for it. */
export async function latestNoticeId(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number | null>`max(id)`.as('id'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * Members who chose this frequency and have subscription notices not mailed yet; with `createdBefore`, only
 * notices made before then count (a daily digest sends the days before today).
 */
export async function digestsDue(
  db: Db,
  frequency: DigestFrequency,
  createdBefore?: string,
): Promise<DigestState[]> {
  const rows = await db
    .selectFrom('subscription_digests as d')
    .selectAll('d')
    .where('d.frequency', '=', frequency)
    .where((eb) => {
      let pending = eb
        .selectFrom('notifications as n')
        .select('n.id')
        .whereRef('n.user_id', '=', 'd.user_id')
        .whereRef('n.id', '>', 'd.last_notification_id')
        .where('n.kind', 'in', [...SUBSCRIPTION_NOTICE_KINDS])
        .where(notFromHiddenMember);
      if (createdBefore !== undefined) pending = pending.where('n.created_at', '<', createdBefore);
      return eb.exists(pending);
    })
    .orderBy('d.user_id')
    .execute();
  return rows.map(toDigest);
}

/** A notice a mail lists: the work, while it is posted, and the new chapter's position. */
export interface MailedNotice {
  id: number;
  kind: string;
  workId: number;
  title: string;
  chapterPosition: number | null;
}

/**
 * A member's subscription notices after `afterId` (and made before `createdBefore`), oldest first, of works
 * still posted, not of a rating the site hides and not from a member the reader now mutes or blocks;
 * `lastId` is the newest such notice, the mark a mail of them moves to (past notices of works hidden or
 * deleted since, which the mail leaves out).
 */
export async function noticesAfter(
  db: Db,
  userId: number,
  afterId: number,
  createdBefore?: string,
  hiddenRatings: readonly Rating[] = [],
): Promise<{ notices: MailedNotice[]; lastId: number }> {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('works as w', 'w.id', 'n.work_id')
    .leftJoin('chapters as c', 'c.id', 'n.chapter_id')
    .select(['n.id', 'n.kind', 'n.work_id', 'w.title', 'w.status', 'c.position'])
    .select(
      sql<number>`CASE WHEN ${notFromHiddenMember} AND ${notOfHiddenRating(hiddenRatings)} THEN 1 ELSE 0 END`.as(
        'shown',
      ),
    )
    .where('n.user_id', '=', userId)
    .where('n.id', '>', afterId)
    .where('n.kind', 'in', [...SUBSCRIPTION_NOTICE_KINDS]);
  if (createdBefore !== undefined) query = query.where('n.created_at', '<', createdBefore);
  const rows = await query.orderBy('n.id').execute();
  const notices = rows
    // A notice of a member muted or blocked since, or of a work the site hides, is passed over, as the inbox
    // passes over it.
    .filter((row) => row.status === 'posted' && row.work_id !== null && Number(row.shown) === 1)
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      workId: row.work_id as number,
      title: row.title ?? `Work ${row.work_id}`,
      chapterPosition: row.position ?? null,
    }));
  return { notices, lastId: rows.at(-1)?.id ?? afterId };
}

/**
 * Move a member's mark from `from` to `to` (and note the time), only if no one moved it meanwhile: of two
 * servers mailing at once, the one whose move lands sends the mail.
 */
export async function moveDigestMark(
  db: Db,
  userId: number,
  from: { id: number; sentAt: string | null },
  to: { id: number; sentAt: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('subscription_digests')
    .set({ last_notification_id: to.id, sent_at: to.sentAt })
    .where('user_id', '=', userId)
    .where('last_notification_id', '=', from.id)
    .where((eb) => (from.sentAt === null ? eb('sent_at', 'is', null) : eb('sent_at', '=', from.sentAt)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
