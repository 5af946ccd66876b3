import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SiteConfig } from './site-config.ts';

/**
 * A guest's kudos and comments are theirs by this cookie's random secret (only its hash is stored, and it
 * paces their comments); no address is kept.
 */
export const GUEST_COOKIE = 'quire_guest';
const GUEST_DAYS = 365;

/** The guest's secret as their browser sent it, or undefined when it sent none that looks like ours. */
export function sentGuestSecret(request: FastifyRequest): string | undefined {
  const known = request.cookies[GUEST_COOKIE];
  return known && /^[A-Za-z0-9_-]{20,100}$/.test(known) ? known : undefined;
}

/** The guest's secret, given to their browser now when it has none. */
export function guestSecret(request: FastifyRequest, reply: FastifyReply, site: SiteConfig): string {
  const known = sentGuestSecret(request);
  if (known) return known;
  const secret = randomBytes(32).toString('base64url');
  reply.setCookie(GUEST_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: (site.baseUrl ?? '').startsWith('https:') || request.protocol === 'https',
    maxAge: GUEST_DAYS * 24 * 60 * 60,
  });
  return secret;
}
