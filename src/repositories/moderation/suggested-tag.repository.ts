import type { Db } from '../../db/database.ts';

/** The tag kinds an import infers that a wrangler answers (a rating is the author's to change). */
export const REVIEWED_KINDS = [
  'warning',
  'category',
  'fandom',
  'relationship',
  'character',
  'freeform',
] as const;
export type ReviewedKind = (typeof REVIEWED_KINDS)[number];

export interface SuggestedTagRow {
  work_id: number;
  title: string | null;
  kind: string;
  name: string;
  evidence: string | null;
}

/**
 * Tags the analysis inferred on works (posted or hidden) that no wrangler has confirmed yet, newest works
 * first; rejected ones are already off the work.
 */
export async function listUnreviewedInferredTags(
  db: Db,
  options: { kind?: ReviewedKind; limit: number; offset: number },
): Promise<SuggestedTagRow[]> {
  return db
    .selectFrom('work_tags as wt')
    .innerJoin('tags as t', 't.id', 'wt.tag_id')
    .innerJoin('works as w', 'w.id', 'wt.work_id')
    .leftJoin('tag_reviews as r', (join) =>
      join
        .onRef('r.work_id', '=', 'wt.work_id')
        .onRef('r.kind', '=', 't.kind')
        .onRef('r.name', '=', 't.name'),
    )
    .select(['wt.work_id', 'w.title', 't.kind', 't.name', 'wt.evidence'])
    .where('wt.source', '=', 'inferred')
    .where('w.status', '!=', 'draft')
    .where('r.work_id', 'is', null)
    .where('t.kind', 'in', options.kind ? [options.kind] : [...REVIEWED_KINDS])
    .orderBy('wt.work_id', 'desc')
    .orderBy('t.kind')
    .orderBy('t.name')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
}

/** Whether a work carries a tag of this kind and name that an import inferred. */
export async function hasInferredTag(
  db: Db,
  workId: number,
  kind: ReviewedKind,
  name: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('work_tags as wt')
    .innerJoin('tags as t', 't.id', 'wt.tag_id')
    .select('wt.work_id')
    .where('wt.work_id', '=', workId)
    .where('wt.source', '=', 'inferred')
    .where('t.kind', '=', kind)
    .where('t.name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordTagReview(
  db: Db,
  review: {
    workId: number;
    kind: string;
    name: string;
    decision: 'confirmed' | 'rejected';
    by: number | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('tag_reviews')
    .values({
      work_id: review.workId,
      kind: review.kind,
      name: review.name,
      decision: review.decision,
      decided_by: review.by,
      decided_at: now.toISOString(),
    })
    .onConflict((conflict) =>
      conflict.columns(['work_id', 'kind', 'name']).doUpdateSet({
        decision: review.decision,
        decided_by: review.by,
        decided_at: now.toISOString(),
      }),
    )
    .execute();
}
