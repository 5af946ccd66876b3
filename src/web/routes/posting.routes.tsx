import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { can } from '../../services/accounts/policy.ts';
import { listPseuds } from '../../services/accounts/pseud.service.ts';
import { commentSettingsOf } from '../../services/community/comment.service.ts';
import { loadEditableWork, loadPreview } from '../../services/posting/author-view.service.ts';
import { inviteCocreators } from '../../services/posting/cocreator.service.ts';
import { suggestForWork } from '../../services/posting/suggestion.service.ts';
import {
  createWork,
  deleteWorkAs,
  editWork,
  postDraft,
  setWorkHidden,
} from '../../services/posting/work-posting.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import {
  type FormBody,
  formValuesOf,
  one,
  tagList,
  typedValues,
  workFieldsFromForm,
  workFormFromForm,
} from '../forms/work-form-fields.ts';
import { sendPage } from '../render.ts';
import { mailSubscribersNow } from '../subscription-mail.ts';
import { EditWorkPage, NewWorkPage } from '../views/work-form.page.tsx';
import { WorkManagePage } from '../views/work-manage.page.tsx';
import { formProblem, memberOrLogin, NoticeQuery, noticeOf } from './member-form.ts';

const WorkParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const FormSchema = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

/** Posting a work, previewing it with Quire's suggestions, editing, posting a draft, hiding and deleting. */
export const postingRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const search = deps.search;
  const form = { preHandler: app.csrfProtection, schema: { body: FormSchema } };
  const workForm = { preHandler: app.csrfProtection, schema: { body: FormSchema, params: WorkParams } };
  // Uploads only here: a story file, and the form's token beside it.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: true,
    limits: { fileSize: deps.site.maxUploadBytes, files: 1, fields: 5, parts: 6 },
  });

  const pseudNames = async (member: Member) =>
    (await listPseuds(db, member.userId)).map((pseud) => pseud.name);

  async function showNew(
    request: FastifyRequest,
    reply: FastifyReply,
    member: Member,
    values: Record<string, string | string[]>,
    extra: { problems?: string[]; notices?: string[]; status?: number } = {},
  ) {
    return sendPage(
      reply,
      <NewWorkPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        pseuds={await pseudNames(member)}
        values={values}
        problems={extra.problems}
        notices={extra.notices}
      />,
      extra.status ?? 200,
    );
  }

  app.get('/works/new', async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    return showNew(request, reply, member, formValuesOf({ chapters: [{}] }));
  });

  app.post('/works/new/upload', { preHandler: app.csrfProtection }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/works/new');
    if (!member) return reply;
    const file = (request.body as { file?: MultipartFile } | undefined)?.file;
    try {
      if (!file || typeof file.toBuffer !== 'function' || !file.filename)
        throw new AppError('INVALID_INPUT', 'file: choose a story file to start from');
      const bytes = new Uint8Array(await file.toBuffer());
      const filled = await deps.stories.prefill(bytes, file.filename);
      const notices = [
        `The form is filled in from ${file.filename}. Check it, then preview: Quire's suggestions come with the preview.`,
        ...(filled.fileCreators.length > 0
          ? [`The file names its author as ${filled.fileCreators.join(', ')}.`]
          : []),
        ...filled.notices,
      ];
      return showNew(request, reply, member, formValuesOf(filled), { notices });
    } catch (error) {
      const { problems, status } = formProblem(error);
      return showNew(request, reply, member, formValuesOf({ chapters: [{}] }), { problems, status });
    }
  });

  app.post('/works/new', form, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, '/works/new');
    if (!member) return reply;
    const body = request.body as FormBody;
    const preview = one(body, 'action') !== 'post';
    try {
      const id = await createWork(db, search, member, workFormFromForm(body, preview));
      await mailSubscribersNow(deps, request);
      return reply.redirect(preview ? `/works/${id}/manage` : `/works/${id}`, 303);
    } catch (error) {
      const { problems, status } = formProblem(error);
      return showNew(request, reply, member, typedValues(body), { problems, status });
    }
  });

  app.get(
    '/works/:id/manage',
    { schema: { params: WorkParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply);
      if (!member) return reply;
      const { work, access } = await loadPreview(db, member, request.params.id);
      const editable = await loadEditableWork(db, member, request.params.id);
      const isCreator = can(member, 'work.suggestions', access);
      return sendPage(
        reply,
        <WorkManagePage
          ctx={deps.context(request)}
          csrf={reply.generateCsrf()}
          work={work}
          notice={noticeOf(request.query.notice)}
          options={{
            status: access.status,
            restricted: access.restricted,
            isCreator,
            isAdmin: member.role === 'admin',
            suggestions: isCreator ? await suggestForWork(db, deps.stories, member, work.id) : [],
            scheduled: editable.scheduled,
            comments: can(member, 'work.moderate', access)
              ? await commentSettingsOf(db, member, work.id)
              : null,
          }}
        />,
      );
    },
  );

  async function showEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    workId: number,
    values: Record<string, string | string[]>,
    problems?: string[],
    status = 200,
  ) {
    return sendPage(
      reply,
      <EditWorkPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        workId={workId}
        values={values}
        problems={problems}
      />,
      status,
    );
  }

  app.get('/works/:id/edit', { schema: { params: WorkParams } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const work = await loadEditableWork(db, member, request.params.id);
    return showEdit(request, reply, work.id, formValuesOf(work.fields));
  });

  app.post('/works/:id/edit', workForm, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, `/works/${request.params.id}/edit`);
    if (!member) return reply;
    const body = request.body as FormBody;
    const id = request.params.id;
    try {
      await editWork(db, search, member, id, workFieldsFromForm(body));
      const invitees = tagList(one(body, 'coCreators'));
      if (invitees.length > 0) await inviteCocreators(db, member, id, invitees);
      return reply.redirect(`/works/${id}/manage?notice=${invitees.length > 0 ? 'invited' : 'saved'}`, 303);
    } catch (error) {
      const { problems, status } = formProblem(error);
      return showEdit(request, reply, id, typedValues(body), problems, status);
    }
  });

  app.post('/works/:id/post', workForm, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, `/works/${request.params.id}/manage`);
    if (!member) return reply;
    await postDraft(db, search, member, request.params.id);
    await mailSubscribersNow(deps, request);
    return reply.redirect(`/works/${request.params.id}`, 303);
  });

  app.post('/works/:id/delete', workForm, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply, `/works/${request.params.id}/manage`);
    if (!member) return reply;
    if (one(request.body as FormBody, 'confirm') !== 'on')
      throw new AppError('INVALID_INPUT', 'Tick “Yes, delete this work for good” to delete it.');
    await deleteWorkAs(db, search, member, request.params.id);
    return reply.redirect('/account/works?notice=deleted', 303);
  });

  for (const hide of [true, false]) {
    app.post(`/works/:id/${hide ? 'hide' : 'unhide'}`, workForm, async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, `/works/${request.params.id}/manage`);
      if (!member) return reply;
      await setWorkHidden(db, member, request.params.id, hide);
      return reply.redirect(`/works/${request.params.id}/manage?notice=${hide ? 'hidden' : 'unhidden'}`, 303);
    });
  }
};
