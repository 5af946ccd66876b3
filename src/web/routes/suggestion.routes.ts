import { Type } from '@sinclair/typebox';
import { addSuggestion, dismissSuggestion } from '../../services/posting/suggestion.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { memberOrLogin } from './member-form.ts';

const Params = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Body = Type.Record(Type.String(), Type.String());

/** The author's answer to one of Quire's suggestions on the preview: add it to the work, or dismiss it. */
export const suggestionRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  for (const answer of ['add', 'dismiss'] as const) {
    app.post(
      `/works/:id/suggestions/${answer}`,
      { preHandler: app.csrfProtection, schema: { params: Params, body: Body } },
      async (request, reply) => {
        const member = await memberOrLogin(db, request, reply, `/works/${request.params.id}/manage`);
        if (!member) return reply;
        const choice = { kind: request.body.kind, value: request.body.value };
        if (answer === 'add') await addSuggestion(db, deps.search, member, request.params.id, choice);
        else await dismissSuggestion(db, member, request.params.id, choice);
        return reply.redirect(
          `/works/${request.params.id}/manage?notice=${answer === 'add' ? 'added' : 'dismissed'}`,
          303,
        );
      },
    );
  }
};
