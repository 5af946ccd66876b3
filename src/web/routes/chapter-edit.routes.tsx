import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadEditableWork } from '../../services/posting/author-view.service.ts';
import {
  addChapter,
  deleteChapter,
  editChapter,
  reorderChapters,
} from '../../services/posting/chapter.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import {
  chapterFromForm,
  chapterValuesOf,
  type FormBody,
  type FormValues,
  one,
  typedValues,
} from '../forms/work-form-fields.ts';
import { sendPage } from '../render.ts';
import { mailSubscribersNow } from '../subscription-mail.ts';
import { ChapterFormPage } from '../views/work-form.page.tsx';
import { formProblem, memberOrLogin } from './member-form.ts';

const WorkParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const ChapterParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  position: Type.Integer({ minimum: 1, maximum: 100_000 }),
});
const FormSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

/** Adding, editing, scheduling, reordering and deleting a work's chapters. */
export const chapterEditRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const search = deps.search;
  const protect = app.csrfProtection;

  async function showChapter(
    request: FastifyRequest,
    reply: FastifyReply,
    workId: number,
    position: number | null,
    values: FormValues | null,
    problems?: string[],
    status = 200,
  ) {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const work = await loadEditableWork(db, member, workId);
    let shown = values;
    if (!shown) {
      const chapter = position === null ? undefined : work.chapters[position - 1];
      if (position !== null && !chapter) return reply.callNotFound();
      shown = chapterValuesOf(chapter ? { ...chapter, body: chapter.html, format: 'html' } : {});
    }
    return sendPage(
      reply,
      <ChapterFormPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        workId={workId}
        workTitle={work.fields.title}
        position={position}
        values={shown}
        problems={problems}
      />,
      status,
    );
  }

  app.get('/works/:id/chapters/new', { schema: { params: WorkParams } }, (request, reply) =>
    showChapter(request, reply, request.params.id, null, null),
  );
  app.post(
    '/works/:id/chapters/new',
    { preHandler: protect, schema: { params: WorkParams, body: FormSchema } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const body = request.body as FormBody;
      try {
        const position = await addChapter(db, search, member, request.params.id, chapterFromForm(body));
        await mailSubscribersNow(deps, request);
        return reply.redirect(
          `/works/${request.params.id}/manage?notice=${position === null ? 'scheduled' : 'chapter'}`,
          303,
        );
      } catch (error) {
        const { problems, status } = formProblem(error);
        return showChapter(request, reply, request.params.id, null, typedValues(body), problems, status);
      }
    },
  );

  app.get('/works/:id/chapters/:position/edit', { schema: { params: ChapterParams } }, (request, reply) =>
    showChapter(request, reply, request.params.id, request.params.position, null),
  );
  app.post(
    '/works/:id/chapters/:position/edit',
    { preHandler: protect, schema: { params: ChapterParams, body: FormSchema } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const { id, position } = request.params;
      const body = request.body as FormBody;
      try {
        await editChapter(db, search, member, id, position, chapterFromForm(body));
        return reply.redirect(`/works/${id}/manage?notice=chapter-saved`, 303);
      } catch (error) {
        const { problems, status } = formProblem(error);
        return showChapter(request, reply, id, position, typedValues(body), problems, status);
      }
    },
  );

  app.post(
    '/works/:id/chapters/:position/delete',
    { preHandler: protect, schema: { params: ChapterParams, body: FormSchema } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      await deleteChapter(db, search, member, request.params.id, request.params.position);
      return reply.redirect(`/works/${request.params.id}/manage?notice=chapter-deleted`, 303);
    },
  );

  app.post(
    '/works/:id/chapters/order',
    { preHandler: protect, schema: { params: WorkParams, body: FormSchema } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const body = request.body as FormBody;
      // `place_N` is the new place of chapter N: the order lists chapters by their new places.
      const places = Object.keys(body)
        .map((key) => /^place_(\d+)$/.exec(key))
        .filter((match) => match !== null)
        .map((match) => ({ chapter: Number(match[1]), place: Number(one(body, match[0])) }));
      const order = [...places]
        .sort((a, b) => a.place - b.place || a.chapter - b.chapter)
        .map((entry) => entry.chapter);
      await reorderChapters(db, search, member, request.params.id, order);
      return reply.redirect(`/works/${request.params.id}/manage?notice=ordered`, 303);
    },
  );
};
