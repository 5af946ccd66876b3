/**
 * Reports: anyone may report a work, a comment or a member (guests too; the web limits how often); the
 * reports wait in the admins' queue until one resolves it by hiding the work, removing the comment,
 * suspending the member or dismissing the report, with a note. Resolving is audited with the action taken.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database.ts';
import {
  REPORT_TARGETS,
  RESOLUTIONS,
  type ReportTarget,
  type Resolution,
} from '../../db/moderation.tables.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { deleteComment, recountComments } from '../../repositories/community/comment.repository.ts';
import { recordAudit } from '../../repositories/moderation/audit.repository.ts';
import { findCommentForModeration } from '../../repositories/moderation/comment-removal.repository.ts';
import {
  closeReport,
  findReport,
  insertReport,
  listOpenReports,
  type ReportListing,
} from '../../repositories/moderation/report.repository.ts';
import { parseInput } from '../../validate.ts';
import type { Actor, Member } from '../accounts/actor.ts';
import { authorize, can, SITE } from '../accounts/policy.ts';
import { findUserById } from '../accounts/user.repository.ts';
import { setWorkHidden } from '../posting/work-posting.service.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';
import { suspendMember } from './member-moderation.service.ts';

export { REPORT_TARGETS, type ReportTarget };

/** Why a reader reports something, in AO3's Policy and Abuse categories. */
export const REPORT_REASONS = {
  harassment: 'Harassment or threats',
  spam: 'Spam or commercial promotion',
  plagiarism: 'Plagiarism',
  mistagged: 'Missing or wrong rating or archive warnings',
  illegal: 'Illegal content',
  'personal-information': 'Personal information about a real person',
  other: 'Something else',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

const reasonKeys = Object.keys(REPORT_REASONS) as ReportReason[];

export const ReportInput = Type.Object({
  kind: Type.Union(
    REPORT_TARGETS.map((kind) => Type.Literal(kind)),
    { errorMessage: `what is reported is one of ${REPORT_TARGETS.join(', ')}` },
  ),
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, errorMessage: 'what is reported has no number' }),
  reason: Type.Union(
    reasonKeys.map((key) => Type.Literal(key)),
    { errorMessage: 'choose a reason' },
  ),
  details: Type.String({
    minLength: 1,
    maxLength: 5000,
    pattern: '\\S',
    errorMessage: 'say what is wrong, in at most 5000 characters',
  }),
});

export const ResolutionInput = Type.Object({
  action: Type.Union(
    RESOLUTIONS.map((action) => Type.Literal(action)),
    { errorMessage: `the action is one of ${RESOLUTIONS.join(', ')}` },
  ),
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3650, errorMessage: 'a suspension lasts 1 to 3650 days' }),
  ),
  note: Type.String({ maxLength: 2000, default: '', errorMessage: 'the note has at most 2000 characters' }),
});

/** The action each kind of report may end with, besides dismissing it. */
const ACTION_FOR: Record<ReportTarget, Resolution> = {
  work: 'hide-work',
  comment: 'remove-comment',
  member: 'suspend-member',
};

/** What a report names, as its reporter may see it; not found when they may not (a draft, a hidden work). */
export async function describeReportTarget(
  db: Db,
  actor: Actor,
  kind: ReportTarget,
  id: number,
): Promise<string> {
  const missing = () => new AppError('NOT_FOUND', `There is no ${kind} ${id} to report.`);
  if (kind === 'work') {
    const work = await loadWorkAccess(db, id);
    if (!work || !can(actor, 'work.read', work)) throw missing();
    const row = await db.selectFrom('works').select('title').where('id', '=', id).executeTakeFirstOrThrow();
    return row.title ?? `work ${id}`;
  }
  if (kind === 'comment') {
    const comment = await findCommentForModeration(db, id);
    const work = comment && (await loadWorkAccess(db, comment.work_id));
    if (!comment || !work || !can(actor, 'work.read', work)) throw missing();
    return `a comment on ${comment.title}`;
  }
  const user = await findUserById(db, id);
  if (!user) throw missing();
  return user.name;
}

/** Send a report to the admins' queue; returns its number. */
export async function fileReport(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<number> {
  authorize(actor, 'report.file', SITE, 'a report');
  const { kind, id, reason, details } = parseInput(ReportInput, input);
  const label = await describeReportTarget(db, actor, kind, id);
  return insertReport(
    db,
    {
      targetKind: kind,
      targetId: id,
      targetLabel: label,
      reporterId: actor?.userId ?? null,
      reason,
      details: details.trim(),
    },
    now,
  );
}

/** The open reports, for an admin. */
export async function listReports(db: Db, actor: Actor): Promise<ReportListing[]> {
  authorize(actor, 'report.resolve', SITE, 'reports');
  return listOpenReports(db);
}

/**
 * Resolve an open report with the action it asks for or by dismissing it. A report resolved already (by a
 * second admin, or a second click) is refused, and nothing is done twice.
 */
export async function resolveReport(
  db: Db,
  actor: Member,
  reportId: number,
  input: unknown,
  now = new Date(),
): Promise<Resolution> {
  authorize(actor, 'report.resolve', SITE, 'reports');
  const { action, days, note } = parseInput(ResolutionInput, input);
  return inTransaction(db, async (trx) => {
    const report = await findReport(trx, reportId);
    if (!report) throw new AppError('NOT_FOUND', `There is no report ${reportId}.`);
    if (report.resolved_at) throw new AppError('INVALID_INPUT', `Report ${reportId} is already resolved.`);
    if (action !== 'dismiss' && ACTION_FOR[report.target_kind] !== action)
      throw new AppError(
        'INVALID_INPUT',
        `action: a report of a ${report.target_kind} cannot end in ${action}`,
      );
    if (action === 'hide-work') await setWorkHidden(trx, actor, report.target_id, true, note, now);
    if (action === 'remove-comment') await removeComment(trx, actor, report.target_id, note, now);
    if (action === 'suspend-member') {
      if (days === undefined)
        throw new AppError('INVALID_INPUT', 'days: say how many days the suspension lasts');
      const name = (await findUserById(trx, report.target_id))?.name;
      if (!name)
        throw new AppError('NOT_FOUND', `The member reported in report ${reportId} no longer exists.`);
      await suspendMember(trx, actor, name, { days, note }, now);
    }
    if (!(await closeReport(trx, reportId, actor.userId, action, note.trim() || null, now)))
      throw new AppError('INVALID_INPUT', `Report ${reportId} is already resolved.`);
    await recordAudit(
      trx,
      actor,
      {
        action: 'report.resolve',
        targetKind: 'report',
        targetId: reportId,
        targetLabel: `report of ${report.target_kind} ${report.target_label}: ${action}`,
        note,
      },
      now,
    );
    return action;
  });
}

/** Remove a comment as an admin (from a report, or a comment's own page once comments can be moderated there). */
export async function removeComment(
  db: Db,
  actor: Member,
  commentId: number,
  note: string,
  now = new Date(),
): Promise<void> {
  authorize(actor, 'report.resolve', SITE, 'comments');
  await inTransaction(db, async (trx) => {
    const comment = await findCommentForModeration(trx, commentId);
    if (!comment) throw new AppError('NOT_FOUND', `There is no comment ${commentId}.`);
    // As a creator's or writer's deletion does: a comment with replies keeps its place, emptied.
    await deleteComment(trx, commentId, now.toISOString());
    await recountComments(trx, comment.work_id);
    await recordAudit(
      trx,
      actor,
      {
        action: 'comment.remove',
        targetKind: 'comment',
        targetId: commentId,
        targetLabel: `comment ${commentId} on ${comment.title}`,
        note,
      },
      now,
    );
  });
}
