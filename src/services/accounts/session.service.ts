import type { Db } from '../../db/database.ts';
import type { Member } from './actor.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { toMember } from './user.repository.ts';

/** A session lasts this long from log in; the cookie says the same. */
export const SESSION_DAYS = 30;
/** How stale `last_seen_at` may be before a request refreshes it: one write an hour, not one a request. */
const SEEN_REFRESH_MS = 60 * 60 * 1000;

export interface StartedSession {
  /** The cookie's value; only its hash is stored. */
  secret: string;
  expiresAt: Date;
}

/**
 * A new session for a member who just proved who they are. The session the browser came with, if any, is
 * ended: a new id at every log in, so an id planted before log in (session fixation) opens nothing.
 */
export async function startSession(
  db: Db,
  userId: number,
  options: { replacing?: string | null; now?: Date } = {},
): Promise<StartedSession> {
  const now = options.now ?? new Date();
  if (options.replacing) await endSession(db, options.replacing);
  const { secret, hash } = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 60 * 60 * 1000);
  await db
    .insertInto('sessions')
    .values({
      id: hash,
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { secret, expiresAt };
}

/** The member a session cookie belongs to, or null when it is unknown or expired (and then removed). */
export async function findSessionMember(db: Db, secret: string, now = new Date()): Promise<Member | null> {
  const id = hashSecret(secret);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  if (session.expires_at <= now.toISOString()) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user) return null;
  if (now.getTime() - Date.parse(session.last_seen_at) > SEEN_REFRESH_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return toMember(user, now);
}

/** Log out. */
export async function endSession(db: Db, secret: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashSecret(secret)).execute();
}

/** End every session of a member but the one given (after a password change), or all of them. */
export async function endOtherSessions(db: Db, userId: number, keepSecret?: string | null): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSecret) query = query.where('id', '!=', hashSecret(keepSecret));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Remove expired sessions (the server does it now and then). */
export async function purgeExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
