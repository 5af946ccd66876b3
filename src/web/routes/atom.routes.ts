import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { ATOM_TYPE, newestTime, worksFeed } from '../feeds.ts';
import { creatorFeedPath, tagFeedPath, tagPath } from '../paths.ts';
import { FEED_SIZE, FeedKeyQuery, feedSources, GUEST, withFeedKey } from './feed-sources.ts';

/** Atom feeds of a tag's and a creator's newest works; `?key=` makes them a member's own (feed-sources.ts). */
export const atomRoutes: AccountRoutePlugin = async (app, deps) => {
  const { reader, newest, canonicalTag, send, base } = feedSources(deps);

  app.get(
    '/tags/:tag/feed.atom',
    { schema: { params: Type.Object({ tag: Type.String({ maxLength: 300 }) }), querystring: FeedKeyQuery } },
    async (request, reply) => {
      const member = await reader(request);
      const name = await canonicalTag(request.params.tag);
      const { works } = await newest({ includeTags: [name] }, member);
      const self = withFeedKey(tagFeedPath(name), request.query.key);
      return send(
        reply,
        ATOM_TYPE,
        worksFeed(
          {
            id: tagFeedPath(name),
            title: `${deps.site.name}: new works in ${name}`,
            updated: newestTime(works),
            links: [
              { rel: 'self', href: self, type: 'application/atom+xml' },
              { rel: 'alternate', href: tagPath(name), type: 'text/html' },
            ],
          },
          works,
          base(request),
        ),
        member,
      );
    },
  );

  app.get(
    '/creators/:name/feed.atom',
    {
      schema: {
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: FeedKeyQuery,
      },
    },
    async (request, reply) => {
      const member = await reader(request);
      const found = await deps.catalog.creatorWorks(
        request.params.name,
        { page: 1, perPage: FEED_SIZE },
        GUEST,
        member,
      );
      if (!found) throw new AppError('NOT_FOUND', `No creator here is called "${request.params.name}".`);
      const works = found.blurbs;
      const name = request.params.name;
      const self = withFeedKey(creatorFeedPath(name), request.query.key);
      return send(
        reply,
        ATOM_TYPE,
        worksFeed(
          {
            id: creatorFeedPath(name),
            title: `${deps.site.name}: new works by ${name}`,
            updated: newestTime(works),
            links: [{ rel: 'self', href: self, type: 'application/atom+xml' }],
          },
          works,
          base(request),
        ),
        member,
      );
    },
  );
};
