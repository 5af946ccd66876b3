/**
 * The old archive's authors invited to claim their names: each creator a rescue made, whose old archive held
 * an address, gets the claim invitation of the accounts' claim flow (mailed, good for two weeks); whoever
 * opens it logged in gets the name and its works. Each address is mailed once, however often this runs.
 */
import type { Db } from '../../db/database.ts';
import { AppError, isAppError } from '../../errors.ts';
import { markLegacyCreatorInvited } from '../../repositories/legacy.repository.ts';
import type { Member } from '../accounts/actor.ts';
import { inviteClaim } from '../accounts/claim.service.ts';
import type { Mailer } from '../accounts/mailer.ts';
import { findUserByName, toMember } from '../accounts/user.repository.ts';

export interface InvitationSummary {
  invited: number;
  /** Names not invited, with why (no address, an address that is not one, already claimed). */
  skipped: { name: string; reason: string }[];
}

export async function inviteRescuedAuthors(
  db: Db,
  mailer: Mailer,
  actor: Member | null,
  options: { archive: string; baseUrl: string; now?: Date },
): Promise<InvitationSummary> {
  const now = options.now ?? new Date();
  const rows = await db
    .selectFrom('legacy_creators as l')
    .innerJoin('creators', 'creators.id', 'l.creator_id')
    .select(['l.creator_id', 'l.email', 'l.invited_at', 'creators.name', 'creators.pseud_id'])
    .where('l.archive', '=', options.archive)
    .orderBy('creators.name')
    .execute();
  const summary: InvitationSummary = { invited: 0, skipped: [] };
  for (const row of rows) {
    if (row.invited_at) continue;
    if (row.pseud_id !== null) {
      summary.skipped.push({ name: row.name, reason: 'already claimed' });
      continue;
    }
    if (!row.email) {
      summary.skipped.push({ name: row.name, reason: 'the old archive held no address' });
      continue;
    }
    try {
      await inviteClaim(db, mailer, actor, row.name, row.email, { baseUrl: options.baseUrl, now });
      await markLegacyCreatorInvited(db, row.creator_id, now.toISOString());
      summary.invited++;
    } catch (error) {
      if (!isAppError(error) || error.code === 'FORBIDDEN' || error.code === 'NOT_LOGGED_IN') throw error;
      summary.skipped.push({ name: row.name, reason: error.message });
    }
  }
  return summary;
}

/** The same, acting as the named member (the command line names the admin who sends the invitations). */
export async function inviteRescuedAuthorsAs(
  db: Db,
  mailer: Mailer,
  username: string,
  options: { archive: string; baseUrl: string; now?: Date },
): Promise<InvitationSummary> {
  const user = await findUserByName(db, username);
  if (!user) throw new AppError('NOT_FOUND', `There is no member named "${username}".`);
  return inviteRescuedAuthors(db, mailer, toMember(user, options.now ?? new Date()), options);
}
