/**
 * A work's chapters through the JSON API, with a personal access token: add (now or scheduled), edit, reorder
 * and delete, through the same chapter service and policy as the site's chapter forms.
 */
import { Type } from '@sinclair/typebox';
import { AppError } from '../../errors.ts';
import type { Member } from '../../services/accounts/actor.ts';
import {
  addChapter,
  deleteChapter,
  editChapter,
  reorderChapters,
} from '../../services/posting/chapter.service.ts';
import { ChapterForm, ChapterOrder } from '../../services/posting/work-form.schema.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { mailSubscribersNow } from '../subscription-mail.ts';
import {
  ChapterAdded,
  ChapterAt,
  ChapterDetail,
  ChapterList,
  Deleted,
  described,
  WorkId,
} from './api.schemas.ts';
import { BEARER, tokenMember } from './api-auth.ts';
import { errorResponses } from './api-errors.ts';

const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 429);

export const chaptersApi: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;

  /** The work's chapters as `actor` now reads them. */
  async function storedChapters(actor: Member, workId: number) {
    const work = await deps.catalog.download(workId, actor);
    if (!work) throw new AppError('NOT_FOUND', `There is no work ${workId}.`);
    return work.chapters;
  }

  app.post(
    '/works/:id/chapters',
    {
      schema: {
        summary: 'Add a chapter at the end of a work, now or at publishAt',
        params: WorkId,
        body: ChapterForm,
        security: BEARER,
        response: {
          201: described(ChapterAdded, 'The chapter is posted, or scheduled for publishAt'),
          ...WRITE_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const actor = await tokenMember(db, request);
      const position = await addChapter(db, deps.search, actor, request.params.id, request.body);
      await mailSubscribersNow(deps, request);
      return reply.status(201).send({ position, scheduled: position === null });
    },
  );

  app.put(
    '/works/:id/chapters/:position',
    {
      schema: {
        summary: "Replace a chapter's title, notes and text",
        params: ChapterAt,
        body: ChapterForm,
        security: BEARER,
        response: { 200: described(ChapterDetail, 'The chapter as it now stands'), ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = await tokenMember(db, request);
      const { id, position } = request.params;
      await editChapter(db, deps.search, actor, id, position, request.body);
      const chapter = (await storedChapters(actor, id))[position - 1];
      if (!chapter) throw new AppError('NOT_FOUND', `Work ${id} has no chapter ${position}.`);
      return { position: chapter.position, title: chapter.title, html: chapter.html, words: chapter.words };
    },
  );

  app.put(
    '/works/:id/chapters/order',
    {
      schema: {
        summary: "Put a work's chapters in a new order",
        description:
          '`order` lists every current chapter number once, in the order they are to be read: [2, 1, 3] ' +
          'puts chapter 2 first.',
        params: WorkId,
        body: Type.Object({ order: ChapterOrder }),
        security: BEARER,
        response: { 200: described(ChapterList, 'The chapters in their new order'), ...WRITE_ERRORS },
      },
    },
    async (request) => {
      const actor = await tokenMember(db, request);
      await reorderChapters(db, deps.search, actor, request.params.id, request.body.order);
      const chapters = await storedChapters(actor, request.params.id);
      return {
        chapters: chapters.map(({ position, title, words }) => ({ position, title, words })),
      };
    },
  );

  app.delete(
    '/works/:id/chapters/:position',
    {
      schema: {
        summary: "Delete a chapter (not a work's only one: delete the work instead)",
        params: ChapterAt,
        security: BEARER,
        response: { 204: Deleted('The chapter'), ...WRITE_ERRORS },
      },
    },
    async (request, reply) => {
      const actor = await tokenMember(db, request);
      await deleteChapter(db, deps.search, actor, request.params.id, request.params.position);
      return reply.status(204).send(null);
    },
  );
};
