import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StoredText } from '../../db/stored-text.ts';
import { isAppError } from '../../errors.ts';
import { contentDisposition, downloadFileName, unicodeFileName } from '../../export/filename.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat, isDownloadFormat } from '../../export/formats.ts';
import type { ExportOptions } from '../../export/work-meta.ts';
import type { WorkBlurb, WorkSummary, WorkView } from '../../repositories/work-view.ts';
import { ADULT_COOKIE, GATED_RATINGS } from '../adult-gate.ts';
import type { AppDeps, RoutePlugin } from '../app-deps.ts';
import { tagPath, workPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import { siteAddress } from '../site-config.ts';
import { AdultGatePage } from '../views/adult-gate.page.tsx';
import { ChapterIndexPage } from '../views/chapter-index.page.tsx';
import { ErrorPage } from '../views/pages.tsx';
import { type DownloadLink, WorkPage } from '../views/work.page.tsx';
import { countWorkHit } from '../work-hits.ts';

const WorkParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const ChapterParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  position: Type.Integer({ minimum: 1, maximum: 100_000 }),
});
const GateQuery = Type.Object({
  view_adult: Type.Optional(Type.Literal('true')),
  /** The page of comment threads. */
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
const DownloadParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  // Any extension: one Quire does not make, or this server cannot, is a 404 that says which formats it has.
  file: Type.String({ maxLength: 200 }),
});

/** The last time the archive changed this work, for Last-Modified. */
function lastModified(work: WorkBlurb): string | null {
  const times = [work.importedAt, work.updatedAt].map((value) => Date.parse(value)).filter(Number.isFinite);
  return times.length > 0 ? new Date(Math.max(...times)).toUTCString() : null;
}

export function downloadLinks(work: WorkBlurb, formats: readonly DownloadFormat[]): DownloadLink[] {
  return formats.map((format) => ({
    label: DOWNLOAD_FORMATS[format].label,
    fileName: downloadFileName(work, format),
  }));
}

/** The formats as a reader reads them: "AZW3, EPUB, PDF, HTML and Plain text". */
function formatList(formats: readonly DownloadFormat[]): string {
  const labels = formats.map((format) => DOWNLOAD_FORMATS[format].label);
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? '');
}

export function exportOptions(deps: AppDeps, request: FastifyRequest, work: WorkBlurb): ExportOptions {
  const siteUrl = siteAddress(deps.site, request);
  const modified = lastModified(work);
  return {
    siteName: deps.site.name,
    siteUrl,
    // The work's own time, not now: the same work downloads as the same bytes, so its ETag holds.
    generatedAt: modified ? new Date(modified) : new Date(0),
    tagUrl: (tag) => `${siteUrl}${tagPath(tag.canonicalName)}`,
  };
}

/** Work pages (chapter by chapter or entire) behind the adult notice, and downloads. */
export const workRoutes: RoutePlugin = async (app, deps) => {
  const cached = { pageCache: true };
  const countsHit = { pageCache: true, countsHit: true };

  // A hit is counted when a work's page is answered, from the page cache or not. The adult notice counts
  // too: a reader who proceeds is the same visitor the same day, so still one hit.
  app.addHook('onSend', async (request, reply) => {
    if (request.routeOptions.config.countsHit && reply.statusCode === 200)
      await countWorkHit(deps.hits, request, await deps.viewer(request));
  });
  const notFound = (request: FastifyRequest, reply: FastifyReply, what: string) =>
    sendPage(
      reply,
      <ErrorPage ctx={deps.context(request)} status={404} title="Page not found" message={what} />,
      404,
    );

  /** Show a work (or the adult notice first), remembering a reader's "Proceed" for the visit. */
  async function showWork(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    current: number | 'full',
    // A route that has looked the work up already passes it, so it is not read twice.
    known?: WorkSummary,
  ) {
    const viewer = await deps.viewer(request);
    const blurb = known ?? (await deps.catalog.work(id, viewer, current === 'full' ? undefined : current));
    if (!blurb) return notFound(request, reply, `There is no work ${id} in this archive.`);
    if (current !== 'full' && current > blurb.chapterCount)
      return notFound(
        request,
        reply,
        `${blurb.title} has ${blurb.chapterCount} chapter${blurb.chapterCount === 1 ? '' : 's'}, not ${current}.`,
      );
    const ctx = deps.context(request);
    if (GATED_RATINGS.has(blurb.rating) && request.cookies[ADULT_COOKIE] !== 'true') {
      // The route's schema has validated the query: view_adult is 'true' or absent.
      if ((request.query as { view_adult?: 'true' }).view_adult !== 'true') {
        const here = new URL(request.url, 'http://quire.invalid');
        here.searchParams.set('view_adult', 'true');
        return sendPage(
          reply,
          <AdultGatePage ctx={ctx} work={blurb} proceedHref={`${here.pathname}${here.search}`} />,
        );
      }
      // No expiry: the cookie lasts until the browser closes, as AO3's does.
      reply.setCookie(ADULT_COOKIE, 'true', { path: '/', httpOnly: true, sameSite: 'lax' });
    }
    // The access the summary was read with serves the rest of the page: it is checked once per request.
    const chapters = await deps.catalog.chapters(blurb, viewer, current === 'full' ? undefined : current);
    if (current !== 'full' && chapters.length === 0)
      return notFound(request, reply, `There is no work ${id} in this archive.`);
    const work: WorkView<StoredText> = { ...blurb, chapters };
    const series = await deps.catalog.seriesNeighbours(work, viewer);
    const kudos = await deps.catalog.kudos(id, viewer, undefined, blurb);
    const comments = await deps.catalog.comments(
      id,
      viewer,
      current,
      (request.query as { page?: number }).page ?? 1,
      blurb,
    );
    // A member's page is never cached: it carries their read mark, and reading it moves the mark.
    const reader = await deps.catalog.reader(id, viewer);
    const chapterPage = request.routeOptions.url?.includes('/chapters/') && current !== 'full';
    await deps.catalog.noteReading(id, viewer, chapterPage ? (current as number) : null);
    const modified = lastModified(work);
    if (modified) reply.header('last-modified', modified);
    // A guest's page is kept for every guest: their forms are pages of their own (kudos, comments).
    const csrf = viewer ? reply.generateCsrf() : null;
    const subscribed = await deps.catalog.subscribed('work', id, viewer, blurb);
    return sendPage(
      reply,
      <WorkPage
        ctx={ctx}
        work={work}
        current={current}
        downloads={downloadLinks(work, deps.downloads.formats())}
        series={series}
        kudos={{ ...kudos, workId: id, csrf }}
        comments={comments ? { section: comments, csrf } : null}
        reader={
          reader
            ? { ...reader, workId: id, chapterCount: blurb.chapterCount, csrf: reply.generateCsrf() }
            : null
        }
        subscription={
          subscribed === null
            ? undefined
            : { kind: 'work', targetId: id, label: 'this work', subscribed, csrf, returnTo: workPath(id) }
        }
      />,
    );
  }

  app.get(
    '/works/:id',
    { schema: { params: WorkParams, querystring: GateQuery }, config: countsHit },
    async (request, reply) => showWork(request, reply, request.params.id, 1),
  );
  app.get(
    '/works/:id/chapters/:position',
    { schema: { params: ChapterParams, querystring: GateQuery }, config: countsHit },
    async (request, reply) => showWork(request, reply, request.params.id, request.params.position),
  );
  app.get(
    '/works/:id/full',
    { schema: { params: WorkParams, querystring: GateQuery }, config: countsHit },
    async (request, reply) => {
      const blurb = await deps.catalog.work(request.params.id, await deps.viewer(request));
      // A one-chapter work has one page; send the reader there rather than show the same text twice.
      if (blurb && blurb.chapterCount <= 1) return reply.redirect(`/works/${blurb.id}`, 301);
      return showWork(request, reply, request.params.id, 'full', blurb);
    },
  );

  // AO3's chapter index: titles and dates only, no story text, so no adult notice before it.
  app.get(
    '/works/:id/navigate',
    { schema: { params: WorkParams }, config: cached },
    async (request, reply) => {
      const blurb = await deps.catalog.work(request.params.id, await deps.viewer(request));
      if (!blurb) return notFound(request, reply, `There is no work ${request.params.id} in this archive.`);
      return sendPage(reply, <ChapterIndexPage ctx={deps.context(request)} work={blurb} />);
    },
  );

  app.get(
    '/downloads/:id/:file',
    { schema: { params: DownloadParams }, config: cached },
    async (request, reply) => {
      const { id, file } = request.params;
      const extension = file.includes('.') ? file.slice(file.lastIndexOf('.') + 1).toLowerCase() : '';
      const offered = deps.downloads.formats();
      if (!isDownloadFormat(extension))
        return notFound(
          request,
          reply,
          `There is no ${extension ? `.${extension} ` : ''}download. Works download as ${formatList(offered)}.`,
        );
      if (!deps.downloads.offers(extension))
        return notFound(
          request,
          reply,
          `This archive does not offer ${DOWNLOAD_FORMATS[extension].label} downloads: its server has no converter for them. Works download as ${formatList(offered)}.`,
        );
      const work: WorkView | undefined = await deps.catalog.download(id, await deps.viewer(request));
      if (!work) return notFound(request, reply, `There is no work ${id} in this archive.`);
      let body: Awaited<ReturnType<typeof deps.downloads.make>>;
      try {
        body = await deps.downloads.make(work, extension, exportOptions(deps, request, work));
      } catch (error) {
        // The reader is told the format could not be made (a 503); the log says why.
        if (isAppError(error) && error.code === 'CONVERSION_FAILED')
          request.log.error(
            { err: error.cause ?? error, work: id, format: extension },
            'download not converted',
          );
        throw error;
      }
      const modified = lastModified(work);
      if (modified) reply.header('last-modified', modified);
      return reply
        .type(DOWNLOAD_FORMATS[extension].type)
        .header(
          'content-disposition',
          contentDisposition(downloadFileName(work, extension), unicodeFileName(work, extension)),
        )
        .send(body);
    },
  );
};
