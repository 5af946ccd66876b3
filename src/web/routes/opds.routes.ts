import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RATINGS } from '../../domain/required-tags.ts';
import { AppError } from '../../errors.ts';
import type { TagCount } from '../../repositories/browse.repository.ts';
import type { WorkQuery } from '../../search/work-query.ts';
import type { Viewer } from '../../services/catalog.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import {
  type FeedLink,
  navigationFeed,
  newestTime,
  OPDS_ACQUISITION,
  OPDS_NAVIGATION,
  OPENSEARCH_TYPE,
  openSearchDescription,
  worksFeed,
} from '../feeds.ts';
import { encodeTagName, queryString } from '../paths.ts';
import { FEED_KEY, FeedKeyQuery, feedSources, GUEST, withFeedKey } from './feed-sources.ts';

/** An acquisition feed's page and facets: completeness and rating, as OPDS 1.2 facets offer them. */
const FeedQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  complete: Type.Optional(Type.Union([Type.Literal('complete'), Type.Literal('in-progress')])),
  rating: Type.Optional(Type.Union(RATINGS.map((rating) => Type.Literal(rating)))),
  key: Type.Optional(Type.String({ maxLength: 200 })),
});
type FeedParams = Static<typeof FeedQuery>;

const COMPLETENESS: [FeedParams['complete'], string][] = [
  [undefined, 'All works'],
  ['complete', 'Complete works only'],
  ['in-progress', 'Works in progress only'],
];

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
  {
    id: '/opds/creators',
    title: 'By creator',
    href: '/opds/creators',
    content: 'Every creator in the archive.',
    type: OPDS_NAVIGATION,
  },
];

/** Where apps find how to search the catalog (OpenSearch), linked from every feed. */
const SEARCH_LINK = { rel: 'search', href: '/opds/opensearch.xml', type: OPENSEARCH_TYPE };

/**
 * The OPDS catalog e-reader apps browse and search: newest works, tags, fandoms and creators, each feed with
 * facets by completeness and rating, each work with its downloads. Read through a member's private address
 * (`?key=`), every link keeps the key, so the whole catalog leaves out what the member muted and excluded.
 */
export const opdsRoutes: AccountRoutePlugin = async (app, deps) => {
  const { reader, newest, canonicalTag, send, base } = feedSources(deps);

  const start = { rel: 'start', href: '/opds', type: OPDS_NAVIGATION };
  /** Links with the private feed key, when the request came with one. */
  const keyed = <Link extends { href: string }>(links: Link[], key: string | undefined): Link[] =>
    links.map((link) => ({ ...link, href: withFeedKey(link.href, key) }));
  app.get('/opds', { schema: { querystring: FeedKeyQuery } }, async (request, reply) => {
    const member = await reader(request);
    const { key } = request.query;
    return send(
      reply,
      OPDS_NAVIGATION,
      navigationFeed(
        {
          id: '/opds',
          title: `${deps.site.name} catalog`,
          updated: new Date().toISOString(),
          links: keyed([{ rel: 'self', href: '/opds', type: OPDS_NAVIGATION }, start, SEARCH_LINK], key),
        },
        keyed(CATALOG_SECTIONS, key),
        base(request),
      ),
      member,
    );
  });

  /** A navigation feed of tags, each leading to the acquisition feed of its works. */
  const tagNavigation = (
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    title: string,
    tags: { name: string; count: number; href: string }[],
    member: Viewer,
  ) => {
    const { key } = request.query as { key?: string };
    return send(
      reply,
      OPDS_NAVIGATION,
      navigationFeed(
        {
          id: path,
          title,
          updated: new Date().toISOString(),
          links: keyed(
            [
              { rel: 'self', href: path, type: OPDS_NAVIGATION },
              start,
              { rel: 'up', href: '/opds', type: OPDS_NAVIGATION },
              SEARCH_LINK,
            ],
            key,
          ),
        },
        tags.map((tag) => ({
          id: tag.href,
          title: tag.name,
          href: withFeedKey(tag.href, key),
          content: `${tag.count.toLocaleString('en-US')} works`,
          type: OPDS_ACQUISITION,
        })),
        base(request),
      ),
      member,
    );
  };

  const tagLinks = (tags: TagCount[]) =>
    tags.map((tag) => ({ ...tag, href: `/opds/tags/${encodeTagName(tag.name)}` }));

  const navigation = { schema: { querystring: FeedKeyQuery } };
  app.get('/opds/fandoms', navigation, async (request, reply) => {
    const member = await reader(request);
    return tagNavigation(
      request,
      reply,
      '/opds/fandoms',
      'Fandoms',
      tagLinks(await deps.catalog.tags(['fandom'], GUEST, undefined, member)),
      member,
    );
  });

  app.get('/opds/tags', navigation, async (request, reply) => {
    const member = await reader(request);
    return tagNavigation(
      request,
      reply,
      '/opds/tags',
      'Tags',
      tagLinks(await deps.catalog.tags(['relationship', 'character', 'freeform'], GUEST, 200, member)),
      member,
    );
  });

  app.get('/opds/creators', navigation, async (request, reply) => {
    const member = await reader(request);
    return tagNavigation(
      request,
      reply,
      '/opds/creators',
      'Creators',
      (await deps.catalog.creators(GUEST, member)).map((creator) => ({
        ...creator,
        href: `/opds/creators/${encodeURIComponent(creator.name)}`,
      })),
      member,
    );
  });

  /**
   * An acquisition feed, one page at a time, with next and previous links as OPDS readers follow them, and
   * facets by completeness and rating that keep the rest of the query.
   */
  const acquisition = async (
    request: FastifyRequest,
    reply: FastifyReply,
    feed: { path: string; title: string; fixed?: [string, string][] },
    query: Partial<WorkQuery>,
    params: FeedParams,
  ) => {
    const page = params.page ?? 1;
    const member = await reader(request);
    const { result, works } = await newest(
      {
        ...query,
        ...(params.complete ? { complete: params.complete } : {}),
        ...(params.rating ? { ratings: [params.rating] } : {}),
      },
      member,
      page,
    );
    if (result.total > 0 && page > result.pages)
      throw new AppError('INVALID_QUERY', `page ${page} is past the end: there are ${result.pages} pages`);
    const href = (changes: Partial<FeedParams>) => {
      const next = { ...params, ...changes };
      const pairs: [string, string][] = [...(feed.fixed ?? [])];
      if (next.complete) pairs.push(['complete', next.complete]);
      if (next.rating) pairs.push(['rating', next.rating]);
      if (next.page && next.page > 1) pairs.push(['page', String(next.page)]);
      if (next.key) pairs.push([FEED_KEY, next.key]);
      return `${feed.path}${queryString(pairs)}`;
    };
    const links: FeedLink[] = [
      { rel: 'self', href: href({}), type: OPDS_ACQUISITION },
      ...keyed([start, { rel: 'up', href: '/opds', type: OPDS_NAVIGATION }, SEARCH_LINK], params.key),
    ];
    if (page > 1) links.push({ rel: 'previous', href: href({ page: page - 1 }), type: OPDS_ACQUISITION });
    if (page < result.pages)
      links.push({ rel: 'next', href: href({ page: page + 1 }), type: OPDS_ACQUISITION });
    const facet = (
      group: string,
      title: string,
      changes: Partial<FeedParams>,
      active: boolean,
    ): FeedLink => ({
      rel: 'http://opds-spec.org/facet',
      href: href({ ...changes, page: undefined }),
      type: OPDS_ACQUISITION,
      title,
      facetGroup: group,
      activeFacet: active,
    });
    for (const [complete, title] of COMPLETENESS)
      links.push(facet('Completeness', title, { complete }, params.complete === complete));
    links.push(facet('Rating', 'All ratings', { rating: undefined }, params.rating === undefined));
    for (const rating of RATINGS) links.push(facet('Rating', rating, { rating }, params.rating === rating));
    return send(
      reply,
      OPDS_ACQUISITION,
      worksFeed(
        { id: feed.path, title: feed.title, updated: newestTime(works), links },
        works,
        base(request),
        deps.downloads.formats(),
      ),
      member,
    );
  };

  app.get('/opds/new', { schema: { querystring: FeedQuery } }, async (request, reply) =>
    acquisition(request, reply, { path: '/opds/new', title: 'Newest works' }, {}, request.query),
  );
  app.get(
    '/opds/tags/:tag',
    { schema: { params: Type.Object({ tag: Type.String({ maxLength: 300 }) }), querystring: FeedQuery } },
    async (request, reply) => {
      const name = await canonicalTag(request.params.tag);
      return acquisition(
        request,
        reply,
        { path: `/opds/tags/${encodeTagName(name)}`, title: name },
        { includeTags: [name] },
        request.query,
      );
    },
  );
  app.get(
    '/opds/creators/:name',
    {
      schema: {
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: FeedQuery,
      },
    },
    async (request, reply) => {
      const { name } = request.params;
      if (!(await deps.catalog.creatorExists(name)))
        throw new AppError('NOT_FOUND', `No creator here is called "${name}".`);
      return acquisition(
        request,
        reply,
        { path: `/opds/creators/${encodeURIComponent(name)}`, title: `Works by ${name}` },
        { creatorName: name },
        request.query,
      );
    },
  );

  // Search with the site's own operators (-word, "phrase", OR, title:, creator:), newest first.
  app.get(
    '/opds/search',
    {
      schema: {
        querystring: Type.Composite([
          FeedQuery,
          Type.Object({ q: Type.String({ minLength: 1, maxLength: 500 }) }),
        ]),
      },
    },
    async (request, reply) => {
      const { q, ...params } = request.query;
      return acquisition(
        request,
        reply,
        { path: '/opds/search', title: `Search: ${q}`, fixed: [['q', q]] },
        { text: q },
        params,
      );
    },
  );

  app.get('/opds/opensearch.xml', navigation, async (request, reply) => {
    const member = await reader(request);
    return send(
      reply,
      OPENSEARCH_TYPE,
      openSearchDescription(
        deps.site.name,
        base(request),
        withFeedKey('/opds/search?q={searchTerms}', request.query.key),
      ),
      member,
    );
  });
};
