/**
 * What a posting brings to subscribers' inboxes: a `new_work` notice when a creator posts a work (or posts a
 * draft), a `new_chapter` notice when a chapter of a posted work goes up (at once or when its time comes).
 * The posting service calls this inside its transaction, so a notice exists exactly when the posting does.
 *
 * Imports (`quire import`, `quire rescue`) never call it: a bulk import of thousands of works would flood
 * every inbox with news that is not new.
 */
import type { Db } from '../../db/database.ts';
import {
  findPersonalExclusions,
  leavesOutWork,
} from '../../repositories/community/member-filter.repository.ts';
import {
  insertNotifications,
  type NotificationKind,
} from '../../repositories/community/notification.repository.ts';
import { findSubscribers } from '../../repositories/community/subscription.repository.ts';
import { tagFamilyIds } from '../../repositories/tag.repository.ts';
import { can } from '../accounts/policy.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';

export type PostingEvent =
  | { kind: 'new_work'; workId: number }
  | { kind: 'new_chapter'; workId: number; chapterId: number };

/** Every tag a filter on one of the work's tags reaches: each tag's canonical tag and its synonyms. */
async function tagFamilies(db: Db, workId: number): Promise<number[]> {
  const rows = await db.selectFrom('work_tags').select('tag_id').where('work_id', '=', workId).execute();
  const ids = new Set<number>();
  for (const row of rows) for (const id of await tagFamilyIds(db, row.tag_id)) ids.add(id);
  return [...ids];
}

/**
 * Tell each subscriber of the work, its creators, its series and (for a new work) its tags, once however
 * many of their subscriptions match. Its creators are not told of their own posting. A work that is not
 * posted (a draft, a hidden work) tells no one, nor a member whose mutes or exclusion list leave the work out
 * (so no mail line follows either). Returns the members told.
 */
export async function notifySubscribers(db: Db, event: PostingEvent, now = new Date()): Promise<number[]> {
  const work = await loadWorkAccess(db, event.workId);
  if (!work || work.status !== 'posted') return [];
  const series = await db
    .selectFrom('series_works')
    .select('series_id')
    .where('work_id', '=', event.workId)
    .execute();
  const subscribers = await findSubscribers(db, {
    ...(event.kind === 'new_chapter' ? { work: event.workId } : {}),
    creators: work.creatorUserIds,
    series: series.map((row) => row.series_id),
    // A tag feed is of new works; a new chapter is news to those who follow the work, not the tag.
    tags: event.kind === 'new_work' ? await tagFamilies(db, event.workId) : [],
  });
  const told: number[] = [];
  for (const userId of subscribers) {
    if (work.creatorUserIds.includes(userId)) continue;
    // Every member may read a posted work (restricted ones too); asked all the same, so the rule stays one.
    if (!can({ userId, name: '', role: 'member', suspended: false }, 'work.read', work)) continue;
    // A work the member's listings leave out (a muted creator, an excluded tag, creator or rating) is no news.
    const personal = await findPersonalExclusions(db, userId);
    if (personal && (await leavesOutWork(db, personal, event.workId))) continue;
    told.push(userId);
  }
  const kind: NotificationKind = event.kind;
  await insertNotifications(
    db,
    told.map((userId) => ({
      kind,
      userId,
      workId: event.workId,
      commentId: null,
      chapterId: event.kind === 'new_chapter' ? event.chapterId : null,
    })),
    now.toISOString(),
  );
  return told;
}
