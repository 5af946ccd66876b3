import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { TagCount } from '../../repositories/browse.repository.ts';
import { DEFAULT_QUERY, type WorkQuery } from '../../search/work-query.ts';
import type { RoutePlugin } from '../app-deps.ts';
import {
  ATOM_TYPE,
  navigationFeed,
  newestTime,
  OPDS_ACQUISITION,
  OPDS_NAVIGATION,
  worksFeed,
} from '../feeds.ts';
import { creatorFeedPath, decodeTagName, encodeTagName, tagFeedPath, tagPath } from '../paths.ts';
import { siteAddress } from '../site-config.ts';

const FEED_SIZE = 20;
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) });

/** Atom feeds of a tag's and a creator's new works, and the OPDS catalog. */
export const feedRoutes: RoutePlugin = async (app, deps) => {
  /** The newest works matching a query: updated first, as AO3's tag feeds list them. */
  const newest = async (query: Partial<WorkQuery>, page = 1) => {
    const { result, blurbs } = await deps.catalog.findWorks({
      ...DEFAULT_QUERY,
      ...query,
      sort: 'updated',
      order: 'desc',
      page,
      perPage: FEED_SIZE,
      facets: 0,
    });
    return { result, works: blurbs };
  };
  const canonicalTag = async (segment: string) => {
    const tag = await deps.catalog.tag(decodeTagName(segment));
    if (!tag)
      throw new AppError('NOT_FOUND', `No work in this archive has the tag "${decodeTagName(segment)}".`);
    return tag.canonical.name;
  };
  const send = (reply: FastifyReply, type: string, body: string) => reply.type(type).send(body);
  const base = (request: FastifyRequest) => siteAddress(deps.site, request);

  app.get(
    '/tags/:tag/feed.atom',
    { schema: { params: Type.Object({ tag: Type.String({ maxLength: 300 }) }) } },
    async (request, reply) => {
      const name = await canonicalTag(request.params.tag);
      const { works } = await newest({ includeTags: [name] });
      return send(
        reply,
        ATOM_TYPE,
        worksFeed(
          {
            id: tagFeedPath(name),
            title: `${deps.site.name}: new works in ${name}`,
            updated: newestTime(works),
            links: [
              { rel: 'self', href: tagFeedPath(name), type: 'application/atom+xml' },
              { rel: 'alternate', href: tagPath(name), type: 'text/html' },
            ],
          },
          works,
          base(request),
        ),
      );
    },
  );

  app.get(
    '/creators/:name/feed.atom',
    { schema: { params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    async (request, reply) => {
      const found = await deps.catalog.creatorWorks(request.params.name, { page: 1, perPage: FEED_SIZE });
      if (!found) throw new AppError('NOT_FOUND', `No creator here is called "${request.params.name}".`);
      const works = found.blurbs;
      const name = request.params.name;
      return send(
        reply,
        ATOM_TYPE,
        worksFeed(
          {
            id: creatorFeedPath(name),
            title: `${deps.site.name}: new works by ${name}`,
            updated: newestTime(works),
            links: [{ rel: 'self', href: creatorFeedPath(name), type: 'application/atom+xml' }],
          },
          works,
          base(request),
        ),
      );
    },
  );

  const start = { rel: 'start', href: '/opds', type: OPDS_NAVIGATION };
  app.get('/opds', async (request, reply) =>
    send(
      reply,
      OPDS_NAVIGATION,
      navigationFeed(
        {
          id: '/opds',
          title: `${deps.site.name} catalog`,
          updated: new Date().toISOString(),
          links: [{ rel: 'self', href: '/opds', type: OPDS_NAVIGATION }, start],
        },
        [
          {
            id: '/opds/new',
            title: 'Newest works',
            href: '/opds/new',
            content: 'Works by date updated, newest first.',
            type: OPDS_ACQUISITION,
          },
          {
            id: '/opds/tags',
            title: 'By tag',
            href: '/opds/tags',
            content: 'The most used relationships, characters and additional tags.',
            type: OPDS_NAVIGATION,
          },
          {
            id: '/opds/fandoms',
            title: 'By fandom',
            href: '/opds/fandoms',
            content: 'Every fandom in the archive.',
            type: OPDS_NAVIGATION,
          },
        ],
        base(request),
      ),
    ),
  );

  /** A navigation feed of tags, each leading to the acquisition feed of its works. */
  const tagNavigation = (
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    title: string,
    tags: TagCount[],
  ) =>
    send(
      reply,
      OPDS_NAVIGATION,
      navigationFeed(
        {
          id: path,
          title,
          updated: new Date().toISOString(),
          links: [
            { rel: 'self', href: path, type: OPDS_NAVIGATION },
            start,
            { rel: 'up', href: '/opds', type: OPDS_NAVIGATION },
          ],
        },
        tags.map((tag) => ({
          id: `/opds/tags/${encodeTagName(tag.name)}`,
          title: tag.name,
          href: `/opds/tags/${encodeTagName(tag.name)}`,
          content: `${tag.count.toLocaleString('en-US')} works`,
          type: OPDS_ACQUISITION,
        })),
        base(request),
      ),
    );

  app.get('/opds/fandoms', async (request, reply) =>
    tagNavigation(request, reply, '/opds/fandoms', 'Fandoms', await deps.catalog.tags(['fandom'])),
  );

  app.get('/opds/tags', async (request, reply) =>
    tagNavigation(
      request,
      reply,
      '/opds/tags',
      'Tags',
      await deps.catalog.tags(['relationship', 'character', 'freeform'], 200),
    ),
  );

  /** An acquisition feed, one page at a time, with next and previous links as OPDS readers follow them. */
  const acquisition = async (
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    title: string,
    query: Partial<WorkQuery>,
    page: number,
  ) => {
    const { result, works } = await newest(query, page);
    if (result.total > 0 && page > result.pages)
      throw new AppError('INVALID_QUERY', `page ${page} is past the end: there are ${result.pages} pages`);
    const links = [
      { rel: 'self', href: page > 1 ? `${path}?page=${page}` : path, type: OPDS_ACQUISITION },
      start,
      { rel: 'up', href: '/opds', type: OPDS_NAVIGATION },
    ];
    if (page > 1) links.push({ rel: 'previous', href: `${path}?page=${page - 1}`, type: OPDS_ACQUISITION });
    if (page < result.pages)
      links.push({ rel: 'next', href: `${path}?page=${page + 1}`, type: OPDS_ACQUISITION });
    return send(
      reply,
      OPDS_ACQUISITION,
      worksFeed({ id: path, title, updated: newestTime(works), links }, works, base(request), true),
    );
  };

  app.get('/opds/new', { schema: { querystring: PageQuery } }, async (request, reply) =>
    acquisition(request, reply, '/opds/new', 'Newest works', {}, request.query.page ?? 1),
  );
  app.get(
    '/opds/tags/:tag',
    { schema: { params: Type.Object({ tag: Type.String({ maxLength: 300 }) }), querystring: PageQuery } },
    async (request, reply) => {
      const name = await canonicalTag(request.params.tag);
      return acquisition(
        request,
        reply,
        `/opds/tags/${encodeTagName(name)}`,
        name,
        { includeTags: [name] },
        request.query.page ?? 1,
      );
    },
  );
};
