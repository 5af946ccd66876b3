import type { CacheBudget } from '../../cache-budget.ts';
import type { Db, Dialect } from '../../db/database.ts';
import { readArchiveVersions } from '../../repositories/archive-version.ts';
import type { SearchProvider } from '../search-provider.ts';
import { FilterIndex } from './filter-index.ts';
import { TextCache } from './text-cache.ts';

/** While the archive keeps changing, reload at most once per this many load times. */
const RELOAD_SPACING = 4;

interface IndexState {
  index: FilterIndex | null;
  building: Promise<FilterIndex> | null;
  /** When the last load finished (performance.now()). */
  builtAt: number;
  /** A reordering of the count sorts under way (see `FilterIndex.withCurrentCounts`). */
  recounting: Promise<FilterIndex> | null;
  /** When the last reordering finished, and how long it took. */
  recountedAt: number;
  recountMs: number;
  /** The text matches every index of this database keeps, for its own version. */
  textCache: TextCache;
}

const states = new WeakMap<object, IndexState>();

/** A fresh state, its text matches counted in `budget` (else a bound of their own). */
function newState(budget?: CacheBudget): IndexState {
  return {
    index: null,
    building: null,
    builtAt: 0,
    recounting: null,
    recountedAt: 0,
    recountMs: 0,
    textCache: new TextCache(budget),
  };
}

/**
 * Count the text matches kept for this database's searches in `budget`, shared with the process's other
 * caches (a server's); without it they have a bound of their own. Drops the index loaded so far.
 */
export function keepTextWithin(db: Db, budget: CacheBudget): void {
  states.get(db)?.textCache.close();
  states.set(db, newState(budget));
}

/** What the search asking for the index needs of it. */
export interface IndexUse {
  /** It sorts by a count, so it waits for a reordering of the count sorts under way. */
  sortsByCount?: boolean;
  /** Where the counts are read for a reordering (off the request thread on SQLite; see text-thread.ts). */
  readNumbers?: SearchProvider['readNumbers'];
}

/**
 * The filter index for this database, loaded or reloaded when the archive has changed since (in this
 * process or another), or null when search should use SQL this time: inside a transaction (which may hold
 * changes of its own), or while changes come faster than reloads are worth (an import running), when
 * reloading at most every few load times keeps search correct without spending every cycle on reloads.
 *
 * When only counts changed (kudos, hits, bookmarks, comments: readers add them all the time) the index
 * keeps its filters and reorders only the count sorts, at most once per few reorder times; in between, a
 * sort by kudos may use orders a moment old (the counts shown come from the database, always current).
 * Only a search that `sortsByCount` waits for a reordering under way: the others' answers do not depend on
 * it, and at 100,000 works one takes a few hundred milliseconds.
 */
export async function currentFilterIndex(
  db: Db,
  dialect: Dialect,
  { sortsByCount = true, readNumbers }: IndexUse = {},
): Promise<FilterIndex | null> {
  if (db.isTransaction) return null;
  let state = states.get(db);
  if (!state) {
    state = newState();
    states.set(db, state);
  }
  const versions = await readArchiveVersions(db);
  const loaded = state.index;
  if (loaded && loaded.version === versions.archive) {
    if (loaded.countsVersion >= versions.counts) return loaded;
    const recounted = recount(db, state, loaded, readNumbers);
    return sortsByCount ? recounted : loaded;
  }
  if (!state.building) {
    if (loaded && performance.now() - state.builtAt < RELOAD_SPACING * loaded.buildMs) return null;
    const building = FilterIndex.load(db, dialect, state.textCache);
    state.building = building;
    const current = state;
    building.then(
      (index) => {
        current.index = index;
        current.building = null;
        current.builtAt = performance.now();
      },
      () => {
        current.building = null;
      },
    );
  }
  const index = await state.building;
  // The load read a snapshot taken after the version above: it holds every change made before this search.
  return index && index.version >= versions.archive ? index : null;
}

/** `loaded` with its count sorts reordered, or as it is while the last reordering is recent. */
function recount(
  db: Db,
  state: IndexState,
  loaded: FilterIndex,
  readNumbers: IndexUse['readNumbers'],
): Promise<FilterIndex> {
  if (state.recounting) return state.recounting;
  if (performance.now() - state.recountedAt < RELOAD_SPACING * state.recountMs)
    return Promise.resolve(loaded);
  const started = performance.now();
  const recounting = loaded.withCurrentCounts(db, readNumbers).then(
    (index) => {
      // A full reload that finished meanwhile is newer: keep it.
      if (state.index === loaded) state.index = index;
      return index;
    },
    // The counts could not be read: the orders as they were still answer every filter right.
    () => loaded,
  );
  state.recounting = recounting.finally(() => {
    state.recounting = null;
    state.recountedAt = performance.now();
    state.recountMs = state.recountedAt - started;
  });
  return state.recounting;
}

/** Forget the loaded index of a database (tests; a closed store). */
export function dropFilterIndex(db: Db): void {
  states.get(db)?.textCache.close();
  states.delete(db);
}
