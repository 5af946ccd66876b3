/**
 * Who a request comes from: the session cookie (pages), or a personal access token (the API's
 * `Authorization: Bearer quire_pat_...`). Looked up once per request.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import type { Actor } from '../services/accounts/actor.ts';
import { findApiTokenMember } from '../services/accounts/api-token.service.ts';
import {
  findSessionMember,
  SESSION_DAYS,
  type StartedSession,
} from '../services/accounts/session.service.ts';
import type { StoryReader } from '../services/posting/story-reader.ts';
import type { AppDeps } from './app-deps.ts';
import type { AuthDelay } from './auth-delay.ts';

export const SESSION_COOKIE = 'quire_session';

const actors = new WeakMap<FastifyRequest, Promise<Actor>>();

/** The member a request acts for, or null for a guest. */
export function requestActor(db: Db, request: FastifyRequest): Promise<Actor> {
  let actor = actors.get(request);
  if (!actor) {
    actor = findActor(db, request);
    actors.set(request, actor);
  }
  return actor;
}

async function findActor(db: Db, request: FastifyRequest): Promise<Actor> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return findApiTokenMember(db, bearer);
  const secret = request.cookies[SESSION_COOKIE];
  return secret ? findSessionMember(db, secret) : null;
}

/** Whether cookies must be HTTPS-only: behind an https base URL, or on an https request. */
function isSecure(request: FastifyRequest, baseUrl: string | null): boolean {
  return baseUrl ? baseUrl.startsWith('https:') : request.protocol === 'https';
}

/** The session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  session: StartedSession,
  baseUrl: string | null,
): void {
  reply.setCookie(SESSION_COOKIE, session.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(request, baseUrl),
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** What account routes are registered with: what every route gets, and the archive they write to. */
export interface AccountDeps extends AppDeps {
  store: Store;
  search: SearchProvider;
  /** Growing delays on log in, sign up and password reset (auth-delay.ts). */
  authDelay: AuthDelay;
  /** Members' story files and works, read and analysed off the serving thread in a server. */
  stories: StoryReader;
}

export type AccountRoutePlugin = FastifyPluginAsyncTypebox<AccountDeps>;
