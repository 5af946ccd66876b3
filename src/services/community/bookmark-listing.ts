import type { Db } from '../../db/database.ts';
import type { ListingOptions } from '../../repositories/browse.repository.ts';
import {
  type BookmarkListing,
  type BookmarkView,
  listBookmarksOf,
  listSeriesBookmarkIds,
} from '../../repositories/community/bookmark.repository.ts';
import { findSeries } from '../../repositories/series.repository.ts';
import type { BookmarkFilter } from '../../search/work-query.ts';
import type { Actor } from '../accounts/actor.ts';
import { can } from '../accounts/policy.ts';

/** Which bookmarks a page asks for; whether private ones are included is decided here, not by the page. */
export type BookmarkRequest = Omit<BookmarkFilter, 'includePrivate'>;

/** A series bookmark as a listing shows it, with how many of the series' works this viewer may see. */
export interface SeriesBookmark {
  series: { id: number; title: string; works: number };
  bookmark: BookmarkView;
}

/** The filter as run for this viewer: a member sees their own private bookmarks on their own pages only. */
export function bookmarkFilterFor(request: BookmarkRequest, viewer: Actor): BookmarkFilter {
  return { ...request, includePrivate: viewer !== null && viewer.userId === request.ownerId };
}

/** What a listing shows of bookmarks: never a private one to anyone but its owner. */
export function visibleBookmarks(bookmarks: BookmarkView[], viewer: Actor): BookmarkView[] {
  return bookmarks.filter((bookmark) =>
    can(viewer, 'bookmark.read', {
      kind: 'bookmark',
      ownerUserId: bookmark.userId,
      private: bookmark.private,
    }),
  );
}

/** The bookmarks of the works a search found, in the filter's terms. */
export async function bookmarksOfWorks(
  db: Db,
  workIds: number[],
  filter: BookmarkFilter,
  viewer: Actor,
): Promise<BookmarkView[]> {
  const listing: BookmarkListing = {
    ownerId: filter.ownerId,
    includePrivate: filter.includePrivate,
    tags: filter.tags,
    rec: filter.rec,
    collectionId: filter.collectionId,
  };
  return visibleBookmarks(await listBookmarksOf(db, 'work', workIds, listing), viewer);
}

/** A member's bookmarks of series that have works this viewer may see, newest first. */
export async function seriesBookmarksOf(
  db: Db,
  filter: BookmarkFilter & { ownerId: number },
  viewer: Actor,
  listing: ListingOptions,
): Promise<SeriesBookmark[]> {
  const ids = await listSeriesBookmarkIds(db, filter.ownerId, filter.includePrivate);
  const bookmarks = visibleBookmarks(await listBookmarksOf(db, 'series', ids, filter), viewer);
  const result: SeriesBookmark[] = [];
  for (const id of ids) {
    const bookmark = bookmarks.find((candidate) => candidate.seriesId === id);
    if (!bookmark) continue;
    const series = await findSeries(db, id, listing);
    if (!series || series.entries.length === 0) continue;
    result.push({ series: { id, title: series.title, works: series.entries.length }, bookmark });
  }
  return result;
}
