/**
 * Who an API request acts for. Only a personal access token is read here, never the session cookie, so another
 * site cannot post through a logged-in browser.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { findApiTokenMember } from '../../services/accounts/api-token.service.ts';

/** The token's member; a guest without a token; a token that opens nothing is refused, not ignored. */
export async function tokenActor(db: Db, request: FastifyRequest): Promise<Member | null> {
  const header = request.headers.authorization;
  if (!header) return null;
  const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const member = secret ? await findApiTokenMember(db, secret) : null;
  if (!member) throw new AppError('NOT_LOGGED_IN', 'The access token is unknown or revoked.');
  return member;
}

/** The token's member, for a route that writes: a request without a token is told how to send one. */
export async function tokenMember(db: Db, request: FastifyRequest): Promise<Member> {
  const member = await tokenActor(db, request);
  if (!member) throw new AppError('NOT_LOGGED_IN', 'Send a personal access token: Authorization: Bearer ...');
  return member;
}

export const BEARER = [{ bearerAuth: [] }];
