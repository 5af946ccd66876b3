import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';
import {
  approveCommentAs,
  freezeThread,
  setCommentSettings,
} from '../../services/community/comment.service.ts';
import { heldCommentsFor } from '../../services/community/comment-listing.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { sendPage } from '../render.ts';
import { HeldCommentsPage } from '../views/comment-pages.tsx';
import { commentAnchor } from '../views/comments.tsx';
import { memberOrLogin } from './member-form.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FreezeParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  action: Type.Union([Type.Literal('freeze'), Type.Literal('unfreeze')]),
});
const FormBody = Type.Record(Type.String(), Type.String());
const PERMISSIONS = ['guests', 'members', 'none'] as const;

/** The creators' moderation: freezing threads, the queue of held comments, the work's comment settings. */
export const commentModerationRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const protect = { preHandler: app.csrfProtection };

  app.post(
    '/comments/:id/:action',
    { ...protect, schema: { params: FreezeParams, body: FormBody } },
    async (request, reply) => {
      const { id, action } = request.params;
      const member = await memberOrLogin(db, request, reply, `/comments/${id}`);
      if (!member) return reply;
      await freezeThread(db, member, id, action === 'freeze');
      return reply.redirect(`/comments/${id}#${commentAnchor(id)}`, 303);
    },
  );

  app.post(
    '/comments/:id/approve',
    { ...protect, schema: { params: IdParams, body: FormBody } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, `/comments/${request.params.id}`);
      if (!member) return reply;
      const workId = await approveCommentAs(db, member, request.params.id);
      return reply.redirect(`/works/${workId}/comments/unreviewed`, 303);
    },
  );

  app.get('/works/:id/comments/unreviewed', { schema: { params: IdParams } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const comments = await heldCommentsFor(db, member, request.params.id);
    const work = await deps.catalog.work(request.params.id, member);
    if (!work) throw new AppError('NOT_FOUND', `There is no work ${request.params.id} in this archive.`);
    return sendPage(
      reply,
      <HeldCommentsPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        work={work}
        comments={comments}
      />,
    );
  });

  app.post(
    '/works/:id/comment-settings',
    { ...protect, schema: { params: IdParams, body: FormBody } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, `/works/${request.params.id}/manage`);
      if (!member) return reply;
      const form = request.body as Record<string, string>;
      const permission = PERMISSIONS.find((value) => value === form.comment_permission);
      if (!permission)
        throw new AppError('INVALID_INPUT', `comment_permission: one of ${PERMISSIONS.join(', ')}`);
      await setCommentSettings(db, member, request.params.id, {
        permission,
        moderated: form.moderated === 'on',
      });
      return reply.redirect(`/works/${request.params.id}/manage?notice=comment-settings`, 303);
    },
  );
};
