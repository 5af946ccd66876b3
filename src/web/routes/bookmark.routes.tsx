import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { QueryInput, WorkQuery } from '../../search/work-query.ts';
import { findUserByName } from '../../services/accounts/user.repository.ts';
import {
  type Bookmarkable,
  type BookmarkView,
  bookmark,
  bookmarkFormFor,
  collectionsOf,
  findMemberCollection,
  ownBookmark,
  removeBookmark,
} from '../../services/community/bookmark.service.ts';
import type { BookmarkRequest } from '../../services/community/bookmark-listing.ts';
import { type AccountRoutePlugin, requestActor } from '../auth.ts';
import { memberBookmarksPath } from '../paths.ts';
import { sendPage } from '../render.ts';
import {
  BookmarkBox,
  BookmarkFilters,
  BookmarkFormPage,
  type BookmarkFormValues,
  bookmarkValues,
  MemberBookmarksIntro,
  WorkBookmarksPage,
} from '../views/bookmarks.tsx';
import { WorksIndexPage } from '../views/works-index.page.tsx';
import { formProblem, memberOrLogin } from './member-form.ts';
import { ListingQuery, runListing } from './works-listing.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const IdParams = Type.Object({ id: Id });
const NameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) });
const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

/** The query keys a bookmarks page reads itself; the rest is the works index's query. */
const BOOKMARK_KEYS = ['bookmark_tags', 'rec', 'collection'] as const;

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const single = (value: string | string[] | undefined): string | undefined => list(value)[0];

/** The bookmark filters in a query string, checked: a bad value is a 400 naming it. */
function bookmarkQuery(raw: QueryInput): { tags: string[]; rec: boolean; collectionId: number | null } {
  const tags = list(raw.bookmark_tags)
    .flatMap((value) => value.split(','))
    .map((tag) => tag.trim())
    .filter(Boolean);
  if (tags.length > 20 || tags.some((tag) => tag.length > 150))
    throw new AppError(
      'INVALID_QUERY',
      'This search cannot run: bookmark_tags takes at most 20 tags of 150 characters.',
    );
  const rec = single(raw.rec);
  if (rec !== undefined && rec !== '1' && rec !== 'true')
    throw new AppError('INVALID_QUERY', `This search cannot run: rec "${rec}" is not 1 or true.`);
  const collection = single(raw.collection);
  if (collection !== undefined && !/^[1-9]\d{0,9}$/.test(collection))
    throw new AppError(
      'INVALID_QUERY',
      `This search cannot run: collection "${collection}" is not a collection number.`,
    );
  return { tags, rec: rec !== undefined, collectionId: collection === undefined ? null : Number(collection) };
}

/** The bookmark form as the HTML form sends it, for the bookmarks service. */
function formInput(body: Record<string, string | string[]>) {
  return {
    notes: single(body.notes),
    tags: single(body.tags),
    private: single(body.private) !== undefined,
    rec: single(body.rec) !== undefined,
    collections: list(body.collections).map((value) => (/^\d{1,10}$/.test(value) ? Number(value) : value)),
    newCollection: single(body.new_collection),
  };
}

function valuesOf(body: Record<string, string | string[]>): BookmarkFormValues {
  const input = formInput(body);
  return {
    notes: input.notes ?? '',
    tags: input.tags ?? '',
    private: input.private,
    rec: input.rec,
    collections: input.collections.filter((value): value is number => typeof value === 'number'),
    newCollection: input.newCollection ?? '',
  };
}

/**
 * Bookmarks: the form on a work or series, a member's bookmarks, a work's bookmarks and the bookmarks index.
 * Listings are never put in the page cache: a bookmark's notes or tags can change without the archive
 * version moving (only its public count is on the works row).
 */
export const bookmarkRoutes: AccountRoutePlugin = async (app, deps) => {
  const db = deps.store.db;

  async function title(of: Bookmarkable, request: FastifyRequest): Promise<string> {
    const viewer = await requestActor(db, request);
    if ('workId' in of) {
      const work = await deps.catalog.work(of.workId, viewer);
      if (!work) throw new AppError('NOT_FOUND', `There is no work ${of.workId} in this archive.`);
      return work.title;
    }
    const series = await deps.catalog.series(of.seriesId, viewer);
    if (!series) throw new AppError('NOT_FOUND', `There is no series ${of.seriesId} in this archive.`);
    return series.title;
  }

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    of: Bookmarkable,
    filled?: { values: BookmarkFormValues; problems: string[]; status: number },
  ) {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const { bookmark: existing, collections } = await bookmarkFormFor(db, member, of);
    const target =
      'workId' in of
        ? { kind: 'work' as const, id: of.workId, title: await title(of, request) }
        : { kind: 'series' as const, id: of.seriesId, title: await title(of, request) };
    return sendPage(
      reply,
      <BookmarkFormPage
        ctx={deps.context(request)}
        csrf={reply.generateCsrf()}
        target={target}
        bookmark={existing}
        collections={collections}
        values={filled?.values ?? bookmarkValues(existing)}
        problems={filled?.problems}
      />,
      filled?.status ?? 200,
    );
  }

  async function save(request: FastifyRequest, reply: FastifyReply, of: Bookmarkable) {
    const body = request.body as Record<string, string | string[]>;
    const member = await memberOrLogin(db, request, reply, request.url);
    if (!member) return reply;
    try {
      await bookmark(db, member, of, formInput(body));
    } catch (error) {
      return showForm(request, reply, of, { values: valuesOf(body), ...formProblem(error) });
    }
    return reply.redirect(`${memberBookmarksPath(member.name)}`, 303);
  }

  for (const [kind, key] of [
    ['works', 'workId'],
    ['series', 'seriesId'],
  ] as const) {
    const of = (id: number): Bookmarkable => (key === 'workId' ? { workId: id } : { seriesId: id });
    app.get(`/${kind}/:id/bookmarks/new`, { schema: { params: IdParams } }, (request, reply) =>
      showForm(request, reply, of(request.params.id)),
    );
    app.post(
      `/${kind}/:id/bookmarks`,
      { preHandler: app.csrfProtection, schema: { params: IdParams, body: FormBody } },
      (request, reply) => save(request, reply, of(request.params.id)),
    );
  }

  app.get('/bookmarks/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const member = await memberOrLogin(db, request, reply);
    if (!member) return reply;
    const found = await ownBookmark(db, member, request.params.id);
    return showForm(
      request,
      reply,
      found.workId !== null ? { workId: found.workId } : { seriesId: found.seriesId as number },
    );
  });

  app.post(
    '/bookmarks/:id/delete',
    { preHandler: app.csrfProtection, schema: { params: IdParams, body: FormBody } },
    async (request, reply) => {
      const member = await memberOrLogin(db, request, reply, '/account');
      if (!member) return reply;
      await removeBookmark(db, member, request.params.id);
      return reply.redirect(memberBookmarksPath(member.name), 303);
    },
  );

  app.get('/works/:id/bookmarks', { schema: { params: IdParams } }, async (request, reply) => {
    const viewer = await requestActor(db, request);
    const work = await deps.catalog.work(request.params.id, viewer);
    const bookmarks = await deps.catalog.workBookmarks(request.params.id, viewer);
    if (!work || !bookmarks)
      throw new AppError('NOT_FOUND', `There is no work ${request.params.id} in this archive.`);
    return sendPage(
      reply,
      <WorkBookmarksPage ctx={deps.context(request)} work={work} bookmarks={bookmarks} />,
    );
  });

  /** A listing of bookmarked works with their bookmarks under each, from the works query and the page's filter. */
  async function bookmarkListing(
    request: FastifyRequest,
    heading: string,
    basePath: string,
    fixed: Pick<BookmarkRequest, 'ownerId'>,
  ) {
    const viewer = await requestActor(db, request);
    const raw = (request.query ?? {}) as QueryInput;
    const own = bookmarkQuery(raw);
    const wanted: BookmarkRequest = { ...fixed, workId: null, ...own };
    let bookmarks: BookmarkView[] = [];
    const listing = await runListing(deps, request, {
      heading,
      basePath,
      ownKeys: BOOKMARK_KEYS,
      find: async (query: WorkQuery) => {
        const found = await deps.catalog.findBookmarks(query, wanted, viewer);
        bookmarks = found.bookmarks;
        return found;
      },
    });
    return { viewer, own, listing, bookmarks };
  }

  app.get('/bookmarks', { schema: { querystring: ListingQuery } }, async (request, reply) => {
    const { own, listing, bookmarks } = await bookmarkListing(request, 'Bookmarks', '/bookmarks', {
      ownerId: null,
    });
    listing.noun = 'Bookmarked Works';
    listing.intro = <BookmarkFilters basePath="/bookmarks" tags={own.tags} rec={own.rec} collection={null} />;
    listing.underWork = (work) =>
      bookmarks
        .filter((item) => item.workId === work.id)
        .map((item) => <BookmarkBox key={item.id} bookmark={item} csrf={null} />);
    return sendPage(reply, <WorksIndexPage ctx={deps.context(request)} listing={listing} />);
  });

  app.get(
    '/users/:name/bookmarks',
    { schema: { params: NameParams, querystring: ListingQuery } },
    async (request, reply) => {
      const user = await findUserByName(db, request.params.name);
      if (!user) throw new AppError('NOT_FOUND', `There is no member named ${request.params.name}.`);
      const basePath = memberBookmarksPath(user.name);
      const { viewer, own, listing, bookmarks } = await bookmarkListing(
        request,
        `Bookmarks by ${user.name}`,
        basePath,
        { ownerId: user.id },
      );
      const isOwner = viewer?.userId === user.id;
      const csrf = isOwner ? reply.generateCsrf() : null;
      const collection =
        own.collectionId === null ? null : await findMemberCollection(db, user.id, own.collectionId);
      const series = await deps.catalog.seriesBookmarks({ ownerId: user.id, workId: null, ...own }, viewer);
      listing.noun = 'Bookmarked Works';
      if (collection) listing.heading = `Bookmarks by ${user.name} in ${collection.name}`;
      listing.intro = (
        <MemberBookmarksIntro
          basePath={basePath}
          tags={own.tags}
          rec={own.rec}
          collection={collection}
          collections={isOwner ? await collectionsOf(db, viewer, user.id) : null}
          series={series}
          csrf={csrf}
        />
      );
      listing.underWork = (work) =>
        bookmarks
          .filter((item) => item.workId === work.id)
          .map((item) => <BookmarkBox key={item.id} bookmark={item} csrf={csrf} />);
      return sendPage(reply, <WorksIndexPage ctx={deps.context(request)} listing={listing} />);
    },
  );
};
