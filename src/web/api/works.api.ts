/**
 * The JSON API beside the site, under /api/v1: the works listing with every filter of the works index (the same
 * query parameters schema), a work with its chapters, tags, creators and series, and posting with a personal
 * access token (`Authorization: Bearer quire_pat_...`). Only a token is read here, never the session cookie,
 * so another site cannot post through a logged-in browser.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, HTTP_STATUS, isAppError } from '../../errors.ts';
import type { WorkBlurb, WorkView } from '../../repositories/work-view.ts';
import { WorkQueryParameters } from '../../search/query-parameters.ts';
import { parseWorkQuery, type QueryInput } from '../../search/work-query.ts';
import type { Member } from '../../services/accounts/actor.ts';
import { findApiTokenMember } from '../../services/accounts/api-token.service.ts';
import { addChapter } from '../../services/posting/chapter.service.ts';
import { ChapterForm, WorkFields, WorkForm } from '../../services/posting/work-form.schema.ts';
import { createWork, editWork } from '../../services/posting/work-posting.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { ApiError, ChapterAdded, Created, WorkDetail, WorksPage } from './api.schemas.ts';

const summary = (work: WorkBlurb) => ({
  id: work.id,
  title: work.title,
  creators: work.creators.map((creator) => creator.name),
  summary: work.summary,
  rating: work.rating,
  language: work.language,
  words: work.words,
  chapterCount: work.chapterCount,
  chaptersPlanned: work.chaptersPlanned,
  complete: work.complete,
  publishedAt: work.publishedAt,
  updatedAt: work.updatedAt,
  tags: work.tags.map((tag) => ({ kind: tag.kind, name: tag.name, canonical: tag.canonicalName })),
  series: work.series.map((series) => ({ title: series.title, position: series.position })),
});

const detail = (work: WorkView) => ({
  ...summary(work),
  notes: work.notes,
  endNotes: work.endNotes,
  chapters: work.chapters.map((chapter) => ({
    position: chapter.position,
    title: chapter.title,
    html: chapter.html,
    words: chapter.words,
  })),
});

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError };
const bearer = [{ bearerAuth: [] }];

export const worksApi: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;

  /** The token's member; a guest without a token; a token that opens nothing is refused, not ignored. */
  async function tokenActor(request: FastifyRequest): Promise<Member | null> {
    const header = request.headers.authorization;
    if (!header) return null;
    const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const member = secret ? await findApiTokenMember(db, secret) : null;
    if (!member) throw new AppError('NOT_LOGGED_IN', 'The access token is unknown or revoked.');
    return member;
  }

  app.setErrorHandler((error, request, reply) => {
    const failure = error as Error & { statusCode?: number; validation?: unknown };
    let status = 500;
    let code = 'INTERNAL';
    let message = 'Something went wrong on our side.';
    if (failure.validation) [status, code, message] = [400, 'INVALID_INPUT', failure.message];
    else if (isAppError(error))
      [status, code, message] = [HTTP_STATUS[error.code], error.code, error.message];
    else if (failure.statusCode && failure.statusCode < 500)
      [status, code, message] = [failure.statusCode, 'INVALID_INPUT', failure.message];
    if (status >= 500) request.log.error({ err: error }, 'api request failed');
    return reply.status(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: 'There is no API route at this address.' } }),
  );

  app.get(
    '/works',
    {
      schema: {
        summary: 'Works, with every filter of the works index',
        querystring: WorkQueryParameters,
        security: [{}, ...bearer],
        response: { 200: WorksPage, ...errors },
      },
    },
    async (request) => {
      const query = parseWorkQuery(request.query as QueryInput);
      const { result, blurbs } = await deps.catalog.findWorks(query, await tokenActor(request));
      return {
        total: result.total,
        page: result.page,
        perPage: result.perPage,
        pages: result.pages,
        works: blurbs.map(summary),
      };
    },
  );

  app.get(
    '/works/:id',
    {
      schema: {
        summary: 'A work with its chapters, tags, creators and series',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        security: [{}, ...bearer],
        response: { 200: WorkDetail, ...errors },
      },
    },
    async (request) => {
      const work = await deps.catalog.download(request.params.id, await tokenActor(request));
      if (!work) throw new AppError('NOT_FOUND', `There is no work ${request.params.id}.`);
      return detail(work);
    },
  );

  app.post(
    '/works',
    {
      schema: {
        summary: 'Post a work (or keep it as a draft) with a personal access token',
        body: WorkForm,
        security: bearer,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      const member = await tokenActor(request);
      if (!member)
        throw new AppError('NOT_LOGGED_IN', 'Send a personal access token: Authorization: Bearer ...');
      const id = await createWork(db, deps.search, member, request.body);
      return reply.status(201).send({ id, url: `/works/${id}` });
    },
  );

  const WorkId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
  const member = async (request: FastifyRequest) => {
    const actor = await tokenActor(request);
    if (!actor)
      throw new AppError('NOT_LOGGED_IN', 'Send a personal access token: Authorization: Bearer ...');
    return actor;
  };

  app.put(
    '/works/:id',
    {
      schema: {
        summary: "Replace a work's fields (everything but its chapters and creators)",
        params: WorkId,
        body: WorkFields,
        security: bearer,
        response: { 200: WorkDetail, ...errors },
      },
    },
    async (request) => {
      const actor = await member(request);
      await editWork(db, deps.search, actor, request.params.id, request.body);
      const work = await deps.catalog.download(request.params.id, actor);
      if (!work) throw new AppError('NOT_FOUND', `There is no work ${request.params.id}.`);
      return detail(work);
    },
  );

  app.post(
    '/works/:id/chapters',
    {
      schema: {
        summary: 'Add a chapter at the end of a work, now or at publishAt',
        params: WorkId,
        body: ChapterForm,
        security: bearer,
        response: { 201: ChapterAdded, ...errors },
      },
    },
    async (request, reply) => {
      const position = await addChapter(
        db,
        deps.search,
        await member(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send({ position, scheduled: position === null });
    },
  );
};
