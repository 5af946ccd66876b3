import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { DEFAULT_QUERY, type WorkQuery } from '../../search/work-query.ts';
import type { Viewer } from '../../services/catalog.service.ts';
import { findFeedTokenMember } from '../../services/community/feed-token.service.ts';
import type { AccountDeps } from '../auth.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { decodeTagName } from '../paths.ts';
import { siteAddress } from '../site-config.ts';

/** Feeds look as a guest does, whoever fetches them. */
export const GUEST = null;

/** Works per feed page. */
export const FEED_SIZE = 20;

/** The private feed address's secret (feed-token.service.ts), on any feed's address. */
export const FEED_KEY = 'key';
export const FeedKeyQuery = Type.Object({ key: Type.Optional(Type.String({ maxLength: 200 })) });

/**
 * What the Atom and OPDS routes share: the newest works of a query, tags by path segment, sending. Feeds are
 * read by apps without a session and copied by shared caches: they list what a guest may see. A feed read
 * through a member's private address (`?key=`), or with their session, leaves out what that member muted and
 * excluded; such an answer is the member's alone, so no cache keeps it.
 */
export function feedSources(deps: AccountDeps) {
  return {
    /**
     * Whose mutes and exclusion list a feed applies: the private address's member, or the session's; null for
     * a guest. An unknown or revoked key is refused (INVALID_TOKEN), not quietly served as the public feed.
     */
    reader: async (request: FastifyRequest): Promise<Viewer> => {
      const key = (request.query as { key?: string } | undefined)?.key;
      if (key !== undefined) return findFeedTokenMember(deps.store.db, key);
      if (request.cookies[SESSION_COOKIE] === undefined && request.headers.authorization === undefined)
        return GUEST;
      return deps.viewer(request);
    },
    /** The newest works matching a query: updated first, as AO3's tag feeds list them. */
    newest: async (query: Partial<WorkQuery>, reader: Viewer, page = 1) => {
      const { result, blurbs } = await deps.catalog.findWorks(
        { ...DEFAULT_QUERY, ...query, sort: 'updated', order: 'desc', page, perPage: FEED_SIZE, facets: 0 },
        GUEST,
        reader,
      );
      return { result, works: blurbs };
    },
    /** The canonical name of the tag a path segment names; a 404 when there is none. */
    canonicalTag: async (segment: string) => {
      const tag = await deps.catalog.tag(decodeTagName(segment));
      if (!tag)
        throw new AppError('NOT_FOUND', `No work in this archive has the tag "${decodeTagName(segment)}".`);
      return tag.canonical.name;
    },
    /** Send a feed; one made for a member is marked private, so no shared cache hands it to anyone else. */
    send: (reply: FastifyReply, type: string, body: string, reader: Viewer = GUEST) => {
      if (reader) reply.header('cache-control', 'private, no-store').header('vary', 'cookie');
      return reply.type(type).send(body);
    },
    base: (request: FastifyRequest) => siteAddress(deps.site, request),
  };
}

/** An address with the private feed key added, so a feed reader following links stays in the member's feed. */
export function withFeedKey(href: string, key: string | undefined): string {
  if (key === undefined) return href;
  return `${href}${href.includes('?') ? '&' : '?'}${FEED_KEY}=${encodeURIComponent(key)}`;
}
