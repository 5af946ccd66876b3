/**
 * Claims of creator names that came with imported works. A member asks and an admin decides; or an admin
 * (or a rescue of an old archive, which knows its authors' addresses) mails an invitation to the name's
 * owner, who accepts it logged in. Either way the name becomes a pseud of the member, and its works theirs.
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { parseInput } from '../../validate.ts';
import { Email } from './account.schema.ts';
import type { Actor, Member } from './actor.ts';
import type { Mailer } from './mailer.ts';
import { authorize, can, SITE } from './policy.ts';
import { hashSecret, newSecret } from './secrets.ts';

/** An emailed claim invitation is good for two weeks. */
export const CLAIM_INVITATION_DAYS = 14;

export interface Claim {
  id: number;
  creatorId: number;
  creatorName: string;
  claimant: string | null;
  email: string | null;
  status: string;
  message: string | null;
  createdAt: string;
}

async function findCreator(db: Db, name: string) {
  const creator = await db
    .selectFrom('creators')
    .leftJoin('pseuds', 'pseuds.id', 'creators.pseud_id')
    .select(['creators.id', 'creators.name', 'pseuds.user_id'])
    .where('creators.name', '=', name)
    .executeTakeFirst();
  if (!creator) throw new AppError('NOT_FOUND', `There is no creator named "${name}".`);
  return creator;
}

/** A creator name and whether a member writes as it already; not found when no work names it. */
export async function creatorNameStatus(db: Db, name: string): Promise<{ name: string; owned: boolean }> {
  const creator = await findCreator(db, name);
  return { name: creator.name, owned: creator.user_id != null };
}

/** A member with no role or suspension, to ask the policy whether any member could claim a name. */
const ANY_MEMBER: Member = { userId: 0, name: '', role: 'member', suspended: false };

/**
 * What a creator page offers about its name: `claim` when this member may claim it, `log-in` for a guest at a
 * name a member could claim, nothing for a member's own name, the orphan account or a suspended member.
 */
export async function claimOffer(db: Db, actor: Actor, name: string): Promise<'claim' | 'log-in' | null> {
  const creator = await findCreator(db, name);
  const resource = { kind: 'creator', ownerUserId: creator.user_id ?? null, name: creator.name } as const;
  if (actor) return can(actor, 'claim.request', resource) ? 'claim' : null;
  return can(ANY_MEMBER, 'claim.request', resource) ? 'log-in' : null;
}

const ClaimMessage = Type.String({ maxLength: 2000, errorMessage: 'a message has at most 2,000 characters' });

/** A member asks for a name; an admin decides. One open claim per member and name. */
export async function requestClaim(
  db: Db,
  actor: Member | null,
  creatorName: string,
  message: unknown = '',
  now = new Date(),
): Promise<number> {
  const text = parseInput(ClaimMessage, message ?? '');
  const creator = await findCreator(db, creatorName);
  authorize(
    actor,
    'claim.request',
    { kind: 'creator', ownerUserId: creator.user_id ?? null, name: creator.name },
    `creator "${creator.name}"`,
  );
  const member = actor as Member;
  const open = await db
    .selectFrom('creator_claims')
    .select('id')
    .where('creator_id', '=', creator.id)
    .where('user_id', '=', member.userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (open) return open.id;
  const row = await db
    .insertInto('creator_claims')
    .values({
      creator_id: creator.id,
      user_id: member.userId,
      email: null,
      token_hash: null,
      status: 'pending',
      message: text.trim() || null,
      created_at: now.toISOString(),
      expires_at: null,
      decided_at: null,
      decided_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Claims waiting for an admin, oldest first. */
export async function listPendingClaims(db: Db, actor: Member | null): Promise<Claim[]> {
  authorize(actor, 'claim.decide', SITE, 'claims');
  const rows = await db
    .selectFrom('creator_claims as c')
    .innerJoin('creators', 'creators.id', 'c.creator_id')
    .leftJoin('users', 'users.id', 'c.user_id')
    .select([
      'c.id',
      'c.creator_id',
      'creators.name as creator_name',
      'users.name as claimant',
      'c.email',
      'c.status',
      'c.message',
      'c.created_at',
    ])
    .where('c.status', '=', 'pending')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    creatorId: row.creator_id,
    creatorName: row.creator_name,
    claimant: row.claimant,
    email: row.email,
    status: row.status,
    message: row.message,
    createdAt: row.created_at,
  }));
}

/** The name becomes a pseud of the member; other open claims of it are turned down. */
async function grant(db: Db, creatorId: number, userId: number, now: Date): Promise<void> {
  const creator = await db
    .selectFrom('creators')
    .select(['id', 'name', 'pseud_id'])
    .where('id', '=', creatorId)
    .executeTakeFirstOrThrow();
  if (creator.pseud_id !== null)
    throw new AppError('NAME_TAKEN', `"${creator.name}" already belongs to a member.`);
  const pseud = await db
    .insertInto('pseuds')
    .values({ user_id: userId, name: creator.name, is_default: 0, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('creators').set({ pseud_id: pseud.id }).where('id', '=', creatorId).execute();
  await db
    .updateTable('creator_claims')
    .set({ status: 'rejected', decided_at: now.toISOString() })
    .where('creator_id', '=', creatorId)
    .where('status', 'in', ['pending', 'invited'])
    .execute();
}

/** An admin approves or rejects a member's claim. */
export async function decideClaim(
  db: Db,
  actor: Member | null,
  claimId: number,
  approve: boolean,
  now = new Date(),
): Promise<void> {
  authorize(actor, 'claim.decide', SITE, 'claims');
  await inTransaction(db, async (trx) => {
    const claim = await trx
      .selectFrom('creator_claims')
      .selectAll()
      .where('id', '=', claimId)
      .executeTakeFirst();
    if (claim?.status !== 'pending' || claim.user_id === null)
      throw new AppError('NOT_FOUND', `There is no open claim ${claimId}.`);
    if (approve) await grant(trx, claim.creator_id, claim.user_id, now);
    await trx
      .updateTable('creator_claims')
      .set({
        status: approve ? 'approved' : 'rejected',
        decided_at: now.toISOString(),
        decided_by: actor?.userId ?? null,
      })
      .where('id', '=', claimId)
      .execute();
  });
}

/**
 * Mail the owner of a name an invitation to claim it (an admin, or a rescue that knows the old archive's
 * addresses). Whoever opens the link logged in gets the name.
 */
export async function inviteClaim(
  db: Db,
  mailer: Mailer,
  actor: Member | null,
  creatorName: string,
  email: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<void> {
  authorize(actor, 'claim.decide', SITE, 'claims');
  const address = parseInput(Email, typeof email === 'string' ? email.trim() : email);
  const now = options.now ?? new Date();
  const creator = await findCreator(db, creatorName);
  if (creator.user_id != null)
    throw new AppError('NAME_TAKEN', `"${creator.name}" already belongs to a member.`);
  const { secret, hash } = newSecret();
  await db
    .insertInto('creator_claims')
    .values({
      creator_id: creator.id,
      user_id: null,
      email: address,
      token_hash: hash,
      status: 'invited',
      message: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CLAIM_INVITATION_DAYS * 86_400_000).toISOString(),
      decided_at: null,
      decided_by: actor?.userId ?? null,
    })
    .execute();
  await mailer.send(db, {
    to: address,
    subject: `Your stories as ${creator.name} are on Quire`,
    text: [
      `Stories written as ${creator.name} are in this archive.`,
      `To make them yours (to edit them, and to post more as ${creator.name}), sign up or log in, then open this link within ${CLAIM_INVITATION_DAYS} days:`,
      `${options.baseUrl.replace(/\/$/, '')}/claims/accept?token=${encodeURIComponent(secret)}`,
    ].join('\n\n'),
  });
}

/** A logged-in member opens a mailed claim invitation: the name becomes theirs. Returns the name. */
export async function acceptClaimInvitation(
  db: Db,
  actor: Member | null,
  token: string,
  now = new Date(),
): Promise<string> {
  if (!actor) throw new AppError('NOT_LOGGED_IN', 'Log in (or sign up) to accept this invitation.');
  if (actor.suspended)
    throw new AppError('SUSPENDED', 'Your account is suspended: you cannot claim names now.');
  return inTransaction(db, async (trx) => {
    const claim = await trx
      .selectFrom('creator_claims')
      .innerJoin('creators', 'creators.id', 'creator_claims.creator_id')
      .select([
        'creator_claims.id',
        'creator_claims.creator_id',
        'creator_claims.status',
        'creator_claims.expires_at',
        'creators.name',
      ])
      .where('creator_claims.token_hash', '=', hashSecret(String(token)))
      .executeTakeFirst();
    if (claim?.status !== 'invited' || (claim.expires_at !== null && claim.expires_at <= now.toISOString()))
      throw new AppError(
        'INVALID_TOKEN',
        'This invitation is not valid any more: it was used, withdrawn or it expired.',
      );
    await grant(trx, claim.creator_id, actor.userId, now);
    await trx
      .updateTable('creator_claims')
      .set({ status: 'approved', user_id: actor.userId, decided_at: now.toISOString() })
      .where('id', '=', claim.id)
      .execute();
    return claim.name;
  });
}
