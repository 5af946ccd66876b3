/**
 * Suspensions and roles, which admins give: a suspended member cannot log in (their sessions end at once),
 * post, comment or leave kudos until the suspension ends or an admin lifts it. Every change is audited.
 */
import { Type } from '@sinclair/typebox';
import type { UserRow } from '../../db/accounts.tables.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ROLES, type Role } from '../../domain/roles.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../repositories/moderation/audit.repository.ts';
import { parseInput } from '../../validate.ts';
import type { Actor, Member } from '../accounts/actor.ts';
import { authorize, SITE } from '../accounts/policy.ts';
import { findUserById, findUserByName, toMember } from '../accounts/user.repository.ts';

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

export const SuspensionInput = Type.Object({
  days: Type.Integer({
    minimum: 1,
    maximum: 3650,
    errorMessage: 'the suspension lasts 1 to 3650 days',
  }),
  note: Type.String({ maxLength: 2000, default: '', errorMessage: 'the note has at most 2000 characters' }),
});

/** A member as the admin's member page shows them. */
export interface MemberStanding {
  userId: number;
  name: string;
  role: Role;
  suspendedUntil: string | null;
  suspendedReason: string | null;
}

async function requireMember(db: Db, name: string): Promise<UserRow> {
  const user = await findUserByName(db, name);
  if (!user) throw new AppError('NOT_FOUND', `There is no member named "${name}".`);
  return user;
}

function standing(user: UserRow, now: Date): MemberStanding {
  const member = toMember(user, now);
  return {
    userId: user.id,
    name: user.name,
    role: user.role,
    suspendedUntil: member.suspended ? user.suspended_until : null,
    suspendedReason: member.suspended ? user.suspended_reason : null,
  };
}

/** A member's role and suspension, for an admin. */
export async function memberStanding(db: Db, actor: Actor, name: string, now = new Date()) {
  authorize(actor, 'member.manage', SITE, 'members');
  return standing(await requireMember(db, name), now);
}

/** The member a report of a member names, by number. */
export async function memberNameById(db: Db, userId: number): Promise<string | undefined> {
  return (await findUserById(db, userId))?.name;
}

/**
 * Suspend a member for a number of days: their sessions and access tokens stop working now. Admins are
 * not suspended (make them a member first: that, too, is audited), nor is one's own account.
 */
export async function suspendMember(
  db: Db,
  actor: Member,
  name: string,
  input: unknown,
  now = new Date(),
): Promise<MemberStanding> {
  authorize(actor, 'member.manage', SITE, 'members');
  const { days, note } = parseInput(SuspensionInput, input);
  return inTransaction(db, async (trx) => {
    const user = await requireMember(trx, name);
    if (user.id === actor.userId) throw new AppError('FORBIDDEN', 'You cannot suspend your own account.');
    if (user.role === 'admin')
      throw new AppError('FORBIDDEN', `${user.name} is an admin: make them a member before suspending them.`);
    const until = new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
    await trx
      .updateTable('users')
      .set({ suspended_until: until, suspended_reason: note.trim() || null })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'member.suspend',
        targetKind: 'member',
        targetId: user.id,
        targetLabel: user.name,
        note: `${days} day${days === 1 ? '' : 's'}, until ${until.slice(0, 16).replace('T', ' ')} UTC${note.trim() ? `: ${note.trim()}` : ''}`,
      },
      now,
    );
    return standing({ ...user, suspended_until: until, suspended_reason: note.trim() || null }, now);
  });
}

/** End a suspension before its time. */
export async function liftSuspension(
  db: Db,
  actor: Member,
  name: string,
  note: string,
  now = new Date(),
): Promise<MemberStanding> {
  authorize(actor, 'member.manage', SITE, 'members');
  return inTransaction(db, async (trx) => {
    const user = await requireMember(trx, name);
    if (!toMember(user, now).suspended) throw new AppError('INVALID_INPUT', `${user.name} is not suspended.`);
    await trx
      .updateTable('users')
      .set({ suspended_until: null, suspended_reason: null })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(
      trx,
      actor,
      { action: 'member.lift', targetKind: 'member', targetId: user.id, targetLabel: user.name, note },
      now,
    );
    return standing({ ...user, suspended_until: null, suspended_reason: null }, now);
  });
}

/**
 * Give a member a role (`quire admin role`, or the member page): audited like every moderation action. An
 * unknown role is refused, and so is taking the role from the last admin: no one could give it back but the
 * command line.
 */
export async function changeRole(
  db: Db,
  actor: Member,
  name: string,
  role: string,
  now = new Date(),
): Promise<MemberStanding> {
  authorize(actor, 'member.manage', SITE, 'members');
  if (!isRole(role)) throw new AppError('INVALID_INPUT', `role: one of ${ROLES.join(', ')}, not "${role}"`);
  return inTransaction(db, async (trx) => {
    const user = await requireMember(trx, name);
    if (user.role === role) return standing(user, now);
    if (user.role === 'admin') {
      const admins = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1)
        throw new AppError(
          'INVALID_INPUT',
          `role: ${user.name} is the last admin; make another member an admin first.`,
        );
    }
    await trx.updateTable('users').set({ role }).where('id', '=', user.id).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'member.role',
        targetKind: 'member',
        targetId: user.id,
        targetLabel: user.name,
        note: `${user.role} -> ${role}`,
      },
      now,
    );
    return standing({ ...user, role }, now);
  });
}
