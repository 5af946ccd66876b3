import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';
import type { RoutePlugin } from '../app-deps.ts';
import { ATOM_TYPE, newestTime, worksFeed } from '../feeds.ts';
import { creatorFeedPath, tagFeedPath, tagPath } from '../paths.ts';
import { FEED_SIZE, feedSources, GUEST } from './feed-sources.ts';

/** Atom feeds of a tag's and a creator's newest works. */
export const atomRoutes: RoutePlugin = async (app, deps) => {
  const { newest, canonicalTag, send, base } = feedSources(deps);

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
      const found = await deps.catalog.creatorWorks(
        request.params.name,
        { page: 1, perPage: FEED_SIZE },
        GUEST,
      );
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
};
