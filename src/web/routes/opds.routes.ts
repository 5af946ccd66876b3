import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { TagCount } from '../../repositories/browse.repository.ts';
import type { WorkQuery } from '../../search/work-query.ts';
import type { RoutePlugin } from '../app-deps.ts';
import { navigationFeed, newestTime, OPDS_ACQUISITION, OPDS_NAVIGATION, worksFeed } from '../feeds.ts';
import { encodeTagName } from '../paths.ts';
import { feedSources, GUEST } from './feed-sources.ts';

const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) });

/** The catalog's sections, on its first page. */
const CATALOG_SECTIONS = [
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
];

/** The OPDS catalog e-reader apps browse: newest works, tags and fandoms, each work with its downloads. */
export const opdsRoutes: RoutePlugin = async (app, deps) => {
  const { newest, canonicalTag, send, base } = feedSources(deps);

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
        CATALOG_SECTIONS,
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
    tagNavigation(request, reply, '/opds/fandoms', 'Fandoms', await deps.catalog.tags(['fandom'], GUEST)),
  );

  app.get('/opds/tags', async (request, reply) =>
    tagNavigation(
      request,
      reply,
      '/opds/tags',
      'Tags',
      await deps.catalog.tags(['relationship', 'character', 'freeform'], GUEST, 200),
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
