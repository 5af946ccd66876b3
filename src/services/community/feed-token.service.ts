/**
 * A member's private feed address: feed readers carry no session cookie, so a secret in the address (as a
 * calendar's private link) says whose mutes and exclusion list the Atom and OPDS feeds apply. One per member;
 * making a new one replaces the old, revoking removes it. Only a SHA-256 of the secret is kept, so the address
 * is shown once, when made.
 */
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { Actor, Member } from '../accounts/actor.ts';
import { authorize } from '../accounts/policy.ts';
import { hashSecret, newSecret } from '../accounts/secrets.ts';
import { toMember } from '../accounts/user.repository.ts';

/** Feed secrets start with this, so a leaked one is easy to recognise (as access tokens' `quire_pat_`). */
export const FEED_TOKEN_PREFIX = 'quire_feed_';

function ownAccount(actor: Actor): Member {
  authorize(actor, 'filters.manage', { kind: 'account', userId: actor?.userId ?? 0 }, 'account');
  return actor as Member;
}

/** When the member's private feed address was made, or null when they have none. */
export async function feedTokenMadeAt(db: Db, actor: Actor): Promise<string | null> {
  const member = ownAccount(actor);
  const row = await db
    .selectFrom('feed_tokens')
    .select('created_at')
    .where('user_id', '=', member.userId)
    .executeTakeFirst();
  return row?.created_at ?? null;
}

/** A new private feed secret for the member, replacing (and so revoking) the one they had. */
export async function makeFeedToken(db: Db, actor: Actor, now = new Date()): Promise<string> {
  const member = ownAccount(actor);
  const { secret, hash } = newSecret(FEED_TOKEN_PREFIX);
  await db
    .insertInto('feed_tokens')
    .values({ user_id: member.userId, token_hash: hash, created_at: now.toISOString() })
    .onConflict((conflict) =>
      conflict.column('user_id').doUpdateSet({ token_hash: hash, created_at: now.toISOString() }),
    )
    .execute();
  return secret;
}

/** Stop the member's private feed address working. */
export async function revokeFeedToken(db: Db, actor: Actor): Promise<void> {
  const member = ownAccount(actor);
  await db.deleteFrom('feed_tokens').where('user_id', '=', member.userId).execute();
}

/** The member a private feed secret belongs to; INVALID_TOKEN when it is unknown or was revoked or replaced. */
export async function findFeedTokenMember(db: Db, secret: string, now = new Date()): Promise<Member> {
  const row = secret.startsWith(FEED_TOKEN_PREFIX)
    ? await db
        .selectFrom('feed_tokens')
        .innerJoin('users', 'users.id', 'feed_tokens.user_id')
        .selectAll('users')
        .where('feed_tokens.token_hash', '=', hashSecret(secret))
        .executeTakeFirst()
    : undefined;
  if (!row)
    throw new AppError(
      'INVALID_TOKEN',
      'This private feed address is unknown or was replaced: copy the new one from your settings.',
    );
  return toMember(row, now);
}
