import { sql } from 'kysely';
import type { UserRow } from '../../db/accounts.tables.ts';
import type { Db } from '../../db/database.ts';
import type { Member } from './actor.ts';

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByName(db: Db, name: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** The account a log in names: by username, or by email address when it has an `@`. */
export async function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  const trimmed = login.trim();
  return trimmed.includes('@') ? findUserByEmail(db, trimmed) : findUserByName(db, trimmed);
}

/** Whether a pseud or creator name is in use, whatever its case. */
export async function isCreatorNameUsed(db: Db, name: string): Promise<boolean> {
  const lower = name.toLowerCase();
  const pseud = await db
    .selectFrom('pseuds')
    .select('id')
    .where(sql`lower(name)`, '=', lower)
    .executeTakeFirst();
  if (pseud) return true;
  const creator = await db
    .selectFrom('creators')
    .select('id')
    .where(sql`lower(name)`, '=', lower)
    .executeTakeFirst();
  return creator !== undefined;
}

/** A user row as the policy sees its owner. */
export function toMember(row: UserRow, now: Date): Member {
  return {
    userId: row.id,
    name: row.name,
    role: row.role,
    suspended: row.suspended_until !== null && row.suspended_until > now.toISOString(),
    suspendedUntil: row.suspended_until,
  };
}
