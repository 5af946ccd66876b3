/**
 * Subscriptions by mail: each member chooses never (the default), immediately (a mail as a posting reaches
 * their inbox) or daily (one mail after midnight UTC with what arrived the days before). Each member's row
 * keeps the last notice mailed, so the mail starts after it: a restart neither repeats a notice nor loses
 * one, and of two servers mailing at once only the one that moves the mark sends.
 */
import type { Db } from '../../db/database.ts';
import { DIGEST_FREQUENCIES, type DigestFrequency } from '../../db/subscriptions.tables.ts';
import type { Rating } from '../../domain/required-tags.ts';
import { isAppError } from '../../errors.ts';
import {
  type DigestState,
  digestsDue,
  findDigest,
  latestNoticeId,
  type MailedNotice,
  moveDigestMark,
  noticesAfter,
  saveDigest,
} from '../../repositories/community/subscription.repository.ts';
import type { Member } from '../accounts/actor.ts';
import type { Mailer } from '../accounts/mailer.ts';
import { authorize } from '../accounts/policy.ts';

export type { DigestFrequency };
export { DIGEST_FREQUENCIES };

const own = (member: Member) => ({ kind: 'account' as const, userId: member.userId });

/** How often the member wants their subscriptions by mail. */
export async function digestOf(db: Db, member: Member): Promise<DigestFrequency> {
  authorize(member, 'subscription.manage', own(member), 'your subscriptions');
  return (await findDigest(db, member.userId))?.frequency ?? 'never';
}

/** Choose the mail; turned on, it starts with what arrives from now on, not the inbox's past. */
export async function chooseDigest(
  db: Db,
  member: Member,
  frequency: DigestFrequency,
  now = new Date(),
): Promise<void> {
  authorize(member, 'subscription.manage', own(member), 'your subscriptions');
  const current = await findDigest(db, member.userId);
  if (current?.frequency === frequency) return;
  const mailing = current !== undefined && current.frequency !== 'never';
  await saveDigest(db, {
    userId: member.userId,
    frequency,
    lastNotificationId: mailing ? current.lastNotificationId : await latestNoticeId(db, member.userId),
    sentAt: current?.sentAt ?? (frequency === 'never' ? null : now.toISOString()),
  });
}

export interface MailRun {
  frequency: Exclude<DigestFrequency, 'never'>;
  /** The public address the mail's links start with. */
  siteUrl: string;
  /** Ratings the site hides (`hiddenRatingsOf`): news of such works is not mailed. */
  hiddenRatings?: readonly Rating[];
  now?: Date;
}

/** Midnight UTC of the day of `now`: a daily digest sends what arrived before it. */
const startOfDay = (now: Date) => `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;

const noticeLine = (notice: MailedNotice, siteUrl: string) =>
  notice.kind === 'new_chapter' && notice.chapterPosition !== null
    ? `- Chapter ${notice.chapterPosition} of "${notice.title}": ${siteUrl}/works/${notice.workId}/chapters/${notice.chapterPosition}`
    : `- New work "${notice.title}": ${siteUrl}/works/${notice.workId}`;

function message(notices: readonly MailedNotice[], run: MailRun): { subject: string; text: string } {
  const [first] = notices;
  const subject =
    run.frequency === 'daily'
      ? `Your daily digest: ${notices.length} new from your subscriptions`
      : notices.length === 1 && first
        ? first.kind === 'new_chapter'
          ? `New chapter of ${first.title}`
          : `New work: ${first.title}`
        : `${notices.length} new from your subscriptions`;
  const text = [
    'New from what you subscribe to:',
    '',
    ...notices.map((notice) => noticeLine(notice, run.siteUrl)),
    '',
    `Your inbox: ${run.siteUrl}/inbox`,
    `You get this mail because you asked for it ${run.frequency === 'daily' ? 'daily' : 'at once'}; change it at ${run.siteUrl}/account/subscriptions`,
  ].join('\n');
  return { subject, text };
}

/** Mail one member what is due; false when another server took it or the mail did not go. */
async function mailOne(db: Db, mailer: Mailer, digest: DigestState, run: MailRun, now: Date) {
  const before = run.frequency === 'daily' ? startOfDay(now) : undefined;
  const { notices, lastId } = await noticesAfter(
    db,
    digest.userId,
    digest.lastNotificationId,
    before,
    run.hiddenRatings,
  );
  const from = { id: digest.lastNotificationId, sentAt: digest.sentAt };
  const to = { id: lastId, sentAt: now.toISOString() };
  if (!(await moveDigestMark(db, digest.userId, from, to))) return 'taken';
  const user = await db
    .selectFrom('users')
    .select('email')
    .where('id', '=', digest.userId)
    .executeTakeFirst();
  if (notices.length === 0 || !user?.email) return 'empty';
  try {
    await mailer.send(db, { to: user.email, ...message(notices, run) });
    return 'sent';
  } catch (error) {
    // Put the mark back, so the next run sends these notices again.
    await moveDigestMark(db, digest.userId, to, from);
    if (isAppError(error) && error.code === 'MAIL_FAILED') return 'failed';
    throw error;
  }
}

/**
 * Send what is due at this frequency: for `immediately`, every notice not mailed yet; for `daily`, one mail
 * per member with the notices that arrived before today. A mail that fails is tried again next run.
 */
export async function sendSubscriptionMail(
  db: Db,
  mailer: Mailer,
  run: MailRun,
): Promise<{ sent: number; failed: number }> {
  const now = run.now ?? new Date();
  const due = await digestsDue(db, run.frequency, run.frequency === 'daily' ? startOfDay(now) : undefined);
  const counts = { sent: 0, failed: 0 };
  for (const digest of due) {
    const outcome = await mailOne(db, mailer, digest, run, now);
    if (outcome === 'sent') counts.sent += 1;
    if (outcome === 'failed') counts.failed += 1;
  }
  return counts;
}
