/**
 * Possible tags: suggestions an import found below the confidence threshold (analysis/confidence.ts). They
 * are not on the work; a wrangler adds one (it becomes an inferred tag, confirmed by that wrangler) or
 * dismisses it. Both are audited.
 */
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Evidence } from '../../ingest/story.ts';
import { recordTagReview } from '../../repositories/moderation/suggested-tag.repository.ts';
import { listPossibleTags as listRows, takePossibleTag } from '../../repositories/possible-tag.repository.ts';
import { rebuildFilterTags } from '../../repositories/tag.repository.ts';
import { attachTags, startWorkBatch } from '../../repositories/work.repository.ts';
import { parseInput } from '../../validate.ts';
import type { Member } from '../accounts/actor.ts';
import { authorize, SITE } from '../accounts/policy.ts';
import {
  auditTagDecision,
  parseEvidence,
  type ReviewedKind,
  TagReviewInput,
} from './suggested-tags.service.ts';

export const POSSIBLE_PAGE_SIZE = 50;

export interface PossibleTagView {
  workId: number;
  title: string;
  kind: ReviewedKind;
  name: string;
  confidence: number;
  evidence: Evidence[];
}

/** A page of possible tags, newest works first, surest first within a work. */
export async function listPossibleTags(
  db: Db,
  actor: Member | null,
  options: { page: number },
): Promise<{ tags: PossibleTagView[]; more: boolean }> {
  authorize(actor, 'tag.wrangle', SITE, 'tags');
  const rows = await listRows(db, {
    limit: POSSIBLE_PAGE_SIZE + 1,
    offset: (options.page - 1) * POSSIBLE_PAGE_SIZE,
  });
  return {
    tags: rows.slice(0, POSSIBLE_PAGE_SIZE).map((row) => ({
      workId: row.work_id,
      title: row.title ?? `work ${row.work_id}`,
      kind: row.kind as ReviewedKind,
      name: row.name,
      confidence: row.confidence,
      evidence: parseEvidence(row.evidence),
    })),
    more: rows.length > POSSIBLE_PAGE_SIZE,
  };
}

/** Add a possible tag to its work, or dismiss it. */
export async function decidePossibleTag(
  db: Db,
  actor: Member,
  workId: number,
  decision: 'added' | 'dismissed',
  input: unknown,
  now = new Date(),
): Promise<void> {
  authorize(actor, 'tag.wrangle', SITE, 'tags');
  const { kind, name } = parseInput(TagReviewInput, input);
  await inTransaction(db, async (trx) => {
    const row = await takePossibleTag(trx, workId, kind, name);
    if (!row) throw new AppError('NOT_FOUND', `Work ${workId} has no possible ${kind} tag "${name}".`);
    if (decision === 'added') {
      await attachTags(
        trx,
        workId,
        [
          {
            kind,
            name,
            canonical: Boolean(row.canonical),
            source: 'inferred',
            confidence: row.confidence,
            main: false,
            parentFandom: row.parent_fandom,
            evidence: parseEvidence(row.evidence),
          },
        ],
        startWorkBatch(),
      );
      await rebuildFilterTags(trx, [workId]);
      // A wrangler chose it: it does not wait in the suggested-tags queue as well.
      await recordTagReview(trx, { workId, kind, name, decision: 'confirmed', by: actor.userId }, now);
    }
    const action = decision === 'added' ? 'tag.add-possible' : 'tag.dismiss-possible';
    await auditTagDecision(trx, actor, action, workId, kind, name, now);
  });
}
