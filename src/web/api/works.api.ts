/**
 * The JSON API beside the site, under /api/v1: the works listing with every filter of the works index (the same
 * query parameters schema), a work with its chapters, tags, creators and series, and posting, editing and
 * deleting with a personal access token (`Authorization: Bearer quire_pat_...`, see api-auth.ts). Chapters are
 * in chapters.api.ts; errors in api-errors.ts. Writes go through the site's posting services, so the site's policy decides.
 */
import { AppError } from '../../errors.ts';
import type { WorkBlurb, WorkView } from '../../repositories/work-view.ts';
import { WorkQueryParameters } from '../../search/query-parameters.ts';
import { parseWorkQuery, type QueryInput } from '../../search/work-query.ts';
import { WorkFields, WorkForm } from '../../services/posting/work-form.schema.ts';
import {
  createWork,
  deleteWorkAs,
  editWork,
  postDraft,
} from '../../services/posting/work-posting.service.ts';
import type { AccountRoutePlugin } from '../auth.ts';
import { mailSubscribersNow } from '../subscription-mail.ts';
import { Created, Deleted, described, WorkDetail, WorkId, WorksPage } from './api.schemas.ts';
import { BEARER, tokenActor, tokenMember } from './api-auth.ts';
import { errorResponses } from './api-errors.ts';

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
  dateUnknown: work.dateUnknown,
  updatedUnknown: work.updatedUnknown,
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

export const worksApi: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;

  app.get(
    '/works',
    {
      schema: {
        summary: 'Works, with every filter of the works index',
        querystring: WorkQueryParameters,
        security: [{}, ...BEARER],
        response: {
          200: described(WorksPage, 'One page of the works this reader may see'),
          ...errorResponses(400, 401, 429),
        },
      },
    },
    async (request) => {
      const query = parseWorkQuery(request.query as QueryInput);
      const { result, blurbs } = await deps.catalog.findWorks(query, await tokenActor(db, request));
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
        params: WorkId,
        security: [{}, ...BEARER],
        response: {
          200: described(WorkDetail, 'The work'),
          ...errorResponses(400, 401, 404, 429),
        },
      },
    },
    async (request) => {
      const work = await deps.catalog.download(request.params.id, await tokenActor(db, request));
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
        security: BEARER,
        response: {
          201: described(Created, 'The work is posted, or kept as a draft'),
          ...errorResponses(400, 401, 403, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const id = await createWork(db, deps.search, await tokenMember(db, request), request.body);
      await mailSubscribersNow(deps, request);
      return reply.status(201).send({ id, url: `/works/${id}` });
    },
  );

  app.put(
    '/works/:id',
    {
      schema: {
        summary: "Replace a work's fields (everything but its chapters and creators)",
        params: WorkId,
        body: WorkFields,
        security: BEARER,
        response: {
          200: described(WorkDetail, 'The work as it now stands'),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request) => {
      const actor = await tokenMember(db, request);
      await editWork(db, deps.search, actor, request.params.id, request.body);
      const work = await deps.catalog.download(request.params.id, actor);
      if (!work) throw new AppError('NOT_FOUND', `There is no work ${request.params.id}.`);
      return detail(work);
    },
  );

  app.post(
    '/works/:id/post',
    {
      schema: {
        summary: 'Post a draft: it reaches listings, search and feeds, dated today',
        params: WorkId,
        security: BEARER,
        response: {
          200: described(WorkDetail, 'The work, now posted'),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request) => {
      const actor = await tokenMember(db, request);
      await postDraft(db, deps.search, actor, request.params.id);
      await mailSubscribersNow(deps, request);
      const work = await deps.catalog.download(request.params.id, actor);
      if (!work) throw new AppError('NOT_FOUND', `There is no work ${request.params.id}.`);
      return detail(work);
    },
  );

  app.delete(
    '/works/:id',
    {
      schema: {
        summary: 'Delete a work for good, with its chapters (its creators, or an admin)',
        params: WorkId,
        security: BEARER,
        response: { 204: Deleted('The work'), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      await deleteWorkAs(db, deps.search, await tokenMember(db, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
