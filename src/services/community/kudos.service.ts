import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import {
  hasKudos,
  insertKudos,
  type KudosGiver,
  type KudosList,
  listKudos,
} from '../../repositories/community/kudos.repository.ts';
import type { Actor } from '../accounts/actor.ts';
import { authorize, can, type WorkResource } from '../accounts/policy.ts';
import { hashSecret } from '../accounts/secrets.ts';
import { loadWorkAccess } from '../posting/work-store.repository.ts';

export type { KudosList };

/**
 * The giver: the member, or for a guest the hash of their guest cookie's secret (no address is kept, so a
 * guest who clears their cookies can leave kudos again, as on AO3 with a new address).
 */
function giverOf(actor: Actor, guestSecret: string | undefined): KudosGiver {
  if (actor) return { userId: actor.userId };
  if (!guestSecret)
    throw new AppError('INVALID_INPUT', 'Your browser did not keep the guest cookie kudos need.');
  return { guestKey: hashSecret(guestSecret) };
}

/**
 * Leave kudos on a work: once per member and once per guest, never on one's own work. Returns false when
 * this reader has left kudos here already.
 */
export async function leaveKudos(
  db: Db,
  actor: Actor,
  workId: number,
  guestSecret: string | undefined,
  now = new Date(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const work = await loadWorkAccess(trx, workId);
    if (!work) throw new AppError('NOT_FOUND', `There is no work ${workId} in this archive.`);
    authorize(actor, 'work.kudos', work, `work ${workId}`);
    return insertKudos(trx, workId, giverOf(actor, guestSecret), now.toISOString());
  });
}

/** What a work's page shows of its kudos, and whether this reader may still leave theirs. */
export async function kudosFor(
  db: Db,
  actor: Actor,
  workId: number,
  guestSecret: string | undefined,
  // A work page has loaded the work's access for this actor already.
  known?: WorkResource,
  // ...and on PostgreSQL the kudos, in the same statement.
  knownList?: KudosList,
): Promise<KudosList & { canLeave: boolean; left: boolean }> {
  const work = known ?? (await loadWorkAccess(db, workId));
  if (!work || !can(actor, 'work.read', work))
    return { members: [], guests: 0, canLeave: false, left: false };
  const list = knownList ?? (await listKudos(db, workId));
  const left = actor || guestSecret ? await hasKudos(db, workId, giverOf(actor, guestSecret)) : false;
  return { ...list, canLeave: can(actor, 'work.kudos', work) && !left, left };
}
