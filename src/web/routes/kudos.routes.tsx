import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';
import { leaveKudos } from '../../services/community/kudos.service.ts';
import { type AccountRoutePlugin, requestActor } from '../auth.ts';
import { GUEST_COOKIE, guestSecret } from '../guest-cookie.ts';
import { sendPage } from '../render.ts';
import { GuestKudosPage } from '../views/kudos.tsx';

const WorkParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FormBody = Type.Record(Type.String(), Type.String());

/** Kudos: a member's form is on the work page; a guest's is a page of its own (see views/kudos.tsx). */
export const kudosRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;

  app.get('/works/:id/kudos', { schema: { params: WorkParams } }, async (request, reply) => {
    const { id } = request.params as { id: number };
    const viewer = await requestActor(db, request);
    const work = await deps.catalog.work(id, viewer);
    if (!work) throw new AppError('NOT_FOUND', `There is no work ${id} in this archive.`);
    // A member's kudos button is on the work page itself.
    if (viewer) return reply.redirect(`/works/${id}#kudos-heading`, 303);
    const kudos = await deps.catalog.kudos(id, null, guestSecret(request, reply, deps.site));
    if (!kudos.canLeave && !kudos.left)
      throw new AppError('FORBIDDEN', 'Guests cannot leave kudos on this work.');
    return sendPage(
      reply,
      <GuestKudosPage
        ctx={deps.context(request)}
        workId={id}
        title={work.title}
        csrf={reply.generateCsrf()}
        left={kudos.left}
      />,
    );
  });

  app.post(
    '/works/:id/kudos',
    { preHandler: app.csrfProtection, schema: { params: WorkParams, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params as { id: number };
      const viewer = await requestActor(db, request);
      const secret = viewer ? undefined : request.cookies[GUEST_COOKIE];
      await leaveKudos(db, viewer, id, secret);
      // Left just now or before: either way the reader goes back to the work, which says which.
      return reply.redirect(viewer ? `/works/${id}#kudos-heading` : `/works/${id}/kudos`, 303);
    },
  );
};
