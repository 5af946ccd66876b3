import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { DEFAULT_QUERY, type WorkQuery } from '../../search/work-query.ts';
import type { AppDeps } from '../app-deps.ts';
import { decodeTagName } from '../paths.ts';
import { siteAddress } from '../site-config.ts';

/** Feeds look as a guest does, whoever fetches them. */
export const GUEST = null;

/** Works per feed page. */
export const FEED_SIZE = 20;

/**
 * What the Atom and OPDS routes share: the newest works of a query, tags by path segment, sending. Feeds are
 * read by apps without a session and copied by shared caches: they list what a guest may see.
 */
export function feedSources(deps: AppDeps) {
  return {
    /** The newest works matching a query: updated first, as AO3's tag feeds list them. */
    newest: async (query: Partial<WorkQuery>, page = 1) => {
      const { result, blurbs } = await deps.catalog.findWorks(
        { ...DEFAULT_QUERY, ...query, sort: 'updated', order: 'desc', page, perPage: FEED_SIZE, facets: 0 },
        GUEST,
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
    send: (reply: FastifyReply, type: string, body: string) => reply.type(type).send(body),
    base: (request: FastifyRequest) => siteAddress(deps.site, request),
  };
}
