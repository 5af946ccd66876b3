/**
 * The suggested-tags queue: tags the analysis inferred on imported works that no person has confirmed,
 * each with the passages behind it. A wrangler confirms one (it stays, and leaves the queue) or rejects it:
 * it is taken off the work, and the rejection is recorded twice over, in tag_reviews (the queue) and as a
 * dismissed suggestion for the work's text (so the analysis does not offer it to the author again while
 * the text stays the same). Both are audited.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Evidence } from '../../ingest/story.ts';
import { recordAudit } from '../../repositories/moderation/audit.repository.ts';
import {
  hasInferredTag,
  listUnreviewedInferredTags,
  REVIEWED_KINDS,
  type ReviewedKind,
  recordTagReview,
} from '../../repositories/moderation/suggested-tag.repository.ts';
import { parseInput } from '../../validate.ts';
import type { Member } from '../accounts/actor.ts';
import { authorize, SITE } from '../accounts/policy.ts';
import { dismissForCurrentText } from '../posting/suggestion.service.ts';

export { REVIEWED_KINDS, type ReviewedKind };

export const SUGGESTED_PAGE_SIZE = 50;

export interface SuggestedTag {
  workId: number;
  title: string;
  kind: ReviewedKind;
  name: string;
  /** The passages and rules that led the analysis to the tag. */
  evidence: Evidence[];
}

export const TagReviewInput = Type.Object({
  kind: Type.Union(
    REVIEWED_KINDS.map((kind) => Type.Literal(kind)),
    { errorMessage: `the kind is one of ${REVIEWED_KINDS.join(', ')}` },
  ),
  name: Type.String({ minLength: 1, maxLength: 200, errorMessage: 'the tag has no name' }),
});

/** A stored evidence list, or none when the column is empty or not a list. */
export function parseEvidence(json: string | null): Evidence[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as Evidence[]) : [];
  } catch {
    return [];
  }
}

/** A page of the queue, of one kind if asked. */
export async function listSuggestedTags(
  db: Db,
  actor: Member | null,
  options: { kind?: ReviewedKind; page: number },
): Promise<{ tags: SuggestedTag[]; more: boolean }> {
  authorize(actor, 'tag.wrangle', SITE, 'tags');
  const rows = await listUnreviewedInferredTags(db, {
    kind: options.kind,
    limit: SUGGESTED_PAGE_SIZE + 1,
    offset: (options.page - 1) * SUGGESTED_PAGE_SIZE,
  });
  return {
    tags: rows.slice(0, SUGGESTED_PAGE_SIZE).map((row) => ({
      workId: row.work_id,
      title: row.title ?? `work ${row.work_id}`,
      kind: row.kind as ReviewedKind,
      name: row.name,
      evidence: parseEvidence(row.evidence),
    })),
    more: rows.length > SUGGESTED_PAGE_SIZE,
  };
}

/** Confirm or reject an inferred tag on a work. */
export async function reviewSuggestedTag(
  db: Db,
  actor: Member,
  workId: number,
  decision: 'confirmed' | 'rejected',
  input: unknown,
  now = new Date(),
): Promise<void> {
  authorize(actor, 'tag.wrangle', SITE, 'tags');
  const { kind, name } = parseInput(TagReviewInput, input);
  await inTransaction(db, async (trx) => {
    if (!(await hasInferredTag(trx, workId, kind, name)))
      throw new AppError('NOT_FOUND', `Work ${workId} has no inferred ${kind} tag "${name}".`);
    await recordTagReview(trx, { workId, kind, name, decision, by: actor.userId }, now);
    if (decision === 'rejected') await dismissForCurrentText(trx, workId, kind, name, now);
    await auditTagDecision(
      trx,
      actor,
      decision === 'confirmed' ? 'tag.confirm' : 'tag.reject',
      workId,
      kind,
      name,
      now,
    );
  });
}

/** The audit line of a wrangler's decision on one tag of a work. */
export async function auditTagDecision(
  db: Db,
  actor: Member,
  action: string,
  workId: number,
  kind: ReviewedKind,
  name: string,
  now: Date,
): Promise<void> {
  const title = await db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirst();
  await recordAudit(
    db,
    actor,
    {
      action,
      targetKind: 'work',
      targetId: workId,
      targetLabel: title?.title ?? `work ${workId}`,
      note: `${kind} "${name}"`,
    },
    now,
  );
}
