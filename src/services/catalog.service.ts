import type { Store } from '../db/connect.ts';
import type { TagKind } from '../domain/tag-kinds.ts';
import type { Rating } from '../ingest/story.ts';
import { readArchiveVersion } from '../repositories/archive-version.ts';
import {
  type CreatorCount,
  creatorExists,
  findCreatorWorkIds,
  findTagForPage,
  listCreators,
  listLanguages,
  listTags,
  type TagCount,
} from '../repositories/browse.repository.ts';
import { findSeries, listSeries, type SeriesSummary } from '../repositories/series.repository.ts';
import { countWorks } from '../repositories/work.repository.ts';
import {
  type ChapterView,
  loadBlurbs,
  loadChapters,
  loadWork,
  type WorkBlurb,
  type WorkView,
} from '../repositories/work-view.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import type { SearchResult } from '../search/search-result.ts';
import { DEFAULT_QUERY, type WorkQuery } from '../search/work-query.ts';
import { searchWorks } from '../search/work-search.ts';

/** What the site lets visitors see: set by the archive's owner (`quire serve --hide-explicit`). */
export interface VisibilityPolicy {
  /** Keep Explicit works out of listings, counts and feeds (their own pages stay reachable by address). */
  hideExplicit: boolean;
}

/** A page of works found for a query, with the query as run (the site's exclusions added). */
export interface WorksFound {
  query: WorkQuery;
  result: SearchResult;
  blurbs: WorkBlurb[];
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
 * The archive as a visitor may see it. Every listing, count, feed, OPDS page, work page and download reads
 * works through here, so what a visitor may see is decided in one place: today the site's hide-Explicit
 * setting; restricted works, hidden works, muting and blocking belong here too.
 */
export class CatalogService {
  constructor(
    private readonly store: Store,
    private readonly searchProvider: SearchProvider,
    private readonly policy: VisibilityPolicy,
  ) {}

  /** The query with what this visitor may not see excluded. */
  visible(query: WorkQuery): WorkQuery {
    const hidden: Rating[] = this.policy.hideExplicit ? ['Explicit'] : [];
    if (hidden.length === 0) return query;
    return { ...query, excludeRatings: [...new Set([...query.excludeRatings, ...hidden])] };
  }

  /** The works matching a query that this visitor may see: one page of them, the total and facet counts. */
  search(query: WorkQuery): Promise<SearchResult> {
    return searchWorks(this.store.db, this.searchProvider, this.visible(query));
  }

  /** The same, with the page's blurbs and the query as run. */
  async findWorks(query: WorkQuery): Promise<WorksFound> {
    const visible = this.visible(query);
    const result = await searchWorks(this.store.db, this.searchProvider, visible);
    const blurbs = await loadBlurbs(
      this.store.db,
      result.works.map((work) => work.id),
    );
    return { query: visible, result, blurbs };
  }

  /** How many works this visitor may see. */
  async countWorks(): Promise<number> {
    if (!this.policy.hideExplicit) return countWorks(this.store.db);
    return (await this.search({ ...DEFAULT_QUERY, perPage: 1, facets: 0 })).total;
  }

  /** The newest works this visitor may see, and how many they may see in all (the query has no filter). */
  async recentWorks(count: number): Promise<{ blurbs: WorkBlurb[]; total: number }> {
    const { result, blurbs } = await this.findWorks({ ...DEFAULT_QUERY, perPage: count, facets: 0 });
    return { blurbs, total: result.total };
  }

  /** Canonical tags of these kinds, counting only the works this visitor may see; most works first. */
  tags(kinds: TagKind[], limit?: number): Promise<TagCount[]> {
    return listTags(this.store.db, {
      hideExplicit: this.policy.hideExplicit,
      kinds,
      ...(limit === undefined ? {} : { limit }),
    });
  }

  /** A tag by name with the canonical tag it leads to; null when there is none. */
  tag(name: string): ReturnType<typeof findTagForPage> {
    return findTagForPage(this.store.db, name);
  }

  /** A creator's works this visitor may see, newest update first; null when no creator has that name. */
  async creatorWorks(
    name: string,
    page: { page: number; perPage: number },
  ): Promise<{ total: number; blurbs: WorkBlurb[] } | null> {
    const found = await findCreatorWorkIds(this.store.db, name, {
      ...page,
      hideExplicit: this.policy.hideExplicit,
    });
    if (!found) return null;
    return { total: found.total, blurbs: await loadBlurbs(this.store.db, found.ids) };
  }

  /** Every creator with works this visitor may see, by name, with how many. */
  creators(): Promise<CreatorCount[]> {
    return listCreators(this.store.db, this.policy);
  }

  /** Whether a creator of exactly this name exists (their page lists their works through `findWorks`). */
  creatorExists(name: string): Promise<boolean> {
    return creatorExists(this.store.db, name);
  }

  /** The languages of the works this visitor may see, most works first. */
  languages(): Promise<{ code: string; count: number }[]> {
    return listLanguages(this.store.db, this.policy);
  }

  /** Every series with works this visitor may see, by title. */
  seriesList(): Promise<SeriesSummary[]> {
    return listSeries(this.store.db, this.policy);
  }

  /** A series with the blurbs of its works in reading order; null when there is no such series. */
  async series(id: number): Promise<SeriesWorks | null> {
    const found = await findSeries(this.store.db, id, this.policy);
    if (!found) return null;
    const blurbs = await loadBlurbs(
      this.store.db,
      found.entries.map((entry) => entry.workId),
    );
    return { id: found.id, title: found.title, works: blurbs };
  }

  /** For each series a work is in: the works before and after it that this visitor may see. */
  async seriesNeighbours(work: WorkBlurb): Promise<SeriesNeighbours[]> {
    const result: SeriesNeighbours[] = [];
    for (const part of work.series) {
      const found = await findSeries(this.store.db, part.id, this.policy);
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

  /** A work's blurb, for its page: reachable by address whatever the listings hide. */
  async work(id: number): Promise<WorkBlurb | undefined> {
    return (await loadBlurbs(this.store.db, [id]))[0];
  }

  /** A work's chapters, or one of them. */
  chapters(id: number, position?: number): Promise<ChapterView[]> {
    return loadChapters(this.store.db, id, position);
  }

  /** A whole work, for a download. */
  download(id: number): Promise<WorkView | undefined> {
    return loadWork(this.store.db, id);
  }

  /** The archive's change counter: what is kept from the catalog is kept for one version. */
  version(): Promise<number> {
    return readArchiveVersion(this.store.db);
  }
}
