import type { Store } from '../db/connect.ts';
import type { StoredText } from '../db/stored-text.ts';
import type { SubscriptionKind } from '../db/subscriptions.tables.ts';
import { type Audience, excludesAnything, type PersonalExclusions } from '../domain/audience.ts';
import type { Rating } from '../domain/required-tags.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import { AppError } from '../errors.ts';
import { readArchiveVersions, readPageVersion } from '../repositories/archive-version.ts';
import {
  type CreatorCount,
  creatorExists,
  findCreatorWorkIds,
  findTagForPage,
  type ListingOptions,
  listCreators,
  listLanguages,
  listTags,
  type TagCount,
} from '../repositories/browse.repository.ts';
import { findOwnBookmark } from '../repositories/community/bookmark.repository.ts';
import type { CommentSettings } from '../repositories/community/comment.repository.ts';
import { findPersonalExclusions } from '../repositories/community/member-filter.repository.ts';
import { findSeries, listSeries, type SeriesSummary } from '../repositories/series.repository.ts';
import {
  type ChapterBody,
  type ChapterView,
  loadBlurbs,
  loadChapterPages,
  loadChapters,
  loadWork,
  loadWorkStanding,
  type WorkBlurb,
  type WorkPageCommunity,
  type WorkSummary,
  type WorkView,
} from '../repositories/work-view.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import type { SearchResult } from '../search/search-result.ts';
import { DEFAULT_QUERY, type WorkQuery } from '../search/work-query.ts';
import { searchWorks, searchWorksReading } from '../search/work-search.ts';
import type { Actor } from './accounts/actor.ts';
import { can, type WorkResource } from './accounts/policy.ts';
import type { BookmarkView } from './community/bookmark.service.ts';
import {
  type BookmarkRequest,
  bookmarkFilterFor,
  bookmarksOfWorks,
  type SeriesBookmark,
  seriesBookmarksOf,
} from './community/bookmark-listing.ts';
import { type CommentSection, commentsFor } from './community/comment-listing.service.ts';
import { type KudosList, kudosFor } from './community/kudos.service.ts';
import { noteReading, type ReadingMark, readingMark } from './community/reading.service.ts';
import { isSubscribed } from './community/subscription.service.ts';
import { loadWorkAccess } from './posting/work-store.repository.ts';

/** What the site lets visitors see: set by the archive's owner (`quire serve --hide-explicit`). */
export interface VisibilityPolicy {
  /** Keep Explicit works out of listings, counts, feeds and subscription news (their own pages stay reachable by address). */
  hideExplicit: boolean;
}

/** The ratings a policy keeps out of listings, counts, feeds and subscription news. */
export function hiddenRatingsOf(policy: VisibilityPolicy): Rating[] {
  return policy.hideExplicit ? ['Explicit'] : [];
}

/** A page of works found for a query, with the query as run (the site's exclusions added). */
export interface WorksFound {
  query: WorkQuery;
  result: SearchResult;
  blurbs: WorkBlurb[];
}

/** A page of bookmarked works and the bookmarks of each that the page lists. */
export interface BookmarksFound extends WorksFound {
  bookmarks: BookmarkView[];
}

/** A series and its works in reading order. */
export interface SeriesWorks {
  id: number;
  title: string;
  works: WorkBlurb[];
}

/** Where a work stands in one of its series: the works before and after it. */
export interface SeriesNeighbours {
  id: number;
  title: string;
  position: number | null;
  previous: { id: number; title: string } | null;
  next: { id: number; title: string } | null;
}

/**
 * Who is looking: a guest (null) or a member. Feeds and OPDS are read by apps without a session, so they
 * always look as a guest.
 */
export type Viewer = Actor;

/** Listings show members the works restricted to members; guests see public works only. */
export const audienceOf = (viewer: Viewer): Audience => (viewer ? 'members' : 'public');

/** The work when `viewer` may read it, else undefined; throws NOT_LOGGED_IN for a guest at a members-only work. */
function readable(access: WorkResource, viewer: Viewer): WorkResource | undefined {
  if (can(viewer, 'work.read', access)) return access;
  if (!viewer && access.status === 'posted' && access.restricted)
    throw new AppError(
      'NOT_LOGGED_IN',
      'This work is only available to registered users of the archive. Log in to read it.',
    );
  return undefined;
}

/**
 * The archive as a visitor may see it. Every listing, count, feed, OPDS page, work page and download reads
 * works through here, so what a visitor may see is decided in one place: the site's hide-Explicit setting,
 * and the authorization policy's `work.read` (drafts for their creators, hidden works for admins, restricted
 * works for members). Listings show posted works only, and to a member none they muted or excluded.
 */
export class CatalogService {
  /**
   * The languages' counts per listing (audience and policy), for the archive version they were counted at:
   * counting them reads every work, and every listing's form shows them.
   */
  /**
   * The access each summary `work` returned was checked with, and for whom: the rest of that work's page
   * (its chapters, kudos, comments, subscription) reuses it rather than reading the work's status again, which
   * it did five times per chapter page.
   */
  private readonly checked = new WeakMap<
    WorkSummary,
    {
      viewer: Viewer;
      access: WorkResource;
      comments: CommentSettings;
      /** The chapter `work` was asked to read with the work, and its body (null: no such chapter). */
      chapter?: { position: number; body: ChapterBody<StoredText> | null };
      /** The kudos and a guest's comment counts, read with the work for this page (PostgreSQL). */
      community?: { page: number | 'full'; read: WorkPageCommunity };
    }
  >();
  private readonly languageCounts = new Map<
    string,
    { version: number; languages: Promise<{ code: string; count: number }[]> }
  >();

  constructor(
    private readonly store: Store,
    private readonly searchProvider: SearchProvider,
    private readonly policy: VisibilityPolicy,
  ) {}

  /** The ratings the site keeps out of listings, counts, feeds and subscription news. */
  hiddenRatings(): Rating[] {
    return hiddenRatingsOf(this.policy);
  }

  /** The query with what this visitor may not see excluded. */
  visible(query: WorkQuery): WorkQuery {
    const hidden = this.hiddenRatings();
    if (hidden.length === 0) return query;
    return { ...query, excludeRatings: [...new Set([...query.excludeRatings, ...hidden])] };
  }

  /**
   * The query as this viewer's listings run it: the site's exclusions, and a member's own (muted members, their
   * exclusion list), so totals, facets and pages are counted without those works. `personalFor` names the
   * member whose exclusions apply when the listing looks as a guest (a feed read while logged in).
   */
  async forViewer(query: WorkQuery, viewer: Viewer, personalFor: Viewer = viewer): Promise<WorkQuery> {
    const visible = this.visible(query);
    const personal = await this.personal(personalFor);
    return personal ? { ...visible, personal } : visible;
  }

  /** What a member never sees; null for a guest or a member who excludes nothing. */
  personal(viewer: Viewer): Promise<PersonalExclusions | null> {
    return viewer ? findPersonalExclusions(this.store.db, viewer.userId) : Promise.resolve(null);
  }

  /** The works matching a query that this visitor may see: one page of them, the total and facet counts. */
  async search(query: WorkQuery, viewer: Viewer): Promise<SearchResult> {
    return searchWorks(
      this.store.db,
      this.searchProvider,
      await this.forViewer(query, viewer),
      audienceOf(viewer),
    );
  }

  /** The same, with the page's blurbs and the query as run. */
  async findWorks(query: WorkQuery, viewer: Viewer, personalFor: Viewer = viewer): Promise<WorksFound> {
    const visible = await this.forViewer(query, viewer, personalFor);
    const result = await searchWorksReading(
      this.store.db,
      this.searchProvider,
      visible,
      audienceOf(viewer),
      loadBlurbs,
    );
    return { query: visible, result, blurbs: result.works };
  }

  /**
   * Bookmarked works matching a query (the works index's filters) and their bookmarks that match the page's
   * filter: public ones, and on a member's own page their private ones too. A bookmark of a work this visitor
   * may not see in listings (hidden, a draft, members-only for a guest) is not shown.
   */
  async findBookmarks(query: WorkQuery, request: BookmarkRequest, viewer: Viewer): Promise<BookmarksFound> {
    const filter = bookmarkFilterFor(request, viewer);
    const found = await this.findWorks({ ...query, bookmarked: filter }, viewer);
    const ids = found.blurbs.map((blurb) => blurb.id);
    return { ...found, bookmarks: await bookmarksOfWorks(this.store.db, ids, filter, viewer) };
  }

  /** A work's public bookmarks, oldest first, when this viewer may read the work (see `work`). */
  async workBookmarks(id: number, viewer: Viewer): Promise<BookmarkView[] | undefined> {
    if (!(await this.mayRead(id, viewer))) return undefined;
    const filter = bookmarkFilterFor(
      { ownerId: null, workId: id, tags: [], rec: false, collectionId: null },
      viewer,
    );
    return bookmarksOfWorks(this.store.db, [id], filter, viewer);
  }

  /** A member's bookmarks of series this visitor may see (a series with no work they may see is left out). */
  async seriesBookmarks(
    request: BookmarkRequest & { ownerId: number },
    viewer: Viewer,
  ): Promise<SeriesBookmark[]> {
    return seriesBookmarksOf(
      this.store.db,
      { ...bookmarkFilterFor(request, viewer), ownerId: request.ownerId },
      viewer,
      await this.listing(viewer),
    );
  }

  /** How many works this visitor may find. */
  async countWorks(viewer: Viewer): Promise<number> {
    return (await this.search({ ...DEFAULT_QUERY, perPage: 1, facets: 0 }, viewer)).total;
  }

  /** The newest works this visitor may see, and how many they may see in all (the query has no filter). */
  async recentWorks(count: number, viewer: Viewer): Promise<{ blurbs: WorkBlurb[]; total: number }> {
    const { result, blurbs } = await this.findWorks({ ...DEFAULT_QUERY, perPage: count, facets: 0 }, viewer);
    return { blurbs, total: result.total };
  }

  /** Canonical tags of these kinds, counting only the works this visitor may find; most works first. */
  async tags(
    kinds: TagKind[],
    viewer: Viewer,
    limit?: number,
    personalFor: Viewer = viewer,
  ): Promise<TagCount[]> {
    return listTags(this.store.db, {
      ...(await this.listing(viewer, personalFor)),
      kinds,
      ...(limit === undefined ? {} : { limit }),
    });
  }

  /** A tag by name with the canonical tag it leads to; null when there is none. */
  tag(name: string): ReturnType<typeof findTagForPage> {
    return findTagForPage(this.store.db, name);
  }

  /** A creator's works this visitor may find, newest update first; null when no creator has that name. */
  async creatorWorks(
    name: string,
    page: { page: number; perPage: number },
    viewer: Viewer,
    personalFor: Viewer = viewer,
  ): Promise<{ total: number; blurbs: WorkBlurb[] } | null> {
    const found = await findCreatorWorkIds(this.store.db, name, {
      ...page,
      ...(await this.listing(viewer, personalFor)),
    });
    if (!found) return null;
    return { total: found.total, blurbs: await loadBlurbs(this.store.db, found.ids) };
  }

  /** Every creator with works this visitor may see, by name, with how many. */
  async creators(viewer: Viewer, personalFor: Viewer = viewer): Promise<CreatorCount[]> {
    return listCreators(this.store.db, await this.listing(viewer, personalFor));
  }

  /** Whether a creator of exactly this name exists (their page lists their works through `findWorks`). */
  creatorExists(name: string): Promise<boolean> {
    return creatorExists(this.store.db, name);
  }

  /** The languages of the works this visitor may see, most works first. */
  async languages(viewer: Viewer): Promise<{ code: string; count: number }[]> {
    const listing = await this.listing(viewer);
    // A member's own exclusions make a listing of their own: counted afresh, not kept.
    if (excludesAnything(listing.personal ?? null)) return listLanguages(this.store.db, listing);
    const key = JSON.stringify({ audience: listing.audience, hideExplicit: listing.hideExplicit });
    // A work's language, status or rating changing changes the archive version (not only the counts').
    const { archive: version } = await readArchiveVersions(this.store.db);
    const kept = this.languageCounts.get(key);
    if (kept?.version === version) return kept.languages;
    const languages = listLanguages(this.store.db, listing);
    this.languageCounts.set(key, { version, languages });
    languages.catch(() => this.languageCounts.delete(key));
    return languages;
  }

  /** Every series with works this visitor may see, by title. */
  async seriesList(viewer: Viewer): Promise<SeriesSummary[]> {
    return listSeries(this.store.db, await this.listing(viewer));
  }

  /** A series with the blurbs of its works in reading order; null when there is no such series. */
  async series(id: number, viewer: Viewer): Promise<SeriesWorks | null> {
    const found = await findSeries(this.store.db, id, await this.listing(viewer));
    if (!found) return null;
    const blurbs = await loadBlurbs(
      this.store.db,
      found.entries.map((entry) => entry.workId),
    );
    return { id: found.id, title: found.title, works: blurbs };
  }

  /** For each series a work is in: the works before and after it that this visitor may see. */
  async seriesNeighbours(work: WorkBlurb, viewer: Viewer): Promise<SeriesNeighbours[]> {
    const result: SeriesNeighbours[] = [];
    const listing = await this.listing(viewer);
    for (const part of work.series) {
      const found = await findSeries(this.store.db, part.id, listing);
      if (!found) continue;
      const at = found.entries.findIndex((entry) => entry.workId === work.id);
      const around = [found.entries[at - 1], found.entries[at + 1]].map((entry) =>
        at === -1 || !entry ? undefined : entry.workId,
      );
      const blurbs = await loadBlurbs(
        this.store.db,
        around.filter((id): id is number => id !== undefined),
      );
      const named = (id: number | undefined) => {
        const blurb = blurbs.find((candidate) => candidate.id === id);
        return blurb ? { id: blurb.id, title: blurb.title } : null;
      };
      result.push({
        id: found.id,
        title: found.title,
        position: part.position,
        previous: named(around[0]),
        next: named(around[1]),
      });
    }
    return result;
  }

  /**
   * What listings leave out for this viewer: unlisted works, Explicit ones when the site hides them, and what
   * a member excludes (`personalFor`'s, as in `forViewer`).
   */
  private async listing(viewer: Viewer, personalFor: Viewer = viewer): Promise<ListingOptions> {
    return {
      audience: audienceOf(viewer),
      hideExplicit: this.policy.hideExplicit,
      personal: await this.personal(personalFor),
    };
  }

  /**
   * A work's blurb, for its page: reachable by address whatever the listings hide (Explicit works on a site
   * that hides them), when the policy lets this viewer read it. Undefined when there is no such work or the
   * viewer may not know of it (a draft, a hidden work); a guest asking for a members-only work is asked to
   * log in. Given the chapter the page shows, its body may come with the work (see `chapters`).
   */
  async work(id: number, viewer: Viewer, chapter?: number): Promise<WorkSummary | undefined> {
    // The access comes with the summary's own row and creators, not from statements of its own.
    const found = await loadWorkStanding(this.store.db, id, chapter);
    if (!found) return undefined;
    const { summary, standing, body, community } = found;
    const access = readable(
      {
        kind: 'work',
        status: standing.status,
        restricted: standing.restricted,
        creatorUserIds: standing.creatorUserIds,
      },
      viewer,
    );
    if (!access) return undefined;
    const comments = { permission: standing.commentPermission, moderated: standing.commentsModerated };
    this.checked.set(summary, {
      viewer,
      access,
      comments,
      ...(chapter !== undefined && body !== undefined ? { chapter: { position: chapter, body } } : {}),
      ...(community ? { community: { page: chapter ?? 'full', read: community } } : {}),
    });
    return summary;
  }

  /**
   * A work's chapters, or one of them, when this viewer may read the work (see `work`). Given the summary
   * `work` returned for this viewer, neither the access nor the chapters' heads are read again.
   */
  async chapters(
    work: number | WorkSummary,
    viewer: Viewer,
    position?: number,
  ): Promise<ChapterView<StoredText>[]> {
    if (!(await this.knownAccess(work, viewer))) return [];
    if (typeof work === 'number') return loadChapters(this.store.db, work, position);
    // Given the summary, its heads, and the bodies as the page takes them (loadChapterPages); the chapter's
    // body too when `work` read it.
    const known = this.known(work, viewer)?.chapter;
    const body = known && known.position === position ? known.body : undefined;
    return loadChapterPages(this.store.db, work.id, position, work.chapterTitles, body);
  }

  /** A whole work, for a download, when this viewer may read it (see `work`). */
  async download(id: number, viewer: Viewer): Promise<WorkView | undefined> {
    if (!(await this.mayRead(id, viewer))) return undefined;
    return loadWork(this.store.db, id);
  }

  /** Whether `viewer` may read work `id`; false when there is none; throws NOT_LOGGED_IN for a guest at a members-only work. */
  private async mayRead(id: number, viewer: Viewer): Promise<boolean> {
    return (await this.readableAccess(id, viewer)) !== undefined;
  }

  /** The work as the policy sees it when `viewer` may read it, else undefined (see `mayRead`). */
  private async readableAccess(id: number, viewer: Viewer): Promise<WorkResource | undefined> {
    const access = await loadWorkAccess(this.store.db, id, { creators: viewer !== null });
    return access && readable(access, viewer);
  }

  /** The access `work` checked for this summary and viewer; for an id, checked now. */
  private knownAccess(work: number | WorkSummary, viewer: Viewer): Promise<WorkResource | undefined> {
    if (typeof work === 'number') return this.readableAccess(work, viewer);
    const known = this.accessChecked(work, viewer);
    return known ? Promise.resolve(known) : this.readableAccess(work.id, viewer);
  }

  /**
   * A work's kudos as this viewer sees them, and whether they may leave theirs (a guest's own kudos are known
   * from their guest cookie's secret, which a page shared by every guest must not be given).
   */
  kudos(
    id: number,
    viewer: Viewer,
    guestSecret?: string,
    // The summary `work` returned for this viewer: its access is not read again.
    work?: WorkSummary,
  ): Promise<KudosList & { canLeave: boolean; left: boolean }> {
    const known = work?.id === id ? this.known(work, viewer) : undefined;
    return kudosFor(this.store.db, viewer, id, guestSecret, known?.access, known?.community?.read.kudos);
  }

  /**
   * The comments a work's page shows this viewer: one chapter's, or the entire work's; a page of threads.
   * Given the summary `work` returned for this viewer, neither its access, its comment settings nor its
   * chapters are read again.
   */
  comments(
    id: number,
    viewer: Viewer,
    chapter: number | 'full',
    page = 1,
    work?: WorkSummary,
  ): Promise<CommentSection | null> {
    const known = work?.id === id ? this.known(work, viewer) : undefined;
    return commentsFor(
      this.store.db,
      viewer,
      id,
      chapter,
      page,
      known && work
        ? {
            access: known.access,
            comments: known.comments,
            chapters: work.chapterTitles,
            // Counted for the place `work` was asked for: the same chapter, or the entire work.
            ...(known.community?.page === chapter ? { guestCounts: known.community.read.guestCounts } : {}),
          }
        : undefined,
    );
  }

  /** What `work` checked for this summary and viewer, if it did. */
  private accessChecked(work: WorkSummary | undefined, viewer: Viewer): WorkResource | undefined {
    return this.known(work, viewer)?.access;
  }

  /** What `work` read and checked for this summary and viewer, if it did. */
  private known(work: WorkSummary | undefined, viewer: Viewer) {
    const known = work && this.checked.get(work);
    return known?.viewer === viewer ? known : undefined;
  }

  /**
   * What a work's page shows a member of their own reading: the read mark, Mark for Later, their bookmark.
   * Nothing for a guest, whose page is shared by every guest.
   */
  async reader(id: number, viewer: Viewer): Promise<{ mark: ReadingMark; bookmarkId: number | null } | null> {
    const mark = await readingMark(this.store.db, viewer, id);
    if (!viewer || !mark) return null;
    const own = await findOwnBookmark(this.store.db, viewer.userId, { workId: id });
    return { mark, bookmarkId: own?.id ?? null };
  }

  /** Whether a member follows this work, member, series or tag; null for a work not posted. */
  subscribed(
    kind: SubscriptionKind,
    id: number,
    viewer: Viewer,
    work?: WorkSummary,
  ): Promise<boolean | null> {
    return isSubscribed(this.store.db, viewer, kind, id, this.accessChecked(work, viewer)?.status);
  }

  /** Note that a member read a work's page (see community/reading.service.ts); guests have no history. */
  noteReading(id: number, viewer: Viewer, chapter: number | null): Promise<void> {
    return noteReading(this.store.db, viewer, id, chapter);
  }

  /**
   * What is kept from the catalog (rendered pages) is kept for one version: it goes up with any change to
   * works, tags or what readers counted (kudos, hits, bookmarks, comments).
   */
  version(): Promise<number> {
    return readPageVersion(this.store.db);
  }
}
