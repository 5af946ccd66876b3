import type { Db, Dialect } from '../../db/database.ts';
import { readArchiveVersion } from '../../repositories/archive-version.ts';
import { FilterIndex } from './filter-index.ts';

/** While the archive keeps changing, reload at most once per this many load times. */
const RELOAD_SPACING = 4;

interface IndexState {
  index: FilterIndex | null;
  building: Promise<FilterIndex> | null;
  /** When the last load finished (performance.now()). */
  builtAt: number;
}

const states = new WeakMap<object, IndexState>();

/**
 * The filter index for this database, loaded or reloaded when the archive has changed since (in this
 * process or another), or null when search should use SQL this time: inside a transaction (which may hold
 * changes of its own), or while changes come faster than reloads are worth (an import running), when
 * reloading at most every few load times keeps search correct without spending every cycle on reloads.
 */
export async function currentFilterIndex(db: Db, dialect: Dialect): Promise<FilterIndex | null> {
  if (db.isTransaction) return null;
  let state = states.get(db);
  if (!state) {
    state = { index: null, building: null, builtAt: 0 };
    states.set(db, state);
  }
  const version = await readArchiveVersion(db);
  if (state.index && state.index.version === version) return state.index;
  if (!state.building) {
    if (state.index && performance.now() - state.builtAt < RELOAD_SPACING * state.index.buildMs) return null;
    const building = FilterIndex.load(db, dialect);
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
  return index && index.version >= version ? index : null;
}

/** Forget the loaded index of a database (tests; a closed store). */
export function dropFilterIndex(db: Db): void {
  states.delete(db);
}
