import { Type } from '@sinclair/typebox';
import { AUTOCOMPLETED_KINDS, autocompleteTags } from '../../services/tag.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';

export const TagChoices = Type.Array(
  Type.Object({
    name: Type.String({ description: 'the tag as typed: a canonical tag or a synonym' }),
    canonical: Type.String({ description: 'the canonical tag it leads to (the same name when canonical)' }),
  }),
);

/** `GET /autocomplete/tags?kind=fandom&q=buf`: what the work form's tag fields offer (quire.js). */
export const tagAutocompleteRoutes: AccountRoutePlugin = async (app, deps) => {
  app.get(
    '/autocomplete/tags',
    {
      schema: {
        querystring: Type.Object({
          kind: Type.Union(AUTOCOMPLETED_KINDS.map((kind) => Type.Literal(kind))),
          q: Type.String({ maxLength: 150 }),
        }),
        response: { 200: TagChoices },
      },
    },
    async (request, reply) => {
      // Shared by every author: a minute in any cache is fresh enough for a list of tag names.
      reply.header('cache-control', 'public, max-age=60');
      return autocompleteTags(deps.store.db, request.query.kind, request.query.q);
    },
  );
};
