import { PeriodicCheckpoints } from '../db/checkpoints.ts';
import type { Store } from '../db/connect.ts';

/**
 * The checkpoints of an archive being served (db/checkpoints.ts), started once per server: by a cluster's
 * primary, which serves nothing itself, or by a server of one process. Null where there is nothing to copy:
 * PostgreSQL, or an SQLite archive served for reading only.
 */
export function startServingCheckpoints(
  store: Pick<Store, 'dialect' | 'location' | 'readOnly'>,
): PeriodicCheckpoints | null {
  return store.dialect === 'sqlite' && !store.readOnly ? PeriodicCheckpoints.start(store.location) : null;
}
