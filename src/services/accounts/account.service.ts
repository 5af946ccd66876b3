import { Type } from '@sinclair/typebox';
import type { Role, UserRow } from '../../db/accounts.tables.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction, isUniqueViolation } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { parseInput } from '../../validate.ts';
import { ChangePasswordInput, Email, LogInInput, ResetPasswordInput, SignUpInput } from './account.schema.ts';
import type { Member } from './actor.ts';
import type { Mailer } from './mailer.ts';
import { suspensionEnd } from './policy.ts';
import { createPseud } from './pseud.service.ts';
import { hashPassword, hashSecret, newSecret, verifyNothing, verifyPassword } from './secrets.ts';
import { endOtherSessions, type StartedSession, startSession } from './session.service.ts';
import {
  findUserByEmail,
  findUserById,
  findUserByLogin,
  findUserByName,
  isCreatorNameUsed,
  toMember,
} from './user.repository.ts';

/** A reset link is good for an hour; an email change for a day. */
export const RESET_TOKEN_MINUTES = 60;
export const EMAIL_TOKEN_MINUTES = 24 * 60;

/** The same words for an unknown name and a wrong password, so a log in tells no one who has an account. */
const LOGIN_FAILED = 'The username or email and password do not match an account.';

/**
 * A new account with its default pseud (the username), able to log in at once. The first admin comes from
 * `quire admin create`, which passes `role`.
 */
export async function signUp(
  db: Db,
  input: unknown,
  options: { role?: Role; now?: Date } = {},
): Promise<Member> {
  const { username, email, password } = parseInput(SignUpInput, input);
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    if (await findUserByName(trx, username))
      throw new AppError('NAME_TAKEN', `The username "${username}" is taken.`);
    if (await findUserByEmail(trx, email))
      throw new AppError('NAME_TAKEN', `An account already uses ${email}. Log in, or reset its password.`);
    try {
      const user = await trx
        .insertInto('users')
        .values({
          name: username,
          email,
          password_hash: passwordHash,
          created_at: now.toISOString(),
          role: options.role ?? 'member',
          suspended_until: null,
          suspended_reason: null,
          password_changed_at: now.toISOString(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await createPseud(trx, user.id, username, { isDefault: true, now });
      return toMember(user, now);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('NAME_TAKEN', `The username or email is taken.`);
      throw error;
    }
  });
}

/**
 * Check a log in and start a session, ending the one the browser came with. An unknown name costs as much
 * time as a wrong password and gets the same error.
 */
export async function logIn(
  db: Db,
  input: unknown,
  options: { replacing?: string | null; now?: Date } = {},
): Promise<{ member: Member; session: StartedSession }> {
  const { login, password } = parseInput(LogInInput, input);
  const now = options.now ?? new Date();
  const user = await findUserByLogin(db, login);
  const matches = user?.password_hash
    ? await verifyPassword(user.password_hash, password)
    : await verifyNothing(password);
  if (!user || !matches) throw new AppError('LOGIN_FAILED', LOGIN_FAILED);
  const member = toMember(user, now);
  // Told only after the password matched: a suspension says nothing about an account to a stranger.
  if (member.suspended)
    throw new AppError(
      'SUSPENDED',
      `Your account is suspended until ${suspensionEnd(member)}${user.suspended_reason ? ` (${user.suspended_reason})` : ''}. You can log in again then.`,
    );
  const session = await startSession(db, user.id, { replacing: options.replacing ?? null, now });
  return { member, session };
}

async function requireUser(db: Db, userId: number): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError('NOT_LOGGED_IN', 'This account no longer exists. Log in again.');
  return user;
}

async function requirePassword(user: UserRow, password: string, field = 'currentPassword'): Promise<void> {
  if (!user.password_hash || !(await verifyPassword(user.password_hash, password)))
    throw new AppError('INVALID_INPUT', `${field}: the password is not right`);
}

/** Change a password; every other session of the member ends, and unused reset links stop working. */
export async function changePassword(
  db: Db,
  userId: number,
  input: unknown,
  options: { currentSession?: string | null; now?: Date } = {},
): Promise<void> {
  const { currentPassword, newPassword } = parseInput(ChangePasswordInput, input);
  const user = await requireUser(db, userId);
  await requirePassword(user, currentPassword);
  await setPassword(db, userId, newPassword, options.currentSession ?? null, options.now ?? new Date());
}

async function setPassword(
  db: Db,
  userId: number,
  password: string,
  keepSession: string | null,
  now: Date,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    await endOtherSessions(trx, userId, keepSession);
    await trx
      .deleteFrom('account_tokens')
      .where('user_id', '=', userId)
      .where('purpose', '=', 'password_reset')
      .where('used_at', 'is', null)
      .execute();
  });
}

async function issueToken(
  db: Db,
  userId: number,
  purpose: 'password_reset' | 'email_change',
  minutes: number,
  now: Date,
  newEmail: string | null = null,
): Promise<string> {
  const { secret, hash } = newSecret();
  await db
    .insertInto('account_tokens')
    .values({
      user_id: userId,
      purpose,
      token_hash: hash,
      new_email: newEmail,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + minutes * 60_000).toISOString(),
      used_at: null,
    })
    .execute();
  return secret;
}

/** Take a mailed token: unknown, used and expired ones fail alike; a good one works once. */
async function useToken(
  db: Db,
  secret: string,
  purpose: 'password_reset' | 'email_change',
  now: Date,
): Promise<{ userId: number; newEmail: string | null }> {
  const row = await db
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', hashSecret(secret))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at !== null || row.expires_at <= now.toISOString()) {
    throw new AppError(
      'INVALID_TOKEN',
      'This link is not valid any more: it was used already or it expired. Ask for a new one.',
    );
  }
  const taken = await db
    .updateTable('account_tokens')
    .set({ used_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  // Two requests with the same link at once: only one finds it unused.
  if (Number(taken.numUpdatedRows) !== 1)
    throw new AppError('INVALID_TOKEN', 'This link has just been used. Ask for a new one.');
  return { userId: row.user_id, newEmail: row.new_email };
}

/**
 * Mail a reset link to the account a log in names, if there is one. The caller says the same thing either
 * way ("if an account matches, we sent a link"), so the form tells no one who has an account.
 */
export async function requestPasswordReset(
  db: Db,
  mailer: Mailer,
  login: string,
  options: { baseUrl: string; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  const user = await findUserByLogin(db, String(login).slice(0, 254));
  if (!user?.email) return;
  const token = await issueToken(db, user.id, 'password_reset', RESET_TOKEN_MINUTES, now);
  await mailer.send(db, {
    to: user.email,
    subject: 'Reset your Quire password',
    text: [
      `Someone asked to reset the password of ${user.name}.`,
      `To choose a new one, open this link within ${RESET_TOKEN_MINUTES} minutes:`,
      `${options.baseUrl.replace(/\/$/, '')}/account/reset?token=${encodeURIComponent(token)}`,
      'If it was not you, ignore this message: your password stays as it is.',
    ].join('\n\n'),
  });
}

/** Set a new password with a mailed token; every session of the account ends. */
export async function resetPassword(db: Db, input: unknown, now = new Date()): Promise<Member> {
  const { token, newPassword } = parseInput(ResetPasswordInput, input);
  const { userId } = await inTransaction(db, (trx) => useToken(trx, token, 'password_reset', now));
  await setPassword(db, userId, newPassword, null, now);
  return toMember(await requireUser(db, userId), now);
}

const EmailChangeInput = Type.Object({
  password: Type.String({ minLength: 1, maxLength: 256, errorMessage: 'enter your password' }),
  newEmail: Email,
});

/** Mail a confirmation link to a new address; the address changes when the link is opened. */
export async function requestEmailChange(
  db: Db,
  mailer: Mailer,
  userId: number,
  input: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<void> {
  const { password, newEmail } = parseInput(EmailChangeInput, input);
  const now = options.now ?? new Date();
  const user = await requireUser(db, userId);
  await requirePassword(user, password, 'password');
  const owner = await findUserByEmail(db, newEmail);
  if (owner && owner.id !== userId) throw new AppError('NAME_TAKEN', `Another account uses ${newEmail}.`);
  const token = await issueToken(db, userId, 'email_change', EMAIL_TOKEN_MINUTES, now, newEmail);
  await mailer.send(db, {
    to: newEmail,
    subject: 'Confirm your new email address on Quire',
    text: [
      `${user.name} asked to use this address on Quire.`,
      'To confirm, open this link within a day:',
      `${options.baseUrl.replace(/\/$/, '')}/account/email/confirm?token=${encodeURIComponent(token)}`,
    ].join('\n\n'),
  });
}

/** Open a mailed email-change link: the account's address becomes the one it was sent to. */
export async function confirmEmailChange(db: Db, token: string, now = new Date()): Promise<string> {
  return inTransaction(db, async (trx) => {
    const { userId, newEmail } = await useToken(trx, String(token), 'email_change', now);
    if (!newEmail) throw new AppError('INVALID_TOKEN', 'This link does not name an address.');
    const owner = await findUserByEmail(trx, newEmail);
    if (owner && owner.id !== userId)
      throw new AppError('NAME_TAKEN', `Another account now uses ${newEmail}.`);
    await trx.updateTable('users').set({ email: newEmail }).where('id', '=', userId).execute();
    return newEmail;
  });
}

/** Give a member a role (`quire admin role`, or the admin pages). */
export async function setRole(db: Db, username: string, role: Role): Promise<Member> {
  const user = await findUserByName(db, username);
  if (!user) throw new AppError('NOT_FOUND', `There is no member named "${username}".`);
  await db.updateTable('users').set({ role }).where('id', '=', user.id).execute();
  return toMember({ ...user, role }, new Date());
}

/** Check a member's password (before deleting an account, for one). */
export async function confirmPassword(db: Db, userId: number, password: string): Promise<void> {
  await requirePassword(await requireUser(db, userId), String(password), 'password');
}

/** Whether a name can still be taken by a new member (for a sign-up form that says so early). */
export async function isUsernameFree(db: Db, username: string): Promise<boolean> {
  return !(await findUserByName(db, username)) && !(await isCreatorNameUsed(db, username));
}
