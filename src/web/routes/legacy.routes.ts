import { Type } from '@sinclair/typebox';
import { findEfictionTarget } from '../../services/rescue/legacy-link.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { legacyTargetPath } from '../legacy-paths.ts';

/** Old eFiction links carry extra parameters (`textsize`, `index`, `action`): allowed, not used. */
const Id = Type.Optional(Type.String({ pattern: '^[0-9]{1,10}$' }));
const SCRIPTS = {
  '/viewstory.php': { script: 'viewstory', query: Type.Object({ sid: Id, chapter: Id }) },
  '/viewuser.php': { script: 'viewuser', query: Type.Object({ uid: Id }) },
  '/browse.php': {
    script: 'browse',
    query: Type.Object({ type: Type.Optional(Type.String({ maxLength: 40 })), catid: Id }),
  },
  '/series.php': { script: 'series', query: Type.Object({ seriesid: Id }) },
} as const;

/**
 * The addresses of a rescued eFiction archive (`viewstory.php?sid=12&chapter=3` and the rest) answered with
 * a permanent redirect to their new pages, from the table the rescue filled; an address it does not know
 * is the ordinary 404 page. The Automated Archive's story paths, which have no fixed script name, are
 * looked up by the not-found handler in app.tsx.
 */
export const legacyRoutes: AccountRoutePlugin = async (app, deps) => {
  for (const [url, { script, query }] of Object.entries(SCRIPTS)) {
    app.get(url, { schema: { querystring: query } }, async (request, reply) => {
      const target = await findEfictionTarget(
        deps.store.db,
        script,
        request.query as Record<string, string | undefined>,
      );
      const path = target ? legacyTargetPath(target) : null;
      if (!path) return reply.callNotFound();
      return reply.redirect(path, 301);
    });
  }
};
