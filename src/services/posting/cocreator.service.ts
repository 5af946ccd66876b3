import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Member } from '../accounts/actor.ts';
import { authorize } from '../accounts/policy.ts';
import { loadWorkAccess } from './work-store.repository.ts';

export interface Invitation {
  id: number;
  workId: number;
  workTitle: string | null;
  pseud: string;
  invitedBy: string | null;
}

/**
 * Invite other members' pseuds to co-create a work: they appear among its creators only once they accept,
 * as on AO3. A pseud already a creator or already invited is left as it is.
 */
export async function inviteCocreators(
  db: Db,
  actor: Member | null,
  workId: number,
  pseudNames: readonly string[],
  now = new Date(),
): Promise<number> {
  const work = await loadWorkAccess(db, workId);
  if (!work) throw new AppError('NOT_FOUND', `There is no work ${workId}.`);
  authorize(actor, 'work.invite', work, `work ${workId}`);
  let invited = 0;
  for (const name of pseudNames) {
    const pseud = await db
      .selectFrom('pseuds')
      .select(['id', 'user_id', 'name'])
      .where(sql`lower(name)`, '=', name.trim().toLowerCase())
      .executeTakeFirst();
    if (!pseud) throw new AppError('INVALID_INPUT', `coCreators: there is no member writing as "${name}"`);
    if (work.creatorUserIds.includes(pseud.user_id)) continue;
    const result = await db
      .insertInto('cocreator_invitations')
      .values({
        work_id: workId,
        pseud_id: pseud.id,
        invited_by: actor?.userId ?? null,
        status: 'pending',
        created_at: now.toISOString(),
        answered_at: null,
      })
      .onConflict((conflict) => conflict.columns(['work_id', 'pseud_id']).doNothing())
      .executeTakeFirst();
    invited += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return invited;
}

/** The invitations waiting for a member's answer. */
export async function listInvitations(db: Db, userId: number): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('cocreator_invitations as i')
    .innerJoin('pseuds', 'pseuds.id', 'i.pseud_id')
    .innerJoin('works', 'works.id', 'i.work_id')
    .leftJoin('users as inviter', 'inviter.id', 'i.invited_by')
    .select(['i.id', 'i.work_id', 'works.title', 'pseuds.name as pseud', 'inviter.name as invited_by'])
    .where('pseuds.user_id', '=', userId)
    .where('i.status', '=', 'pending')
    .orderBy('i.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    workId: row.work_id,
    workTitle: row.title,
    pseud: row.pseud,
    invitedBy: row.invited_by,
  }));
}

/** Accept (the pseud becomes one of the work's creators) or decline an invitation. */
export async function answerInvitation(
  db: Db,
  actor: Member | null,
  invitationId: number,
  accept: boolean,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const invitation = await trx
      .selectFrom('cocreator_invitations as i')
      .innerJoin('pseuds', 'pseuds.id', 'i.pseud_id')
      .innerJoin('creators', 'creators.pseud_id', 'pseuds.id')
      .select(['i.id', 'i.work_id', 'i.status', 'pseuds.user_id', 'creators.id as creator_id'])
      .where('i.id', '=', invitationId)
      .executeTakeFirst();
    if (invitation?.status !== 'pending')
      throw new AppError('NOT_FOUND', `There is no open invitation ${invitationId}.`);
    authorize(
      actor,
      'invitation.answer',
      { kind: 'invitation', inviteeUserId: invitation.user_id },
      'invitation',
    );
    await trx
      .updateTable('cocreator_invitations')
      .set({ status: accept ? 'accepted' : 'declined', answered_at: now.toISOString() })
      .where('id', '=', invitationId)
      .execute();
    if (!accept) return;
    const last = await trx
      .selectFrom('work_creators')
      .select(sql<number>`coalesce(max(position), -1)`.as('position'))
      .where('work_id', '=', invitation.work_id)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('work_creators')
      .values({
        work_id: invitation.work_id,
        creator_id: invitation.creator_id,
        position: Number(last.position) + 1,
      })
      .onConflict((conflict) => conflict.columns(['work_id', 'creator_id']).doNothing())
      .execute();
  });
}
