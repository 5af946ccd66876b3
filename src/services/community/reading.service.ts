import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import {
  clearReadings,
  findReading,
  isHistoryPaused,
  listReadings,
  type ReadingRow,
  recordReading,
  setHistoryPaused,
  setLater,
} from '../../repositories/community/reading.repository.ts';
import { loadBlurbs, type WorkBlurb } from '../../repositories/work-view.ts';
import type { Actor, Member } from '../accounts/actor.ts';
import { authorize } from '../accounts/policy.ts';
import { findUserByName } from '../accounts/user.repository.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';

/**
 * A member's reading: history (AO3's readings), the read mark and Mark for Later. Kept per member and never
 * on a page another reader sees, so none of it changes the archive version: pages with a session are never
 * taken from the page cache.
 */

/** What a work's page shows its reader: where they stopped, and whether it is marked for later. */
export interface ReadingMark {
  lastChapter: number | null;
  later: boolean;
}

/** One work in a member's history or Mark for Later list. */
export interface ReadingEntry extends ReadingRow {
  work: WorkBlurb;
}

export interface ReadingsPage {
  owner: { id: number; name: string };
  later: boolean;
  paused: boolean;
  search: string | null;
  total: number;
  page: number;
  pages: number;
  entries: ReadingEntry[];
}

/**
 * Note that a member has read a work's page (the work page itself when `chapter` is null, else that chapter),
 * unless their history is paused. Guests have no history.
 */
export async function noteReading(
  db: Db,
  actor: Actor,
  workId: number,
  chapter: number | null,
  now = new Date(),
): Promise<void> {
  if (!actor) return;
  if (await isHistoryPaused(db, actor.userId)) return;
  await recordReading(db, actor.userId, workId, chapter, now.toISOString());
}

/** This member's read mark and Mark for Later on a work; nothing for a guest. */
export async function readingMark(db: Db, actor: Actor, workId: number): Promise<ReadingMark | null> {
  if (!actor) return null;
  const found = await findReading(db, actor.userId, workId);
  return { lastChapter: found?.lastChapter ?? null, later: found?.later ?? false };
}

/** Mark a work for later, or as read (the mark taken off), for a member who may read it. */
export async function markForLater(
  db: Db,
  actor: Actor,
  workId: number,
  later: boolean,
  now = new Date(),
): Promise<void> {
  if (!actor) throw new AppError('NOT_LOGGED_IN', 'Log in to mark works for later.');
  const work = await loadWorkAccess(db, workId);
  if (!work) throw new AppError('NOT_FOUND', `There is no work ${workId} in this archive.`);
  authorize(actor, 'work.read', work, `work ${workId}`);
  authorize(actor, 'history.manage', { kind: 'account', userId: actor.userId }, 'your history');
  await setLater(db, actor.userId, workId, later, now.toISOString());
}

/** The member named, when `actor` may see their history (their own only); else not found or forbidden. */
async function historyOwner(db: Db, actor: Actor, name: string): Promise<Member> {
  const user = await findUserByName(db, name);
  if (!user) throw new AppError('NOT_FOUND', `There is no member named ${name}.`);
  authorize(actor, 'history.manage', { kind: 'account', userId: user.id }, `${user.name}'s history`);
  return actor as Member;
}

/**
 * A page of a member's history (or their Mark for Later list), newest first, searchable by title and
 * creator. Only works the member may still see in listings appear.
 */
export async function readings(
  db: Db,
  actor: Actor,
  name: string,
  options: { later: boolean; search: string | null; page: number; perPage: number },
): Promise<ReadingsPage> {
  const member = await historyOwner(db, actor, name);
  const search = options.search?.trim() ? options.search.trim().slice(0, 200) : null;
  const found = await listReadings(db, member.userId, { ...options, search, membersOnly: true });
  const blurbs = await loadBlurbs(
    db,
    found.rows.map((row) => row.workId),
  );
  const byId = new Map(blurbs.map((blurb) => [blurb.id, blurb]));
  return {
    owner: { id: member.userId, name: member.name },
    later: options.later,
    paused: await isHistoryPaused(db, member.userId),
    search,
    total: found.total,
    page: options.page,
    pages: Math.ceil(found.total / options.perPage),
    entries: found.rows.flatMap((row) => {
      const work = byId.get(row.workId);
      return work ? [{ ...row, work }] : [];
    }),
  };
}

/** Clear a member's history and read marks (Mark for Later stays). */
export async function clearHistory(db: Db, actor: Actor, name: string): Promise<void> {
  const member = await historyOwner(db, actor, name);
  await clearReadings(db, member.userId);
}

/** Pause or resume the history: while paused, reading keeps nothing. */
export async function pauseHistory(db: Db, actor: Actor, name: string, paused: boolean): Promise<void> {
  const member = await historyOwner(db, actor, name);
  await setHistoryPaused(db, member.userId, paused);
}
