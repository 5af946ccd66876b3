import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, HTTP_STATUS, isAppError } from '../../errors.ts';
import type { Actor } from '../../services/accounts/actor.ts';
import { mailerFromEnv } from '../../services/accounts/mailer.ts';
import { listPseuds } from '../../services/accounts/pseud.service.ts';
import {
  assertCanComment,
  type CommentInput,
  deleteCommentAs,
  editComment,
  postComment,
  refuseBlocked,
} from '../../services/community/comment.service.ts';
import { commentForEdit, commentThread } from '../../services/community/comment-listing.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { guestSecret, sentGuestSecret } from '../guest-cookie.ts';
import { chapterPath, workPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { siteAddress } from '../site-config.ts';
import {
  CommentHeldPage,
  CommentThreadPage,
  EditCommentPage,
  NewCommentPage,
} from '../views/comment-pages.tsx';
import { commentAnchor } from '../views/comments.tsx';
import { memberOrLogin } from './member-form.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const IdParams = Type.Object({ id: Id });
const NewQuery = Type.Object({ chapter: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const FormBody = Type.Record(Type.String(), Type.String());
type Form = Record<string, string>;

/** Comments, a few a minute from one address (the services pace each member and guest as well). */
export const COMMENT_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };
/** A 10,000-character comment of non-Latin text is several times larger once form-encoded. */
const COMMENT_BODY_LIMIT = 256 * 1024;
/** Failures a comment form shows back above what was typed. */
const FORM_ERRORS = new Set(['INVALID_INPUT', 'RATE_LIMITED', 'DUPLICATE_COMMENT']);

/** A number a form sent, or undefined; anything else is a problem named by its field. */
function formNumber(form: Form, field: string): number | undefined {
  const value = form[field]?.trim();
  if (!value) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new AppError('INVALID_INPUT', `${field}: not a number`);
  return Number(value);
}

function inputOf(form: Form): CommentInput {
  return {
    comment: form.comment ?? '',
    chapter: formNumber(form, 'chapter'),
    parentId: formNumber(form, 'parent'),
    pseudId: formNumber(form, 'pseud'),
    guestName: form.name,
    guestEmail: form.email,
  };
}

/** Posting, answering, editing and deleting comments; each form also as a page of its own. */
export const commentRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;
  const mailer = mailerFromEnv();
  const posting = {
    preHandler: app.csrfProtection,
    bodyLimit: COMMENT_BODY_LIMIT,
    config: { rateLimit: COMMENT_RATE_LIMIT },
  };

  async function workOf(id: number, viewer: Actor) {
    const work = await deps.catalog.work(id, viewer);
    if (!work) throw new AppError('NOT_FOUND', `There is no work ${id} in this archive.`);
    return work;
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Actor,
    workId: number,
    options: {
      chapter: number | null;
      parentId?: number;
      values?: Form;
      problems?: string[];
      status?: number;
    },
  ) {
    const work = await workOf(workId, viewer);
    const parent = options.parentId ? (await commentThread(db, viewer, options.parentId)).comment : undefined;
    // A guest's comments are paced by their cookie: it is set with the form.
    if (!viewer) guestSecret(request, reply, deps.site);
    return sendPage(
      reply,
      <NewCommentPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        work={work}
        chapter={parent ? parent.chapter : options.chapter}
        parent={parent}
        pseuds={viewer ? await listPseuds(db, viewer.userId) : null}
        values={options.values}
        problems={options.problems}
      />,
      options.status,
    );
  }

  app.get(
    '/works/:id/comments/new',
    { schema: { params: IdParams, querystring: NewQuery } },
    async (request, reply) => {
      const viewer = await deps.viewer(request);
      await assertCanComment(db, viewer, request.params.id);
      return showForm(request, reply, viewer, request.params.id, { chapter: request.query.chapter ?? null });
    },
  );

  app.post(
    '/works/:id/comments',
    { ...posting, schema: { params: IdParams, body: FormBody } },
    async (request, reply) => {
      const { id } = request.params;
      const form = request.body as Form;
      const viewer = await deps.viewer(request);
      try {
        const input = inputOf(form);
        const posted = await postComment(db, viewer, id, input, {
          guestSecret: viewer ? undefined : sentGuestSecret(request),
          mailer,
          siteUrl: siteAddress(deps.site, request),
        });
        if (posted.held && !viewer)
          return sendPage(
            reply,
            <CommentHeldPage ctx={deps.context(request)} work={await workOf(id, viewer)} />,
          );
        if (posted.held || input.parentId !== undefined)
          return reply.redirect(`/comments/${posted.id}#${commentAnchor(posted.id)}`, 303);
        const page = input.chapter ? chapterPath(id, input.chapter) : workPath(id);
        return reply.redirect(`${page}#${commentAnchor(posted.id)}`, 303);
      } catch (error) {
        if (!isAppError(error) || !FORM_ERRORS.has(error.code)) throw error;
        const chapter = /^\d{1,6}$/.test(form.chapter ?? '') ? Number(form.chapter) : null;
        const parentId = /^\d{1,9}$/.test(form.parent ?? '') ? Number(form.parent) : undefined;
        return showForm(request, reply, viewer, id, {
          chapter,
          parentId,
          values: {
            comment: form.comment ?? '',
            name: form.name ?? '',
            email: form.email ?? '',
            pseud: form.pseud ?? '',
          },
          problems: [error.message],
          status: HTTP_STATUS[error.code],
        });
      }
    },
  );

  app.get('/comments/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const viewer = await deps.viewer(request);
    const { comment, thread } = await commentThread(db, viewer, request.params.id);
    return sendPage(
      reply,
      <CommentThreadPage
        ctx={deps.context(request)}
        csrf={viewer ? reply.generateCsrf() : null}
        work={await workOf(comment.workId, viewer)}
        thread={thread}
        comment={comment}
      />,
    );
  });

  app.get('/comments/:id/reply', { schema: { params: IdParams } }, async (request, reply) => {
    const viewer = await deps.viewer(request);
    const { comment } = await commentThread(db, viewer, request.params.id);
    if (!comment.can.reply) {
      if (comment.frozen) throw new AppError('FORBIDDEN', 'This thread is frozen: it takes no new replies.');
      await assertCanComment(db, viewer, comment.workId);
      refuseBlocked({}, comment);
      throw new AppError('FORBIDDEN', 'This comment cannot be answered.');
    }
    return showForm(request, reply, viewer, comment.workId, {
      chapter: comment.chapter,
      parentId: comment.id,
    });
  });

  async function showEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Actor,
    id: number,
    typed?: string,
    problems?: string[],
    status?: number,
  ) {
    const comment = await commentForEdit(db, viewer, id);
    return sendPage(
      reply,
      <EditCommentPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        work={await workOf(comment.workId, viewer)}
        comment={comment}
        value={typed ?? comment.html}
        problems={problems}
      />,
      status,
    );
  }

  app.get('/comments/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    return showEdit(request, reply, member, request.params.id);
  });

  app.post(
    '/comments/:id/edit',
    { ...posting, schema: { params: IdParams, body: FormBody } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, `/comments/${request.params.id}/edit`);
      if (!member) return reply;
      const typed = (request.body as Form).comment ?? '';
      try {
        await editComment(db, member, request.params.id, typed);
      } catch (error) {
        if (!isAppError(error) || error.code !== 'INVALID_INPUT') throw error;
        return showEdit(request, reply, member, request.params.id, typed, [error.message], 400);
      }
      return reply.redirect(`/comments/${request.params.id}#${commentAnchor(request.params.id)}`, 303);
    },
  );

  app.post(
    '/comments/:id/delete',
    { preHandler: app.csrfProtection, schema: { params: IdParams, body: FormBody } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, `/comments/${request.params.id}`);
      if (!member) return reply;
      const workId = await deleteCommentAs(db, member, request.params.id);
      return reply.redirect(`${workPath(workId)}#comments`, 303);
    },
  );
};
