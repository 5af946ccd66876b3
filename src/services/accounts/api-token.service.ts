import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { parseInput } from '../../validate.ts';
import type { Member } from './actor.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { toMember } from './user.repository.ts';

/** Tokens start with this, so a leaked one is easy to find in logs and code (as GitHub's `ghp_` are). */
export const TOKEN_PREFIX = 'quire_pat_';
/** How often a token's `last_used_at` is written: at most once a minute, not once a request. */
const USED_REFRESH_MS = 60_000;

const TokenName = Type.String({
  minLength: 1,
  maxLength: 80,
  errorMessage: 'name the token (1 to 80 characters), to know it again later',
});

export interface ApiToken {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A new personal access token; its secret is shown once and only its hash kept. */
export async function createApiToken(
  db: Db,
  userId: number,
  name: unknown,
  now = new Date(),
): Promise<{ token: ApiToken; secret: string }> {
  const clean = parseInput(TokenName, typeof name === 'string' ? name.trim() : name);
  const { secret, hash } = newSecret(TOKEN_PREFIX);
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name: clean,
      token_hash: hash,
      created_at: now.toISOString(),
      last_used_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token: { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: null }, secret };
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}

/** Revoke one of a member's tokens; another member's token is not found. */
export async function revokeApiToken(db: Db, userId: number, tokenId: number): Promise<void> {
  const result = await db
    .deleteFrom('api_tokens')
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new AppError('NOT_FOUND', `You have no token ${tokenId}.`);
}

/** The member a bearer token acts for, or null when it is unknown or revoked. */
export async function findApiTokenMember(db: Db, secret: string, now = new Date()): Promise<Member | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > USED_REFRESH_MS) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.token_id)
      .execute();
  }
  return toMember(row, now);
}
